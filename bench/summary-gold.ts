/**
 * Loads the hand-written gold annotations (bench/gold/*.json, bench/gold/held-out/*.json) and the
 * corpus texts they describe: article files, or feed items read with the bot's own feed parser.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { parseFeed, type ParsedFeed } from '../src/feeds/parse-feed.js';
import type { Article } from '../src/model.js';
import type { GoldAnnotation, GoldFeedItem, GoldSource } from './summary-metrics.js';

const GoldFigureSchema = z.object({
  value: z.number().finite(),
  accept: z.array(z.string().min(1)).optional(),
  counts: z.string().min(1),
  attribution: z.array(z.string().min(1)).min(1).nullable(),
  attributionOptional: z.boolean().optional(),
  date: z.string().min(1).optional(),
});

const GoldClaimSchema = z.object({
  text: z.string().min(1),
  attribution: z.array(z.string().min(1)).min(1).nullable(),
  attributionOptional: z.boolean().optional(),
  date: z.string().min(1).optional(),
});

const GoldAnnotationSchema = z
  .object({
    article: z.string().min(1).optional(),
    feedItem: z.object({ file: z.string().min(1), guid: z.string().min(1) }).optional(),
    keyFigures: z.array(GoldFigureSchema),
    claims: z.array(GoldClaimSchema).min(1),
  })
  .refine((gold) => (gold.article === undefined) !== (gold.feedItem === undefined), {
    message: 'name either an article or a feedItem, not both',
  });

export class GoldFileError extends Error {
  override readonly name = 'GoldFileError';
  constructor(
    readonly file: string,
    problem: string,
    options?: ErrorOptions,
  ) {
    super(`Gold annotation ${file} is invalid: ${problem}`, options);
  }
}

/** Parses and validates one gold file's JSON text. */
export function parseGoldAnnotation(file: string, json: string): GoldAnnotation {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new GoldFileError(file, 'not JSON', { cause: error });
  }
  const parsed = GoldAnnotationSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`,
    );
    throw new GoldFileError(file, problems.join('; '));
  }
  const { article, feedItem, keyFigures, claims } = parsed.data;
  const source: GoldSource =
    feedItem === undefined
      ? { article: article ?? '' }
      : { feedItem: { file: feedItem.file, guid: feedItem.guid } };
  return {
    ...source,
    claims: claims.map((claim) => ({
      text: claim.text,
      attribution: claim.attribution,
      ...(claim.attributionOptional === undefined ? {} : { attributionOptional: claim.attributionOptional }),
      ...(claim.date === undefined ? {} : { date: claim.date }),
    })),
    keyFigures: keyFigures.map((figure) => ({
      value: figure.value,
      counts: figure.counts,
      attribution: figure.attribution,
      ...(figure.accept === undefined ? {} : { accept: figure.accept }),
      ...(figure.attributionOptional === undefined
        ? {}
        : { attributionOptional: figure.attributionOptional }),
      ...(figure.date === undefined ? {} : { date: figure.date }),
    })),
  };
}

/** Where a gold file's text is, for people: the article path, or the feed file and item GUID. */
export function describeGoldSource(gold: GoldSource): string {
  return 'article' in gold ? gold.article : `${gold.feedItem.file} ${gold.feedItem.guid}`;
}

/** One benchmark case: the gold annotation, the article text and what a feed would say about it. */
export interface BenchCase {
  readonly name: string;
  readonly gold: GoldAnnotation;
  readonly text: string;
  readonly title?: string;
  readonly publishedAt?: string;
  /** Language the page or feed declares (only reported: the summariser is left to detect it). */
  readonly declaredLanguage?: string;
}

/** The corpus folders gold files point into. */
export interface CorpusFolders {
  /** Article files (`article` in a gold file). */
  readonly articles: string;
  /** Feed files (`feedItem.file` in a gold file). */
  readonly feeds: string;
}

const MetadataSchema = z
  .object({
    title: z.string().nullish(),
    publishedTime: z.string().nullish(),
    lang: z.string().nullish(),
  })
  .passthrough();

async function readMetadata(articlePath: string): Promise<z.infer<typeof MetadataSchema> | undefined> {
  const metadataPath = join(articlePath, '..', 'metadata.json');
  let json: string;
  try {
    json = await readFile(metadataPath, 'utf8');
  } catch (error) {
    // Articles without a metadata.json (the seed text) take their title from the first line.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return MetadataSchema.parse(JSON.parse(json));
}

async function readArticleCase(
  name: string,
  file: string,
  gold: GoldAnnotation & { readonly article: string },
  articlesDir: string,
): Promise<BenchCase> {
  const articlePath = join(articlesDir, gold.article);
  let text: string;
  try {
    text = await readFile(articlePath, 'utf8');
  } catch (error) {
    throw new GoldFileError(file, `its article ${gold.article} cannot be read`, { cause: error });
  }
  const metadata = await readMetadata(articlePath);
  const firstLine = text
    .split('\n')
    .find((line) => line.trim() !== '')
    ?.trim();
  const title = metadata?.title ?? firstLine;
  return {
    name,
    gold,
    text,
    ...(title ? { title } : {}),
    ...(metadata?.publishedTime ? { publishedAt: metadata.publishedTime } : {}),
    ...(metadata?.lang ? { declaredLanguage: metadata.lang } : {}),
  };
}

/**
 * The item a gold file names. The bot's id for an item is its GUID, prefixed with the feed's
 * address when the GUID is not unique on its own ("42"), so both forms are looked for.
 */
function findFeedItem(feed: ParsedFeed, feedUrl: string, item: GoldFeedItem): Article[] {
  return feed.articles.filter(
    (article) => article.id === item.guid || article.id === `${feedUrl}#${item.guid}`,
  );
}

