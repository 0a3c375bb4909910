/**
 * The terminal as a chat platform: posts are printed as readable text (and kept in `posts` for
 * tests), and lines typed on `in` such as `/summary ai chips` or `/digest now` go to the command
 * handler, whose reply is printed. Used by `serve` without platform tokens and by `digest --once`.
 *
 * Idempotency: the platform remembers the keys it has posted in this process and does not print a
 * repeat; across restarts the delivery log prevents repeats.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Message, PostTarget } from '../../src/model.js';
import type { ChatPlatform, CommandHandler, CommandRequest } from '../../src/ports.js';
import { findCommandSpec } from '../../src/commands/command-catalogue.js';
import { renderMessageText } from '../../src/digest/render-message-text.js';

export interface ConsolePost {
  readonly target: PostTarget;
  readonly message: Message;
  readonly idempotencyKey: string;
  readonly id: string;
}

export interface ConsolePlatform extends ChatPlatform {
  /** Everything posted, in order (for tests and `--json`). */
  readonly posts: readonly ConsolePost[];
}

export interface ConsolePlatformOptions {
  readonly out: Writable;
  /** Lines of commands; without it the platform only prints. */
  readonly in?: Readable;
  /** The channel commands typed on `in` come from (default "console"). */
  readonly channelId?: string;
  readonly userId?: string;
}

const maxRememberedKeys = 10_000;

export function createConsolePlatform(options: ConsolePlatformOptions): ConsolePlatform {
  const posts: ConsolePost[] = [];
  // Keys posted in this process, oldest first, bounded so a long `serve` does not grow without end;
  // across restarts the store's delivery log is what prevents repeats.
  const postedKeys = new Map<string, string>();
  const postsInFlight = new Map<string, Promise<string>>();
  let nextPostNumber = 1;
  const channelId = options.channelId ?? 'console';
  const userId = options.userId ?? 'console-user';
  let handler: CommandHandler | undefined;
  let reader: ReturnType<typeof createInterface> | undefined;
  let pending = Promise.resolve();

  const write = (text: string): Promise<void> =>
    new Promise((resolve, reject) => {
      options.out.write(text, (err) => (err ? reject(err) : resolve()));
    });

  const answer = async (line: string): Promise<void> => {
    const request = parseCommandLine(line, { channelId, userId });
    if (!request) return;
    if (!handler) {
      await write('No command handler is registered.\n');
      return;
    }
    try {
      const reply = await handler.handle(request);
      await write(renderMessageText(reply.message));
    } catch (err) {
      await write(`Command /${request.name} failed: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  };

  return {
    name: 'console',
    posts,
    async post(target, message, { idempotencyKey }) {
      const already = postedKeys.get(idempotencyKey) ?? postsInFlight.get(idempotencyKey);
      if (already !== undefined) return already;
      // Claimed before writing, so a second post of the same key started meanwhile waits for this one.
      const id = `console-${nextPostNumber++}`;
      const where = target.kind === 'channel' ? `#${target.channelId}` : `@${target.userId}`;
      const posting = write(`--- ${where} ---\n${renderMessageText(message)}`).then(() => {
        posts.push({ target, message, idempotencyKey, id });
        postedKeys.set(idempotencyKey, id);
        if (postedKeys.size > maxRememberedKeys) postedKeys.delete(postedKeys.keys().next().value as string);
        return id;
      });
      postsInFlight.set(idempotencyKey, posting);
      try {
        return await posting;
      } finally {
        postsInFlight.delete(idempotencyKey);
      }
    },
    onCommand(commandHandler) {
      handler = commandHandler;
    },
    async start() {
      if (!options.in || reader) return;
      reader = createInterface({ input: options.in, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
      reader.on('line', (line) => {
        // Answer in the order typed, one at a time.
        pending = pending.then(() => answer(line)).catch(() => undefined);
      });
    },
    async stop() {
      reader?.close();
      reader = undefined;
      await pending;
    },
  };
}

/** `/digest schedule 0 8 * * * Europe/Paris` → name, subcommand (when the command has it), text. */
export function parseCommandLine(
  line: string,
  context: { readonly channelId: string; readonly userId: string },
): CommandRequest | undefined {
  const match = /^\s*\/(\S+)\s*(.*)$/su.exec(line);
  if (!match) return undefined;
  const name = (match[1] as string).toLowerCase();
  let text = (match[2] as string).trim();
  let subcommand: string | undefined;
  const spec = findCommandSpec(name);
  if (spec && spec.subcommands.length > 0) {
    const first = /^(\S+)\s*(.*)$/su.exec(text);
    const candidate = first?.[1]?.toLowerCase();
    if (candidate && spec.subcommands.some((sub) => sub.name === candidate)) {
      subcommand = candidate;
      text = (first?.[2] ?? '').trim();
    }
  }
  return {
    platform: 'console',
    name,
    ...(subcommand === undefined ? {} : { subcommand }),
    text,
    channelId: context.channelId,
    userId: context.userId,
    // The person at the terminal runs the bot: they manage its console channel.
    userCanManageChannel: true,
  };
}
