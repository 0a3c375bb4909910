/** Shared set-up for the Discord tests: a fake Discord, a started platform, recording parts. */
import type {
  ChatPlatform,
  CommandHandler,
  CommandReply,
  CommandRequest,
  CompletionChoice,
  CompletionRequest,
  Logger,
} from '../../src/ports.js';
import { createDiscordPlatform } from '../../adapters/discord/discord-platform.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/fake-discord.js';

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly obj: object;
  readonly msg: string | undefined;
}

/** A logger that keeps what it is given, so tests can assert that failures were logged. */
export function createRecordingLogger(entries: LogEntry[] = []): Logger & { entries: LogEntry[] } {
  const make = (bindings: Record<string, unknown>): Logger & { entries: LogEntry[] } => ({
    entries,
    debug: (obj, msg) => entries.push({ level: 'debug', obj: { ...bindings, ...obj }, msg }),
    info: (obj, msg) => entries.push({ level: 'info', obj: { ...bindings, ...obj }, msg }),
    warn: (obj, msg) => entries.push({ level: 'warn', obj: { ...bindings, ...obj }, msg }),
    error: (obj, msg) => entries.push({ level: 'error', obj: { ...bindings, ...obj }, msg }),
    child: (more) => make({ ...bindings, ...more }),
  });
  return make({});
}

/** A small working CommandHandler: answers with `answer`, records every request. */
export function createRecordingHandler(
  answer: (request: CommandRequest) => Promise<CommandReply> | CommandReply,
  complete: (request: CompletionRequest) => readonly CompletionChoice[] = () => [],
): CommandHandler & { requests: CommandRequest[]; completions: CompletionRequest[] } {
  const requests: CommandRequest[] = [];
  const completions: CompletionRequest[] = [];
  return {
    requests,
    completions,
    async handle(request) {
      requests.push(request);
      return answer(request);
    },
    async complete(request) {
      completions.push(request);
      return complete(request);
    },
  };
}

export interface StartedBot {
  readonly fake: FakeDiscord;
  readonly platform: ChatPlatform;
  readonly logger: Logger & { entries: LogEntry[] };
  stop(): Promise<void>;
}

export async function startBot(
  handler: CommandHandler,
  options: { guildCommands?: boolean; deferAfterMs?: number; fake?: FakeDiscord } = {},
): Promise<StartedBot> {
  const fake = options.fake ?? (await startFakeDiscord());
  const logger = createRecordingLogger();
  const platform = createDiscordPlatform(
    {
      token: fake.token,
      applicationId: fake.applicationId,
      apiUrl: fake.apiUrl,
      ...(options.guildCommands === false ? {} : { guildId: fake.guild.id }),
    },
    { logger, deferAfterMs: options.deferAfterMs ?? 1500, shutdownTimeoutMs: 1000 },
  );
  platform.onCommand(handler);
  await platform.start();
  return {
    fake,
    platform,
    logger,
    async stop() {
      await platform.stop();
      await fake.close();
    },
  };
}

export function textReply(text: string, visibility: CommandReply['visibility'] = 'ephemeral'): CommandReply {
  return { message: { text, cards: [] }, visibility };
}
