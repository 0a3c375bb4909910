import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { targetKey } from '../../src/model.js';
import type { Store } from '../../src/ports.js';
import { runFeedHealthNotices } from '../../src/scheduler/run-feed-health-notices.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { createManualClock, createRecordingLogger } from '../delivery/delivery-test-kit.js';
import { addChannelWithFeeds } from '../digest/fixtures/seed-store.js';

const feed = 'https://flaky.example/rss';
let store: Store;
const clock = createManualClock('2026-11-27T00:00:00Z');
const deps = () => ({ store, now: clock.now, logger: createRecordingLogger() });

beforeEach(async () => {
  store = await openSqliteStore(':memory:');
  clock.set('2026-11-27T00:00:00Z');
  await addChannelWithFeeds(store, { platform: 'slack', channelId: 'C1' }, [feed], clock.now());
  await addChannelWithFeeds(store, { platform: 'discord', channelId: '200' }, [feed], clock.now());
});
afterEach(async () => store.close());

async function notices() {
  return (await store.pendingDeliveries(new Date('2100-01-01T00:00:00Z'))).filter(
    (record) => record.kind === 'notice',
  );
}

describe('runFeedHealthNotices', () => {
  it('tells each subscribed channel once when a feed has failed for six hours: which feed, since when, why', async () => {
    await store.updateFeedState(feed, {
      failingSince: '2026-11-27T00:00:00.000Z',
      failureCount: 4,
      lastError: 'HTTP 503 from flaky.example',
    });
    clock.set('2026-11-27T05:59:00Z');
    expect((await runFeedHealthNotices(deps())).failingNotices).toBe(0);
    clock.set('2026-11-27T06:00:00Z');
    expect((await runFeedHealthNotices(deps())).failingNotices).toBe(2);
    expect((await runFeedHealthNotices(deps())).failingNotices).toBe(0);
    const sent = await notices();
    expect(sent.map((record) => `${record.platform}:${targetKey(record.target)}`).sort()).toEqual([
      'discord:channel:200',
      'slack:channel:C1',
    ]);
    expect(sent[0]!.message.title).toBe('Feed not updating: https://flaky.example/rss');
    expect(sent[0]!.message.text).toContain('since 2026-11-27T00:00:00.000Z');
    expect(sent[0]!.message.text).toContain('HTTP 503 from flaky.example');
  });

  it('tells the channels when the feed recovers, only if they were told it was failing', async () => {
    await store.updateFeedState(feed, {
      failingSince: '2026-11-27T00:00:00.000Z',
      failureCount: 9,
      lastError: 'timeout',
    });
    clock.set('2026-11-27T07:00:00Z');
    await runFeedHealthNotices(deps());
    const before = await store.listFeeds();
    await store.updateFeedState(feed, { failingSince: null, failureCount: 0, lastError: null });
    const report = await runFeedHealthNotices({ ...deps() }, { before });
    expect(report.recoveredNotices).toBe(2);
    expect(
      (await notices())
        .filter((record) => record.key.includes('feed-recovered'))
        .map((record) => record.message.title),
    ).toEqual([
      'Feed working again: https://flaky.example/rss',
      'Feed working again: https://flaky.example/rss',
    ]);
    // A short failure that never reached the channels recovers silently.
    await store.updateFeedState(feed, { failingSince: '2026-11-27T07:00:00.000Z' });
    const shortBefore = await store.listFeeds();
    await store.updateFeedState(feed, { failingSince: null });
    expect((await runFeedHealthNotices(deps(), { before: shortBefore })).recoveredNotices).toBe(0);
  });

  it('pauses a feed failing for three days and tells the channels how to resume it, once', async () => {
    await store.updateFeedState(feed, {
      failingSince: '2026-11-24T00:00:00.000Z',
      failureCount: 80,
      lastError: 'DNS lookup failed',
    });
    const report = await runFeedHealthNotices(deps());
    expect(report.pausedFeeds).toEqual([feed]);
    expect((await store.getFeed(feed))?.paused).toBe(true);
    await runFeedHealthNotices(deps());
    const paused = (await notices()).filter((record) => record.key.includes('feed-paused'));
    expect(paused).toHaveLength(2);
    expect(paused[0]!.message.text).toContain('/feeds resume https://flaky.example/rss');
    expect(paused[0]!.message.text).toContain('3 days');
  });
});
