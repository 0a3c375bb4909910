/**
 * One polling cycle: fetch every due feed (or the ones asked for), store new and changed entries
 * (deduplicated by id and canonical URL, across feeds, by the store), fetch the full text of new
 * teaser-only entries, and record each feed's health and next fetch time. A bad feed yields a
 * per-feed error in the report and never stops the cycle.
 */
import { fetchArticlePage } from '../extract/fetch-article-page.js';
import type { Article } from '../model.js';
import { createConcurrencyLimiter } from '../net/concurrency-limiter.js';
import { HttpFetchError, NetworkPolicyError, type HttpClient } from '../net/http-client.js';
import type { Clock, FeedRecord, Logger, Store, StoredItem } from '../ports.js';
import { fetchFeed } from './fetch-feed.js';
import { describeItemCap, FeedParseError, maxItemsPerFeed } from './parse-feed.js';
import { planNextFetch } from './plan-next-fetch.js';

export interface FetchCycleDeps {
  readonly store: Store;
  readonly client: HttpClient;
  readonly now: Clock;
  readonly logger: Logger;
  readonly onProgress?: (done: number, total: number) => void;
  /** Uniform random numbers in [0, 1) for backoff jitter; Math.random when absent. */
  readonly random?: () => number;
}

export interface FetchCycleOptions {
  /** Fetch only these feeds (they must be in the store), due or not. */
  readonly feedUrls?: readonly string[];
  /** Fetch every feed, including paused ones and ones not yet due. */
  readonly force?: boolean;
  /** Fetch article pages for new teaser-only entries (default true). */
  readonly extractFullText?: boolean;
  /** Most article pages fetched per feed and cycle; the rest keep their teaser (default 10). */
  readonly maxExtractionsPerFeed?: number;
  /** Feeds in progress at once (network concurrency is bounded by the HTTP client). Default 8. */
  readonly concurrency?: number;
  /** Most entries taken from one feed document (default `maxItemsPerFeed`, 1000). */
  readonly maxItemsPerFeed?: number;
}

export interface FeedCycleResult {
  readonly url: string;
  readonly status: 'ok' | 'not-modified' | 'failed';
  /** Entries the feed yielded. */
  readonly items: number;
  readonly newItems: number;
  /** Entries in the document, when more than the item cap (so `items` is less). */
  readonly entries?: number;
  /** Said when the feed had more entries than the item cap. */
  readonly note?: string;
  /** Short human-readable reason, for failed feeds. */
  readonly error?: string;
}

export interface FetchCycleReport {
  readonly feeds: FeedCycleResult[];
  /** Articles stored as new in this cycle (with full text when the feed was partial). */
  readonly newItems: StoredItem[];
}

/** A failing feed is paused after this long without success (and at least this many failures). */
const pauseAfterMs = 7 * 24 * 3_600_000;
const pauseAfterFailures = 8;

