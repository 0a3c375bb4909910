import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../net/start-test-server.js';
import {
  createCommandTestKit,
  createPageFetcher,
  createTestHttpClient,
  makeArticle,
  replyToText,
  startPageServer,
  T0,
  type CommandTestKit,
} from './command-test-kit.js';
import type { HttpClient } from '../../src/net/http-client.js';

let server: TestServer;
let client: HttpClient;
let strictClient: HttpClient;

beforeAll(async () => {
  server = await startPageServer();
  client = createTestHttpClient(true);
  strictClient = createTestHttpClient(false);
});
afterAll(async () => {
  await client.close();
  await strictClient.close();
  await server.close();
});

describe('summary <url>', () => {
  let kit: CommandTestKit;
  beforeEach(async () => {
    kit = await createCommandTestKit({ fetchArticlePage: createPageFetcher(client) });
  });
  afterEach(() => kit.close());

  it('fetches the page and answers in the channel with one card: linked title, source, gist, figures, claims', async () => {
    const reply = await kit.handler.handle(kit.request('summary', `${server.url}/article`));
    expect(reply.visibility).toBe('in_channel');
    expect(reply.message.cards).toHaveLength(1);
    const card = reply.message.cards[0]!;
    expect(card.title).toContain('North Korean');
    expect(card.url).toBe(`${server.url}/article`);
    expect(card.source).toBe('Example Herald');
    expect(new Date(card.timestamp!).toISOString()).toBe('2026-11-26T09:30:00.000Z');
    expect(typeof card.body === 'string' && card.body.length).toBeGreaterThan(20);
    const figures = card.fields.find((f) => f.name === 'Key figures');
    expect(figures).toBeDefined();
    expect(String(figures!.value)).toContain('12,000');
    // Every figure shown was written in the article.
    for (const line of String(figures!.value).split('\n')) {
      const number = /^[^—]*?([\d][\d,.]*)/u.exec(line)?.[1];
      expect(number && ARTICLE_NUMBERS.some((n) => n === number)).toBe(true);
    }
    expect(card.fields.some((f) => f.name === 'Key claims')).toBe(true);
  });

  it('accepts a link wrapped the way chat platforms send it', async () => {
    const reply = await kit.handler.handle(kit.request('summary', `<${server.url}/article|the article>`));
    expect(reply.visibility).toBe('in_channel');
    expect(reply.message.cards[0]?.url).toBe(`${server.url}/article`);
  });

  it('answers a 404 with one short ephemeral line naming the status', async () => {
    const reply = await kit.handler.handle(kit.request('summary', `${server.url}/gone`));
    expect(reply.visibility).toBe('ephemeral');
    expect(replyToText(reply)).toMatch(/HTTP 404/u);
    expect(replyToText(reply)).not.toContain('\n');
    expect(replyToText(reply)).not.toMatch(/at .*\.ts:\d+/u);
  });

  it('says when a page has no article', async () => {
    const reply = await kit.handler.handle(kit.request('summary', `${server.url}/no-article`));
    expect(reply.visibility).toBe('ephemeral');
    expect(replyToText(reply)).toMatch(/couldn't find an article/u);
  });

  it('links to the fetched address when the page declares a canonical link that is not http(s)', async () => {
    const reply = await kit.handler.handle(kit.request('summary', `${server.url}/canonical-elsewhere`));
    expect(reply.visibility).toBe('in_channel');
    expect(reply.message.cards[0]?.url).toBe(`${server.url}/canonical-elsewhere`);
  });

  it('says why a non-page address cannot be summarised', async () => {
    const reply = await kit.handler.handle(kit.request('summary', `${server.url}/report.pdf`));
    expect(reply.visibility).toBe('ephemeral');
    expect(replyToText(reply)).toMatch(/couldn't find an article at 127\.0\.0\.1: .*application\/pdf/u);
  });

  it('refuses links other than http and https without fetching anything', async () => {
    const before = server.requests.length;
    for (const link of [
      'ftp://example.com/file',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,hi',
    ]) {
      const reply = await kit.handler.handle(kit.request('summary', link));
      expect(reply.visibility).toBe('ephemeral');
      expect(replyToText(reply)).toMatch(/Only http and https links/u);
    }
    expect(server.requests.length).toBe(before);
  });

  it('refuses over-long links and links with credentials without fetching anything', async () => {
    const before = server.requests.length;
    const tooLong = await kit.handler.handle(kit.request('summary', `${server.url}/${'a'.repeat(5000)}`));
    expect(replyToText(tooLong)).toMatch(/too long/u);
    const creds = await kit.handler.handle(
      kit.request('summary', `http://user:secret@127.0.0.1:${server.port}/article`),
    );
    expect(replyToText(creds)).toMatch(/user name or password/u);
    expect(server.requests.length).toBe(before);
  });

  it('limits how many links one person can have summarised per minute', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await kit.handler.handle(kit.request('summary', `${server.url}/gone`))).message.text).toMatch(
        /HTTP 404/u,
      );
    }
    const before = server.requests.length;
    const limited = await kit.handler.handle(kit.request('summary', `${server.url}/article`));
    expect(replyToText(limited)).toBe(
      'You have asked for many link summaries in a short time; try again in 60 s.',
    );
    expect(server.requests.length).toBe(before);
    const other = await kit.handler.handle(kit.request('summary', `${server.url}/article`, { userId: 'U2' }));
    expect(other.visibility).toBe('in_channel');
    kit.clock.now = new Date(T0.getTime() + 60_001);
    const later = await kit.handler.handle(kit.request('summary', `${server.url}/article`));
    expect(later.visibility).toBe('in_channel');
  });
});

