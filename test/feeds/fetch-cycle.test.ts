import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetchCycleRunner, runFetchCycle, type FetchCycleDeps } from '../../src/feeds/fetch-cycle.js';
import { silentLogger } from '../../src/log.js';
import { createHttpClient } from '../../src/net/http-client.js';
import type { Logger, Store } from '../../src/ports.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { startTestServer, testNetwork, type TestServer } from '../net/start-test-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const longParagraph =
  'The council voted on Tuesday to expand the northern tram line by 12 kilometres, a project the city says will cost 480 million euros and carry 60,000 passengers a day once it opens in 2029. ';

function rss(items: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed A</title><link>https://news.example.org/</link>${extra}${items}</channel></rss>`;
}

function item(guid: string, title: string, link: string, description: string): string {
  return `<item><guid>${guid}</guid><title>${title}</title><link>${link}</link><pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate><description><![CDATA[${description}]]></description></item>`;
}

const fullText = `<p>${longParagraph.repeat(4)}</p><p>${longParagraph.repeat(4)}</p>`;

const articlePage = `<!doctype html><html lang="en"><head><title>Tram line to grow | City News</title>
<meta property="og:title" content="Tram line to grow"><meta property="article:published_time" content="2026-11-24T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Tram line to grow</h1><p class="byline">By Jane Smith</p><p>Published 24 November 2026</p>
<p>${longParagraph}</p><figure><img src="tram.jpg"><figcaption>A tram in the city centre. Photo: Jane Smith</figcaption></figure>
<p>${longParagraph}</p><p>${longParagraph}</p>
<h2>Related articles</h2><ul><li><a href="/a">Bus fares rise</a></li><li><a href="/b">Bridge closes</a></li></ul></article>
<footer>Copyright City News</footer></body></html>`;

interface Fixture {
  server: TestServer;
  store: Store;
  deps: FetchCycleDeps;
  clock: { now: Date };
}

async function setUp(
  routes: Record<
    string,
    (res: import('node:http').ServerResponse, req: import('node:http').IncomingMessage) => void
  >,
  network = testNetwork(),
  openStore: () => Promise<Store> = () => openSqliteStore(':memory:'),
): Promise<Fixture> {
  const server = await startTestServer((req, res) => {
    const route = routes[req.url ?? ''];
    if (route === undefined) res.writeHead(404).end('not found');
    else route(res, req);
  });
  cleanups.push(() => server.close());
  const store = await openStore();
  cleanups.push(() => store.close());
  const client = createHttpClient(network);
  cleanups.push(() => client.close());
  const clock = { now: new Date('2026-11-27T12:00:00Z') };
  return {
    server,
    store,
    clock,
    deps: { store, client, now: () => clock.now, logger: silentLogger, random: () => 0.5 },
  };
}

/** Every store the cycle runs against: SQLite, and PostgreSQL when a test server is configured. */
const postgresUrl = process.env.NEWS_DIGEST_TEST_POSTGRES_URL;
const storeFactories: Array<[string, () => Promise<Store>]> = [['sqlite', () => openSqliteStore(':memory:')]];
if (postgresUrl) {
  storeFactories.push([
    'postgresql',
    async () => {
      const schema = `news_digest_test_${randomBytes(6).toString('hex')}`;
      cleanups.unshift(async () => {
        const client = new pg.Client({ connectionString: postgresUrl });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      });
      return openPostgresStore(postgresUrl, { schema });
    },
  ]);
}

interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string | undefined;
}

function createRecordingLogger(lines: LogLine[]): Logger {
  const at =
    (level: LogLine['level']) =>
    (_obj: object, msg?: string): void => {
      lines.push({ level, msg });
    };
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return logger;
}

