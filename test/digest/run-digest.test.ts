import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runChannelDigest, ChannelNotFoundError } from '../../src/digest/run-digest.js';
import type { PlatformName } from '../../src/model.js';
import type { ChatPlatform, Store } from '../../src/ports.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import {
  createManualClock,
  createRecordingLogger,
  createRecordingPlatform,
  type RecordingPlatform,
} from '../delivery/delivery-test-kit.js';
import { makeArticle, makeSummary } from './fixtures/stored-items.js';
import { addChannelWithFeeds, storeArticle } from './fixtures/seed-store.js';

const world = 'https://world.example/rss';
const tech = 'https://tech.example/rss';
const other = 'https://other.example/rss';
let store: Store;
let platform: RecordingPlatform;
const clock = createManualClock('2026-11-27T07:00:00Z');
const logger = createRecordingLogger();
const deps = () => ({
  store,
  platforms: new Map<PlatformName, ChatPlatform>([['slack', platform]]),
  now: clock.now,
  logger,
});
const slot = new Date('2026-11-27T08:00:00Z');

beforeEach(async () => {
  store = await openSqliteStore(':memory:');
  platform = createRecordingPlatform('slack');
  clock.set('2026-11-27T07:00:00Z');
  await addChannelWithFeeds(
    store,
    { platform: 'slack', channelId: 'C1', cron: '0 8 * * *', timezone: 'Europe/Paris', maxStories: 2 },
    [world, tech],
    clock.now(),
  );
  await store.addFeed({ url: other, intervalMinutes: 15 }, clock.now());
});
afterEach(async () => store.close());

async function addArticle(id: string, feedUrl: string, title: string, seenAt = '2026-11-27T07:10:00Z') {
  return storeArticle(
    store,
    makeArticle({ id, feedUrl, title, publishedAt: seenAt }),
    seenAt,
    makeSummary(title, `${title}, officials said.`),
  );
}

