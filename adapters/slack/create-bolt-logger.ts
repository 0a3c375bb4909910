/**
 * Bolt and WebClient log through `@slack/logger`'s interface (variadic strings, a level, a name);
 * this forwards them to the project's structured logger.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';

import type { Logger } from '../../src/ports.js';

const ORDER: readonly LogLevel[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

function describe(parts: readonly unknown[]): { msg: string; err?: unknown } {
  const err = parts.find((p) => p instanceof Error);
  const msg = parts
    .filter((p) => p !== err)
    .map((p) => (typeof p === 'string' ? p : JSON.stringify(p)))
    .join(' ');
  return err === undefined ? { msg } : { msg, err };
}

export function createBoltLogger(logger: Logger, initialLevel: LogLevel = LogLevel.INFO): BoltLogger {
  let level = initialLevel;
  let target = logger;
  const emit = (at: LogLevel, parts: unknown[]): void => {
    if (ORDER.indexOf(at) < ORDER.indexOf(level)) return;
    const { msg, err } = describe(parts);
    const obj = err === undefined ? {} : { err };
    if (at === LogLevel.DEBUG) target.debug(obj, msg);
    else if (at === LogLevel.INFO) target.info(obj, msg);
    else if (at === LogLevel.WARN) target.warn(obj, msg);
    else target.error(obj, msg);
  };
  return {
    debug: (...msg: unknown[]) => emit(LogLevel.DEBUG, msg),
    info: (...msg: unknown[]) => emit(LogLevel.INFO, msg),
    warn: (...msg: unknown[]) => emit(LogLevel.WARN, msg),
    error: (...msg: unknown[]) => emit(LogLevel.ERROR, msg),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (name: string) => {
      target = logger.child({ component: name });
    },
  };
}
