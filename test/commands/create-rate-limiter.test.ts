import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/commands/create-rate-limiter.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 27, 8, 0, seconds));

describe('createRateLimiter', () => {
  it('allows the limit within the window, then says how long to wait, per key', () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000 });
    expect(limiter.take('a', at(0))).toEqual({ allowed: true });
    expect(limiter.take('a', at(10))).toEqual({ allowed: true });
    expect(limiter.take('a', at(20))).toEqual({ allowed: false, retryAfterMs: 40_000 });
    expect(limiter.take('b', at(20))).toEqual({ allowed: true });
    expect(limiter.take('a', at(60))).toEqual({ allowed: true });
    expect(limiter.take('a', at(61))).toEqual({ allowed: false, retryAfterMs: 9_000 });
  });

  it('forgets the least recently used keys beyond its size', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 2 });
    limiter.take('a', at(0));
    limiter.take('b', at(1));
    limiter.take('c', at(2));
    expect(limiter.take('a', at(3))).toEqual({ allowed: true });
    expect(limiter.take('c', at(4)).allowed).toBe(false);
  });
});
