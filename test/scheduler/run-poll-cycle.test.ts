import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PlatformName } from '../../src/model.js';
import { createHttpClient } from '../../src/net/http-client.js';
import type { ChatPlatform, Store } from '../../src/ports.js';
import { runPollCycle } from '../../src/scheduler/run-poll-cycle.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { createExtractiveSummariser } from '../../src/summarise/extractive-summariser.js';
import {
  createManualClock,
  createRecordingLogger,
  createRecordingPlatform,
  type RecordingPlatform,
} from '../delivery/delivery-test-kit.js';
import { addChannelWithFeeds } from '../digest/fixtures/seed-store.js';
import { startTestServer, testNetwork, type TestServer } from '../net/start-test-server.js';
import { makeSettings, rssDocument } from './scheduler-test-kit.js';

let server: TestServer;
let feedStatus = 200;
const published = 'Fri, 27 Nov 2026 08:30:00 GMT';

beforeAll(async () => {
  server = await startTestServer((req, res) => {
    if (req.url !== '/feed.xml') {
      res.writeHead(404);
      res.end();
      return;
    }
    if (feedStatus !== 200) {
      res.writeHead(feedStatus);
      res.end('unavailable');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(
      rssDocument('Wire', server.url, [
        {
          id: 'e1',
          title: 'Earthquake shakes northern Chile',
          text: 'A magnitude 6.8 earthquake shook northern Chile on Friday, the national seismology centre said. About 300 homes were damaged, officials said.',
          date: published,
        },
        {
          id: 'e2',
          title: 'Parliament approves a new water law',
          text: 'Parliament approved the water law by 312 votes to 140 on Friday, the speaker said.',
          date: published,
        },
        {
          id: 'e3',
          title: 'Museum returns bronze statues',
          text: 'The museum returned 12 bronze statues to their country of origin, its director said on Friday.',
          date: published,
        },
      ]),
    );
  });
});
afterAll(async () => server.close());

let store: Store;
let platform: RecordingPlatform;
const clock = createManualClock('2026-11-27T09:00:00Z');
beforeEach(async () => {
  store = await openSqliteStore(':memory:');
  platform = createRecordingPlatform('slack');
  clock.set('2026-11-27T09:00:00Z');
  feedStatus = 200;
});
afterEach(async () => store.close());

function deps() {
  return {
    store,
    client: createHttpClient(testNetwork()),
    summariser: createExtractiveSummariser(),
    platforms: new Map<PlatformName, ChatPlatform>([['slack', platform]]),
    now: clock.now,
    logger: createRecordingLogger(),
    settings: makeSettings(),
  };
}

describe('runPollCycle', () => {
  it('fetches, summarises, posts live cards up to the cap, sends alerts and delivers, once', async () => {
    const feedUrl = `${server.url}/feed.xml`;
    await addChannelWithFeeds(
      store,
      { platform: 'slack', channelId: 'C-live', mode: 'live', liveHourlyCap: 2, digestCursor: 0 },
      [feedUrl],
      clock.now(),
    );
    await store.addFollow(
      { platform: 'slack', channelId: 'C-live', userId: 'U1', query: 'earthquake', feedUrls: [] },
      clock.now(),
    );

    const report = await runPollCycle(deps());
    expect(report.errors).toEqual([]);
    expect(report.fetch?.feeds.map((feed) => feed.status)).toEqual(['ok']);
    expect(report.summarised).toBe(3);
    expect(report.live).toMatchObject({ cards: 2, heldBack: 1 });
    expect((await store.getItem(report.fetch!.newItems[0]!.article.id))?.summary?.gist).toBeTruthy();

    const live = platform.posts.filter((post) => post.idempotencyKey.startsWith('live:'));
    const alerts = platform.posts.filter((post) => post.idempotencyKey.startsWith('alert:'));
    expect(live).toHaveLength(2);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.target).toMatchObject({ kind: 'user', userId: 'U1' });
    expect(report.delivery?.delivered.length).toBe(3);

    clock.advanceMs(60_000);
    const second = await runPollCycle(deps());
    expect(second.errors).toEqual([]);
    expect(second.fetch?.newItems ?? []).toEqual([]);
    expect(platform.posts).toHaveLength(3);
  });

  it('sends a feed-health notice once the feed has failed for six hours, and records a digest slot that came', async () => {
    const feedUrl = `${server.url}/feed.xml`;
    await addChannelWithFeeds(
      store,
      {
        platform: 'slack',
        channelId: 'C-digest',
        cron: '0 10 * * *',
        timezone: 'UTC',
        lastDigestAt: '2026-11-26T10:00:00.000Z',
        digestCursor: 0,
      },
      [feedUrl],
      clock.now(),
    );
    feedStatus = 503;
    await runPollCycle(deps());
    const feed = await store.getFeed(feedUrl);
    expect(feed?.failingSince).toBeDefined();
    // Six hours later (the feed is due again by then), still failing.
    clock.set('2026-11-27T15:00:01Z');
    await store.updateFeedState(feedUrl, { nextFetchAt: '2026-11-27T15:00:00.000Z' });
    const report = await runPollCycle(deps());
    expect(report.health?.failingNotices).toBe(1);
    const notice = platform.posts.find((post) => post.idempotencyKey.includes('feed-failing'));
    expect(notice?.message.title).toContain('Feed not updating');
    expect(notice?.message.text).toContain('503');
    // The 10:00 slot passed during those hours: its digest was recorded and posted.
    expect(report.digests.map((digest) => digest.key)).toEqual([
      'digest:slack:C-digest:2026-11-27T10:00:00.000Z',
    ]);
    expect(
      platform.posts.some((post) => post.idempotencyKey === 'digest:slack:C-digest:2026-11-27T10:00:00.000Z'),
    ).toBe(true);
  });
});
