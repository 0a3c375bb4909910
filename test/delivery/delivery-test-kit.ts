/** Protocol-level fakes for delivery tests: a platform that records posts and can fail, a logger that records. */
import type { Message, PlatformName, PostTarget } from '../../src/model.js';
import type { ChatPlatform, Logger } from '../../src/ports.js';

export interface RecordedPost {
  readonly target: PostTarget;
  readonly message: Message;
  readonly idempotencyKey: string;
}

export interface RecordingPlatform extends ChatPlatform {
  readonly posts: RecordedPost[];
  /** The next `count` posts throw `error`. */
  failNext(count: number, error?: string): void;
}

export function createRecordingPlatform(name: PlatformName = 'console'): RecordingPlatform {
  const posts: RecordedPost[] = [];
  let failures = 0;
  let failure = 'platform unavailable';
  return {
    name,
    posts,
    failNext(count, error = 'platform unavailable') {
      failures = count;
      failure = error;
    },
    async post(target, message, { idempotencyKey }) {
      if (failures > 0) {
        failures--;
        throw new Error(failure);
      }
      posts.push({ target, message, idempotencyKey });
      return `m${posts.length}`;
    },
    onCommand() {},
    async start() {},
    async stop() {},
  };
}

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly obj: object;
  readonly msg?: string;
}

export function createRecordingLogger(entries: LogEntry[] = []): Logger & { entries: LogEntry[] } {
  const make = (bindings: object): Logger & { entries: LogEntry[] } => {
    const log = (level: LogEntry['level']) => (obj: object, msg?: string) => {
      entries.push({ level, obj: { ...bindings, ...obj }, ...(msg === undefined ? {} : { msg }) });
    };
    return {
      entries,
      debug: log('debug'),
      info: log('info'),
      warn: log('warn'),
      error: log('error'),
      child: (more) => make({ ...bindings, ...more }),
    };
  };
  return make({});
}

/** A clock the test moves by hand. */
export function createManualClock(start: string): {
  now: () => Date;
  set(iso: string): void;
  advanceMs(ms: number): void;
} {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(iso) {
      current = new Date(iso);
    },
    advanceMs(ms) {
      current = new Date(current.getTime() + ms);
    },
  };
}
