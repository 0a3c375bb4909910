import type { Logger } from '../ports.js';

/**
 * The same logger with warnings written at debug level: for commands whose own report already
 * prints each failed feed once, so the terminal does not show every failure twice.
 */
export function demoteWarnings(logger: Logger): Logger {
  return {
    debug: (obj, msg) => logger.debug(obj, msg),
    info: (obj, msg) => logger.info(obj, msg),
    warn: (obj, msg) => logger.debug(obj, msg),
    error: (obj, msg) => logger.error(obj, msg),
    child: (bindings) => demoteWarnings(logger.child(bindings)),
  };
}
