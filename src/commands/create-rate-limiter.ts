/**
 * A sliding-window limit per key (a user), kept in memory by one command handler. It stops one
 * person from using `/summary <url>` as a fetching proxy; a restart forgets it, which is fine for
 * that purpose.
 */

export type RateDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

export interface RateLimiter {
  /** Counts one use by `key` at `now` when within the limit; otherwise says how long to wait. */
  take(key: string, now: Date): RateDecision;
}

export function createRateLimiter(options: {
  limit: number;
  windowMs: number;
  maxKeys?: number;
}): RateLimiter {
  const maxKeys = options.maxKeys ?? 10_000;
  const uses = new Map<string, number[]>();
  return {
    take(key, now) {
      const at = now.getTime();
      const recent = (uses.get(key) ?? []).filter((t) => t > at - options.windowMs && t <= at);
      if (recent.length >= options.limit) {
        uses.set(key, recent);
        const oldest = recent[0] ?? at;
        return { allowed: false, retryAfterMs: Math.max(1000, oldest + options.windowMs - at) };
      }
      recent.push(at);
      uses.delete(key);
      uses.set(key, recent);
      // Maps iterate in insertion order: the first key is the one used longest ago.
      if (uses.size > maxKeys) {
        const stalest = uses.keys().next().value;
        if (stalest !== undefined) uses.delete(stalest);
      }
      return { allowed: true };
    },
  };
}
