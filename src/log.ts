/**
 * Structured logging with pino: JSON lines on stderr, human-readable when stderr is a terminal.
 * Secrets are redacted by key and, as a second line of defence, by value wherever they appear.
 */
import pino from 'pino';
import pretty from 'pino-pretty';
import type { Logger } from './ports.js';

const redactedKeys = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'authorization',
  'Authorization',
  'password',
  'headers.authorization',
  'headers.Authorization',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.authorization',
  '*.password',
  '*.headers.authorization',
  '*.headers.Authorization',
];

export interface LoggerOptions {
  readonly level: string;
  /** Human-readable output (for a terminal). */
  readonly pretty: boolean;
  /** Secret values that must never appear in a log line, whatever key they hide under. */
  readonly secrets?: readonly string[];
  readonly destination?: NodeJS.WritableStream;
}

function scrub(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') {
    let out = value;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    return out;
  }
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: scrub(value.message, secrets), stack: scrub(value.stack, secrets) };
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, secrets, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, secrets, depth + 1)]));
}

export function createLogger(options: LoggerOptions): Logger {
  // Short secrets would redact ordinary words; tokens and signing secrets are long.
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 8);
  const destination = options.destination ?? process.stderr;
  const stream = options.pretty
    ? pretty({ destination, colorize: 'isTTY' in destination && Boolean(destination.isTTY), sync: true })
    : destination;
  return pino(
    {
      level: options.level,
      base: { name: 'news-digest' },
      redact: { paths: redactedKeys, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
      formatters:
        secrets.length > 0 ? { log: (object) => scrub(object, secrets) as Record<string, unknown> } : {},
      hooks:
        secrets.length > 0
          ? {
              logMethod(args, method) {
                method.apply(this, args.map((a) => scrub(a, secrets)) as Parameters<typeof method>);
              },
            }
          : {},
    },
    stream,
  ) as unknown as Logger;
}

/** A logger that drops everything, for tests and quiet commands. */
export const silentLogger: Logger = pino({ level: 'silent' }) as unknown as Logger;
