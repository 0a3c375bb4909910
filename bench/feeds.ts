/**
 * `npm run bench:feeds`: feed ingestion figures.
 *
 * 1. Parses every file of the feed corpus (../shared/corpus/feeds, when present) with the bot's
 *    parser (decoding, safety checks, feedsmith, normalisation) and, in the same run, with
 *    rss-parser, bare feedsmith and @rowanmanning/feed-parser: files parsed, files with items,
 *    items, failures by reason, MB/s, items/s, peak memory.
 * 2. Serves the corpus from a loopback HTTP server as 1,000 feeds on 1,000 host names and runs two
 *    fetch cycles against a SQLite store, in a separate plain `node` process on the compiled build
 *    (dist/), once with the heap uncapped and once capped: the first cycle fetches everything, the
 *    second should be mostly 304s. Reported: RSS before the first cycle (the baseline), peak RSS
 *    and heap during each cycle, live heap after it. Targets: first cycle under 60 s and 300 MB,
 *    second under 10 s.
 * 3. Extracts the article pages of the article corpus and compares the text with Readability's
 *    expected output (word precision and recall).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import { extractArticle } from '../src/extract/extract-article.js';
import type * as ParseFeedModule from '../src/feeds/parse-feed.js';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpusRoot = resolve(repositoryRoot, '..', 'shared', 'corpus');
const feedCorpus = join(corpusRoot, 'feeds');
const articleCorpus = join(corpusRoot, 'articles', 'readability');
const passes = 5;
const cycleFeeds = 1000;

interface CorpusFile {
  readonly path: string;
  readonly bytes: Buffer;
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

/** Samples resident memory so the report can give the peak of each phase. */
function startMemoryProbe(): { stop(): number; readonly peakHeap: number } {
  let peak = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 20);
  return {
    get peakHeap() {
      return peakHeap;
    },
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

function listFiles(root: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listFiles(root, relative));
    else if (entry.isFile()) out.push(relative);
  }
  return out;
}

function listFeedCorpus(): string[] {
  const index = join(feedCorpus, 'INDEX.tsv');
  const paths = existsSync(index)
    ? readFileSync(index, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split('\t')[0] ?? '')
        .filter((path) => path !== '')
    : listFiles(feedCorpus).filter((path) => !/^(?:INDEX\.tsv|SOURCES\.md)$/.test(path));
  return paths;
}

function loadFeedCorpus(paths: readonly string[]): CorpusFile[] {
  return paths.map((path) => ({ path, bytes: readFileSync(join(feedCorpus, path)) }));
}

