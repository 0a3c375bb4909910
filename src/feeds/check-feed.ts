/**
 * What the bot sees in a feed, without storing anything: for `news-digest feeds test`, the tool
 * for "my feed doesn't post". Reads a URL (under the network policy) or a local file.
 */
import type { Article } from '../model.js';
import type { HttpClient } from '../net/http-client.js';
import { describeFeedError } from './fetch-cycle.js';
import { feedAccept } from './fetch-feed.js';
import { describeItemCap, parseFeed, type ParsedFeed } from './parse-feed.js';

export interface CheckedArticle {
  readonly id: string;
  readonly url: string | null;
  readonly title: string;
  /** ISO 8601 UTC (the first-seen time when the feed gives no usable date). */
  readonly published: string;
  /** True when the feed gave no usable date (missing, 1970, far future, unreadable). */
  readonly publishedIsGuess: boolean;
  /** Present (true) when other entries of the feed share this link, so it does not identify the entry. */
  readonly urlIsShared?: true;
  readonly updated?: string;
  readonly author?: string;
  readonly summary?: string;
  readonly content?: string;
}

export interface FeedCheck {
  /** The URL or file as given. */
  readonly source: string;
  readonly format: string | null;
  readonly encoding: string | null;
  readonly feed: { readonly title: string | null; readonly link: string | null };
  /** Entries in the document; more than `articles` when the item cap was hit or entries repeat. */
  readonly entries: number;
  readonly articles: readonly CheckedArticle[];
  /** Why `articles` has fewer entries than the feed: over the item cap, or ids repeated. */
  readonly note?: string;
  readonly error?: string;
}

export interface CheckFeedDeps {
  readonly client: HttpClient;
  readonly now: Date;
  readonly readFile: (path: string) => Promise<Buffer>;
}

/** Says why `articles` has fewer entries than the feed: the item cap, repeated ids. */
function describeDroppedEntries(feed: ParsedFeed): { note?: string } {
  const repeated = feed.entryCount - feed.entriesOverCap - feed.articles.length;
  const notes = [
    ...(feed.entriesOverCap > 0 ? [describeItemCap(feed.entryCount)] : []),
    ...(repeated > 0
      ? [
          `${repeated} ${repeated === 1 ? 'entry repeats' : 'entries repeat'} the id of an earlier one (shown once)`,
        ]
      : []),
  ];
  return notes.length === 0 ? {} : { note: notes.join('; ') };
}

function toChecked(article: Article): CheckedArticle {
  return {
    id: article.id,
    url: article.url ?? null,
    title: article.title,
    published: article.publishedAt,
    publishedIsGuess: article.publishedIsGuess,
    ...(article.urlIsShared === true ? { urlIsShared: true as const } : {}),
    ...(article.updatedAt === undefined ? {} : { updated: article.updatedAt }),
    ...(article.author === undefined ? {} : { author: article.author }),
    ...(article.summary === undefined ? {} : { summary: article.summary }),
    ...(article.content === '' || article.content === article.summary ? {} : { content: article.content }),
  };
}

/** True for sources that are web addresses; anything else is read as a file path. */
export function isWebSource(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) && !/^file:/i.test(source);
}

export async function checkFeed(source: string, deps: CheckFeedDeps): Promise<FeedCheck> {
  let encoding: string | null = null;
  try {
    let body: Buffer;
    let feedUrl: string;
    let contentType: string | undefined;
    if (isWebSource(source)) {
      const response = await deps.client.get(source, { accept: feedAccept });
      body = response.body;
      feedUrl = response.url;
      contentType = response.headers.get('content-type') ?? undefined;
    } else {
      const path = source.replace(/^file:\/\//i, '');
      body = await deps.readFile(path);
      feedUrl = new URL(`file://${path.startsWith('/') ? '' : '/'}${path}`).href;
    }
    const feed = parseFeed(
      { body, feedUrl, ...(contentType === undefined ? {} : { contentType }) },
      { now: deps.now },
    );
    encoding = feed.encoding;
    return {
      source,
      format: feed.format,
      encoding: feed.encoding,
      feed: { title: feed.title, link: feed.link ?? null },
      entries: feed.entryCount,
      articles: feed.articles.map(toChecked),
      ...describeDroppedEntries(feed),
    };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : describeFeedError(error);
    return {
      source,
      format: null,
      encoding,
      feed: { title: null, link: null },
      entries: 0,
      articles: [],
      error: reason,
    };
  }
}
