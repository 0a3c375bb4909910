/**
 * Runs jobs one after another. Poll cycles, scheduled digests and `digest now` all touch cursors
 * and the delivery log; running them in turn keeps "select items, record the digest, move the
 * cursor" free of interleavings, and a poll never overlaps itself.
 */
export interface SerialQueue {
  /** Runs `job` after every job queued before it; resolves or rejects with its result. */
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Resolves when every job queued so far has finished. */
  idle(): Promise<void>;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(job) {
      const result = tail.then(job, job);
      tail = result.catch(() => undefined);
      return result;
    },
    idle() {
      return tail.then(() => undefined);
    },
  };
}
