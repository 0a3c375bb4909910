import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommandTestKit, replyToText, type CommandTestKit } from './command-test-kit.js';

describe('follow, unfollow and alerts', () => {
  let kit: CommandTestKit;
  beforeEach(async () => {
    kit = await createCommandTestKit();
  });
  afterEach(() => kit.close());

  it('follow stores the query for this user, with the channel as fallback, and answers privately', async () => {
    const reply = await kit.handler.handle(kit.request('follow', '"interest rates" OR inflation -opinion'));
    expect(reply.visibility).toBe('ephemeral');
    expect(replyToText(reply)).toMatch(
      /^Following "interest rates" OR inflation -opinion \(#\d+\)\. New matching articles are sent to you by direct message/u,
    );
    const follows = await kit.store.listFollows({ userId: 'U1' });
    expect(follows).toHaveLength(1);
    expect(follows[0]).toMatchObject({
      platform: 'discord',
      userId: 'U1',
      channelId: 'C1',
      query: '"interest rates" OR inflation -opinion',
      feedUrls: [],
      paused: false,
    });
    expect(replyToText(reply)).toContain(`(#${follows[0]!.id})`);
  });

  it('follow of the same query twice (any case or spacing) does not store it again', async () => {
    await kit.handler.handle(kit.request('follow', 'Climate   Summit'));
    const again = await kit.handler.handle(kit.request('follow', 'climate summit'));
    expect(replyToText(again)).toMatch(/You already follow "Climate Summit"/u);
    expect(await kit.store.listFollows({ userId: 'U1' })).toHaveLength(1);
  });

  it.each([
    ['empty', '   ', /^Usage: \/follow <query>/u],
    ['only exclusions', '-sport -opinion', /only excludes words/u],
    ['only stop words', 'the and of', /only very common words/u],
    ['unbalanced quotes', '"climate summit', /quote/iu],
    ['too long', 'word '.repeat(60), /the limit is 200/u],
  ])(
    'follow with a %s query is refused with a clear line and nothing is saved',
    async (_label, text, expected) => {
      const reply = await kit.handler.handle(kit.request('follow', text));
      expect(reply.visibility).toBe('ephemeral');
      expect(replyToText(reply)).toMatch(expected);
      expect(replyToText(reply)).not.toMatch(/^Sorry/u);
      expect(await kit.store.listFollows()).toEqual([]);
    },
  );

  it('alerts lists only the asker’s follows, with ids and paused state', async () => {
    await kit.handler.handle(kit.request('follow', 'climate'));
    await kit.handler.handle(kit.request('follow', 'elections'));
    await kit.handler.handle(kit.request('follow', 'football', { userId: 'U2' }));
    const [climate] = await kit.store.listFollows({ userId: 'U1' });
    await kit.store.setFollowPaused(climate!.id, true);
    const reply = await kit.handler.handle(kit.request('alerts', ''));
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.message.title).toBe('Your follows (2)');
    const text = replyToText(reply);
    expect(text).toContain(`#${climate!.id}  climate  (paused)`);
    expect(text).toContain('elections');
    expect(text).not.toContain('football');
  });

  it('alerts with nothing followed says how to follow', async () => {
    expect(replyToText(await kit.handler.handle(kit.request('alerts', 'list')))).toMatch(
      /You follow nothing yet/u,
    );
  });

  it('alerts pause and resume change only the asker’s follow', async () => {
    await kit.handler.handle(kit.request('follow', 'climate'));
    const [follow] = await kit.store.listFollows({ userId: 'U1' });
    const id = follow!.id;
    expect(replyToText(await kit.handler.handle(kit.request('alerts', `pause ${id}`)))).toMatch(
      /^Paused "climate"/u,
    );
    expect((await kit.store.listFollows({ userId: 'U1' }))[0]?.paused).toBe(true);
    expect(replyToText(await kit.handler.handle(kit.request('alerts', `pause #${id}`)))).toMatch(
      /already paused/u,
    );
    const other = await kit.handler.handle(kit.request('alerts', `resume ${id}`, { userId: 'U2' }));
    expect(replyToText(other)).toMatch(/You have no follow/u);
    expect((await kit.store.listFollows({ userId: 'U1' }))[0]?.paused).toBe(true);
    expect(replyToText(await kit.handler.handle(kit.request('alerts', 'resume CLIMATE')))).toMatch(
      /^Resumed/u,
    );
    expect((await kit.store.listFollows({ userId: 'U1' }))[0]?.paused).toBe(false);
  });

  it('unfollow by id or by query removes the asker’s follow, never someone else’s', async () => {
    await kit.handler.handle(kit.request('follow', 'climate'));
    await kit.handler.handle(kit.request('follow', 'climate', { userId: 'U2' }));
    await kit.handler.handle(kit.request('follow', '"solar power"'));
    const mine = await kit.store.listFollows({ userId: 'U1' });
    const theirs = await kit.store.listFollows({ userId: 'U2' });

    const stolen = await kit.handler.handle(kit.request('unfollow', String(theirs[0]!.id)));
    expect(replyToText(stolen)).toMatch(/You have no follow #/u);
    expect(await kit.store.listFollows({ userId: 'U2' })).toHaveLength(1);

    expect(replyToText(await kit.handler.handle(kit.request('unfollow', String(mine[0]!.id))))).toBe(
      `Stopped following "climate" (#${mine[0]!.id}).`,
    );
    expect(replyToText(await kit.handler.handle(kit.request('unfollow', '“Solar  Power”')))).toMatch(
      /^Stopped following/u,
    );
    expect(await kit.store.listFollows({ userId: 'U1' })).toEqual([]);
    expect(await kit.store.listFollows({ userId: 'U2' })).toHaveLength(1);
    expect(replyToText(await kit.handler.handle(kit.request('unfollow', 'climate')))).toBe(
      'You do not follow anything.',
    );
    expect(replyToText(await kit.handler.handle(kit.request('unfollow', '')))).toMatch(
      /^Usage: \/unfollow <follow>/u,
    );
  });

  it('completes the asker’s follows for unfollow and pause/resume', async () => {
    await kit.handler.handle(kit.request('follow', 'climate'));
    await kit.handler.handle(kit.request('follow', 'elections'));
    await kit.handler.handle(kit.request('follow', 'climate change', { userId: 'U2' }));
    const [climate, elections] = await kit.store.listFollows({ userId: 'U1' });
    await kit.store.setFollowPaused(elections!.id, true);
    expect(await kit.handler.complete(kit.completion('unfollow', undefined, 'clim'))).toEqual([
      { label: `#${climate!.id} climate`, value: String(climate!.id) },
    ]);
    expect((await kit.handler.complete(kit.completion('alerts', 'resume', ''))).map((c) => c.value)).toEqual([
      String(elections!.id),
    ]);
    expect((await kit.handler.complete(kit.completion('alerts', 'pause', ''))).map((c) => c.value)).toEqual([
      String(climate!.id),
    ]);
  });
});

describe('follow limited to feeds', () => {
  let kit: CommandTestKit;
  beforeEach(async () => {
    kit = await createCommandTestKit();
    await kit.store.addFeed(
      { url: 'https://news.example/feed.xml', name: 'Example News', intervalMinutes: 30 },
      kit.clock.now,
    );
    await kit.store.addFeed({ url: 'https://sport.example/rss', intervalMinutes: 30 }, kit.clock.now);
    await kit.store.updateFeedState('https://sport.example/rss', { title: 'Sport Daily' });
    await kit.store.addFeed({ url: 'https://sport.example/live', intervalMinutes: 30 }, kit.clock.now);
    await kit.store.updateFeedState('https://sport.example/live', { title: 'Sport Live' });
  });
  afterEach(() => kit.close());

  it('stores the feeds named by feed: limits, by name, title or link, and keeps them out of the query', async () => {
    const reply = await kit.handler.handle(
      kit.request('follow', 'transfer feed:"sport daily" window feed:https://news.example/feed.xml'),
    );
    expect(replyToText(reply)).toMatch(
      /^Following transfer window \(#\d+\)\. Only articles from 2 feeds count\./u,
    );
    const [follow] = await kit.store.listFollows({ userId: 'U1' });
    expect(follow?.query).toBe('transfer window');
    expect(follow?.feedUrls).toEqual(['https://sport.example/rss', 'https://news.example/feed.xml']);
    const list = replyToText(await kit.handler.handle(kit.request('alerts')));
    expect(list).toContain('transfer window  · only in Sport Daily, Example News');
  });

  it('the same query with other feeds is a separate follow', async () => {
    await kit.handler.handle(kit.request('follow', 'transfer feed:example'));
    await kit.handler.handle(kit.request('follow', 'transfer'));
    expect(
      replyToText(await kit.handler.handle(kit.request('follow', 'transfer feed:"Example News"'))),
    ).toMatch(/already follow/u);
    expect(await kit.store.listFollows({ userId: 'U1' })).toHaveLength(2);
    expect(replyToText(await kit.handler.handle(kit.request('unfollow', 'Transfer feed:example')))).toMatch(
      /^Stopped following "transfer"/u,
    );
    expect(await kit.store.listFollows({ userId: 'U1' })).toHaveLength(1);
  });

  it.each([
    ['an unknown feed name', 'goals feed:weather', /No feed is called "weather"/u],
    ['an ambiguous name', 'goals feed:sport', /matches several feeds \(Sport Daily, Sport Live\)/u],
    [
      'an unknown link',
      'goals feed:https://elsewhere.example/rss',
      /does not read the feed https:\/\/elsewhere\.example\/rss/u,
    ],
    ['an empty limit', 'goals feed:', /Write a feed name or link after feed:/u],
    ['only a limit', 'feed:sport daily', /.+/u],
  ])('refuses %s and saves nothing', async (_label, text, expected) => {
    const reply = await kit.handler.handle(kit.request('follow', text));
    expect(reply.visibility).toBe('ephemeral');
    expect(replyToText(reply)).toMatch(expected);
    expect(replyToText(reply)).not.toMatch(/^Sorry/u);
    expect(await kit.store.listFollows()).toEqual([]);
  });
});
