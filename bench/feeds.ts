/**
 * `npm run bench:feeds`: feed ingestion figures.
 *
 * 1. Parses every file of the feed corpus (../shared/corpus/feeds, when present) with the bot's
 *    parser (decoding, safety checks, feedsmith, normalisation) and, in the same run, with
 *    rss-parser, bare feedsmith and @rowanmanning/feed-parser: files parsed, files with items,
 *    items, failures by reason, MB/s, items/s, peak memory. Each parser is timed on its own, in
 *    fresh processes, over several rounds (see feeds-parse-speed.ts).
 * 2. Serves the corpus from a loopback HTTP server as 1,000 feeds on 1,000 host names and runs two
 *    fetch cycles against a SQLite store, in a separate plain `node` process on the compiled build
 *    (dist/), once with the heap uncapped and once capped: the first cycle fetches everything, the
 *    second should be mostly 304s. Reported: RSS before the first cycle (the baseline), peak RSS
 *    and heap during each cycle, live heap after it. Targets: first cycle under 60 s and 300 MB,
 *    second under 10 s.
 * 3. Extracts the article pages of the article corpus and compares the text with Readability's
 *    expected output (word precision and recall).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { extractArticle } from '../src/extract/extract-article.js';
import type * as ParseFeedModule from '../src/feeds/parse-feed.js';
import { benchFetchCycles, buildDist } from './feeds-cycles.js';
import {
  parseRounds,
  passesPerRound,
  parsersUnderTest,
  reportParseSpeed,
  timeParsersInIsolation,
} from './feeds-parse-speed.js';
import { readNumberOption } from './read-number-option.js';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpusRoot = resolve(repositoryRoot, '..', 'shared', 'corpus');
const feedCorpus = join(corpusRoot, 'feeds');
const articleCorpus = join(corpusRoot, 'articles', 'readability');

interface CorpusFile {
  readonly path: string;
  readonly bytes: Buffer;
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

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

async function benchCorpusParsing(
  files: readonly CorpusFile[],
  paths: readonly string[],
  built: boolean,
): Promise<void> {
  const totalBytes = files.reduce((sum, file) => sum + file.bytes.length, 0);
  console.log(
    `\n== Corpus parse: ${files.length} files, ${mb(totalBytes)} MB; each parser timed on its own, ${parseRounds} rounds ==`,
  );
  // The bot's parser as users run it: the compiled build, when there is one.
  const botParserUrl = built
    ? pathToFileURL(join(repositoryRoot, 'dist', 'src', 'feeds', 'parse-feed.js')).href
    : new URL('../src/feeds/parse-feed.ts', import.meta.url).href;
  console.log(
    `news-digest parser loaded from ${built ? 'the compiled build (dist/)' : 'the TypeScript sources'}. ` +
      'Each round runs every parser in a fresh `node --expose-gc` process (order alternating): one untimed ' +
      `pass over the corpus, then ${passesPerRound} timed passes, each after a full GC; the round counts the fastest. ` +
      'Time is CPU time (user + system) of that process, steadier than wall-clock time on a busy machine; ' +
      "the bot's parser and rss-parser run back to back in every round.",
  );
  const { FeedParseError, parseFeed } = (await import(botParserUrl)) as typeof ParseFeedModule;
  const now = new Date();
  const failures = new Map<string, string[]>();
  for (const file of files) {
    try {
      parseFeed({ body: file.bytes, feedUrl: `https://corpus.invalid/${file.path}` }, { now });
    } catch (error) {
      const reason = error instanceof FeedParseError ? error.reason : (error as Error).message;
      const key = categorise(reason);
      failures.set(key, [...(failures.get(key) ?? []), file.path]);
    }
  }
  const figures = await timeParsersInIsolation(
    parsersUnderTest(botParserUrl),
    feedCorpus,
    paths,
    repositoryRoot,
    // Without a build the timing processes read the TypeScript sources through tsx.
    built ? [] : ['--import', 'tsx'],
  );
  reportParseSpeed(figures, totalBytes);
  console.log(
    `failures of the bot's parser (${[...failures.values()].reduce((n, list) => n + list.length, 0)} files):`,
  );
  for (const [reason, failed] of [...failures].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`  ${String(failed.length).padStart(3)}  ${reason}`);
    for (const path of failed) console.log(`         ${path}`);
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
  const built = wants('cycles') || wants('parse') ? await buildDist(repositoryRoot) : false;
  // `-- --feeds-in-flight N` runs the cycles with N feeds in progress instead of the bot's default.
  const feedsInFlight = process.argv.includes('--feeds-in-flight')
    ? readNumberOption(process.argv, 'feeds-in-flight', 8)
    : undefined;
  if (wants('cycles') && built) {
    await benchFetchCycles({
      paths,
      feedCorpus,
      distRoot: join(repositoryRoot, 'dist'),
      ...(feedsInFlight === undefined ? {} : { feedsInFlight }),
    });
  }
  if (wants('parse')) await benchCorpusParsing(loadFeedCorpus(paths), paths, built);
  if (wants('extract')) benchExtraction();
  if (process.argv.includes('--only')) return;
  console.log(
    `\npeak RSS of the whole run: ${mb(process.resourceUsage().maxRSS * 1024)} MB; Node ${process.versions.node}`,
  );
}

await main();
