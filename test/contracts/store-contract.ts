/**
 * Behaviour every Store implementation must have. Run against each implementation with its own
 * factory, e.g. `storeContract('sqlite', () => openSqliteStore(':memory:'))`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article, Message } from '../../src/model.js';
import type { Store } from '../../src/ports.js';

export function makeArticle(overrides: Partial<Article> & { id: string }): Article {
  return {
    feedUrl: 'https://news.example/feed.xml',
    url: `https://news.example/${overrides.id}`,
    title: `Story ${overrides.id}`,
    publishedAt: '2026-11-27T06:00:00.000Z',
    publishedIsGuess: false,
    source: { name: 'Example News' },
    content: 'First paragraph.\n\nSecond paragraph.',
    contentIsPartial: false,
    ...overrides,
  };
}

const message: Message = { title: 'Digest', cards: [{ title: 'A story', fields: [] }] };
const t0 = new Date('2026-11-27T08:00:00.000Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`${name} store`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('adds feeds, lists them and reports the due ones', async () => {
      await store.addFeed({ url: 'https://a.example/rss', name: 'A', intervalMinutes: 15 }, t0);
      await store.addFeed({ url: 'https://b.example/rss', intervalMinutes: 30 }, t0);
      await store.updateFeedState('https://b.example/rss', { nextFetchAt: minutes(30).toISOString() });
      expect((await store.listFeeds()).map((f) => f.url)).toEqual([
        'https://a.example/rss',
        'https://b.example/rss',
      ]);
      expect((await store.dueFeeds(minutes(1))).map((f) => f.url)).toEqual(['https://a.example/rss']);
      expect((await store.dueFeeds(minutes(31))).map((f) => f.url)).toHaveLength(2);
    });

    it('records fetch state and clears fields set to null', async () => {
      await store.addFeed({ url: 'https://a.example/rss', intervalMinutes: 15 }, t0);
      await store.updateFeedState('https://a.example/rss', {
        etag: '"v1"',
        failureCount: 3,
        failingSince: t0.toISOString(),
        lastError: 'HTTP 500',
        paused: true,
      });
      let feed = await store.getFeed('https://a.example/rss');
      expect(feed).toMatchObject({ etag: '"v1"', failureCount: 3, lastError: 'HTTP 500', paused: true });
      expect(await store.dueFeeds(minutes(60))).toEqual([]);
      await store.updateFeedState('https://a.example/rss', {
        failureCount: 0,
        failingSince: null,
        lastError: null,
      });
      feed = await store.getFeed('https://a.example/rss');
      expect(feed?.failingSince).toBeUndefined();
      expect(feed?.lastError).toBeUndefined();
      expect(feed?.etag).toBe('"v1"');
    });

    it('stores an article once, by id and by canonical URL across feeds', async () => {
      const first = await store.upsertArticle(makeArticle({ id: 'guid-1' }), t0);
      expect(first.result).toBe('new');
      expect((await store.upsertArticle(makeArticle({ id: 'guid-1' }), minutes(5))).result).toBe('unchanged');
      const viaOtherFeed = await store.upsertArticle(
        makeArticle({
          id: 'other-guid',
          title: 'Story guid-1',
          url: 'https://news.example/guid-1',
          feedUrl: 'https://other.example/rss',
        }),
        minutes(6),
      );
      expect(viaOtherFeed).toEqual({ result: 'unchanged', seq: first.seq, id: 'guid-1' });
      const item = await store.getItem('guid-1');
      expect(item?.feedUrls).toEqual(['https://news.example/feed.xml', 'https://other.example/rss']);
      expect(await store.latestSeq()).toBe(first.seq);
    });

    it('updates a changed article without making it new', async () => {
      const first = await store.upsertArticle(makeArticle({ id: 'x' }), t0);
      const again = await store.upsertArticle(
        makeArticle({ id: 'x', content: 'Corrected text.' }),
        minutes(10),
      );
      expect(again).toEqual({ result: 'updated', seq: first.seq, id: 'x' });
      const item = await store.getItem('x');
      expect(item?.article.content).toBe('Corrected text.');
      expect(item?.firstSeenAt).toBe(t0.toISOString());
    });

    it('lists items after a cursor, by feed, and recent items', async () => {
      await store.upsertArticle(makeArticle({ id: 'a1', feedUrl: 'https://a.example/rss' }), t0);
      await store.upsertArticle(makeArticle({ id: 'b1', feedUrl: 'https://b.example/rss' }), minutes(1));
      await store.upsertArticle(makeArticle({ id: 'a2', feedUrl: 'https://a.example/rss' }), minutes(2));
      expect((await store.itemsAfter(0)).map((i) => i.article.id)).toEqual(['a1', 'b1', 'a2']);
      const firstSeq = (await store.getItem('a1'))!.seq;
      expect(
        (await store.itemsAfter(firstSeq, { feedUrls: ['https://a.example/rss'] })).map((i) => i.article.id),
      ).toEqual(['a2']);
      expect(await store.itemsAfter(0, { feedUrls: [] })).toEqual([]);
      expect((await store.recentItems(minutes(1), 10)).map((i) => i.article.id)).toEqual(['a2', 'b1']);
    });

    it('keeps summaries with their items', async () => {
      await store.upsertArticle(makeArticle({ id: 's' }), t0);
      await store.saveSummary('s', {
        title: 'T',
        language: 'en',
        gist: 'G',
        claims: [],
        figures: [],
        sentences: ['G'],
        stats: { words: 1, ms: 0.1 },
      });
      expect((await store.getItem('s'))?.summary?.gist).toBe('G');
    });

    it('creates channels with defaults starting at the newest item, and updates them', async () => {
      await store.upsertArticle(makeArticle({ id: 'old' }), t0);
      const created = await store.saveChannel({ platform: 'discord', channelId: 'C1', cron: '0 8 * * *' });
      expect(created).toMatchObject({
        mode: 'digest',
        timezone: 'UTC',
        cron: '0 8 * * *',
        quietWhenEmpty: false,
      });
      expect(created.digestCursor).toBe(await store.latestSeq());
      const updated = await store.saveChannel({
        platform: 'discord',
        channelId: 'C1',
        timezone: 'Europe/Paris',
      });
      expect(updated).toMatchObject({ cron: '0 8 * * *', timezone: 'Europe/Paris' });
      const off = await store.saveChannel({ platform: 'discord', channelId: 'C1', cron: undefined });
      expect(off.cron).toBeUndefined();
      expect(await store.listChannels('slack')).toEqual([]);
      expect(await store.listChannels()).toHaveLength(1);
    });

    it('subscribes channels to feeds with filters', async () => {
      await store.subscribe({
        platform: 'slack',
        channelId: 'C1',
        feedUrl: 'https://a.example/rss',
        filter: 'climate',
      });
      await store.subscribe({
        platform: 'slack',
        channelId: 'C2',
        feedUrl: 'https://a.example/rss',
        mode: 'live',
      });
      expect(await store.subscriptions({ feedUrl: 'https://a.example/rss' })).toHaveLength(2);
      expect(await store.subscriptions({ channelId: 'C1' })).toEqual([
        { platform: 'slack', channelId: 'C1', feedUrl: 'https://a.example/rss', filter: 'climate' },
      ]);
      expect(await store.unsubscribe('slack', 'C1', 'https://a.example/rss')).toBe(true);
      expect(await store.unsubscribe('slack', 'C1', 'https://a.example/rss')).toBe(false);
    });

    it('keeps follows per user, pauses and removes them', async () => {
      const follow = await store.addFollow(
        {
          platform: 'discord',
          userId: 'U1',
          channelId: 'C1',
          query: '"North Korea" AND troops',
          feedUrls: [],
        },
        t0,
      );
      expect(follow).toMatchObject({ id: expect.any(Number), paused: false, createdAt: t0.toISOString() });
      expect(await store.setFollowPaused(follow.id, true)).toBe(true);
      expect((await store.listFollows({ userId: 'U1' }))[0]?.paused).toBe(true);
      expect(await store.listFollows({ userId: 'U2' })).toEqual([]);
      expect(await store.removeFollow(follow.id)).toBe(true);
      expect(await store.listFollows()).toEqual([]);
    });

    it('enqueues a delivery once and never overwrites it', async () => {
      const target = { kind: 'channel', channelId: 'C1' } as const;
      const first = await store.enqueueDelivery(
        { key: 'k1', platform: 'slack', target, kind: 'digest', message },
        t0,
      );
      expect(first.created).toBe(true);
      expect(first.record.status).toBe('pending');
      const second = await store.enqueueDelivery(
        { key: 'k1', platform: 'slack', target, kind: 'digest', message: { cards: [] } },
        minutes(1),
      );
      expect(second.created).toBe(false);
      expect(second.record.message).toEqual(message);
    });

    it('moves the digest cursor only together with a newly created delivery', async () => {
      await store.saveChannel({ platform: 'console', channelId: 'main' });
      const target = { kind: 'channel', channelId: 'main' } as const;
      const advance = { platform: 'console', channelId: 'main', cursor: 7, digestAt: t0 } as const;
      await store.enqueueDelivery({ key: 'd1', platform: 'console', target, kind: 'digest', message }, t0, {
        advanceDigestCursor: advance,
      });
      expect((await store.getChannel('console', 'main'))?.digestCursor).toBe(7);
      await store.enqueueDelivery({ key: 'd1', platform: 'console', target, kind: 'digest', message }, t0, {
        advanceDigestCursor: { ...advance, cursor: 9 },
      });
      expect((await store.getChannel('console', 'main'))?.digestCursor).toBe(7);
    });

    it('tracks pending, retried, failed and delivered deliveries', async () => {
      const target = { kind: 'user', userId: 'U1', fallbackChannelId: 'C1' } as const;
      await store.enqueueDelivery({ key: 'a', platform: 'discord', target, kind: 'alert', message }, t0);
      await store.enqueueDelivery(
        { key: 'b', platform: 'slack', target, kind: 'alert', message },
        minutes(1),
      );
      expect((await store.pendingDeliveries(minutes(2))).map((d) => d.key)).toEqual(['a', 'b']);
      expect((await store.pendingDeliveries(minutes(2), 'slack')).map((d) => d.key)).toEqual(['b']);
      await store.markDeliveryFailed('a', 'HTTP 503', minutes(10));
      expect((await store.pendingDeliveries(minutes(5))).map((d) => d.key)).toEqual(['b']);
      expect((await store.pendingDeliveries(minutes(10))).map((d) => d.key)).toEqual(['a', 'b']);
      await store.markDeliveryFailed('a', 'HTTP 503 again', undefined);
      expect(await store.getDelivery('a')).toMatchObject({
        status: 'failed',
        attempts: 2,
        lastError: 'HTTP 503 again',
      });
      await store.markDelivered('b', 'M42', minutes(3));
      expect(await store.getDelivery('b')).toMatchObject({ status: 'delivered', platformMessageId: 'M42' });
      expect(await store.pendingDeliveries(minutes(60))).toEqual([]);
      expect(await store.countDeliveries({ kind: 'alert', targetKey: 'user:U1', since: t0 })).toBe(2);
      expect(await store.countDeliveries({ kind: 'alert', targetKey: 'user:U1', since: minutes(1) })).toBe(1);
      expect(await store.countDeliveries({ kind: 'digest', since: t0 })).toBe(0);
    });

    it('claims an alert for a follower and article once', async () => {
      expect(await store.claimAlert('discord:user:U1', 'a1', t0)).toBe(true);
      expect(await store.claimAlert('discord:user:U1', 'a1', minutes(1))).toBe(false);
      expect(await store.claimAlert('discord:user:U2', 'a1', minutes(1))).toBe(true);
    });
  });
}
