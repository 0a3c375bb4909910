import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertKey, batchKey, followerKeyOf, runAlerts } from '../../src/alerts/run-alerts.js';
import { silentLogger } from '../../src/log.js';
import type { Article, Card, Message, Summary } from '../../src/model.js';
import type { StoredItem } from '../../src/ports.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite-store.js';

const FEED_A = 'https://a.example/feed.xml';
const FEED_B = 'https://b.example/feed.xml';
const start = new Date('2026-11-27T09:00:00Z');

let store: SqliteStore;
let clock: Date;
const deps = () => ({ store, now: () => clock, logger: silentLogger });

beforeEach(async () => {
  store = await openSqliteStore(':memory:');
  clock = start;
});
afterEach(async () => {
  await store.close();
});

let nextId = 1;
async function storeArticle(
  fields: Partial<Article> & { title: string },
  summary?: Summary,
): Promise<StoredItem> {
  const id = `article-${nextId++}`;
  const article: Article = {
    id,
    feedUrl: FEED_A,
    url: `https://a.example/news/${id}`,
    publishedAt: '2026-11-27T08:30:00.000Z',
    publishedIsGuess: false,
    source: { name: 'Example News' },
    content: '',
    contentIsPartial: false,
    ...fields,
  };
  await store.upsertArticle(article, clock);
  if (summary !== undefined) await store.saveSummary(id, summary);
  const item = await store.getItem(id);
  if (item === undefined) throw new Error(`article ${id} was not stored`);
  return item;
}

async function alertDeliveries(): Promise<Array<{ key: string; target: unknown; message: Message }>> {
  return (await store.pendingDeliveries(new Date('2100-01-01T00:00:00Z')))
    .filter((d) => d.kind === 'alert')
    .map((d) => ({ key: d.key, target: d.target, message: d.message }));
}

const firstCard = (message: Message): Card => {
  const card = message.cards[0];
  if (card === undefined) throw new Error('message has no card');
  return card;
};

