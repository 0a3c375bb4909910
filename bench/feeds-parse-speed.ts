/**
 * Parse speed on the feed corpus, each parser timed on its own: one fresh `node --expose-gc`
 * process per parser and round, so no parser's garbage is collected during another's timing and
 * no parser runs on JIT state another left behind. In that process the corpus is read, the parser
 * loaded and run once over every file untimed (warm-up), then timed over the whole corpus
 * `passesPerRound` times with a full GC before each pass; the round's figure is its fastest pass.
 * Time is the process's CPU time (user + system, GC threads included), which other processes on
 * a busy machine inflate far less than wall-clock time; the wall-clock median is shown too. The
 * order changes from round to round, the bot's parser and rss-parser always back to back; the
 * report gives the median and range over rounds, and the ratio of the two within each round.
 */
import { runInlineModule } from './run-inline-module.js';

export const parseRounds = 5;
export const passesPerRound = 5;

export interface ParserUnderTest {
  readonly name: string;
  /** JavaScript module source: the body of `async function load(repositoryRoot)`, returning `parse(path, bytes) => item count`. */
  readonly load: string;
}

export interface ParserFigures {
  readonly name: string;
  readonly parsed: number;
  readonly withItems: number;
  readonly items: number;
  /** CPU time (user + system) of the fastest pass of each round, in round order. */
  readonly roundCpuMs: readonly number[];
  /** Wall-clock time of the fastest pass of each round. */
  readonly roundMs: readonly number[];
  /** Highest peak RSS of the timing processes. */
  readonly peakRss: number;
}

/** The parsers timed by `npm run bench:feeds`: the bot's first, then rss-parser, the reference. */
export function parsersUnderTest(botParserUrl: string): ParserUnderTest[] {
  return [
    {
      name: 'news-digest (decode + parse + normalise)',
      load: `
        const { parseFeed } = await import(${JSON.stringify(botParserUrl)});
        const now = new Date();
        return (path, bytes) => parseFeed({ body: bytes, feedUrl: 'https://corpus.invalid/' + path }, { now }).articles.length;`,
    },
    {
      name: 'rss-parser 3.13 alone',
      load: `
        const { default: RssParser } = await import('rss-parser');
        const parser = new RssParser();
        return async (_path, bytes) => (await parser.parseString(bytes.toString('utf8'))).items.length;`,
    },
    {
      name: 'feedsmith 3.0 alone',
      load: `
        const { parseFeed } = await import('feedsmith');
        return (_path, bytes) => {
          const feed = parseFeed(bytes.toString('utf8')).feed;
          return (feed.items ?? feed.entries ?? []).length;
        };`,
    },
    {
      name: '@rowanmanning/feed-parser 2.1 alone',
      load: `
        const { parseFeed } = await import('@rowanmanning/feed-parser');
        return (_path, bytes) => parseFeed(bytes.toString('utf8')).items.length;`,
    },
  ];
}

/** The timing process: argv is corpus root, JSON list of paths, passes; prints one JSON line. */
function timingSource(parser: ParserUnderTest): string {
  return `
const { readFileSync } = await import('node:fs');
const [root, pathsJson, passes] = process.argv.slice(1);
const files = JSON.parse(pathsJson).map((path) => ({ path, bytes: readFileSync(root + '/' + path) }));
async function load() {${parser.load}
}
const parse = await load();
async function pass() {
  let parsed = 0, withItems = 0, items = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (const file of files) {
    try {
      const count = await parse(file.path, file.bytes);
      parsed += 1;
      if (count > 0) withItems += 1;
      items += count;
    } catch {
      // counted as not parsed
    }
  }
  const cpu = process.cpuUsage(cpuBefore);
  return { ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000, parsed, withItems, items };
}
const counts = await pass();
let bestMs = Infinity;
let bestCpuMs = Infinity;
for (let i = 0; i < Number(passes); i += 1) {
  globalThis.gc();
  const timed = await pass();
  bestMs = Math.min(bestMs, timed.ms);
  bestCpuMs = Math.min(bestCpuMs, timed.cpuMs);
}
process.stdout.write(JSON.stringify({ ...counts, bestMs, bestCpuMs, peakRss: process.resourceUsage().maxRSS * 1024 }) + '\\n');
`;
}