describe('summary <url> card tidying', () => {
  it('drops the site name from the page title and a byline that repeats the site', async () => {
    const text = [
      'The city council approved a new tram line on Monday, the mayor said.',
      'The line will cost 240 million euros and open in 2029, according to the transport authority.',
    ].join('\n\n');
    const kit = await createCommandTestKit({
      fetchArticlePage: (url) =>
        Promise.resolve({
          url,
          title: 'Council approves tram line | Example Herald',
          siteName: 'Example Herald',
          byline: 'Example Herald',
          text,
        }),
    });
    try {
      const reply = await kit.handler.handle(kit.request('summary', 'https://herald.example/tram'));
      expect(reply.message.cards[0]).toMatchObject({
        title: 'Council approves tram line',
        source: 'Example Herald',
      });
    } finally {
      await kit.close();
    }
  });
});

describe('summary <url> of text the summariser cannot read', () => {
  it('shows the summariser’s own reason in one line', async () => {
    const kit = await createCommandTestKit({
      fetchArticlePage: (url) =>
        Promise.resolve({ url, title: 'Numbers', text: '1234 5678 9012 3456 '.repeat(10) }),
    });
    try {
      const reply = await kit.handler.handle(kit.request('summary', 'https://numbers.example/page'));
      expect(reply.visibility).toBe('ephemeral');
      expect(replyToText(reply)).toMatch(/^Cannot summarise this article: .+\.$/u);
    } finally {
      await kit.close();
    }
  });
});

describe('summary <url> under the network policy', () => {
  it('refuses a private address with a short line and logs the detail', async () => {
    const kit = await createCommandTestKit({ fetchArticlePage: createPageFetcher(strictClient) });
    try {
      const reply = await kit.handler.handle(kit.request('summary', `${server.url}/article`));
      expect(reply.visibility).toBe('ephemeral');
      expect(replyToText(reply)).toMatch(/private, local or reserved/u);
      expect(kit.logs.some((l) => l.command === 'summary' && l.err?.type === 'NetworkPolicyError')).toBe(
        true,
      );
    } finally {
      await kit.close();
    }
  });
});

