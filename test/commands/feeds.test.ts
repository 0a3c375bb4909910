import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommandTestKit, replyToText, type CommandTestKit } from './command-test-kit.js';

const FEED = 'https://news.example/feed.xml';

describe('feeds commands', () => {
  let kit: CommandTestKit;
  beforeEach(async () => {
    kit = await createCommandTestKit();
  });
  afterEach(() => kit.close());

  it('feeds add stores the feed, subscribes this channel and says the first fetch is on the next poll', async () => {
    const reply = await kit.handler.handle(kit.request('feeds', FEED, { subcommand: 'add' }));
    expect(reply.visibility).toBe('ephemeral');
    expect(replyToText(reply)).toMatch(
      /^Added https:\/\/news\.example\/feed\.xml\. Its first fetch happens on the next poll/u,
    );
    expect(replyToText(reply)).toMatch(/No digest is scheduled/u);
    expect(await kit.store.getFeed(FEED)).toMatchObject({ url: FEED, intervalMinutes: 30, paused: false });
    expect(await kit.store.subscriptions({ platform: 'discord', channelId: 'C1' })).toEqual([
      { platform: 'discord', channelId: 'C1', feedUrl: FEED },
    ]);
    expect(await kit.store.getChannel('discord', 'C1')).toMatchObject({ timezone: 'Europe/Paris' });
  });

  it('feeds add twice says the channel already gets it; another channel can add it too', async () => {
    await kit.handler.handle(kit.request('feeds', `add ${FEED}`));
    const again = await kit.handler.handle(kit.request('feeds', `add ${FEED}`));
    expect(replyToText(again)).toMatch(/already gets/u);
    await kit.handler.handle(kit.request('feeds', `add ${FEED}`, { channelId: 'C2' }));
    expect(await kit.store.subscriptions({ feedUrl: FEED })).toHaveLength(2);
    expect(await kit.store.listFeeds()).toHaveLength(1);
  });

  it('feeds add with a filter validates it and stores it on the subscription', async () => {
    const reply = await kit.handler.handle(kit.request('feeds', `add ${FEED} climate -opinion`));
    expect(replyToText(reply)).toMatch(/Only items matching "climate -opinion"/u);
    expect(await kit.store.subscriptions({ channelId: 'C1' })).toEqual([
      { platform: 'discord', channelId: 'C1', feedUrl: FEED, filter: 'climate -opinion' },
    ]);
    const bad = await kit.handler.handle(kit.request('feeds', `add https://other.example/rss "unbalanced`));
    expect(replyToText(bad)).toMatch(/^Filter: /u);
    expect(await kit.store.getFeed('https://other.example/rss')).toBeUndefined();
  });

  it.each([
    ['an ftp link', 'ftp://news.example/feed', /Only http and https/u],
    ['a javascript: link', 'javascript:alert(1)', /Only http and https/u],
    ['words', 'not a link', /starts with http/u],
    ['an over-long link', `https://news.example/${'x'.repeat(2100)}`, /too long/u],
    ['a link with credentials', 'https://me:pw@news.example/feed', /user name or password/u],
  ])('feeds add with %s is refused and nothing is saved', async (_label, text, expected) => {
    const reply = await kit.handler.handle(kit.request('feeds', text, { subcommand: 'add' }));
    expect(replyToText(reply)).toMatch(expected);
    expect(reply.visibility).toBe('ephemeral');
    expect(await kit.store.listFeeds()).toEqual([]);
    expect(await kit.store.subscriptions()).toEqual([]);
  });

  it('feeds add and remove are refused to someone who cannot manage the channel; list is not', async () => {
    const add = await kit.handler.handle(
      kit.request('feeds', FEED, { subcommand: 'add', userCanManageChannel: false }),
    );
    expect(replyToText(add)).toBe('Only people who can manage this channel can use /feeds add.');
    expect(await kit.store.listFeeds()).toEqual([]);
    await kit.handler.handle(kit.request('feeds', FEED, { subcommand: 'add' }));
    const remove = await kit.handler.handle(
      kit.request('feeds', FEED, { subcommand: 'remove', userCanManageChannel: false, platform: 'slack' }),
    );
    expect(replyToText(remove)).toBe('Only people who can manage this channel can use /news feeds remove.');
    const list = await kit.handler.handle(
      kit.request('feeds', '', { subcommand: 'list', userCanManageChannel: false }),
    );
    expect(replyToText(list)).toContain(FEED);
  });

  it('feeds list shows each feed with its health: ok, failing since when and why, paused', async () => {
    for (const url of [FEED, 'https://b.example/rss', 'https://c.example/atom', 'https://d.example/new']) {
      await kit.handler.handle(kit.request('feeds', `add ${url}`));
    }
    await kit.store.updateFeedState(FEED, { title: 'Example News', lastOkAt: '2026-11-27T07:40:00.000Z' });
    await kit.store.updateFeedState('https://b.example/rss', {
      failingSince: '2026-11-27T02:00:00.000Z',
      failureCount: 7,
      lastError: 'HTTP 503',
    });
    await kit.store.updateFeedState('https://c.example/atom', {
      paused: true,
      failingSince: '2026-11-24T08:00:00.000Z',
      failureCount: 40,
      lastError: 'DNS lookup failed',
    });
    const reply = await kit.handler.handle(kit.request('feeds', 'list'));
    const text = replyToText(reply);
    expect(reply.message.title).toBe('Feeds in this channel (4)');
    expect(text).toContain(
      'Example News — https://news.example/feed.xml\n  ok, last fetched 2026-11-27 07:40 UTC (20 min ago)',
    );
    expect(text).toContain('failing since 2026-11-27 02:00 UTC (6 h ago), 7 times (HTTP 503)');
    expect(text).toContain(
      'paused after failing since 2026-11-24 08:00 UTC (3 days ago) (DNS lookup failed)',
    );
    expect(text).toContain('https://d.example/new\n  waiting for its first fetch');
    expect(reply.message.footer).toBe(
      'No digest is scheduled: set one with /digest schedule <cron> [timezone].',
    );
    await kit.handler.handle(kit.request('digest', 'schedule 0 7 * * * Europe/Berlin'));
    const scheduled = await kit.handler.handle(kit.request('feeds', 'list'));
    expect(scheduled.message.footer).toBe('Digests: "0 7 * * *" in Europe/Berlin.');
  });

  it('feeds with no subcommand lists; an empty list says how to add one', async () => {
    const reply = await kit.handler.handle(kit.request('feeds', ''));
    expect(replyToText(reply)).toBe('This channel has no feeds. Add one with /feeds add <url> [filter].');
  });

  it('feeds remove by link, by name, or by a unique part; ambiguous and unknown names are explained', async () => {
    await kit.handler.handle(kit.request('feeds', `add ${FEED}`));
    await kit.handler.handle(kit.request('feeds', 'add https://news.example/world.xml'));
    await kit.handler.handle(kit.request('feeds', 'add https://sport.example/rss'));
    await kit.store.updateFeedState('https://sport.example/rss', { title: 'Sport Daily' });

    expect(replyToText(await kit.handler.handle(kit.request('feeds', 'remove news.example')))).toMatch(
      /Several feeds/u,
    );
    expect(replyToText(await kit.handler.handle(kit.request('feeds', 'remove weather')))).toMatch(
      /No feed of this channel matches "weather"/u,
    );
    expect(replyToText(await kit.handler.handle(kit.request('feeds', 'remove sport daily')))).toBe(
      'Removed Sport Daily from this channel.',
    );
    expect(replyToText(await kit.handler.handle(kit.request('feeds', `remove ${FEED}`)))).toBe(
      `Removed ${FEED} from this channel.`,
    );
    expect(replyToText(await kit.handler.handle(kit.request('feeds', 'remove world')))).toMatch(/^Removed/u);
    expect(await kit.store.subscriptions({ channelId: 'C1' })).toEqual([]);
    expect(replyToText(await kit.handler.handle(kit.request('feeds', 'remove world')))).toBe(
      'This channel has no feeds.',
    );
  });

  it('feeds remove only touches this channel', async () => {
    await kit.handler.handle(kit.request('feeds', `add ${FEED}`, { channelId: 'C2' }));
    const reply = await kit.handler.handle(kit.request('feeds', `remove ${FEED}`));
    expect(replyToText(reply)).toBe('This channel has no feeds.');
    expect(await kit.store.subscriptions({ channelId: 'C2' })).toHaveLength(1);
  });

  it('stops polling a feed added by command once the last channel removes it, keeping its items', async () => {
    await kit.handler.handle(kit.request('feeds', `add ${FEED}`));
    await kit.handler.handle(kit.request('feeds', `add ${FEED}`, { channelId: 'C2' }));
    await kit.handler.handle(kit.request('feeds', `remove ${FEED}`));
    expect(await kit.store.getFeed(FEED)).toBeDefined();
    await kit.handler.handle(kit.request('feeds', `remove ${FEED}`, { channelId: 'C2' }));
    expect(await kit.store.getFeed(FEED)).toBeUndefined();
  });

  it('keeps polling a feed from the configuration file that no channel takes any more', async () => {
    const configured = await createCommandTestKit({ configuredFeedUrls: new Set([FEED]) });
    await configured.handler.handle(configured.request('feeds', `add ${FEED}`));
    await configured.handler.handle(configured.request('feeds', `remove ${FEED}`));
    expect(await configured.store.getFeed(FEED)).toBeDefined();
    await configured.store.close();
  });

  it('feeds resume clears the pause of a paused feed; re-adding does too', async () => {
    await kit.handler.handle(kit.request('feeds', `add ${FEED}`));
    await kit.store.updateFeedState(FEED, {
      paused: true,
      failingSince: '2026-11-24T08:00:00.000Z',
      failureCount: 40,
    });
    const reply = await kit.handler.handle(kit.request('feeds', `resume ${FEED}`));
    expect(replyToText(reply)).toMatch(/^Resumed/u);
    expect(await kit.store.getFeed(FEED)).toMatchObject({
      paused: false,
      nextFetchAt: kit.clock.now.toISOString(),
    });
    expect(replyToText(await kit.handler.handle(kit.request('feeds', `resume ${FEED}`)))).toMatch(
      /is not paused/u,
    );
    await kit.store.updateFeedState(FEED, { paused: true });
    const again = await kit.handler.handle(kit.request('feeds', `add ${FEED}`));
    expect(replyToText(again)).toMatch(/was paused and is resumed/u);
    expect((await kit.store.getFeed(FEED))?.paused).toBe(false);
  });

  it('completes feed names and links of this channel for remove', async () => {
    await kit.handler.handle(kit.request('feeds', `add ${FEED}`));
    await kit.handler.handle(kit.request('feeds', 'add https://sport.example/rss'));
    await kit.store.updateFeedState('https://sport.example/rss', { title: 'Sport Daily' });
    await kit.handler.handle(kit.request('feeds', 'add https://elsewhere.example/rss', { channelId: 'C2' }));
    const all = await kit.handler.complete(kit.completion('feeds', 'remove', ''));
    expect(all.map((c) => c.value).sort()).toEqual([FEED, 'https://sport.example/rss']);
    const sport = await kit.handler.complete(kit.completion('feeds', 'remove', 'SPORT'));
    expect(sport).toEqual([
      { label: 'Sport Daily — https://sport.example/rss', value: 'https://sport.example/rss' },
    ]);
  });
});