interface RoundResult {
  readonly parsed: number;
  readonly withItems: number;
  readonly items: number;
  readonly bestMs: number;
  readonly bestCpuMs: number;
  readonly peakRss: number;
}

async function timeOnce(
  parser: ParserUnderTest,
  corpusRoot: string,
  paths: readonly string[],
  cwd: string,
  nodeFlags: readonly string[],
): Promise<RoundResult> {
  const { records } = runInlineModule(
    timingSource(parser),
    [corpusRoot, JSON.stringify(paths), String(passesPerRound)],
    { nodeFlags, cwd },
  );
  let result: RoundResult | undefined;
  for await (const value of records) result = value as RoundResult;
  if (result === undefined) throw new Error(`timing ${parser.name} printed nothing`);
  return result;
}

/** Times every parser in its own processes, `parseRounds` rounds in rotating order. */
export async function timeParsersInIsolation(
  parsers: readonly ParserUnderTest[],
  corpusRoot: string,
  paths: readonly string[],
  cwd: string,
  nodeFlags: readonly string[] = [],
): Promise<ParserFigures[]> {
  const results = parsers.map(() => [] as RoundResult[]);
  for (let round = 0; round < parseRounds; round += 1) {
    // The bot's parser and rss-parser always run back to back, each first in every other round.
    const order = parsers.map((_, index) => index);
    if (round % 2 === 1) order.reverse();
    if (round % 2 === 1 && order.length > 1) order.push(...order.splice(0, order.length - 2));
    for (const index of order) {
      const parser = parsers[index] as ParserUnderTest;
      (results[index] as RoundResult[]).push(await timeOnce(parser, corpusRoot, paths, cwd, nodeFlags));
    }
  }
  return parsers.map((parser, index) => {
    const rounds = results[index] as RoundResult[];
    const first = rounds[0] as RoundResult;
    return {
      name: parser.name,
      parsed: first.parsed,
      withItems: first.withItems,
      items: first.items,
      roundCpuMs: rounds.map((round) => round.bestCpuMs),
      roundMs: rounds.map((round) => round.bestMs),
      peakRss: Math.max(...rounds.map((round) => round.peakRss)),
    };
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The table: counts, then median (range) over rounds of CPU time, MB/s and items/s, and wall-clock time. */
export function reportParseSpeed(figures: readonly ParserFigures[], totalBytes: number): void {
  const mbps = (ms: number): number => totalBytes / 1024 / 1024 / (ms / 1000);
  const range = (values: readonly number[], digits: number): string =>
    `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
  console.log(
    'parser'.padEnd(40),
    'parsed',
    'w/items',
    ' items',
    'CPU ms: median (range)'.padEnd(22),
    'MB/s: median (range)'.padEnd(22),
    'items/s',
    'wall ms',
    'peak RSS',
  );
  for (const figure of figures) {
    console.log(
      figure.name.padEnd(40),
      String(figure.parsed).padStart(6),
      String(figure.withItems).padStart(7),
      String(figure.items).padStart(6),
      range(figure.roundCpuMs, 0).padEnd(22),
      range(figure.roundCpuMs.map(mbps), 1).padEnd(22),
      String(Math.round(figure.items / (median(figure.roundCpuMs) / 1000))).padStart(7),
      median(figure.roundMs).toFixed(0).padStart(7),
      `${(figure.peakRss / 1024 / 1024).toFixed(0)} MB`.padStart(8),
    );
  }
  const [bot, rssParser] = figures;
  if (bot === undefined || rssParser === undefined) return;
  const ratios = bot.roundCpuMs.map((ms, round) => (rssParser.roundCpuMs[round] ?? NaN) / ms);
  console.log(
    `news-digest throughput relative to rss-parser alone (CPU time): ${(median(rssParser.roundCpuMs) / median(bot.roundCpuMs)).toFixed(2)}× on the medians, ` +
      `per round ${ratios.map((ratio) => ratio.toFixed(2)).join(', ')}; wall clock ${(median(rssParser.roundMs) / median(bot.roundMs)).toFixed(2)}× (target: at least 1.00×)`,
  );
}
