/**
 * The real parts the command tests run against: the SQLite store in memory, the extractive
 * summariser, the JSON logger writing into an array, and a page server on 127.0.0.1 read through
 * the bot's HTTP client.
 */
import { Writable } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createCommandHandler } from '../../src/commands/create-command-handler.js';
import type { CommandDeps } from '../../src/commands/create-command-handler.js';
import type { ExtractedArticle } from '../../src/extract/extract-article.js';
import { fetchArticlePage } from '../../src/extract/fetch-article-page.js';
import { createLogger } from '../../src/log.js';
import type { Article, PlatformName } from '../../src/model.js';
import { createHttpClient } from '../../src/net/http-client.js';
import type { HttpClient } from '../../src/net/http-client.js';
import type { CommandHandler, CommandRequest, CompletionRequest } from '../../src/ports.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { SqliteStore } from '../../src/store/sqlite-store.js';
import { createExtractiveSummariser } from '../../src/summarise/extractive-summariser.js';
import { startTestServer, testNetwork } from '../net/start-test-server.js';
import type { TestServer } from '../net/start-test-server.js';

export const T0 = new Date('2026-11-27T08:00:00.000Z');

export interface LogLine {
  readonly level: number;
  readonly msg?: string;
  readonly command?: string;
  readonly err?: { type?: string; message?: string; stack?: string };
  readonly [key: string]: unknown;
}

export interface CommandTestKit {
  readonly store: SqliteStore;
  readonly handler: CommandHandler;
  readonly logs: LogLine[];
  readonly digestRuns: Array<{ platform: PlatformName; channelId: string }>;
  /** Set to change what the next `digest now` reports, or to an Error to make it throw. */
  digestOutcome: { stories: number } | Error;
  readonly clock: { now: Date };
  request(name: string, text?: string, extra?: Partial<CommandRequest>): CommandRequest;
  completion(
    name: string,
    subcommand: string | undefined,
    partial: string,
    extra?: Partial<CompletionRequest>,
  ): CompletionRequest;
  close(): Promise<void>;
}

export async function createCommandTestKit(overrides: Partial<CommandDeps> = {}): Promise<CommandTestKit> {
  const store = await openSqliteStore(':memory:');
  const logs: LogLine[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim() !== '') logs.push(JSON.parse(line) as LogLine);
      callback();
    },
  });
  const clock = { now: T0 };
  const digestRuns: CommandTestKit['digestRuns'] = [];
  const kit: CommandTestKit = {
    store,
    handler: undefined as unknown as CommandHandler,
    logs,
    digestRuns,
    digestOutcome: { stories: 0 },
    clock,
    request: (name, text = '', extra = {}) => ({
      platform: 'discord',
      name,
      text,
      channelId: 'C1',
      userId: 'U1',
      userCanManageChannel: true,
      ...extra,
    }),
    completion: (name, subcommand, partial, extra = {}) => ({
      platform: 'discord',
      name,
      ...(subcommand === undefined ? {} : { subcommand }),
      partial,
      channelId: 'C1',
      userId: 'U1',
      ...extra,
    }),
    close: () => store.close(),
  };
  const deps: CommandDeps = {
    store,
    summariser: createExtractiveSummariser(),
    fetchArticlePage: () => Promise.reject(new Error('no page fetcher in this test')),
    runDigestNow: async (platform, channelId) => {
      digestRuns.push({ platform, channelId });
      if (kit.digestOutcome instanceof Error) throw kit.digestOutcome;
      return kit.digestOutcome;
    },
    now: () => clock.now,
    logger: createLogger({ level: 'debug', pretty: false, destination }),
    defaults: { feedIntervalMinutes: 30, timezone: 'Europe/Paris' },
    ...overrides,
  };
  (kit as { handler: CommandHandler }).handler = createCommandHandler(deps);
  return kit;
}

/** `fetchArticlePage` bound to a client, as `main.ts` wires it. */
export function createPageFetcher(client: HttpClient): (url: string) => Promise<ExtractedArticle> {
  return (url) => fetchArticlePage(url, client);
}

export const ARTICLE_HTML = `<!doctype html><html><head><title>North Korean troops reach the front, Kyiv says</title>
<meta property="og:site_name" content="Example Herald">
<meta property="article:published_time" content="2026-11-26T09:30:00Z"></head>
<body><nav>Home · World · Sport</nav><article>
<h1>North Korean troops reach the front, Kyiv says</h1>
<p>About 12,000 North Korean soldiers have been sent to Russia, Ukraine's military intelligence agency said on Tuesday.</p>
<p>The agency said that 3,000 of them had already reached the Kursk region, where fighting has intensified since August.</p>
<p>South Korea's National Intelligence Service estimated that Pyongyang had also shipped 8 million artillery shells to Moscow.</p>
<p>The Kremlin declined to comment on the reports. A spokesman said Russia's military cooperation with its neighbours was "a sovereign matter".</p>
<p>Analysts at the Institute for the Study of War said the deployment was the largest of its kind in decades.</p>
</article><footer>© Example Herald</footer></body></html>`;

/**
 * A page server: `/article` (an article), `/canonical-elsewhere` (the same article declaring a
 * `javascript:` canonical link), `/report.pdf`, `/no-article` (a login page), anything else 404.
 */
export async function startPageServer(): Promise<TestServer> {
  return startTestServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/article') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(ARTICLE_HTML);
    } else if (req.url === '/canonical-elsewhere') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(ARTICLE_HTML.replace('<head>', '<head><link rel="canonical" href="javascript:alert(1)">'));
    } else if (req.url === '/report.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end('%PDF-1.7');
    } else if (req.url === '/no-article') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><head><title>Login</title></head><body><form>Sign in</form></body></html>');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
}

export function createTestHttpClient(allowPrivateAddresses = true): HttpClient {
  return createHttpClient(testNetwork({ allowPrivateAddresses }));
}

export function makeArticle(overrides: Partial<Article> & { id: string }): Article {
  return {
    feedUrl: 'https://news.example/feed.xml',
    url: `https://news.example/${overrides.id}`,
    title: `Story ${overrides.id}`,
    publishedAt: '2026-11-26T06:00:00.000Z',
    publishedIsGuess: false,
    source: { name: 'Example News' },
    content: 'First paragraph.\n\nSecond paragraph.',
    contentIsPartial: false,
    ...overrides,
  };
}

/** The plain text of a reply: title, text, card titles and bodies and fields, footer. */
export function replyToText(reply: { message: import('../../src/model.js').Message }): string {
  const { message } = reply;
  const flatten = (rich: import('../../src/model.js').RichText | undefined): string =>
    rich === undefined ? '' : typeof rich === 'string' ? rich : rich.map((s) => s.text).join('');
  return [
    message.title ?? '',
    flatten(message.text),
    ...message.cards.flatMap((card) => [
      card.title,
      card.source ?? '',
      flatten(card.body),
      ...card.fields.flatMap((f) => [f.name, flatten(f.value)]),
      card.footer ?? '',
    ]),
    message.footer ?? '',
  ]
    .filter((part) => part !== '')
    .join('\n');
}
