/**
 * The fetch-cycle part of `npm run bench:feeds`: the corpus served from a loopback HTTP server as
 * 1,000 feeds on 1,000 host names, and two fetch cycles against a SQLite store in a separate plain
 * `node` process on the compiled build (dist/), as users run the bot.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { runInlineModule } from './run-inline-module.js';

export const cycleFeeds = 1000;

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

/**
 * The feed server runs in a child process, so the memory measured for the cycles is the bot's
 * (HTTP client, parsing, store) and not the benchmark's own server and copies of the corpus.
 * It serves /feed/<n> as corpus file n modulo the corpus size, gzipped when asked, with an ETag,
 * and answers 304 to a matching If-None-Match; it reports its port, then request counts on demand.
 */
const feedServerSource = `
const { createServer } = require('node:http');
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { gzipSync } = require('node:zlib');
const paths = JSON.parse(process.argv[1]);
const root = process.argv[2];
const served = paths.map((path) => {
  const body = readFileSync(root + '/' + path);
  const type = path.endsWith('.json') ? 'application/feed+json' : path.endsWith('.html') ? 'text/html' : 'application/xml';
  return { body, gzipped: gzipSync(body), etag: '"' + createHash('sha1').update(body).digest('hex').slice(0, 16) + '"', type };
});
let requests = 0, notModified = 0;
const server = createServer((req, res) => {
  requests += 1;
  const match = /^\\/feed\\/(\\d+)$/.exec(req.url || '');
  const feed = match ? served[Number(match[1]) % served.length] : undefined;
  if (!feed) { res.writeHead(404).end(); return; }
  if (req.headers['if-none-match'] === feed.etag) { notModified += 1; res.writeHead(304, { etag: feed.etag }).end(); return; }
  const gzip = /\\bgzip\\b/.test(String(req.headers['accept-encoding'] || ''));
  res.writeHead(200, Object.assign({ 'content-type': feed.type, etag: feed.etag }, gzip ? { 'content-encoding': 'gzip' } : {}));
  res.end(gzip ? feed.gzipped : feed.body);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\\n'));
process.stdin.on('data', () => process.stdout.write(JSON.stringify({ requests, notModified }) + '\\n'));
process.stdin.on('end', () => { server.closeAllConnections(); server.close(); });
`;

interface FeedServer {
  readonly port: number;
  counts(): Promise<{ requests: number; notModified: number }>;
  stop(): void;
}