/** A short reason for people: what went wrong, without the URL they already see next to it. */
export function describeFeedError(error: unknown): string {
  if (error instanceof FeedParseError) return error.reason;
  if (error instanceof HttpFetchError) return error.reason;
  if (error instanceof NetworkPolicyError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

async function storeArticles(
  deps: FetchCycleDeps,
  articles: readonly Article[],
  options: { extract: boolean; maxExtractions: number },
): Promise<StoredItem[]> {
  const created: StoredItem[] = [];
  let extractions = 0;
  for (const article of articles) {
    const seenAt = deps.now();
    let candidate = article;
    // Only teasers and undated entries need what an earlier cycle stored; skip the read otherwise.
    const previous =
      article.contentIsPartial || article.publishedIsGuess ? await deps.store.getItem(article.id) : undefined;
    if (previous !== undefined) {
      // Keep what earlier cycles learnt: the extracted full text and the first-seen date guess.
      const keepText = article.contentIsPartial && !previous.article.contentIsPartial;
      candidate = {
        ...article,
        ...(keepText ? { content: previous.article.content, contentIsPartial: false } : {}),
        ...(article.publishedIsGuess ? { publishedAt: previous.article.publishedAt } : {}),
      };
    }
    const { result, id, seq } = await deps.store.upsertArticle(candidate, seenAt);
    if (result !== 'new') continue;
    let stored: Article = candidate;
    if (
      options.extract &&
      candidate.contentIsPartial &&
      candidate.url !== undefined &&
      extractions < options.maxExtractions
    ) {
      extractions += 1;
      try {
        const page = await fetchArticlePage(candidate.url, deps.client);
        if (page.text.length > candidate.content.length) {
          const language = candidate.language ?? page.language;
          const full: Article = {
            ...candidate,
            content: page.text,
            contentIsPartial: false,
            ...(candidate.author === undefined && page.byline !== undefined ? { author: page.byline } : {}),
            ...(language === undefined ? {} : { language }),
          };
          await deps.store.upsertArticle(full, seenAt);
          stored = full;
        }
      } catch (error) {
        // Routine (paywalls, pages without an article): debug, so a terminal run stays readable.
        deps.logger.debug(
          { feedUrl: candidate.feedUrl, url: candidate.url, err: describeFeedError(error) },
          'kept the teaser: article page not extracted',
        );
      }
    }
    // Built here rather than read back: the store has just written exactly this.
    created.push({
      article: { ...stored, id },
      firstSeenAt: seenAt.toISOString(),
      seq,
      feedUrls: [stored.feedUrl],
    });
  }
  return created;
}

type ParseSlot = <T>(parse: () => T) => Promise<T>;

async function processFeed(
  deps: FetchCycleDeps,
  feed: FeedRecord,
  options: FetchCycleOptions,
  parseSlot: ParseSlot,
): Promise<{ result: FeedCycleResult; newItems: StoredItem[] }> {
  const startedAt = deps.now();
  const random = deps.random ?? Math.random;
  try {
    const outcome = await fetchFeed(
      deps.client,
      feed.url,
      {
        ...(feed.etag === undefined ? {} : { etag: feed.etag }),
        ...(feed.lastModified === undefined ? {} : { lastModified: feed.lastModified }),
      },
      startedAt,
      { maxItems: options.maxItemsPerFeed ?? maxItemsPerFeed, parseSlot },
    );
    if (outcome.status === 'not-modified') {
      const now = deps.now();
      await deps.store.updateFeedState(feed.url, {
        lastFetchAt: now.toISOString(),
        lastOkAt: now.toISOString(),
        failureCount: 0,
        failingSince: null,
        lastError: null,
        nextFetchAt: planNextFetch({
          now,
          intervalMinutes: feed.intervalMinutes,
          outcome: 'not-modified',
          failureCount: 0,
          ...(outcome.maxAgeSeconds === undefined ? {} : { maxAgeSeconds: outcome.maxAgeSeconds }),
          random,
        }).toISOString(),
      });
      return { result: { url: feed.url, status: 'not-modified', items: 0, newItems: 0 }, newItems: [] };
    }
    const newItems = await storeArticles(deps, outcome.feed.articles, {
      extract: options.extractFullText ?? true,
      maxExtractions: options.maxExtractionsPerFeed ?? 10,
    });
    const now = deps.now();
    await deps.store.updateFeedState(feed.url, {
      title: outcome.feed.title,
      siteUrl: outcome.feed.link ?? null,
      etag: outcome.etag ?? null,
      lastModified: outcome.lastModified ?? null,
      lastFetchAt: now.toISOString(),
      lastOkAt: now.toISOString(),
      failureCount: 0,
      failingSince: null,
      lastError: null,
      nextFetchAt: planNextFetch({
        now,
        intervalMinutes: feed.intervalMinutes,
        outcome: 'ok',
        failureCount: 0,
        ...(outcome.maxAgeSeconds === undefined ? {} : { maxAgeSeconds: outcome.maxAgeSeconds }),
        ...(outcome.feed.ttlMinutes === undefined ? {} : { ttlMinutes: outcome.feed.ttlMinutes }),
        random,
      }).toISOString(),
    });
    const overCap = outcome.feed.entriesOverCap > 0;
    return {
      result: {
        url: feed.url,
        status: 'ok',
        items: outcome.feed.articles.length,
        newItems: newItems.length,
        ...(overCap
          ? {
              entries: outcome.feed.entryCount,
              note: describeItemCap(outcome.feed.entryCount, options.maxItemsPerFeed ?? maxItemsPerFeed),
            }
          : {}),
      },
      newItems,
    };
  } catch (error) {
    const reason = describeFeedError(error);
    const now = deps.now();
    const failureCount = feed.failureCount + 1;
    const failingSince = feed.failingSince ?? now.toISOString();
    const retryAfter = error instanceof HttpFetchError ? error.retryAfter : undefined;
    const pause =
      failureCount >= pauseAfterFailures && now.getTime() - Date.parse(failingSince) >= pauseAfterMs;
    deps.logger.warn({ feedUrl: feed.url, failureCount, err: reason }, 'feed fetch failed');
    try {
      await deps.store.updateFeedState(feed.url, {
        lastFetchAt: now.toISOString(),
        failureCount,
        failingSince,
        lastError: reason,
        ...(pause ? { paused: true } : {}),
        nextFetchAt: planNextFetch({
          now,
          intervalMinutes: feed.intervalMinutes,
          outcome: 'failed',
          failureCount,
          ...(retryAfter === undefined ? {} : { retryAfter }),
          random,
        }).toISOString(),
      });
    } catch (storeError) {
      deps.logger.error({ feedUrl: feed.url, err: storeError }, 'could not record feed health');
    }
    return {
      result: { url: feed.url, status: 'failed', items: 0, newItems: 0, error: reason },
      newItems: [],
    };
  }
}

async function selectFeeds(
  deps: FetchCycleDeps,
  options: FetchCycleOptions,
): Promise<{ feeds: FeedRecord[]; missing: string[] }> {
  if (options.feedUrls !== undefined) {
    const feeds: FeedRecord[] = [];
    const missing: string[] = [];
    for (const url of options.feedUrls) {
      const feed = await deps.store.getFeed(url);
      if (feed === undefined) missing.push(url);
      else feeds.push(feed);
    }
    return { feeds, missing };
  }
  const feeds = options.force === true ? await deps.store.listFeeds() : await deps.store.dueFeeds(deps.now());
  return { feeds, missing: [] };
}

export async function runFetchCycle(
  deps: FetchCycleDeps,
  options: FetchCycleOptions = {},
): Promise<FetchCycleReport> {
  const { feeds, missing } = await selectFeeds(deps, options);
  const results = new Array<FeedCycleResult>(feeds.length);
  const perFeedNew = new Array<StoredItem[]>(feeds.length);
  // Two parses at a time keep a core busy while the other waits; more only grows the heap.
  const parseLimiter = createConcurrencyLimiter({ total: 2, perKey: 2 });
  const parseSlot: ParseSlot = (parse) => parseLimiter.run('parse', () => Promise.resolve().then(parse));
  let done = 0;
  let next = 0;
  const total = feeds.length;
  deps.onProgress?.(0, total);
  const worker = async (): Promise<void> => {
    while (next < feeds.length) {
      const index = next;
      next += 1;
      const feed = feeds[index] as FeedRecord;
      const { result, newItems } = await processFeed(deps, feed, options, parseSlot);
      results[index] = result;
      perFeedNew[index] = newItems;
      done += 1;
      deps.onProgress?.(done, total);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 8, feeds.length));
  await Promise.all(Array.from({ length: workers }, () => worker()));
  const report: FeedCycleResult[] = [
    ...results,
    ...missing.map((url) => ({
      url,
      status: 'failed' as const,
      items: 0,
      newItems: 0,
      error: 'not in the feed list (add it with "feeds add")',
    })),
  ];
  return { feeds: report, newItems: perFeedNew.flat() };
}

/**
 * Guards against overlapping cycles: while one runs, further calls share its result instead of
 * starting another (a slow cycle and the next cron tick must not fetch the same feeds twice).
 */
export function createFetchCycleRunner(deps: FetchCycleDeps): {
  run(options?: FetchCycleOptions): Promise<FetchCycleReport>;
  readonly running: boolean;
} {
  let current: Promise<FetchCycleReport> | undefined;
  return {
    get running() {
      return current !== undefined;
    },
    run(options) {
      if (current !== undefined) return current;
      const started = runFetchCycle(deps, options).finally(() => {
        current = undefined;
      });
      current = started;
      return started;
    },
  };
}
