import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlatformName } from '../../src/model.js';
import { createHttpClient } from '../../src/net/http-client.js';
import type { ChatPlatform, Store } from '../../src/ports.js';
import { startScheduler } from '../../src/scheduler/start-scheduler.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { createExtractiveSummariser } from '../../src/summarise/extractive-summariser.js';
import {
  createManualClock,
  createRecordingLogger,
  createRecordingPlatform,
  type RecordingPlatform,
} from '../delivery/delivery-test-kit.js';
import { addChannelWithFeeds, storeArticle } from '../digest/fixtures/seed-store.js';
import { makeArticle, makeSummary } from '../digest/fixtures/stored-items.js';
import { testNetwork } from '../net/start-test-server.js';
import { makeSettings } from './scheduler-test-kit.js';

const feed = 'https://wire.example/rss';
let store: Store;
let platform: RecordingPlatform;
const clock = createManualClock('2026-11-27T09:00:00Z');

beforeEach(async () => {
  store = await openSqliteStore(':memory:');
  platform = createRecordingPlatform('discord');
  clock.set('2026-11-27T09:00:00Z');
  await addChannelWithFeeds(
    store,
    {
      platform: 'discord',
      channelId: '42',
      cron: '0 8 * * *',
      timezone: 'Europe/Paris',
      lastDigestAt: '2026-11-25T07:00:00.000Z',
      digestCursor: 0,
    },
    [feed],
    clock.now(),
  );
  // Never due during the test: the scheduler must not fetch.
  await store.updateFeedState(feed, { nextFetchAt: '2100-01-01T00:00:00.000Z' });
  const title = 'Harbour tunnel opens to traffic';
  await storeArticle(
    store,
    makeArticle({ id: 'h1', feedUrl: feed, title }),
    '2026-11-27T05:00:00Z',
    makeSummary(title, 'The harbour tunnel opened on Friday, the city said.'),
  );
});
afterEach(async () => store.close());

function deps() {
  return {
    store,
    client: createHttpClient(testNetwork({ allowPrivateAddresses: false })),
    summariser: createExtractiveSummariser(),
    platforms: new Map<PlatformName, ChatPlatform>([['discord', platform]]),
    now: clock.now,
    logger: createRecordingLogger(),
    settings: makeSettings(),
  };
}

describe('startScheduler', () => {
  it('sends the digest slot missed while down once at start, and runs "digest now" in turn', async () => {
    const scheduler = startScheduler(deps(), { pollAtStart: false, pollCron: '0 0 1 1 *' });
    await scheduler.idle();
    expect(platform.posts.map((post) => post.idempotencyKey)).toEqual([
      'digest:discord:42:2026-11-27T07:00:00.000Z',
    ]);
    expect(platform.posts[0]!.message.cards[0]!.title).toBe('Harbour tunnel opens to traffic');

    clock.set('2026-11-27T09:30:00Z');
    const now = await scheduler.runDigestNow('discord', '42');
    expect(now).toMatchObject({
      key: 'digest:discord:42:2026-11-27T09:30:00.000Z',
      status: 'enqueued',
      stories: 0,
    });
    expect(platform.posts.at(-1)!.message.text).toBe('Nothing new since the last digest.');
    await scheduler.stop();

    // A second start the same morning finds nothing due.
    const again = startScheduler(deps(), { pollAtStart: false, pollCron: '0 0 1 1 *' });
    await again.idle();
    await again.stop();
    expect(platform.posts).toHaveLength(2);
  });

  it('delivers what a previous run left pending before anything else', async () => {
    await store.enqueueDelivery(
      {
        key: 'alert:discord:U7:h1',
        platform: 'discord',
        target: { kind: 'user', userId: 'U7' },
        kind: 'alert',
        message: { title: 'Alert', cards: [] },
      },
      new Date('2026-11-27T05:01:00Z'),
    );
    const scheduler = startScheduler(deps(), { pollAtStart: false, pollCron: '0 0 1 1 *' });
    await scheduler.idle();
    await scheduler.stop();
    expect(platform.posts.map((post) => post.idempotencyKey)).toEqual([
      'alert:discord:U7:h1',
      'digest:discord:42:2026-11-27T07:00:00.000Z',
    ]);
  });
});
