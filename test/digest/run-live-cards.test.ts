import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverPending } from '../../src/delivery/deliver-pending.js';
import { runChannelDigest } from '../../src/digest/run-digest.js';
import { runLiveCards } from '../../src/digest/run-live-cards.js';
import type { PlatformName } from '../../src/model.js';
import type { ChatPlatform, Store, StoredItem } from '../../src/ports.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import {
  createManualClock,
  createRecordingLogger,
  createRecordingPlatform,
  type RecordingPlatform,
} from '../delivery/delivery-test-kit.js';
import { makeArticle, makeSummary } from './fixtures/stored-items.js';
import { addChannelWithFeeds, storeArticle } from './fixtures/seed-store.js';

const feed = 'https://wire.example/rss';
const slow = 'https://weekly.example/rss';
let store: Store;
let platform: RecordingPlatform;
const clock = createManualClock('2026-11-27T09:00:00Z');
const logger = createRecordingLogger();
const deps = () => ({
  store,
  platforms: new Map<PlatformName, ChatPlatform>([['discord', platform]]),
  now: clock.now,
  logger,
});

beforeEach(async () => {
  store = await openSqliteStore(':memory:');
  platform = createRecordingPlatform('discord');
  clock.set('2026-11-27T09:00:00Z');
});
afterEach(async () => store.close());

const topics = ['Harbour', 'Railway', 'Museum', 'Senate', 'Airport', 'Stadium', 'Library', 'Hospital'];

async function arrive(count: number, from = 0, feedUrl = feed): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  for (let i = from; i < from + count; i++) {
    const id = `${feedUrl.includes('weekly') ? 'wk' : 'a'}${i}`;
    const title = `${topics[i % topics.length]} news item ${i}`;
    await storeArticle(
      store,
      makeArticle({ id, feedUrl, title, publishedAt: clock.now().toISOString() }),
      clock.now().toISOString(),
      makeSummary(title, `${title} happened.`),
    );
    items.push((await store.getItem(id))!);
  }
  return items;
}

describe('runLiveCards', () => {
  it('posts a card per new item up to the hourly cap and leaves the overflow for the next digest', async () => {
    await addChannelWithFeeds(
      store,
      {
        platform: 'discord',
        channelId: '100',
        mode: 'live',
        liveHourlyCap: 3,
        cron: '0 18 * * *',
        timezone: 'UTC',
        digestCursor: 0,
      },
      [feed],
      clock.now(),
    );
    const report = await runLiveCards(deps(), await arrive(5));
    expect(report).toMatchObject({ cards: 3, heldBack: 2 });
    await deliverPending(deps());
    expect(platform.posts.map((post) => post.idempotencyKey)).toEqual([
      'live:discord:100:a0',
      'live:discord:100:a1',
      'live:discord:100:a2',
    ]);
    expect(platform.posts[0]!.message.cards[0]!.title).toBe('Harbour news item 0');

    // Still within the hour: nothing more goes live.
    clock.advanceMs(30 * 60_000);
    expect((await runLiveCards(deps(), await arrive(1, 5))).cards).toBe(0);

    // The evening digest carries exactly the held-back items and nothing already sent live.
    clock.set('2026-11-27T18:00:00Z');
    await runChannelDigest(deps(), 'discord', '100', { slot: new Date('2026-11-27T18:00:00Z') });
    const digest = platform.posts.at(-1)!;
    expect(digest.idempotencyKey).toBe('digest:discord:100:2026-11-27T18:00:00.000Z');
    expect(digest.message.cards.map((card) => card.title).sort()).toEqual([
      'Airport news item 4',
      'Senate news item 3',
      'Stadium news item 5',
    ]);
  });

  it('sends each item live once however often it is offered', async () => {
    await addChannelWithFeeds(
      store,
      { platform: 'discord', channelId: '100', mode: 'live', liveHourlyCap: 10, digestCursor: 0 },
      [feed],
      clock.now(),
    );
    const items = await arrive(2);
    await runLiveCards(deps(), items);
    await runLiveCards(deps(), items);
    await deliverPending(deps());
    expect(platform.posts).toHaveLength(2);
  });

  it("moves a live channel's cursor past items that were all sent", async () => {
    await addChannelWithFeeds(
      store,
      { platform: 'discord', channelId: '100', mode: 'live', liveHourlyCap: 10, digestCursor: 0 },
      [feed],
      clock.now(),
    );
    const items = await arrive(2);
    await runLiveCards(deps(), items);
    expect((await store.getChannel('discord', '100'))?.digestCursor).toBe(items[1]!.seq);
  });

  it("folds a live-only channel's overflow into one digest once the cap has room again", async () => {
    await addChannelWithFeeds(
      store,
      { platform: 'discord', channelId: '100', mode: 'live', liveHourlyCap: 2, digestCursor: 0 },
      [feed],
      clock.now(),
    );
    await runLiveCards(deps(), await arrive(5));
    clock.advanceMs(61 * 60_000);
    const report = await runLiveCards(deps(), []);
    expect(report.overflowDigests).toBe(1);
    await deliverPending(deps());
    const overflow = platform.posts.at(-1)!;
    expect(overflow.message.title).toBe('Also new: 3 more stories');
    expect(overflow.message.cards).toHaveLength(3);
    expect((await runLiveCards(deps(), [])).overflowDigests).toBe(0);
  });

  it('sends live only the subscriptions in live mode of a digest channel', async () => {
    await addChannelWithFeeds(
      store,
      {
        platform: 'discord',
        channelId: '100',
        mode: 'digest',
        cron: '0 8 * * *',
        timezone: 'UTC',
        digestCursor: 0,
      },
      [{ url: feed, mode: 'live' }, slow],
      clock.now(),
    );
    const report = await runLiveCards(deps(), [...(await arrive(1)), ...(await arrive(1, 0, slow))]);
    expect(report.cards).toBe(1);
    await deliverPending(deps());
    expect(platform.posts.map((post) => post.idempotencyKey)).toEqual(['live:discord:100:a0']);
  });
});