describe('summary <words>', () => {
  let kit: CommandTestKit;
  beforeEach(async () => {
    kit = await createCommandTestKit();
  });
  afterEach(() => kit.close());

  async function storeArticles(): Promise<void> {
    const day = 86_400_000;
    await kit.store.upsertArticle(
      makeArticle({
        id: 'rates',
        title: 'Central bank raises interest rates to 4.5%',
        content:
          'The central bank raised its main interest rate by 0.25 percentage points to 4.5%, the governor said on Thursday.\n\nInflation reached 3.2% in October, according to the statistics office.',
      }),
      new Date(T0.getTime() - day),
    );
    await kit.store.upsertArticle(
      makeArticle({
        id: 'football',
        title: 'Local club wins the cup final',
        content:
          'The club won 2-1 in front of 40,000 fans, the league said.\n\nIt is their first cup since 1998.',
      }),
      new Date(T0.getTime() - day),
    );
    await kit.store.upsertArticle(
      makeArticle({
        id: 'inflation',
        title: 'Shoppers feel the pinch as prices rise',
        content:
          'Interest rates and inflation weigh on households, a consumer group said.\n\nFood prices rose 5% in a year.',
      }),
      new Date(T0.getTime() - 2 * day),
    );
    await kit.store.upsertArticle(
      makeArticle({
        id: 'old-rates',
        title: 'Interest rates held at 4.25%',
        content: 'The central bank held interest rates, the governor said.',
      }),
      new Date(T0.getTime() - 30 * day),
    );
  }

  it('summarises the best-matching recent articles, title matches first, and leaves out old ones', async () => {
    await storeArticles();
    const reply = await kit.handler.handle(kit.request('summary', 'Interest RATES'));
    expect(reply.visibility).toBe('in_channel');
    const titles = reply.message.cards.map((c) => c.title);
    expect(titles[0]).toBe('Central bank raises interest rates to 4.5%');
    expect(titles).toContain('Shoppers feel the pinch as prices rise');
    expect(titles).not.toContain('Interest rates held at 4.25%');
    expect(titles).not.toContain('Local club wins the cup final');
    expect(reply.message.cards[0]?.url).toBe('https://news.example/rates');
    expect(reply.message.cards[0]?.source).toBe('Example News');
  });

  it('answers a link to a stored article from the store, without fetching it', async () => {
    await storeArticles();
    const reply = await kit.handler.handle(kit.request('summary', 'https://news.example/rates/#comments'));
    expect(reply.visibility).toBe('in_channel');
    expect(reply.message.cards).toHaveLength(1);
    expect(reply.message.cards[0]).toMatchObject({
      title: 'Central bank raises interest rates to 4.5%',
      url: 'https://news.example/rates',
      source: 'Example News',
    });
    expect(String(reply.message.cards[0]?.fields.find((f) => f.name === 'Key figures')?.value)).toContain(
      '4.5%',
    );
    // A teaser-only stored article is fetched instead (this kit's fetcher refuses: a generic line).
    await kit.store.upsertArticle(
      makeArticle({ id: 'teaser', title: 'Teaser', content: 'Short teaser.', contentIsPartial: true }),
      T0,
    );
    const teaser = await kit.handler.handle(kit.request('summary', 'https://news.example/teaser'));
    expect(teaser.visibility).toBe('ephemeral');
    expect(kit.logs.find((l) => l.msg === 'command failed')?.err?.message).toBe(
      'no page fetcher in this test',
    );
  });

  it('uses the stored summary when there is one', async () => {
    await storeArticles();
    const item = (await kit.store.recentItems(new Date(0), 10)).find((i) => i.article.id === 'football')!;
    await kit.store.saveSummary(item.article.id, {
      title: item.article.title,
      language: 'en',
      gist: 'A stored gist about the cup final.',
      claims: [],
      figures: [],
      sentences: [],
      stats: { words: 20, ms: 1 },
    });
    const reply = await kit.handler.handle(kit.request('summary', 'cup final'));
    expect(reply.message.cards[0]?.body).toBe('A stored gist about the cup final.');
  });

  it('shows a found article that cannot be summarised with its title, link and teaser', async () => {
    await kit.store.upsertArticle(
      makeArticle({
        id: 'scores',
        title: 'Lottery numbers',
        summary: 'This week’s winning numbers.',
        content: '7 14 21 28 35 42',
      }),
      T0,
    );
    const reply = await kit.handler.handle(kit.request('summary', 'lottery'));
    expect(reply.visibility).toBe('in_channel');
    expect(reply.message.cards).toEqual([
      {
        title: 'Lottery numbers',
        url: 'https://news.example/scores',
        source: 'Example News',
        timestamp: '2026-11-26T06:00:00.000Z',
        body: 'This week’s winning numbers.',
        fields: [],
      },
    ]);
  });

  it('answers with a helpful line when nothing matches, and when nothing is stored', async () => {
    const empty = await kit.handler.handle(kit.request('summary', 'volcano'));
    expect(empty.visibility).toBe('ephemeral');
    expect(replyToText(empty)).toMatch(/nothing to search/u);
    await storeArticles();
    const none = await kit.handler.handle(kit.request('summary', 'volcano eruption'));
    expect(none.visibility).toBe('ephemeral');
    expect(replyToText(none)).toMatch(/No article from the last 7 days matches "volcano eruption"/u);
  });

  it('answers empty input with a usage line', async () => {
    const reply = await kit.handler.handle(kit.request('summary', '   \u0000 \t'));
    expect(reply.visibility).toBe('ephemeral');
    expect(replyToText(reply)).toMatch(/^Usage: \/summary <url-or-words>/u);
  });
});

const ARTICLE_NUMBERS = ['12,000', '3,000', '8', '8 million'];