describe('feeds add checks a new feed once', () => {
  it('refuses a web page with the reason, and adds a real feed under its title', async () => {
    const { startTestServer } = await import('../net/start-test-server.js');
    const { checkFeed } = await import('../../src/feeds/check-feed.js');
    const { createTestHttpClient } = await import('./command-test-kit.js');
    const server = await startTestServer((req, res) => {
      if (req.url === '/feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(
          '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title><link>https://gazette.example/</link>' +
            '<item><guid>1</guid><title>Port reopens</title><link>https://gazette.example/port</link></item></channel></rss>',
        );
      } else {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><head><title>Home</title></head><body><p>Welcome to our site.</p></body></html>');
      }
    });
    const client = createTestHttpClient();
    const checking = await createCommandTestKit({
      checkFeed: async (url) => {
        const check = await checkFeed(url, {
          client,
          now: new Date(),
          readFile: () => Promise.reject(new Error('no')),
        });
        return {
          ...(check.error ? { error: check.error } : {}),
          ...(check.feed.title ? { title: check.feed.title } : {}),
        };
      },
    });
    try {
      const refused = await checking.handler.handle(checking.request('feeds', `add ${server.url}/page.html`));
      expect(replyToText(refused)).toMatch(/^Cannot add .*page\.html: .*(HTML|not a feed)/i);
      expect(await checking.store.getFeed(`${server.url}/page.html`)).toBeUndefined();
      const added = await checking.handler.handle(checking.request('feeds', `add ${server.url}/feed.xml`));
      expect(replyToText(added)).toMatch(/^Added .*Harbour Gazette/);
      expect((await checking.store.getFeed(`${server.url}/feed.xml`))?.title).toBe('Harbour Gazette');
    } finally {
      await checking.store.close();
      await server.close();
    }
  });
});
