/**
 * What every CLI subcommand receives from `main.ts` (the composition root): streams, validated
 * settings, a store, a logger and a clock. Subcommands live in `src/cli/*-command.ts` and export a
 * `register…Command(program, runtime)` function.
 */
import type { Readable, Writable } from 'node:stream';
import type { Clock, Logger, Store } from '../ports.js';
import type { Settings } from '../settings.js';

export interface CliStreams {
  readonly stdout: Writable & { readonly isTTY?: boolean };
  readonly stderr: Writable & { readonly isTTY?: boolean };
  readonly stdin: Readable;
}

export interface CliRuntime {
  readonly io: CliStreams;
  /** Loads `--config FILE` (or config/default.yaml) plus environment; throws ConfigError when invalid. */
  settings(): Promise<Settings>;
  /** Opens the configured store, running migrations. The caller closes it. */
  openStore(settings: Settings): Promise<Store>;
  /** A logger at the configured level; JSON, or human-readable on a terminal. Secrets redacted. */
  logger(settings: Settings): Logger;
  readonly now: Clock;
}

/** Exit codes every subcommand uses: 0 ok, 1 runtime failure, 2 usage or configuration error. */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;

/** Thrown for bad command-line usage; main.ts prints the message and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