/** A failure reason without the specifics, so that like failures count together. */
function categorise(reason: string): string {
  return reason
    .replace(/\(.*$/, '')
    .replace(/<[^>]+>/g, '<…>')
    .replace(/"[^"]*"/g, '"…"')
    .trim();
}

interface ParserRun {
  readonly name: string;
  readonly parse: (file: CorpusFile) => Promise<number> | number;
  parsed: number;
  withItems: number;
  items: number;
  /** Summed per-file time of the fastest pass. */
  bestMs: number;
}

/**
 * Times every parser on every file, interleaved file by file (A, B, C, D on file 1, then on
 * file 2…, in rotating order), so that load from other processes falls on all parsers alike.
 */
async function timeParsers(runs: ParserRun[], files: readonly CorpusFile[]): Promise<void> {
  for (let pass = 0; pass < passes; pass += 1) {
    const totals = runs.map(() => ({ ms: 0, parsed: 0, withItems: 0, items: 0 }));
    for (const [fileIndex, file] of files.entries()) {
      // The order rotates from file to file, so no parser always runs first (or after another's garbage).
      for (let step = 0; step < runs.length; step += 1) {
        const index = (fileIndex + pass + step) % runs.length;
        const run = runs[index];
        const total = totals[index];
        if (run === undefined) continue;
        if (total === undefined) continue;
        const started = performance.now();
        try {
          const count = await run.parse(file);
          total.parsed += 1;
          if (count > 0) total.withItems += 1;
          total.items += count;
        } catch {
          // counted as not parsed
        }
        total.ms += performance.now() - started;
      }
    }
    for (const [index, run] of runs.entries()) {
      const total = totals[index];
      if (total === undefined) continue;
      run.bestMs = Math.min(run.bestMs, total.ms);
      run.parsed = total.parsed;
      run.withItems = total.withItems;
      run.items = total.items;
    }
  }
}

const newRun = (name: string, parse: ParserRun['parse']): ParserRun => ({
  name,
  parse,
  parsed: 0,
  withItems: 0,
  items: 0,
  bestMs: Infinity,
});

async function benchCorpusParsing(files: readonly CorpusFile[], built: boolean): Promise<void> {
  const totalBytes = files.reduce((sum, file) => sum + file.bytes.length, 0);
  console.log(
    `\n== Corpus parse: ${files.length} files, ${mb(totalBytes)} MB (best of ${passes} passes each) ==`,
  );
  // The bot's parser as users run it: the compiled build, when there is one.
  const { FeedParseError, parseFeed } = (await import(
    built
      ? pathToFileURL(join(repositoryRoot, 'dist', 'src', 'feeds', 'parse-feed.js')).href
      : '../src/feeds/parse-feed.js'
  )) as typeof ParseFeedModule;
  console.log(
    `news-digest parser loaded from ${built ? 'the compiled build (dist/)' : 'the TypeScript sources'}`,
  );
  const now = new Date();
  const failures = new Map<string, string[]>();
  const probe = startMemoryProbe();
  // The comparison parsers load here, after the fetch cycles, so they are not in the cycles' memory.
  const { parseFeed: parseWithRowanmanning } = await import('@rowanmanning/feed-parser');
  const { parseFeed: parseWithFeedsmith } = await import('feedsmith');
  const { default: RssParser } = await import('rss-parser');
  const rssParser = new RssParser();
  const runs: ParserRun[] = [];
  // The bot's parser first records its failures, then every parser is timed the same way.
  for (const file of files) {
    try {
      parseFeed({ body: file.bytes, feedUrl: `https://corpus.invalid/${file.path}` }, { now });
    } catch (error) {
      const reason = error instanceof FeedParseError ? error.reason : (error as Error).message;
      const key = categorise(reason);
      failures.set(key, [...(failures.get(key) ?? []), file.path]);
    }
  }
  runs.push(
    newRun(
      'news-digest (decode + parse + normalise)',
      (file) =>
        parseFeed({ body: file.bytes, feedUrl: `https://corpus.invalid/${file.path}` }, { now }).articles
          .length,
    ),
    newRun(
      'rss-parser 3.13 alone',
      async (file) => (await rssParser.parseString(file.bytes.toString('utf8'))).items.length,
    ),
    newRun('feedsmith 3.0 alone', (file) => {
      const parsed = parseWithFeedsmith(file.bytes.toString('utf8'));
      const feed = parsed.feed as { items?: unknown[]; entries?: unknown[] };
      return (feed.items ?? feed.entries ?? []).length;
    }),
    newRun(
      '@rowanmanning/feed-parser 2.1 alone',
      (file) => parseWithRowanmanning(file.bytes.toString('utf8')).items.length,
    ),
  );
  await timeParsers(runs, files);
  const peak = probe.stop();
  console.log('parser'.padEnd(46), 'parsed', 'w/items', ' items', '   MB/s', ' items/s');
  for (const run of runs) {
    const seconds = run.bestMs / 1000;
    console.log(
      run.name.padEnd(46),
      String(run.parsed).padStart(6),
      String(run.withItems).padStart(7),
      String(run.items).padStart(6),
      (totalBytes / 1024 / 1024 / seconds).toFixed(1).padStart(7),
      Math.round(run.items / seconds)
        .toString()
        .padStart(8),
    );
  }
  const [bot, rssParserRun] = runs;
  if (bot !== undefined && rssParserRun !== undefined) {
    // Same files, same passes, interleaved: the ratio is steadier than either figure on a busy machine.
    console.log(
      `news-digest throughput relative to rss-parser alone: ${(rssParserRun.bestMs / bot.bestMs).toFixed(2)}× (target: at least 1.00×)`,
    );
  }
  console.log(
    `failures of the bot's parser (${[...failures.values()].reduce((n, list) => n + list.length, 0)} files):`,
  );
  for (const [reason, paths] of [...failures].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`  ${String(paths.length).padStart(3)}  ${reason}`);
    for (const path of paths) console.log(`         ${path}`);
  }
  console.log(`peak RSS during parsing: ${mb(peak)} MB`);
}

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

