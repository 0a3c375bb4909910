/**
 * Limits requests in flight: at most `total` at once, and at most `perKey` for one key (a host).
 * Waiters are served first come, first served, skipping those whose host is still full.
 */
export interface ConcurrencyLimiter {
  /** Runs `task` once a slot for `key` is free; the slot is released when the task settles. */
  run<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  readonly active: number;
  readonly waiting: number;
}

interface Waiter {
  readonly key: string;
  readonly start: () => void;
}

export function createConcurrencyLimiter(limits: { total: number; perKey: number }): ConcurrencyLimiter {
  const total = Math.max(1, limits.total);
  const perKey = Math.max(1, limits.perKey);
  let active = 0;
  const activeByKey = new Map<string, number>();
  const queue: Waiter[] = [];

  const canStart = (key: string): boolean => active < total && (activeByKey.get(key) ?? 0) < perKey;
  const acquire = (key: string): void => {
    active += 1;
    activeByKey.set(key, (activeByKey.get(key) ?? 0) + 1);
  };
  const release = (key: string): void => {
    active -= 1;
    const left = (activeByKey.get(key) ?? 1) - 1;
    if (left === 0) activeByKey.delete(key);
    else activeByKey.set(key, left);
    for (let i = 0; i < queue.length && active < total;) {
      const waiter = queue[i];
      if (waiter !== undefined && canStart(waiter.key)) {
        queue.splice(i, 1);
        acquire(waiter.key);
        waiter.start();
      } else {
        i += 1;
      }
    }
  };

  return {
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    run<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const start = (): void => {
          signal?.removeEventListener('abort', onAbort);
          task().then(
            (value) => {
              release(key);
              resolve(value);
            },
            (error: unknown) => {
              release(key);
              reject(error);
            },
          );
        };
        const waiter: Waiter = { key, start };
        const onAbort = (): void => {
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted while waiting'));
        };
        if (signal?.aborted) {
          onAbort();
          return;
        }
        if (canStart(key)) {
          acquire(key);
          start();
        } else {
          signal?.addEventListener('abort', onAbort, { once: true });
          queue.push(waiter);
        }
      });
    },
  };
}
