/**
 * The delivery worker: posts every due pending delivery of the store's delivery log through its
 * platform, with the record's key as idempotency key, then marks it delivered. A failed post is
 * retried with exponential backoff (30 s, 1 min, 2 min, … up to 1 h) and marked failed after
 * `maxAttempts`; failures are logged and returned so the caller can report them.
 *
 * Exactly once: a record is created pending before anything is posted, and marked delivered only
 * after the platform accepted it. A crash in between leaves it pending, so it is posted again
 * after restart with the same key; platforms that honour the key (Discord nonce with
 * enforce_nonce) drop the repeat, and nothing is ever posted that was not recorded first.
 */
import type { PlatformName } from '../model.js';
import type { ChatPlatform, Clock, Logger, Store } from '../ports.js';

export interface DeliveryDeps {
  readonly store: Store;
  readonly platforms: ReadonlyMap<PlatformName, ChatPlatform>;
  readonly now: Clock;
  readonly logger: Logger;
}

export interface DeliveryOptions {
  /** Attempts before a delivery is marked failed (first try included). */
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Only this platform's deliveries. */
  readonly platform?: PlatformName;
}

export interface DeliveryFailure {
  readonly key: string;
  readonly platform: PlatformName;
  readonly error: string;
  readonly attempts: number;
}

export interface DeliveryReport {
  readonly delivered: readonly string[];
  /** Failed this time, to be retried at `nextAttemptAt`. */
  readonly retrying: ReadonlyArray<DeliveryFailure & { readonly nextAttemptAt: string }>;
  /** Given up after `maxAttempts`. */
  readonly failed: readonly DeliveryFailure[];
  /** Pending for a platform that is not running in this process. */
  readonly skipped: readonly string[];
}

export const defaultDeliveryOptions = { maxAttempts: 6, baseDelayMs: 30_000, maxDelayMs: 3_600_000 } as const;

/** Delay before attempt `attempts + 1`, after `attempts` failures. */
export function computeRetryDelayMs(attempts: number, options: DeliveryOptions = {}): number {
  const base = options.baseDelayMs ?? defaultDeliveryOptions.baseDelayMs;
  const max = options.maxDelayMs ?? defaultDeliveryOptions.maxDelayMs;
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

export async function deliverPending(
  deps: DeliveryDeps,
  options: DeliveryOptions = {},
): Promise<DeliveryReport> {
  const maxAttempts = options.maxAttempts ?? defaultDeliveryOptions.maxAttempts;
  const report = {
    delivered: [] as string[],
    retrying: [] as DeliveryReport['retrying'][number][],
    failed: [] as DeliveryFailure[],
    skipped: [] as string[],
  };
  const pending = await deps.store.pendingDeliveries(deps.now(), options.platform);
  for (const record of pending) {
    const platform = deps.platforms.get(record.platform);
    if (!platform) {
      report.skipped.push(record.key);
      continue;
    }
    let messageId: string;
    try {
      messageId = await platform.post(record.target, record.message, { idempotencyKey: record.key });
    } catch (err) {
      const error = describeError(err);
      const attempts = record.attempts + 1;
      const log = {
        job: 'deliver',
        key: record.key,
        platform: record.platform,
        kind: record.kind,
        attempts,
        err,
      };
      if (attempts >= maxAttempts) {
        await deps.store.markDeliveryFailed(record.key, error, undefined);
        deps.logger.error(log, `giving up on delivery ${record.key} after ${attempts} attempts: ${error}`);
        report.failed.push({ key: record.key, platform: record.platform, error, attempts });
      } else {
        const nextAttemptAt = new Date(deps.now().getTime() + computeRetryDelayMs(attempts, options));
        await deps.store.markDeliveryFailed(record.key, error, nextAttemptAt);
        deps.logger.warn({ ...log, nextAttemptAt }, `delivery ${record.key} failed, retrying: ${error}`);
        report.retrying.push({
          key: record.key,
          platform: record.platform,
          error,
          attempts,
          nextAttemptAt: nextAttemptAt.toISOString(),
        });
      }
      continue;
    }
    await deps.store.markDelivered(record.key, messageId, deps.now());
    report.delivered.push(record.key);
  }
  return report;
}

function describeError(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
