import type { CommandHandler, CommandReply, CommandRequest, CompletionChoice } from '../../src/ports.js';

/** The command handler the contract registers: records requests, answers with `reply`. */
export class RecordingCommandHandler implements CommandHandler {
  readonly requests: CommandRequest[] = [];
  reply: CommandReply = { message: { text: 'ok', cards: [] }, visibility: 'ephemeral' };

  async handle(request: CommandRequest): Promise<CommandReply> {
    this.requests.push(request);
    return this.reply;
  }

  async complete(): Promise<readonly CompletionChoice[]> {
    return [];
  }
}