describe('fetch cycle', () => {
  it.each(storeFactories)(
    'stores entries that share a link but have their own GUIDs, and still dedupes ordinary links (%s)',
    async (_name, openStore) => {
      let base = '';
      const episode = (n: number): string =>
        `<item><title>Episode ${n}</title><link>${base}/show/</link><guid>${base}/media/show-${n}.mp3</guid><pubDate>Tue, ${10 + n} Nov 2026 09:00:00 GMT</pubDate><description><![CDATA[${fullText}]]></description></item>`;
      const post = (anchor: string, title: string): string =>
        `<item><title>${title}</title><link>${base}/2026/11/24.html#${anchor}</link><guid>${base}/2026/11/24.html#${anchor}</guid><description><![CDATA[${fullText}]]></description></item>`;
      const fixture = await setUp(
        {
          '/podcast.xml': (res) => res.writeHead(200).end(rss(episode(1) + episode(2) + episode(3))),
          '/daily.xml': (res) => res.writeHead(200).end(rss(post('a1', 'Morning') + post('a2', 'Evening'))),
          '/other.xml': (res) =>
            res
              .writeHead(200)
              .end(
                rss(
                  item('o-1', 'The show page', `${base}/show/`, fullText) +
                    item('o-3', 'Tram', `${base}/story/1?utm_source=x`, fullText),
                ),
              ),
          '/tram.xml': (res) => res.writeHead(200).end(rss(item('t-1', 'Tram', `${base}/story/1`, fullText))),
        },
        testNetwork(),
        openStore,
      );
      base = fixture.server.url;
      for (const name of ['podcast', 'daily', 'tram', 'other']) {
        await fixture.store.addFeed({ url: `${base}/${name}.xml`, intervalMinutes: 15 }, fixture.clock.now);
      }
      const feedUrls = ['podcast', 'daily', 'tram', 'other'].map((name) => `${base}/${name}.xml`);
      const first = await runFetchCycle(fixture.deps, { feedUrls, concurrency: 1 });
      expect(first.feeds.map((f) => [f.url.slice(base.length), f.items, f.newItems])).toEqual([
        ['/podcast.xml', 3, 3],
        ['/daily.xml', 2, 2],
        ['/tram.xml', 1, 1],
        // The show page is an ordinary link in this feed, and no episode owns it: stored. The tram
        // story is the same article as before: not new.
        ['/other.xml', 2, 1],
      ]);
      expect(first.newItems.map((i) => i.article.title)).toEqual([
        'Episode 1',
        'Episode 2',
        'Episode 3',
        'Morning',
        'Evening',
        'Tram',
        'The show page',
      ]);
      fixture.clock.now = new Date('2026-11-27T13:00:00Z');
      const again = await runFetchCycle(fixture.deps, { feedUrls, concurrency: 1 });
      expect(again.newItems).toEqual([]);
    },
  );

  it('logs routine extraction failures at debug level and notes feeds over the item cap', async () => {
    let base = '';
    const items = (): string =>
      Array.from({ length: 12 }, (_, i) =>
        item(`c-${i}`, `Story ${i}`, `${base}/paywalled/${i}`, 'A teaser&#8230;'),
      ).join('');
    const fixture = await setUp({
      '/capped.xml': (res) => res.writeHead(200).end(rss(items())),
      '/paywalled/0': (res) => res.writeHead(403).end('subscribe'),
    });
    base = fixture.server.url;
    const lines: LogLine[] = [];
    await fixture.store.addFeed({ url: `${base}/capped.xml`, intervalMinutes: 15 }, fixture.clock.now);
    const report = await runFetchCycle(
      { ...fixture.deps, logger: createRecordingLogger(lines) },
      { maxItemsPerFeed: 5, maxExtractionsPerFeed: 2 },
    );
    expect(report.feeds[0]).toEqual({
      url: `${base}/capped.xml`,
      status: 'ok',
      items: 5,
      newItems: 5,
      entries: 12,
      note: '12 entries in the feed; kept the first 5 (the item cap)',
    });
    const extraction = lines.filter((line) => /article page/.test(line.msg ?? ''));
    expect(extraction).toHaveLength(2);
    expect(extraction.every((line) => line.level === 'debug')).toBe(true);
    expect(lines.filter((line) => line.level !== 'debug')).toEqual([]);
  });

  it('stores new entries once, answers 304s on the next cycle and dedupes across feeds', async () => {
    let base = '';
    const feedA = () =>
      rss(
        item('a-1', 'Tram line to grow', `${base}/story/1?utm_source=rss`, fullText) +
          item('a-2', 'Bridge closes', `${base}/story/2`, fullText),
      );
    const fixture = await setUp({
      '/a.xml': (res, req) => {
        if (req.headers['if-none-match'] === '"a1"') res.writeHead(304).end();
        else res.writeHead(200, { etag: '"a1"', 'content-type': 'application/rss+xml' }).end(feedA());
      },
      '/b.xml': (res) =>
        res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(
          `<feed xmlns="http://www.w3.org/2005/Atom"><title>Feed B</title><id>urn:b</id><updated>2026-11-24T10:00:00Z</updated>
           <entry><id>urn:b:1</id><title>Tram line to grow (syndicated)</title><link href="${base}/story/1#top"/><updated>2026-11-24T10:00:00Z</updated><content type="html">${fullText.replace(/</g, '&lt;')}</content></entry></feed>`,
        ),
    });
    base = fixture.server.url;
    const { store, deps } = fixture;
    await store.addFeed({ url: `${base}/a.xml`, intervalMinutes: 15 }, fixture.clock.now);
    await store.addFeed({ url: `${base}/b.xml`, intervalMinutes: 15 }, fixture.clock.now);

    const first = await runFetchCycle(deps);
    expect(first.feeds).toEqual([
      { url: `${base}/a.xml`, status: 'ok', items: 2, newItems: 2 },
      { url: `${base}/b.xml`, status: 'ok', items: 1, newItems: 0 },
    ]);
    expect(first.newItems.map((i) => i.article.url)).toEqual([`${base}/story/1`, `${base}/story/2`]);
    expect(first.newItems[0]?.article.content).toContain('northern tram line');

    fixture.clock.now = new Date('2026-11-27T12:20:00Z');
    const second = await runFetchCycle(deps);
    expect(second.feeds.find((f) => f.url.endsWith('/a.xml'))?.status).toBe('not-modified');
    expect(second.newItems).toHaveLength(0);
    const feedRecord = await store.getFeed(`${base}/a.xml`);
    expect(feedRecord?.etag).toBe('"a1"');
    expect(feedRecord?.title).toBe('Feed A');
    expect(feedRecord?.nextFetchAt).toBe('2026-11-27T12:35:00.000Z');
  });

  it('fetches the article page for teaser-only entries and keeps the extracted text', async () => {
    let base = '';
    const fixture = await setUp({
      '/teaser.xml': (res) =>
        res
          .writeHead(200)
          .end(rss(item('t-1', 'Tram line to grow', `${base}/article/1`, 'The tram line will grow&#8230;'))),
      '/article/1': (res) =>
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage),
    });
    base = fixture.server.url;
    await fixture.store.addFeed({ url: `${base}/teaser.xml`, intervalMinutes: 30 }, fixture.clock.now);
    const report = await runFetchCycle(fixture.deps);
    const article = report.newItems[0]?.article;
    expect(article?.contentIsPartial).toBe(false);
    expect(article?.content.split('\n\n')).toHaveLength(3);
    expect(article?.content).not.toMatch(/Jane Smith|Published|Related|Bus fares|Photo:/);
    // The next cycle sees the teaser again but must not replace the extracted text with it.
    fixture.clock.now = new Date('2026-11-27T13:00:00Z');
    const again = await runFetchCycle(fixture.deps, { force: true });
    expect(again.feeds[0]).toMatchObject({ status: 'ok', newItems: 0 });
    const stored = await fixture.store.getItem(article?.id ?? '');
    expect(stored?.article.content).toBe(article?.content);
  });

  it('records failures with backoff and jitter, and the other feeds are unaffected', async () => {
    let base = '';
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 32));
    const timers: NodeJS.Timeout[] = [];
    cleanups.push(async () => timers.forEach(clearInterval));
    const fixture = await setUp(
      {
        '/good.xml': (res) => res.writeHead(200).end(rss(item('g-1', 'Good', `${base}/good/1`, fullText))),
        '/500': (res) => res.writeHead(500).end('oops'),
        '/busy': (res) => res.writeHead(503, { 'retry-after': '7200' }).end(),
        '/html': (res) =>
          res
            .writeHead(200, { 'content-type': 'text/html' })
            .end('<!doctype html><html><head><title>Home</title></head><body>Hi</body></html>'),
        '/empty': (res) => res.writeHead(200).end(''),
        '/truncated': (res) =>
          res
            .writeHead(200)
            .end('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Cut'),
        '/huge': (res) => res.writeHead(200).end(Buffer.alloc(3 * 1024 * 1024, 32)),
        '/bomb': (res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb),
        '/laughs': (res) =>
          res
            .writeHead(200)
            .end(
              `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><rss version="2.0"><channel><title>&lol2;</title></channel></rss>`,
            ),
        '/loop': (res) => res.writeHead(301, { location: '/loop' }).end(),
        '/trickle': (res) => {
          res.writeHead(200);
          const timer = setInterval(() => res.write(' '), 40);
          timers.push(timer);
          res.on('close', () => clearInterval(timer));
        },
      },
      testNetwork({ timeoutMs: 1_200, maxBytes: 1024 * 1024, perHostConcurrency: 4 }),
    );
    base = fixture.server.url;
    const names = [
      'good.xml',
      '500',
      'busy',
      'html',
      'empty',
      'truncated',
      'huge',
      'bomb',
      'laughs',
      'loop',
      'trickle',
    ];
    for (const name of names)
      await fixture.store.addFeed({ url: `${base}/${name}`, intervalMinutes: 10 }, fixture.clock.now);
    const started = performance.now();
    const report = await runFetchCycle(fixture.deps);
    expect(performance.now() - started).toBeLessThan(5_000);
    const byName = Object.fromEntries(report.feeds.map((f) => [f.url.slice(base.length + 1), f]));
    expect(byName['good.xml']).toMatchObject({ status: 'ok', items: 1, newItems: 1 });
    expect(byName['500']).toMatchObject({ status: 'failed', error: 'HTTP 500' });
    expect(byName['html']?.error).toMatch(/^not a feed: the address returns an HTML page/);
    expect(byName['empty']?.error).toBe('empty response');
    expect(byName['truncated']?.status).toMatch(/failed|ok/);
    expect(byName['huge']?.error).toMatch(/exceeds the 1\.0 MB limit/);
    expect(byName['bomb']?.error).toMatch(/decompressed/);
    expect(byName['laughs']?.error).toMatch(/entity-expansion/);
    expect(byName['loop']?.error).toMatch(/redirect loop/);
    expect(byName['trickle']?.error).toMatch(/within 1200 ms/);

    const failing = await fixture.store.getFeed(`${base}/500`);
    expect(failing).toMatchObject({
      failureCount: 1,
      failingSince: '2026-11-27T12:00:00.000Z',
      lastError: 'HTTP 500',
    });
    // random() = 0.5 puts the jitter in the middle: exactly one interval after the first failure.
    expect(failing?.nextFetchAt).toBe('2026-11-27T12:10:00.000Z');
    const busy = await fixture.store.getFeed(`${base}/busy`);
    expect(busy?.nextFetchAt).toBe('2026-11-27T14:00:00.000Z');

    fixture.clock.now = new Date('2026-11-27T12:10:00Z');
    await runFetchCycle(fixture.deps, { feedUrls: [`${base}/500`] });
    fixture.clock.now = new Date('2026-11-27T12:30:00Z');
    await runFetchCycle(fixture.deps, { feedUrls: [`${base}/500`] });
    const third = await fixture.store.getFeed(`${base}/500`);
    expect(third).toMatchObject({ failureCount: 3, failingSince: '2026-11-27T12:00:00.000Z' });
    expect(third?.nextFetchAt).toBe('2026-11-27T13:10:00.000Z'); // 10 min × 2² after 12:30
  });

  it('reports feeds that are not in the list and never overlaps two cycles', async () => {
    const fixture = await setUp({
      '/slow.xml': (res) =>
        setTimeout(
          () => res.writeHead(200).end(rss(item('s-1', 'Slow', 'https://news.example.org/s/1', fullText))),
          150,
        ),
    });
    await fixture.store.addFeed(
      { url: `${fixture.server.url}/slow.xml`, intervalMinutes: 10 },
      fixture.clock.now,
    );
    const runner = createFetchCycleRunner(fixture.deps);
    const a = runner.run();
    const b = runner.run();
    expect(runner.running).toBe(true);
    expect(b).toBe(a);
    const report = await a;
    expect(runner.running).toBe(false);
    expect(report.feeds).toHaveLength(1);
    expect(fixture.server.requests).toHaveLength(1);
    const missing = await runFetchCycle(fixture.deps, { feedUrls: ['https://nowhere.example/feed'] });
    expect(missing.feeds[0]).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/not in the feed list/),
    });
  });
});