describe('runAlerts', () => {
  it('alerts a person by DM (with the channel as fallback) and a channel, with the matching sentence highlighted', async () => {
    await store.addFollow(
      { platform: 'discord', userId: 'U1', channelId: 'C9', query: 'élysée', feedUrls: [] },
      clock,
    );
    await store.addFollow(
      { platform: 'slack', channelId: 'C1', query: '"pension reform"', feedUrls: [] },
      clock,
    );
    const item = await storeArticle(
      {
        title: 'Strikes spread across France',
        content:
          'Unions called new strikes on Monday. The Elysee said the pension reform would go ahead. Talks resume next week.',
      },
      {
        title: 'Strikes spread across France',
        language: 'en',
        gist: 'Unions called new strikes on Monday.',
        claims: [],
        figures: [
          {
            text: '1.2 million',
            value: 1_200_000,
            counts: 'people marched',
            attribution: 'the CGT union',
            sentence: 1,
          },
        ],
        sentences: [
          'Unions called new strikes on Monday.',
          'The Elysee said the pension reform would go ahead.',
          'Talks resume next week.',
        ],
        stats: { words: 20, ms: 1 },
      },
    );

    const report = await runAlerts(deps(), [item]);

    expect(report).toMatchObject({
      follows: 2,
      items: 1,
      matched: 2,
      enqueued: 2,
      batched: 0,
      alreadyAlerted: 0,
    });
    const deliveries = await alertDeliveries();
    const dm = deliveries.find((d) => d.key === `alert:discord:user:U1:${item.article.id}`);
    expect(dm?.target).toEqual({ kind: 'user', userId: 'U1', fallbackChannelId: 'C9' });
    const card = firstCard(dm!.message);
    expect(card).toMatchObject({
      title: 'Strikes spread across France',
      url: item.article.url,
      source: 'Example News',
      timestamp: '2026-11-27T08:30:00.000Z',
    });
    expect(card.body).toEqual([
      { text: 'The ' },
      { text: 'Elysee', strong: true },
      { text: ' said the pension reform would go ahead.' },
    ]);
    expect(card.fields).toEqual([
      { name: 'Key figures', value: '1.2 million — people marched (according to the CGT union)' },
    ]);
    const channel = deliveries.find((d) => d.key === `alert:slack:channel:C1:${item.article.id}`);
    expect(channel?.target).toEqual({ kind: 'channel', channelId: 'C1' });
    expect(firstCard(channel!.message).body).toEqual([
      { text: 'The Elysee said the ' },
      { text: 'pension reform', strong: true },
      { text: ' would go ahead.' },
    ]);
  });

  it('skips paused follows, follows limited to other feeds, and articles that do not match', async () => {
    const paused = await store.addFollow(
      { platform: 'discord', userId: 'U1', channelId: 'C1', query: 'budget', feedUrls: [] },
      clock,
    );
    await store.setFollowPaused(paused.id, true);
    await store.addFollow(
      { platform: 'discord', userId: 'U2', channelId: 'C1', query: 'budget', feedUrls: [FEED_B] },
      clock,
    );
    await store.addFollow(
      { platform: 'discord', userId: 'U3', channelId: 'C1', query: 'budget', feedUrls: [FEED_A] },
      clock,
    );
    await store.addFollow(
      { platform: 'discord', userId: 'U4', channelId: 'C1', query: 'budget -draft', feedUrls: [] },
      clock,
    );
    const item = await storeArticle({
      title: 'Draft budget published',
      content: 'The draft budget cuts spending.',
    });

    const report = await runAlerts(deps(), [item]);

    expect(report).toMatchObject({ follows: 3, matched: 1, enqueued: 1 });
    expect((await alertDeliveries()).map((d) => d.key)).toEqual([`alert:discord:user:U3:${item.article.id}`]);
  });

  it('lets a follow limited to one feed match an article that several feeds carried', async () => {
    await store.addFollow(
      { platform: 'discord', userId: 'U1', channelId: 'C1', query: 'harbour', feedUrls: [FEED_B] },
      clock,
    );
    const item = await storeArticle({ title: 'Harbour reopens', content: '' });
    await store.upsertArticle({ ...item.article, feedUrl: FEED_B }, clock);
    const both = await store.getItem(item.article.id);
    expect(both?.feedUrls).toEqual(expect.arrayContaining([FEED_A, FEED_B]));

    expect(await runAlerts(deps(), [item])).toMatchObject({ enqueued: 0 });
    expect(await runAlerts(deps(), [both!])).toMatchObject({ enqueued: 1 });
  });

  it('alerts a follower once per article, across several matching follows and later runs', async () => {
    const f1 = await store.addFollow(
      { platform: 'discord', userId: 'U1', channelId: 'C1', query: 'tariffs', feedUrls: [] },
      clock,
    );
    const f2 = await store.addFollow(
      { platform: 'discord', userId: 'U1', channelId: 'C1', query: 'steel OR aluminium', feedUrls: [] },
      clock,
    );
    const item = await storeArticle({
      title: 'New tariffs on steel',
      content: 'Tariffs on steel and aluminium rise.',
    });

    const first = await runAlerts(deps(), [item]);
    clock = new Date(start.getTime() + 60_000);
    const second = await runAlerts(deps(), [item]);

    expect(first).toMatchObject({ matched: 1, enqueued: 1 });
    expect(second).toMatchObject({ matched: 1, enqueued: 0, alreadyAlerted: 1 });
    const [delivery, ...others] = await alertDeliveries();
    expect(others).toEqual([]);
    expect(delivery?.message.title).toBe('Alert: “tariffs”, “steel OR aluminium”');
    expect(firstCard(delivery!.message).footer).toBe(`Follows #${f1.id}, #${f2.id} · /unfollow <id> to stop`);
  });

  it('folds the matches beyond the hourly cap into one batched message, and keeps counting across runs', async () => {
    await store.addFollow(
      { platform: 'slack', userId: 'U1', channelId: 'C1', query: 'climate', feedUrls: [] },
      clock,
    );
    const items: StoredItem[] = [];
    for (let i = 0; i < 5; i++)
      items.push(await storeArticle({ title: `Climate story ${i}`, content: 'Climate news.' }));

    const first = await runAlerts(deps(), items, { perFollowerHourlyCap: 2 });

    expect(first).toMatchObject({ matched: 5, enqueued: 2, batched: 3, batches: 1 });
    let deliveries = await alertDeliveries();
    expect(deliveries).toHaveLength(3);
    const batch = deliveries.find((d) => d.key.startsWith('alert:slack:user:U1:batch:'));
    expect(batch?.message.title).toBe('3 new articles for “climate”');
    expect(batch?.message.cards.map((c) => c.title)).toEqual([
      'Climate story 2',
      'Climate story 3',
      'Climate story 4',
    ]);
    expect(batch?.message.cards.map((c) => c.url)).toEqual(items.slice(2).map((item) => item.article.url));

    // Twenty minutes later: already three alert messages this hour, so two new matches are one batch.
    clock = new Date(start.getTime() + 20 * 60_000);
    const more = [
      await storeArticle({ title: 'Climate story 5', content: '' }),
      await storeArticle({ title: 'Climate story 6', content: '' }),
    ];
    const second = await runAlerts(deps(), more, { perFollowerHourlyCap: 2 });
    expect(second).toMatchObject({ enqueued: 0, batched: 2, batches: 1 });

    // Two hours later the cap is free again: a single match is a normal alert.
    clock = new Date(start.getTime() + 2 * 60 * 60_000);
    const later = await storeArticle({ title: 'Climate story 7', content: '' });
    expect(await runAlerts(deps(), [later], { perFollowerHourlyCap: 2 })).toMatchObject({
      enqueued: 1,
      batched: 0,
    });
    deliveries = await alertDeliveries();
    expect(deliveries).toHaveLength(5);
  });

  it('skips a stored follow whose query no longer parses and still serves the others', async () => {
    const broken = await store.addFollow(
      { platform: 'discord', userId: 'U1', channelId: 'C1', query: '"unclosed', feedUrls: [] },
      clock,
    );
    await store.addFollow(
      { platform: 'discord', userId: 'U2', channelId: 'C1', query: 'unclosed', feedUrls: [] },
      clock,
    );
    const item = await storeArticle({ title: 'An unclosed case', content: '' });

    const report = await runAlerts(deps(), [item]);

    expect(report).toMatchObject({ invalidFollowIds: [broken.id], enqueued: 1 });
  });

  it('matches the feed teaser as well as the title and full text', async () => {
    await store.addFollow(
      { platform: 'discord', userId: 'U1', channelId: 'C1', query: 'glacier', feedUrls: [] },
      clock,
    );
    const item = await storeArticle({
      title: 'Expedition returns',
      summary: 'The team mapped a shrinking glacier.',
      content: 'The expedition came back on Friday.',
    });

    expect(await runAlerts(deps(), [item])).toMatchObject({ matched: 1, enqueued: 1 });
  });

  it('does nothing without new items', async () => {
    await store.addFollow(
      { platform: 'discord', userId: 'U1', channelId: 'C1', query: 'anything', feedUrls: [] },
      clock,
    );
    expect(await runAlerts(deps(), [])).toMatchObject({ follows: 0, matched: 0, enqueued: 0 });
  });
});

describe('delivery keys', () => {
  it('names the follower with its platform, and keys a batch by its set of articles', () => {
    expect(followerKeyOf({ platform: 'discord', userId: '123', channelId: 'C9' })).toBe('discord:user:123');
    expect(followerKeyOf({ platform: 'slack', channelId: 'C1' })).toBe('slack:channel:C1');
    expect(alertKey('slack:channel:C1', 'a1')).toBe('alert:slack:channel:C1:a1');
    expect(batchKey('slack:channel:C1', ['b', 'a', 'c'])).toBe(batchKey('slack:channel:C1', ['c', 'b', 'a']));
    expect(batchKey('slack:channel:C1', ['a', 'b'])).not.toBe(batchKey('slack:channel:C1', ['a', 'b', 'c']));
    expect(batchKey('slack:channel:C1', ['a'])).not.toBe(batchKey('slack:channel:C2', ['a']));
    expect(batchKey('slack:channel:C1', ['a'])).toMatch(/^alert:slack:channel:C1:batch:[0-9a-f]{24}$/);
  });
});
