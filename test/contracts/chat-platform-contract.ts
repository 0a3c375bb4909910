/**
 * Behaviour every ChatPlatform must have, checked on what the platform really delivered: each
 * implementation is run against its own protocol-level fake (or, for the console, its output), and
 * an observer turns what arrived there back into the text a reader sees. Run it as
 * `chatPlatformContract('discord', startDiscordHarness)`.
 *
 * A behaviour an implementation is known to lack is listed in `knownFailures` (test title →
 * reason): the test then runs as an expected failure, and turns red once the gap is closed, so
 * the entry is removed with the fix.
 */
import { afterEach, describe, expect, it as vitestIt, type TestFunction } from 'vitest';
import type { Card, Message, PlatformName, PostTarget } from '../../src/model.js';
import type { ChatPlatformHarness, ChatPlatformSetup } from './chat-platform-harness.js';
import { RecordingCommandHandler } from './recording-command-handler.js';
import {
  brokenCharacters,
  expectAllShown,
  expectEachShownOnce,
  messagePieces,
  shownText,
  toComparable,
} from './shown-text.js';
import { controlCharacters, hostileStrings, longText, numbered, storyDigest } from './contract-messages.js';

export type * from './chat-platform-harness.js';

export interface ChatPlatformContractOptions {
  /** Test title → why this implementation fails it today. */
  readonly knownFailures?: Readonly<Record<string, string>>;
}