async function startFeedServer(paths: readonly string[], feedCorpus: string): Promise<FeedServer> {
  const child = spawn(process.execPath, ['-e', feedServerSource, JSON.stringify(paths), feedCorpus], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const iterator = lines[Symbol.asyncIterator]();
  const next = async (): Promise<Record<string, number>> => {
    const line = await iterator.next();
    if (line.done === true) throw new Error('the feed server stopped');
    return JSON.parse(line.value) as Record<string, number>;
  };
  const { port } = await next();
  return {
    port: port ?? 0,
    async counts() {
      child.stdin.write('\n');
      const counts = await next();
      return { requests: counts.requests ?? 0, notModified: counts.notModified ?? 0 };
    },
    stop() {
      child.stdin.end();
      lines.close();
    },
  };
}

/**
 * The cycles run in a child process on the compiled build (`npm run build`, dist/) with plain
 * `node`, so the memory measured is the bot's (HTTP client, parsing, store) and not the TypeScript
 * loader's or the benchmark's own. The child prints one JSON line per measurement.
 */
const cycleProcessSource = `
const [distRoot, port, feedCount, feedsInFlight] = process.argv.slice(1);
const { mkdtempSync, rmSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
const load = (path) => import(new URL(path, 'file://' + distRoot + '/').href);
const { runFetchCycle } = await load('src/feeds/fetch-cycle.js');
const { silentLogger } = await load('src/log.js');
const { createHttpClient } = await load('src/net/http-client.js');
const { openSqliteStore } = await load('src/store/sqlite-store.js');
const say = (record) => process.stdout.write(JSON.stringify(record) + '\\n');
// Every bench host name resolves to loopback: the client sees many hosts, the traffic stays local.
const lookup = (_hostname, options, callback) => {
  if (options.all === true) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};
const client = createHttpClient(
  { allowPrivateAddresses: true, timeoutMs: 20000, connectTimeoutMs: 10000, maxBytes: 10 * 1024 * 1024,
    maxRedirects: 5, concurrency: 16, perHostConcurrency: 2, userAgent: 'news-digest-bench/1.0' },
  { lookup },
);
const directory = mkdtempSync(join(tmpdir(), 'news-digest-bench-'));
const store = await openSqliteStore(join(directory, 'bench.db'));
try {
  const start = new Date();
  for (let i = 0; i < Number(feedCount); i += 1) {
    await store.addFeed({ url: 'http://feed-' + i + '.bench.invalid:' + port + '/feed/' + i, intervalMinutes: 30 }, start);
  }
  const usage = process.memoryUsage();
  say({ kind: 'baseline', rss: usage.rss, heapUsed: usage.heapUsed, external: usage.external, arrayBuffers: usage.arrayBuffers });
  for (const cycle of [1, 2]) {
    let peak = process.memoryUsage().rss;
    let peakHeap = process.memoryUsage().heapUsed;
    let peakHeapTotal = process.memoryUsage().heapTotal;
    let peakExternal = process.memoryUsage().external;
    const timer = setInterval(() => {
      const now = process.memoryUsage();
      peak = Math.max(peak, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
      peakHeapTotal = Math.max(peakHeapTotal, now.heapTotal);
      peakExternal = Math.max(peakExternal, now.external);
    }, 20);
    const started = performance.now();
    const report = await runFetchCycle(
      { store, client, now: () => new Date(), logger: silentLogger },
      // Article pages live on the real web, which this benchmark never contacts.
      { force: true, extractFullText: false, ...(Number(feedsInFlight) > 0 ? { concurrency: Number(feedsInFlight) } : {}) },
    );
    const ms = performance.now() - started;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    // What stays live: a full collection (the process runs with --expose-gc), then the heap in use.
    globalThis.gc();
    const after = process.memoryUsage();
    const count = (status) => report.feeds.filter((feed) => feed.status === status).length;
    say({ kind: 'cycle', cycle, ms, peak, peakHeap, peakHeapTotal, peakExternal, liveHeap: after.heapUsed, rssAfter: after.rss, feeds: report.feeds.length, ok: count('ok'),
      notModified: count('not-modified'), failed: count('failed'),
      items: report.feeds.reduce((sum, feed) => sum + feed.items, 0), newItems: report.newItems.length });
  }
} finally {
  await store.close();
  await client.close();
  rmSync(directory, { recursive: true, force: true });
}
`;

/** Compiles src/ to dist/ with the project's build, so the cycles run on what `npm start` runs. */
export async function buildDist(repositoryRoot: string): Promise<boolean> {
  const started = performance.now();
  const tsc = join(repositoryRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const code = await new Promise<number | null>((done) => {
    const child = spawn(process.execPath, [tsc, '-p', join(repositoryRoot, 'tsconfig.build.json')], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('close', done);
  });
  const built = existsSync(join(repositoryRoot, 'dist', 'src', 'feeds', 'fetch-cycle.js'));
  console.log(
    `build (tsc -p tsconfig.build.json): ${code === 0 ? 'ok' : `exit code ${code}`} in ${((performance.now() - started) / 1000).toFixed(0)} s${built ? '' : '; no dist/ output: cycles skipped, parsing from the sources'}`,
  );
  return built;
}

async function runCycleProcess(
  server: FeedServer,
  nodeFlags: readonly string[],
  distRoot: string,
  feedsInFlight: number | undefined,
): Promise<void> {
  const { child, records } = runInlineModule(
    cycleProcessSource,
    [distRoot, String(server.port), String(cycleFeeds), String(feedsInFlight ?? 0)],
    { nodeFlags },
  );
  let countsBefore = await server.counts();
  for await (const value of records) {
    const record = value as Record<string, number | string>;
    const n = (key: string): number => Number(record[key] ?? 0);
    if (record.kind === 'baseline') {
      console.log(
        `baseline before the first cycle (modules loaded, store open, ${cycleFeeds} feeds added): RSS ${mb(n('rss'))} MB, heap used ${mb(n('heapUsed'))} MB, external ${mb(n('external'))} MB`,
      );
      continue;
    }
    const countsAfter = await server.counts();
    const seconds = n('ms') / 1000;
    const cycle = n('cycle');
    console.log(
      `cycle ${cycle}: ${seconds.toFixed(1)} s, ${n('feeds')} feeds: ${n('ok')} ok, ${n('notModified')} not modified (304), ${n('failed')} failed; ` +
        `${n('items')} items, ${n('newItems')} new; ${countsAfter.requests - countsBefore.requests} requests, ${countsAfter.notModified - countsBefore.notModified} answered 304; ` +
        `peak RSS ${mb(n('peak'))} MB (peak heap used ${mb(n('peakHeap'))} MB of ${mb(n('peakHeapTotal'))} MB reserved, external ${mb(n('peakExternal'))} MB); after the cycle and a full GC: heap used ${mb(n('liveHeap'))} MB, RSS ${mb(n('rssAfter'))} MB`,
    );
    countsBefore = countsAfter;
    const target = cycle === 1 ? 60 : 10;
    const met = seconds < target && (cycle === 2 || n('peak') < 300 * 1024 * 1024);
    console.log(
      `  target: under ${target} s${cycle === 1 ? ' and 300 MB' : ', mostly 304s'}: ${met ? 'met' : 'NOT met'}`,
    );
  }
  await new Promise<void>((done) => (child.exitCode === null ? child.on('close', () => done()) : done()));
}

/**
 * Two cycles over 1,000 feeds in a fresh `node` process on the compiled build: uncapped, then with
 * the V8 heap capped (as a deployment can do with NODE_OPTIONS), since an uncapped V8 lets garbage
 * pile up well past what is live. RSS is sampled every 20 ms in that process; the peak is the
 * highest sample during the cycle (or the end value if higher). The feed server is another process.
 */
export async function benchFetchCycles(options: {
  readonly paths: readonly string[];
  readonly feedCorpus: string;
  readonly distRoot: string;
  /** Feeds in progress at once; the bot's default when undefined. */
  readonly feedsInFlight?: number;
}): Promise<void> {
  const { paths, feedCorpus, distRoot, feedsInFlight } = options;
  console.log(
    `\n== Fetch cycles: ${cycleFeeds} feeds on ${cycleFeeds} host names, served from loopback; feeds in flight: ${feedsInFlight ?? "the bot's default"} ==`,
  );
  const server = await startFeedServer(paths, feedCorpus);
  try {
    console.log(`-- plain node ${process.version} on dist/, heap uncapped --`);
    await runCycleProcess(server, [], distRoot, feedsInFlight);
    const heapCapMb = 128;
    console.log(`-- the same with the V8 heap capped at ${heapCapMb} MB (--max-old-space-size) --`);
    await runCycleProcess(server, [`--max-old-space-size=${heapCapMb}`], distRoot, feedsInFlight);
  } finally {
    server.stop();
  }
}
