import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliRuntime } from '../../src/cli/cli-runtime.js';
import { registerFeedsCommand } from '../../src/cli/feeds-command.js';
import { formatFetchJson, formatFetchText, registerFetchCommand } from '../../src/cli/fetch-command.js';
import type { Logger } from '../../src/ports.js';
import type { Settings } from '../../src/settings.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { startTestServer, testNetwork, type TestServer } from '../net/start-test-server.js';

const longText =
  'The port handled 4.2 million containers last year, the authority said, up 6 per cent. '.repeat(20);

function rss(base: string): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Port News</title><link>${base}/</link>
<item><title>Port grows</title><link>${base}/story/1</link><guid>${base}/story/1</guid><pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate>
<description><![CDATA[<p>${longText}</p>]]></description></item></channel></rss>`;
}

let directory: string;
let server: TestServer;
let out: string;
let err: string;

beforeEach(async () => {
  directory = mkdtempSync(join(tmpdir(), 'news-digest-feeds-cli-'));
  server = await startTestServer((req, res) => {
    if (req.url === '/feed.xml')
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(server.url));
    else res.writeHead(404).end();
  });
});

afterEach(async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
  process.exitCode = undefined;
});

function settings(overrides: Partial<Settings['network']> = {}): Settings {
  return {
    feeds: [],
    channels: [],
    follows: [],
    network: testNetwork(overrides),
    store: { path: join(directory, 'store.db') },
    discord: {},
    slack: { port: 3000, path: '/slack/events', managerUserIds: [] },
    log: { level: 'silent' },
  };
}

let logged: Array<{ level: string; msg: string | undefined }> = [];

function createRecordingLogger(): Logger {
  const at =
    (level: string) =>
    (_obj: object, msg?: string): void => {
      logged.push({ level, msg });
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

async function run(args: string[], config: Settings = settings()): Promise<number> {
  logged = [];
  out = '';
  err = '';
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const runtime: CliRuntime = {
    io: { stdout, stderr, stdin: new PassThrough() },
    settings: async () => config,
    openStore: (s) => openSqliteStore(s.store.path),
    logger: () => createRecordingLogger(),
    now: () => new Date('2026-11-27T12:00:00Z'),
  };
  const program = new Command('news-digest').exitOverride();
  registerFetchCommand(program, runtime);
  registerFeedsCommand(program, runtime);
  process.exitCode = undefined;
  await program.parseAsync(['node', 'news-digest', ...args]);
  return Number(process.exitCode ?? 0);
}

describe('feeds and fetch commands', () => {
  it('adds feeds, fetches them and lists their health', async () => {
    expect(await run(['feeds', 'add', `${server.url}/feed.xml`, '--name', 'Port', '--interval', '15'])).toBe(
      0,
    );
    expect(out).toContain(`Added ${server.url}/feed.xml (every 15 min)`);
    await run(['feeds', 'add', `${server.url}/missing.xml`]);

    expect(await run(['fetch', '--json'])).toBe(0);
    expect(JSON.parse(out)).toEqual({
      feeds: [
        { url: `${server.url}/feed.xml`, status: 'ok', items: 1, newItems: 1 },
        { url: `${server.url}/missing.xml`, status: 'failed', items: 0, newItems: 0, error: 'HTTP 404' },
      ],
    });

    expect(await run(['fetch'])).toBe(0);
    expect(out).toMatch(/ok {12}\S+\/feed\.xml {2}1 item, 0 new/);
    expect(out).toMatch(/failed {8}\S+\/missing\.xml {2}HTTP 404/);

    await run(['feeds', 'list', '--json']);
    const listed = JSON.parse(out) as { feeds: Array<Record<string, unknown>> };
    expect(listed.feeds.find((f) => f.url === `${server.url}/feed.xml`)).toMatchObject({
      name: 'Port',
      title: 'Port News',
      health: 'ok',
      failureCount: 0,
    });
    expect(listed.feeds.find((f) => f.url === `${server.url}/missing.xml`)).toMatchObject({
      health: 'failing',
      failureCount: 2,
      lastError: 'HTTP 404',
      failingSince: '2026-11-27T12:00:00.000Z',
    });
    await run(['feeds', 'list']);
    expect(out).toContain('failing since 2026-11-27T12:00:00.000Z (2 failures): HTTP 404');

    expect(await run(['feeds', 'remove', `${server.url}/missing.xml`])).toBe(0);
    expect(await run(['feeds', 'remove', `${server.url}/missing.xml`])).toBe(1);
    expect(err).toContain('is not in the feed list');
  });

  it('exits 1 when every feed failed, printing each failure once', async () => {
    await run(['feeds', 'add', `${server.url}/missing.xml`]);
    expect(await run(['fetch'])).toBe(1);
    expect(out).toMatch(/failed {8}\S+\/missing\.xml {2}HTTP 404/);
    expect(logged.filter((line) => line.level !== 'debug')).toEqual([]);
    expect(logged.some((line) => line.msg === 'feed fetch failed')).toBe(true);
  });

  it('refuses bad URLs and intervals as usage errors', async () => {
    await expect(run(['feeds', 'add', 'not a url'])).rejects.toThrow(/is not a URL/);
    await expect(run(['feeds', 'add', 'ftp://example.com/feed'])).rejects.toThrow(
      /ftp scheme is not allowed/,
    );
    await expect(
      run(['feeds', 'add', `${server.url}/feed.xml`], settings({ allowPrivateAddresses: false })),
    ).rejects.toThrow(/loopback address/);
    await expect(run(['feeds', 'add', 'https://example.com/feed', '--interval', '0'])).rejects.toThrow(
      /--interval/,
    );
  });

  it('tests URLs and files without storing anything', async () => {
    const file = join(directory, 'local.xml');
    writeFileSync(file, rss('https://port.example'));
    expect(
      await run(['feeds', 'test', `${server.url}/feed.xml`, file, join(directory, 'nope.xml'), '--json']),
    ).toBe(1);
    const report = JSON.parse(out) as { feeds: Array<Record<string, unknown>> };
    expect(report.feeds[0]).toMatchObject({
      source: `${server.url}/feed.xml`,
      format: 'rss 2.0',
      encoding: 'utf-8',
      feed: { title: 'Port News', link: `${server.url}/` },
    });
    expect(report.feeds[0]?.articles).toEqual([
      {
        id: `${server.url}/story/1`,
        url: `${server.url}/story/1`,
        title: 'Port grows',
        published: '2026-11-24T10:00:00.000Z',
        publishedIsGuess: false,
        summary: longText.trim(),
      },
    ]);
    expect(report.feeds[1]).toMatchObject({ source: file, format: 'rss 2.0' });
    expect(report.feeds[2]).toMatchObject({ error: 'no such file', articles: [] });
    await run(['feeds', 'list', '--json']);
    expect(JSON.parse(out)).toEqual({ feeds: [] });
    await run(['feeds', 'test', `${server.url}/feed.xml`]);
    expect(out).toContain('format: rss 2.0, encoding: utf-8, 1 entry\n');
    expect(out).toContain('1. Port grows');
  });

  it('flags guessed dates and says when a feed has more entries than the item cap', async () => {
    const dated = (n: number, date: string): string =>
      `<item><title>Story ${n}</title><link>https://port.example/${n}</link>${date === '' ? '' : `<pubDate>${date}</pubDate>`}</item>`;
    const dates = join(directory, 'dates.xml');
    writeFileSync(
      dates,
      `<rss version="2.0"><channel><title>Dates</title>${[
        dated(1, 'Tue, 24 Nov 2026 10:00:00 GMT'),
        dated(2, ''),
        dated(3, 'Thu, 01 Jan 1970 00:00:00 GMT'),
        dated(4, 'Fri, 01 Jan 2099 00:00:00 GMT'),
        dated(5, 'yesterday-ish'),
        dated(5, 'yesterday-ish'),
      ].join('')}</channel></rss>`,
    );
    const big = join(directory, 'big.xml');
    writeFileSync(
      big,
      `<rss version="2.0"><channel><title>Big</title>${Array.from({ length: 1_500 }, (_, i) => dated(i, 'Tue, 24 Nov 2026 10:00:00 GMT')).join('')}</channel></rss>`,
    );
    expect(await run(['feeds', 'test', dates, big, '--json'])).toBe(0);
    const report = JSON.parse(out) as {
      feeds: Array<{ entries: number; note?: string; articles: Array<Record<string, unknown>> }>;
    };
    expect(report.feeds[0]?.articles.map((a) => [a.published, a.publishedIsGuess])).toEqual([
      ['2026-11-24T10:00:00.000Z', false],
      ['2026-11-27T12:00:00.000Z', true],
      ['2026-11-27T12:00:00.000Z', true],
      ['2026-11-27T12:00:00.000Z', true],
      ['2026-11-27T12:00:00.000Z', true],
    ]);
    expect(report.feeds[0]).toMatchObject({
      entries: 6,
      note: '1 entry repeats the id of an earlier one (shown once)',
    });
    expect(report.feeds[1]).toMatchObject({
      entries: 1_500,
      note: '1500 entries in the feed; kept the first 1000 (the item cap)',
    });
    expect(report.feeds[1]?.articles).toHaveLength(1_000);

    const overCap = {
      url: 'https://big.example/feed.xml',
      status: 'ok' as const,
      items: 1_000,
      newItems: 3,
      entries: 1_500,
      note: '1500 entries in the feed; kept the first 1000 (the item cap)',
    };
    expect(JSON.parse(formatFetchJson({ feeds: [overCap], newItems: [] }))).toEqual({ feeds: [overCap] });
    expect(formatFetchText({ feeds: [overCap], newItems: [] })).toContain(
      '1000 items, 3 new; 1500 entries in the feed; kept the first 1000 (the item cap)',
    );

    await run(['feeds', 'test', dates, big]);
    expect(out).toContain('published 2026-11-24T10:00:00.000Z; id https://port.example/1');
    expect(out).toContain(
      'date unknown (no usable date in the feed; first seen 2026-11-27T12:00:00.000Z); id https://port.example/3',
    );
    expect(out).toContain(
      '1000 entries\n  note: 1500 entries in the feed; kept the first 1000 (the item cap)\n',
    );
  });

  it('imports and exports OPML', async () => {
    const opml = join(directory, 'subs.opml');
    writeFileSync(
      opml,
      `<?xml version="1.0"?><opml version="2.0"><head><title>s</title></head><body><outline text="News">
        <outline text="Port" xmlUrl="${server.url}/feed.xml"/><outline text="Other" xmlUrl="https://other.example/rss"/>
        <outline text="Bad" xmlUrl="gopher://old.example/"/></outline></body></opml>`,
    );
    expect(await run(['feeds', 'import', opml])).toBe(0);
    expect(out).toContain('Imported 2 feeds');
    expect(err).toContain('skipped gopher://old.example/');
    await run(['feeds', 'export']);
    expect(out).toContain(`xmlUrl="${server.url}/feed.xml"`);
    expect(out).toContain('xmlUrl="https://other.example/rss"');
    await expect(run(['feeds', 'import', join(directory, 'missing.opml')])).rejects.toThrow(/cannot read/);
  });
});

describe('feeds commands and the configuration file', () => {
  const configured = (): Settings => ({
    ...settings(),
    feeds: [{ url: 'https://configured.example/rss', name: 'Configured', intervalMinutes: 30 }],
  });

  it('lists and exports the configured feeds before any fetch', async () => {
    expect(await run(['feeds', 'list', '--json'], configured())).toBe(0);
    expect(out).toContain('https://configured.example/rss');
    await run(['feeds', 'export'], configured());
    expect(out).toContain('xmlUrl="https://configured.example/rss"');
  });

  it('exports an empty list as a valid OPML document', async () => {
    expect(await run(['feeds', 'export'])).toBe(0);
    expect(out).toMatch(/<opml version="2\.0">[\s\S]*<body\/>/);
  });

  it('refuses to remove a configured feed, pointing at the configuration file', async () => {
    await expect(run(['feeds', 'remove', 'https://configured.example/rss'], configured())).rejects.toThrow(
      /comes from the configuration file: remove it there/,
    );
  });
});
