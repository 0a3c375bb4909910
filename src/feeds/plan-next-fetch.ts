/**
 * When to fetch a feed again. A healthy feed waits its interval, longer when the publisher asks
 * for it (Cache-Control max-age, RSS <ttl>), never shorter. A failing feed backs off
 * exponentially from its interval with jitter (so feeds that failed together do not retry
 * together), and waits at least as long as a Retry-After header says.
 */

const minuteMs = 60_000;
/** Longest wait, whatever the hints or failures: a feed is looked at least daily. */
export const maxDelayMs = 24 * 60 * minuteMs;
/** Jitter spreads a delay over ±20 %. */
const jitterSpread = 0.2;

export interface NextFetchInput {
  readonly now: Date;
  readonly intervalMinutes: number;
  readonly outcome: 'ok' | 'not-modified' | 'failed';
  /** Consecutive failures including this one (0 after a success). */
  readonly failureCount: number;
  readonly maxAgeSeconds?: number;
  readonly ttlMinutes?: number;
  /** Raw Retry-After header (seconds or an HTTP date). */
  readonly retryAfter?: string;
  /** Uniform random number in [0, 1); injected so tests are deterministic. */
  readonly random: () => number;
}

/** Retry-After as milliseconds from `now`, when it is valid. */
export function readRetryAfterMs(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

export function planNextFetch(input: NextFetchInput): Date {
  const intervalMs = Math.max(1, input.intervalMinutes) * minuteMs;
  let delayMs: number;
  if (input.outcome === 'failed') {
    const exponent = Math.min(Math.max(input.failureCount, 1) - 1, 16);
    const backoff = Math.min(intervalMs * 2 ** exponent, maxDelayMs);
    delayMs = backoff * (1 - jitterSpread + 2 * jitterSpread * input.random());
  } else {
    const hints = [
      input.maxAgeSeconds === undefined ? 0 : input.maxAgeSeconds * 1000,
      (input.ttlMinutes ?? 0) * minuteMs,
    ];
    delayMs = Math.max(intervalMs, ...hints);
  }
  const retryAfterMs = readRetryAfterMs(input.retryAfter, input.now);
  if (retryAfterMs !== undefined) delayMs = Math.max(delayMs, retryAfterMs);
  delayMs = Math.min(delayMs, maxDelayMs);
  return new Date(input.now.getTime() + Math.round(delayMs));
}
