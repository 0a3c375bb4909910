/**
 * The console platform under the ChatPlatform contract: it writes to a stream that keeps each
 * write, and reads command lines from a stream the test writes to, as a terminal would.
 */
import { PassThrough, Writable } from 'node:stream';
import { createConsolePlatform } from '../../adapters/console/console-platform.js';
import type { ChatPlatform, CommandHandler } from '../../src/ports.js';
import type {
  ChatPlatformHarness,
  ContractCommand,
  DeliveredMessage,
  DeliveredTarget,
} from '../contracts/chat-platform-harness.js';

const postHeading = /^--- ([#@])(.*) ---\n/;
// eslint-disable-next-line no-control-regex -- a terminal acts on these: they must never be printed
const terminalControls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

export async function startConsoleHarness(handler: CommandHandler): Promise<ChatPlatformHarness> {
  const writes: string[] = [];
  const out = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      writes.push(String(chunk));
      callback();
    },
  });
  const input = new PassThrough();
  const started: ChatPlatform[] = [];
  const platform = createConsolePlatform({ out, in: input, channelId: 'terminal', userId: 'reader' });
  platform.onCommand(handler);
  await platform.start();
  started.push(platform);

  const posts = (): Array<{ target: DeliveredTarget; text: string }> =>
    writes.flatMap((write) => {
      const heading = postHeading.exec(write);
      if (!heading) return [];
      const id = heading[2] ?? '';
      const target: DeliveredTarget =
        heading[1] === '#' ? { kind: 'channel', channelId: id } : { kind: 'dm', userId: id };
      return [{ target, text: write.slice(heading[0].length) }];
    });

  return {
    platform,
    channelId: 'terminal',
    fallbackChannelId: 'alerts',
    refusingChannelId: undefined,
    userId: 'reader',
    closedDmUserId: undefined,
    idempotency: 'process',
    loseNextPostResponse: undefined,
    commandChannelId: 'terminal',
    commandUserId: 'reader',
    // The person at the terminal runs the bot.
    commandUserCanManage: true,
    observer: {
      // A terminal has no mentions: nothing it prints can notify anyone.
      delivered: (): DeliveredMessage[] => posts().map((post) => ({ ...post, pings: [] })),
      replies: (): DeliveredMessage[] =>
        writes
          .filter((write) => !postHeading.test(write))
          .map((text) => ({ target: { kind: 'channel', channelId: 'terminal' }, text, pings: [] })),
      violations: () =>
        writes
          .filter((write) => terminalControls.test(write))
          .map((write) => `control character printed in: ${JSON.stringify(write.slice(0, 80))}`),
    },
    async startAnother() {
      const another = createConsolePlatform({ out, channelId: 'terminal', userId: 'reader' });
      await another.start();
      started.push(another);
      return another;
    },
    async sendCommand(command: ContractCommand) {
      const before = writes.length;
      const words = [command.name, command.subcommand, command.text].filter((word) => word !== undefined);
      input.write(`/${words.join(' ')}\n`);
      const deadline = Date.now() + 5000;
      while (writes.length === before) {
        if (Date.now() > deadline) throw new Error(`console: no reply to /${command.name}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async close() {
      for (const instance of started) await instance.stop();
      input.end();
    },
  };
}