async function startFeedServer(paths: readonly string[]): Promise<FeedServer> {
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
const [distRoot, port, feedCount] = process.argv.slice(1);
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
      { force: true, extractFullText: false },
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
async function buildDist(): Promise<boolean> {
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

async function runCycleProcess(server: FeedServer, nodeFlags: readonly string[]): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      ...nodeFlags,
      '--expose-gc',
      '--input-type=module',
      '-e',
      cycleProcessSource,
      join(repositoryRoot, 'dist'),
      String(server.port),
      String(cycleFeeds),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  let countsBefore = await server.counts();
  for await (const line of lines) {
    const record = JSON.parse(line) as Record<string, number | string>;
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
async function benchFetchCycles(paths: readonly string[], built: boolean): Promise<void> {
  console.log(`\n== Fetch cycles: ${cycleFeeds} feeds on ${cycleFeeds} host names, served from loopback ==`);
  if (!built) return;
  const server = await startFeedServer(paths);
  try {
    console.log(`-- plain node ${process.version} on dist/, heap uncapped --`);
    await runCycleProcess(server, []);
    const heapCapMb = 128;
    console.log(`-- the same with the V8 heap capped at ${heapCapMb} MB (--max-old-space-size) --`);
    await runCycleProcess(server, [`--max-old-space-size=${heapCapMb}`]);
  } finally {
    server.stop();
  }
}

function benchExtraction(): void {
  if (!existsSync(articleCorpus)) return;
  console.log('\n== Article extraction against Readability expected output (word precision / recall) ==');
  const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const name of readdirSync(articleCorpus).sort()) {
    const source = join(articleCorpus, name, 'source.html');
    const expectedPath = join(articleCorpus, name, 'article.txt');
    if (!existsSync(source) || !existsSync(expectedPath)) continue;
    const started = performance.now();
    try {
      const article = extractArticle(readFileSync(source, 'utf8'), `https://articles.invalid/${name}`);
      const ms = performance.now() - started;
      const got = words(article.text);
      const expected = words(readFileSync(expectedPath, 'utf8'));
      const bag = new Map<string, number>();
      for (const word of expected) bag.set(word, (bag.get(word) ?? 0) + 1);
      let hits = 0;
      for (const word of got) {
        const left = bag.get(word) ?? 0;
        if (left > 0) {
          hits += 1;
          bag.set(word, left - 1);
        }
      }
      console.log(
        `${name.padEnd(14)} precision ${(hits / Math.max(1, got.length)).toFixed(3)}  recall ${(hits / Math.max(1, expected.length)).toFixed(3)}  ${ms.toFixed(0)} ms`,
      );
    } catch (error) {
      console.log(`${name.padEnd(14)} failed: ${(error as Error).message}`);
    }
  }
}

async function main(): Promise<void> {
  if (!existsSync(feedCorpus)) {
    console.log(`feed corpus not found at ${feedCorpus}; nothing to measure`);
    return;
  }
  const paths = listFeedCorpus();
  // The fetch cycles run first, in a fresh process, so that their memory figure is their own.
  // `-- --only cycles|parse|extract` runs one part.
  const only = process.argv[process.argv.indexOf('--only') + 1];
  const wants = (part: string): boolean => !process.argv.includes('--only') || only === part;
  const built = wants('cycles') || wants('parse') ? await buildDist() : false;
  if (wants('cycles')) await benchFetchCycles(paths, built);
  if (wants('parse')) await benchCorpusParsing(loadFeedCorpus(paths), built);
  if (wants('extract')) benchExtraction();
  if (process.argv.includes('--only')) return;
  console.log(
    `\npeak RSS of the whole run: ${mb(process.resourceUsage().maxRSS * 1024)} MB; Node ${process.versions.node}`,
  );
}

await main();