async function readFeedItemCase(
  name: string,
  file: string,
  gold: GoldAnnotation & { readonly feedItem: GoldFeedItem },
  feedsDir: string,
  now: Date,
  feeds: Map<string, Promise<{ feed: ParsedFeed; feedUrl: string }>>,
): Promise<BenchCase> {
  const { feedItem } = gold;
  const feedPath = join(feedsDir, feedItem.file);
  let parsing = feeds.get(feedPath);
  if (parsing === undefined) {
    // Parsed as the bot parses a fetched feed: same decoding, HTML-to-text and normalisation.
    const feedUrl = pathToFileURL(feedPath).href;
    parsing = readFile(feedPath).then((body) => ({ feed: parseFeed({ body, feedUrl }, { now }), feedUrl }));
    feeds.set(feedPath, parsing);
  }
  let parsed: { feed: ParsedFeed; feedUrl: string };
  try {
    parsed = await parsing;
  } catch (error) {
    throw new GoldFileError(file, `its feed ${feedItem.file} cannot be read`, { cause: error });
  }
  const found = findFeedItem(parsed.feed, parsed.feedUrl, feedItem);
  const article = found[0];
  if (article === undefined || found.length > 1) {
    const problem = found.length === 0 ? 'has no item' : `has ${found.length} items`;
    throw new GoldFileError(file, `its feed ${feedItem.file} ${problem} with GUID ${feedItem.guid}`);
  }
  // What the poll cycle hands the summariser for a feed item.
  const text = article.content || article.summary || article.title;
  return {
    name,
    gold,
    text,
    title: article.title,
    // A date the parser had to guess (first seen) says nothing about the item.
    ...(article.publishedIsGuess ? {} : { publishedAt: article.publishedAt }),
    ...(article.language === undefined ? {} : { declaredLanguage: article.language }),
  };
}

/**
 * Reads every gold file in `goldDir` (not its subfolders) and the text each names in the corpus,
 * sorted by file name. `now` only judges feed dates that lie in the future.
 */
export async function loadBenchCases(
  goldDir: string,
  corpus: CorpusFolders,
  now: Date = new Date(),
): Promise<BenchCase[]> {
  const files = (await readdir(goldDir, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => entry.name)
    .sort();
  const feeds = new Map<string, Promise<{ feed: ParsedFeed; feedUrl: string }>>();
  const cases: BenchCase[] = [];
  for (const file of files) {
    const gold = parseGoldAnnotation(file, await readFile(join(goldDir, file), 'utf8'));
    const name = file.replace(/\.json$/u, '');
    cases.push(
      'article' in gold
        ? await readArticleCase(name, file, gold, corpus.articles)
        : await readFeedItemCase(name, file, gold, corpus.feeds, now, feeds),
    );
  }
  return cases;
}