describe('runChannelDigest', () => {
  it("posts the channel's new items from its feeds only, and moves the cursor with the record", async () => {
    await addArticle('w1', world, 'Parliament approves the water bill');
    await addArticle('t1', tech, 'Chipmaker opens a plant in Dresden');
    await addArticle('o1', other, 'Unsubscribed feed story about ferries');
    clock.set('2026-11-27T08:00:00Z');
    const result = await runChannelDigest(deps(), 'slack', 'C1', { slot });
    expect(result).toMatchObject({
      key: 'digest:slack:C1:2026-11-27T08:00:00.000Z',
      status: 'enqueued',
      stories: 2,
      items: 2,
    });
    expect(result.delivery?.delivered).toEqual([result.key]);
    expect(platform.posts).toHaveLength(1);
    expect(platform.posts[0]!.idempotencyKey).toBe(result.key);
    expect(platform.posts[0]!.message.cards.map((card) => card.title).sort()).toEqual([
      'Chipmaker opens a plant in Dresden',
      'Parliament approves the water bill',
    ]);
    const channel = await store.getChannel('slack', 'C1');
    expect(channel?.lastDigestAt).toBe('2026-11-27T08:00:00.000Z');
    expect(channel?.digestCursor).toBeGreaterThanOrEqual(2);
  });

  it('limits the cards to maxStories and counts the rest', async () => {
    await addArticle('w1', world, 'Parliament approves the water bill');
    await addArticle('w2', world, 'Storm closes mountain passes');
    await addArticle('t1', tech, 'Chipmaker opens a plant in Dresden');
    clock.set('2026-11-27T08:00:00Z');
    await runChannelDigest(deps(), 'slack', 'C1', { slot });
    expect(platform.posts[0]!.message.cards).toHaveLength(2);
    expect(platform.posts[0]!.message.footer).toBe('and 1 more story');
  });

  it('runs a slot once: a re-run delivers the recorded digest instead of building another', async () => {
    await addArticle('w1', world, 'Parliament approves the water bill');
    clock.set('2026-11-27T08:00:00Z');
    await runChannelDigest(deps(), 'slack', 'C1', { slot, deliver: false });
    await addArticle('w2', world, 'Storm closes mountain passes', '2026-11-27T08:00:30Z');
    clock.set('2026-11-27T08:01:00Z');
    const again = await runChannelDigest(deps(), 'slack', 'C1', { slot });
    expect(again.status).toBe('existing');
    expect(platform.posts).toHaveLength(1);
    expect(platform.posts[0]!.message.cards.map((card) => card.title)).toEqual([
      'Parliament approves the water bill',
    ]);
    // The item that arrived after the first run is left for the next digest.
    const next = await runChannelDigest(deps(), 'slack', 'C1', { slot: new Date('2026-11-28T08:00:00Z') });
    expect(next.items).toBe(1);
    expect(platform.posts[1]!.message.cards.map((card) => card.title)).toEqual([
      'Storm closes mountain passes',
    ]);
  });

  it('leaves out items first seen after the digest started', async () => {
    await addArticle('w1', world, 'Parliament approves the water bill', '2026-11-27T07:10:00Z');
    await addArticle('w2', world, 'Storm closes mountain passes', '2026-11-27T09:00:00Z');
    clock.set('2026-11-27T08:00:00Z');
    const result = await runChannelDigest(deps(), 'slack', 'C1', { slot });
    expect(result.items).toBe(1);
    const cursorAfter = (await store.getChannel('slack', 'C1'))!.digestCursor;
    expect((await store.itemsAfter(cursorAfter)).map((item) => item.article.id)).toEqual(['w2']);
  });

  it('says "nothing new" briefly, or stays silent when the channel asks for it', async () => {
    clock.set('2026-11-27T08:00:00Z');
    await runChannelDigest(deps(), 'slack', 'C1', { slot });
    expect(platform.posts[0]!.message).toEqual({ text: 'Nothing new since the last digest.', cards: [] });
    await store.saveChannel({ platform: 'slack', channelId: 'C1', quietWhenEmpty: true });
    const quiet = await runChannelDigest(deps(), 'slack', 'C1', { slot: new Date('2026-11-28T08:00:00Z') });
    expect(quiet.status).toBe('silent');
    expect(platform.posts).toHaveLength(1);
    expect((await store.getChannel('slack', 'C1'))?.lastDigestAt).toBe('2026-11-28T08:00:00.000Z');
  });

  it('applies a subscription filter in the follow query language', async () => {
    await store.subscribe({
      platform: 'slack',
      channelId: 'C1',
      feedUrl: tech,
      filter: '"data centre" OR semiconductor -rumour',
    });
    await addArticle('t1', tech, 'New data centre opens in Lyon');
    await addArticle('t2', tech, 'Phone maker cuts prices');
    await addArticle('t3', tech, 'Semiconductor rumour mill spins again');
    await addArticle('w1', world, 'Phone maker cuts prices in Europe too');
    clock.set('2026-11-27T08:00:00Z');
    const result = await runChannelDigest(deps(), 'slack', 'C1', { slot });
    const titles = platform.posts[0]!.message.cards.map((card) => card.title).sort();
    expect(result.items).toBe(2);
    expect(titles).toEqual(['New data centre opens in Lyon', 'Phone maker cuts prices in Europe too']);
  });

  it('leaves out items the channel already got live', async () => {
    await addArticle('w1', world, 'Parliament approves the water bill');
    await addArticle('w2', world, 'Storm closes mountain passes');
    await store.subscribe({ platform: 'slack', channelId: 'C1', feedUrl: world, mode: 'live' });
    await store.enqueueDelivery(
      {
        key: 'live:slack:C1:w1',
        platform: 'slack',
        target: { kind: 'channel', channelId: 'C1' },
        kind: 'live',
        message: { cards: [] },
      },
      clock.now(),
    );
    clock.set('2026-11-27T08:00:00Z');
    const result = await runChannelDigest(deps(), 'slack', 'C1', { slot, deliver: false });
    expect(result.items).toBe(1);
    expect((await store.getDelivery(result.key))?.message.cards.map((card) => card.title)).toEqual([
      'Storm closes mountain passes',
    ]);
  });

  it('tells a channel without feeds how to add one instead of "nothing new"', async () => {
    await store.saveChannel({ platform: 'slack', channelId: 'C-empty' });
    await runChannelDigest(deps(), 'slack', 'C-empty', { slot: 'now' });
    expect(platform.posts[0]!.message.text).toBe(
      'This channel has no feeds yet: add one with /feeds add <url>.',
    );
  });

  it('headlines the digest with its day in the channel timezone', async () => {
    await addArticle('w1', world, 'Parliament approves the water bill');
    clock.set('2026-11-27T23:30:00Z');
    await runChannelDigest(deps(), 'slack', 'C1', { slot: new Date('2026-11-27T23:30:00Z') });
    // 00:30 on Saturday in Paris.
    expect(platform.posts[0]!.message.title).toBe(
      'News digest for Saturday 28 November: 1 story from 1 source',
    );
  });

  it('refuses a channel that is not set up, naming it', async () => {
    await expect(runChannelDigest(deps(), 'slack', 'C404', { slot: 'now' })).rejects.toThrow(
      ChannelNotFoundError,
    );
    await expect(runChannelDigest(deps(), 'slack', 'C404', { slot: 'now' })).rejects.toThrow(
      'Channel C404 on slack',
    );
  });
});