export function chatPlatformContract(
  name: PlatformName,
  setup: ChatPlatformSetup,
  options: ChatPlatformContractOptions = {},
): void {
  const knownFailures = options.knownFailures ?? {};
  const it = (title: string, test: TestFunction): void => {
    const reason = knownFailures[title];
    if (reason === undefined) vitestIt(title, test);
    else vitestIt.fails(`${title} [known failure: ${reason}]`, test);
  };
  describe(`${name} chat platform contract`, () => {
    let harness: ChatPlatformHarness | undefined;
    let handler: RecordingCommandHandler;
    const start = async (): Promise<ChatPlatformHarness> => {
      handler = new RecordingCommandHandler();
      harness = await setup(handler);
      return harness;
    };
    afterEach(async () => {
      await harness?.close();
      harness = undefined;
    });
    const channel = (h: ChatPlatformHarness): PostTarget => ({ kind: 'channel', channelId: h.channelId });

    it('delivers the title, text, card titles, bodies, fields and footers to the channel', async () => {
      const h = await start();
      const message: Message = {
        title: 'Morning digest: 2 stories',
        text: 'What happened overnight.',
        cards: [
          {
            title: 'Council approves budget',
            url: 'https://news.example/budget',
            source: 'Example News',
            timestamp: '2026-11-27T07:00:00Z',
            body: 'The council approved a budget of 12 million euros, the mayor said.',
            fields: [
              { name: 'Key figures', value: '12 million euros (budget, council)', inline: true },
              { name: 'Claims', value: [{ text: 'Spending grows ' }, { text: '4 per cent', strong: true }] },
            ],
            footer: 'Also reported by Wire Service',
          },
          {
            title: 'Port reopens after storm',
            body: 'Ships returned to the harbour on Thursday.',
            fields: [],
          },
        ],
        footer: 'and 12 more stories',
      };
      const id = await h.platform.post(channel(h), message, { idempotencyKey: `contract:${name}:basic` });
      expect(typeof id).toBe('string');
      expect(id).not.toBe('');
      const delivered = h.observer.delivered();
      expect(delivered.length).toBeGreaterThan(0);
      expect(delivered.map((m) => m.target)).toEqual(
        delivered.map(() => ({ kind: 'channel', channelId: h.channelId })),
      );
      expectAllShown(delivered, messagePieces(message));
      const shown = shownText(delivered);
      expect(shown.indexOf('Council approves budget')).toBeLessThan(
        shown.indexOf('Port reopens after storm'),
      );
      expect(h.observer.violations()).toEqual([]);
    });

    it('posts a message once when the same idempotency key is posted twice', async () => {
      const h = await start();
      const message: Message = { title: 'Alert', cards: [{ title: 'Rates rise to 4.5%', fields: [] }] };
      const first = await h.platform.post(channel(h), message, { idempotencyKey: 'contract:twice' });
      const second = await h.platform.post(channel(h), message, { idempotencyKey: 'contract:twice' });
      expect(second).toBe(first);
      expect(h.observer.delivered()).toHaveLength(1);
      await h.platform.post(channel(h), message, { idempotencyKey: 'contract:another' });
      expect(h.observer.delivered()).toHaveLength(2);
    });

    it('posts once when the same key is posted twice at the same time', async () => {
      const h = await start();
      // Two delivery runs (the poll cycle and a `digest now`) can pick up the same pending record.
      const message = storyDigest(25);
      const [first, second] = await Promise.all([
        h.platform.post(channel(h), message, { idempotencyKey: 'contract:concurrent' }),
        h.platform.post(channel(h), message, { idempotencyKey: 'contract:concurrent' }),
      ]);
      expect(second).toBe(first);
      expectEachShownOnce(h.observer.delivered(), message);
    });

    it('does not duplicate a post whose answer was lost when it is retried with the same key', async (context) => {
      const h = await start();
      // The console writes to a local stream: there is no answer that could be lost.
      if (!h.loseNextPostResponse) return context.skip();
      const message = storyDigest(25);
      h.loseNextPostResponse();
      let firstId: string | undefined;
      try {
        firstId = await h.platform.post(channel(h), message, { idempotencyKey: 'contract:lost' });
      } catch {
        // An uncertain failure may be reported to the caller, who retries (the delivery worker does).
      }
      expect(h.observer.delivered().length).toBeGreaterThan(0); // the service did post
      const retryId = await h.platform.post(channel(h), message, { idempotencyKey: 'contract:lost' });
      if (firstId !== undefined) expect(retryId).toBe(firstId);
      expectEachShownOnce(h.observer.delivered(), message);
    });

    it('keeps the idempotency guarantee it declares across a restart', async () => {
      const h = await start();
      const message: Message = { cards: [{ title: 'Election results are in', fields: [] }] };
      await h.platform.post(channel(h), message, { idempotencyKey: 'contract:restart' });
      const again = await h.startAnother();
      await again.post(channel(h), message, { idempotencyKey: 'contract:restart' });
      // `process`: the delivery log, not the platform, prevents repeats across restarts; a post
      // whose outcome was not recorded before a crash is shown again (at least once).
      expect(h.observer.delivered()).toHaveLength(h.idempotency === 'durable' ? 1 : 2);
    });

    it('rejects a refused post with an error naming the channel, and delivers nothing', async (context) => {
      const h = await start();
      // The console prints wherever it is asked to: nothing refuses it.
      const refusing = h.refusingChannelId;
      if (refusing === undefined) return context.skip();
      const message: Message = { cards: [{ title: 'Bridge closed for repairs', fields: [] }] };
      await expect(
        h.platform.post({ kind: 'channel', channelId: refusing }, message, {
          idempotencyKey: 'contract:refused',
        }),
      ).rejects.toThrow(new RegExp(refusing));
      expect(h.observer.delivered()).toEqual([]);
    });

    it('delivers a message for a user as a direct message to that user', async () => {
      const h = await start();
      const message: Message = { cards: [{ title: 'New article matches "ai chips"', fields: [] }] };
      await h.platform.post(
        { kind: 'user', userId: h.userId, fallbackChannelId: h.fallbackChannelId },
        message,
        {
          idempotencyKey: 'contract:dm',
        },
      );
      const delivered = h.observer.delivered();
      expect(delivered.map((m) => m.target)).toEqual([{ kind: 'dm', userId: h.userId }]);
      expectAllShown(delivered, messagePieces(message));
    });

    it('posts in the fallback channel when the user does not accept direct messages', async () => {
      const h = await start();
      const message: Message = { cards: [{ title: 'New article matches "port strike"', fields: [] }] };
      const closed = h.closedDmUserId;
      if (closed === undefined) {
        // The console has one reader, who always gets direct messages: the fallback is never used.
        await h.platform.post(
          { kind: 'user', userId: h.userId, fallbackChannelId: h.fallbackChannelId },
          message,
          {
            idempotencyKey: 'contract:fallback',
          },
        );
        expect(h.observer.delivered().map((m) => m.target)).toEqual([{ kind: 'dm', userId: h.userId }]);
        return;
      }
      await h.platform.post(
        { kind: 'user', userId: closed, fallbackChannelId: h.fallbackChannelId },
        message,
        {
          idempotencyKey: 'contract:fallback',
        },
      );
      const delivered = h.observer.delivered();
      expect(delivered.length).toBeGreaterThan(0);
      expect(
        delivered.every((m) => m.target.kind === 'channel' && m.target.channelId === h.fallbackChannelId),
      ).toBe(true);
      expectAllShown(delivered, messagePieces(message));
      // The notice may call the follower; nobody else.
      expect(delivered.flatMap((m) => m.pings).filter((ping) => ping !== `user:${closed}`)).toEqual([]);
      // A retry of the same delivery finds the fallback post already made.
      await h.platform.post(
        { kind: 'user', userId: closed, fallbackChannelId: h.fallbackChannelId },
        message,
        {
          idempotencyKey: 'contract:fallback',
        },
      );
      expect(h.observer.delivered()).toHaveLength(delivered.length);
      await expect(
        h.platform.post({ kind: 'user', userId: closed }, message, {
          idempotencyKey: 'contract:no-fallback',
        }),
      ).rejects.toThrow(new RegExp(closed));
      expect(h.observer.delivered()).toHaveLength(delivered.length);
    });

    it('shows mentions, markup and control characters from feeds as text, without pinging anyone', async () => {
      const h = await start();
      const joined = hostileStrings.join(' ');
      const message: Message = {
        title: `Digest ${hostileStrings[0]} ${hostileStrings[5]}`,
        text: `${joined}\n# not a heading\n> not a quote\n- not a list\n1. not a list`,
        cards: [
          {
            title: `${hostileStrings[3]} ${hostileStrings[8]} wins ${hostileStrings[1]}`,
            source: `${hostileStrings[2]} ${hostileStrings[9]} News`,
            body: [
              { text: `${joined} ` },
              { text: hostileStrings[6], strong: true },
              { text: ` ${controlCharacters}` },
            ],
            fields: hostileStrings.map((text, index) => ({
              name: `${text} ${index}`,
              value: text,
              inline: index % 2 === 0,
            })),
            footer: joined,
          },
        ],
        footer: `${hostileStrings[7]} ${hostileStrings[10]}`,
      };
      await h.platform.post(channel(h), message, { idempotencyKey: 'contract:hostile' });
      const delivered = h.observer.delivered();
      expect(delivered.flatMap((m) => m.pings)).toEqual([]);
      expect(h.observer.violations()).toEqual([]);
      expectAllShown(delivered, [
        ...hostileStrings,
        'not a heading',
        'not a quote',
        'bell escape[2J clear]0;title done',
      ]);
      const shown = shownText(delivered);
      for (const text of hostileStrings)
        expect(shown.split(toComparable(text)).length - 1).toBeGreaterThanOrEqual(3);
    });

    it('keeps a 10,000-character text and body within limits and shows all of it or cuts it visibly', async () => {
      const h = await start();
      const text = longText('text', 10_000);
      const body = longText('body', 10_000);
      const message: Message = {
        title: 'Long read',
        text,
        cards: [{ title: 'A very long article', body, fields: [{ name: 'Source', value: 'Example News' }] }],
        footer: 'End of the long read',
      };
      await h.platform.post(channel(h), message, { idempotencyKey: 'contract:long' });
      const delivered = h.observer.delivered();
      expect(h.observer.violations()).toEqual([]);
      expect(delivered.flatMap((m) => m.pings)).toEqual([]);
      expectAllShown(delivered, messagePieces(message));
      // Long free text is split across messages rather than cut: it is what the user asked to read.
      const shown = shownText(delivered);
      expect(shown).toContain(toComparable(text));
    });

    it('splits or cuts text without spaces (Chinese, emoji) without breaking a character', async () => {
      const h = await start();
      const chinese = '中央银行周二宣布将利率维持在百分之四点五不变行长表示通胀压力正在缓解';
      const text = Array.from({ length: 150 }, (_, index) => `${chinese}${numbered(index)}📈`).join('');
      const body = Array.from({ length: 150 }, (_, index) => `${chinese}第${numbered(index)}段🚢`).join('');
      const message: Message = {
        title: '亚洲市场摘要',
        text,
        cards: [{ title: '港口重新开放', body, fields: [] }],
      };
      await h.platform.post(channel(h), message, { idempotencyKey: 'contract:cjk' });
      const delivered = h.observer.delivered();
      expect(h.observer.violations()).toEqual([]);
      expect(brokenCharacters(delivered)).toEqual([]);
      expectAllShown(delivered, messagePieces(message));
      expect(shownText(delivered).replace(/ /g, '')).toContain(text);
    });

    it('splits or cuts a long run of emoji without breaking one', async () => {
      const h = await start();
      // Both parities, so that a cut at any code-unit offset would land inside a surrogate pair.
      const message: Message = {
        text: `x${'📈'.repeat(2500)}`,
        cards: [
          { title: 'Even', body: '🚢'.repeat(2600), fields: [] },
          {
            title: 'Odd',
            body: `y${'🚢'.repeat(2600)}`,
            fields: [{ name: 'Mood', value: `z${'🙂'.repeat(700)}` }],
          },
        ],
      };
      await h.platform.post(channel(h), message, { idempotencyKey: 'contract:emoji' });
      const delivered = h.observer.delivered();
      expect(h.observer.violations()).toEqual([]);
      expect(brokenCharacters(delivered)).toEqual([]);
      expectAllShown(delivered, messagePieces(message));
    });

    it('shows every emphasised and plain span of a long highlighted text', async () => {
      const h = await start();
      const spans = Array.from({ length: 40 }, (_, index) => [
        { text: `${longText(`plain${numbered(index)}x`, 240)} ` },
        { text: `term${numbered(index)} highlighted`, strong: true },
        { text: ' ' },
      ]).flat();
      const message: Message = {
        text: spans,
        cards: [{ title: 'Matches', body: spans.slice(0, 12), fields: [] }],
      };
      await h.platform.post(channel(h), message, { idempotencyKey: 'contract:spans' });
      const delivered = h.observer.delivered();
      expect(h.observer.violations()).toEqual([]);
      expectAllShown(
        delivered,
        spans.map((span) => span.text).filter((text) => text.trim() !== ''),
      );
    });

    it('delivers 60 cards in order within limits, with hostile titles, pinging nobody', async () => {
      const h = await start();
      const cards: Card[] = Array.from({ length: 60 }, (_, index) => ({
        title: `Story ${numbered(index)} of 060 @here <!channel>`,
        url: `https://news.example/story-${index}`,
        source: 'Example News',
        timestamp: '2026-11-27T07:00:00Z',
        body: `${'The council said the budget grows by 4 per cent. '.repeat(6)}Story ${numbered(index)} ends here.`,
        fields: [
          { name: 'Key figures', value: `${index} million euros <@U123>`, inline: true },
          { name: 'Claims', value: `Claim ${numbered(index)}: the minister said so @everyone` },
        ],
        footer: `Card ${numbered(index)} footer`,
      }));
      const message: Message = { title: 'Digest: 60 stories', cards, footer: 'That is all for today' };
      await h.platform.post(channel(h), message, { idempotencyKey: 'contract:sixty' });
      const delivered = h.observer.delivered();
      expect(h.observer.violations()).toEqual([]);
      expect(delivered.flatMap((m) => m.pings)).toEqual([]);
      expectAllShown(delivered, messagePieces(message));
      const shown = shownText(delivered);
      const positions = cards.map((card) => shown.indexOf(toComparable(card.title)));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(shown.indexOf('That is all for today')).toBeGreaterThan(positions.at(-1) ?? 0);
    });

    it('stops after start, and a second stop does not throw', async () => {
      const h = await start();
      await expect(h.platform.stop()).resolves.toBeUndefined();
      await expect(h.platform.stop()).resolves.toBeUndefined();
    });

    it('passes a command to the handler as a well-formed request and shows the reply', async () => {
      const h = await start();
      handler.reply = {
        message: {
          text: 'Found 2 articles about ai chips',
          cards: [{ title: 'Chip exports fall', fields: [] }],
        },
        visibility: 'ephemeral',
      };
      await h.sendCommand({ name: 'summary', text: 'ai chips' });
      expect(handler.requests).toHaveLength(1);
      const request = handler.requests[0]!;
      expect(request).toMatchObject({
        platform: name,
        name: 'summary',
        text: 'ai chips',
        channelId: h.commandChannelId,
        userId: h.commandUserId,
      });
      expect(request.subcommand).toBeUndefined();
      expect(request.userCanManageChannel).toBe(h.commandUserCanManage);
      if (request.teamId !== undefined) expect(request.teamId).not.toBe('');
      expectAllShown(h.observer.replies(), ['Found 2 articles about ai chips', 'Chip exports fall']);
    });

    it('passes a subcommand without text with an empty text', async () => {
      const h = await start();
      handler.reply = { message: { text: 'Digest posted: 3 stories', cards: [] }, visibility: 'in_channel' };
      await h.sendCommand({ name: 'digest', subcommand: 'now', text: '' });
      expect(handler.requests).toHaveLength(1);
      expect(handler.requests[0]).toMatchObject({
        platform: name,
        name: 'digest',
        subcommand: 'now',
        text: '',
      });
      expectAllShown(h.observer.replies(), ['Digest posted: 3 stories']);
    });

    it('passes a subcommand and its text, and a hostile reply pings nobody', async () => {
      const h = await start();
      handler.reply = {
        message: { text: `Added the feed @everyone <!channel> <@U123> <@123>`, cards: [] },
        visibility: 'in_channel',
      };
      await h.sendCommand({ name: 'feeds', subcommand: 'add', text: 'https://wire.example/rss' });
      expect(handler.requests).toHaveLength(1);
      expect(handler.requests[0]).toMatchObject({
        platform: name,
        name: 'feeds',
        subcommand: 'add',
        text: 'https://wire.example/rss',
        channelId: h.commandChannelId,
        userId: h.commandUserId,
      });
      const replies = h.observer.replies();
      expectAllShown(replies, ['Added the feed @everyone <!channel> <@U123> <@123>']);
      expect(replies.flatMap((m) => m.pings)).toEqual([]);
      expect(h.observer.violations()).toEqual([]);
    });
  });
}
