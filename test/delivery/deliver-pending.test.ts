import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeRetryDelayMs, deliverPending } from '../../src/delivery/deliver-pending.js';
import type { PlatformName } from '../../src/model.js';
import type { ChatPlatform, Store } from '../../src/ports.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import {
  createManualClock,
  createRecordingLogger,
  createRecordingPlatform,
  type RecordingPlatform,
} from './delivery-test-kit.js';

let store: Store;
let platform: RecordingPlatform;
const clock = createManualClock('2026-11-27T08:00:00Z');
const logger = createRecordingLogger();

beforeEach(async () => {
  store = await openSqliteStore(':memory:');
  platform = createRecordingPlatform('slack');
  clock.set('2026-11-27T08:00:00Z');
  logger.entries.length = 0;
});
afterEach(async () => store.close());

const deps = () => ({
  store,
  platforms: new Map<PlatformName, ChatPlatform>([['slack', platform]]),
  now: clock.now,
  logger,
});

async function enqueue(key: string) {
  await store.enqueueDelivery(
    {
      key,
      platform: 'slack',
      target: { kind: 'channel', channelId: 'C1' },
      kind: 'digest',
      message: { title: key, cards: [] },
    },
    clock.now(),
  );
}

describe('deliverPending', () => {
  it('posts each pending delivery once, with its key as idempotency key, and marks it delivered', async () => {
    await enqueue('digest:slack:C1:2026-11-27T08:00:00.000Z');
    await enqueue('alert:slack:U1:a1');
    const report = await deliverPending(deps());
    expect(report.delivered).toEqual(['digest:slack:C1:2026-11-27T08:00:00.000Z', 'alert:slack:U1:a1']);
    expect(platform.posts.map((post) => post.idempotencyKey)).toEqual(report.delivered);
    expect((await store.getDelivery('alert:slack:U1:a1'))?.status).toBe('delivered');
    expect((await store.getDelivery('alert:slack:U1:a1'))?.platformMessageId).toBe('m2');
    expect((await deliverPending(deps())).delivered).toEqual([]);
    expect(platform.posts).toHaveLength(2);
  });

  it('retries a failed post after an exponential backoff, not before', async () => {
    await enqueue('k1');
    platform.failNext(2, 'HTTP 503 from the platform');
    const first = await deliverPending(deps());
    expect(first.retrying).toEqual([
      {
        key: 'k1',
        platform: 'slack',
        error: 'HTTP 503 from the platform',
        attempts: 1,
        nextAttemptAt: '2026-11-27T08:00:30.000Z',
      },
    ]);
    clock.advanceMs(29_000);
    expect((await deliverPending(deps())).retrying).toEqual([]);
    clock.advanceMs(1_000);
    const second = await deliverPending(deps());
    expect(second.retrying[0]?.nextAttemptAt).toBe('2026-11-27T08:01:30.000Z');
    clock.advanceMs(60_000);
    expect((await deliverPending(deps())).delivered).toEqual(['k1']);
    expect(platform.posts).toHaveLength(1);
    const record = await store.getDelivery('k1');
    expect(record?.status).toBe('delivered');
    expect(record?.attempts).toBe(3);
  });

  it('gives up after the attempt limit, marks the delivery failed, logs and reports it', async () => {
    await enqueue('k2');
    platform.failNext(10, 'channel_not_found');
    let failed: readonly { key: string; error: string; attempts: number }[] = [];
    for (let i = 0; i < 3; i++) {
      failed = (await deliverPending(deps(), { maxAttempts: 3 })).failed;
      clock.advanceMs(3_600_000);
    }
    expect(failed).toEqual([{ key: 'k2', platform: 'slack', error: 'channel_not_found', attempts: 3 }]);
    expect((await store.getDelivery('k2'))?.status).toBe('failed');
    expect(logger.entries.some((entry) => entry.level === 'error' && entry.msg?.includes('k2'))).toBe(true);
    expect((await deliverPending(deps(), { maxAttempts: 3 })).failed).toEqual([]);
  });

  it('leaves deliveries for a platform this process does not run untouched', async () => {
    await store.enqueueDelivery(
      {
        key: 'd1',
        platform: 'discord',
        target: { kind: 'channel', channelId: '9' },
        kind: 'digest',
        message: { cards: [] },
      },
      clock.now(),
    );
    const report = await deliverPending(deps());
    expect(report.skipped).toEqual(['d1']);
    expect((await store.getDelivery('d1'))?.status).toBe('pending');
  });

  it('doubles the delay per attempt up to one hour', () => {
    expect([1, 2, 3, 4, 10].map((attempts) => computeRetryDelayMs(attempts))).toEqual([
      30_000, 60_000, 120_000, 240_000, 3_600_000,
    ]);
  });
});
