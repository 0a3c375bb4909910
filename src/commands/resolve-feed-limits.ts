/**
 * `feed:` limits in the text of `follow`: `follow climate feed:bbc` or
 * `follow "rate cut" feed:https://news.example/rss feed:"Sport Daily"` limits a follow to some
 * feeds. The follow query language leaves feed limits out on purpose; they are stored on the
 * follow as feed URLs.
 */
import type { FeedRecord, Store } from '../ports.js';
import { CommandError } from './command-error.js';
import { looksLikeUrl, parseHttpUrl } from './parse-http-url.js';

/** Most feeds one follow may be limited to. */
export const MAX_FEED_LIMITS = 10;

const FEED_LIMIT = /(^|\s)feed:(?:"([^"]*)"|“([^”]*)”|(\S*))/giu;

export interface FeedLimitedText {
  /** The text without its `feed:` limits. */
  readonly query: string;
  /** The feed names or links as written, in order. */
  readonly feeds: readonly string[];
}

/** Splits `feed:` limits off the text. */
export function splitFeedLimits(text: string): FeedLimitedText {
  const feeds: string[] = [];
  const query = text
    .replace(FEED_LIMIT, (_match, lead: string, quoted?: string, curly?: string, bare?: string) => {
      feeds.push((quoted ?? curly ?? bare ?? '').trim());
      return lead;
    })
    .replace(/\s+/gu, ' ')
    .trim();
  return { query, feeds };
}

/**
 * The stored feed each limit names: a link to a known feed, or a feed's name or title (exact, or
 * a unique part of it, ignoring case). Throws a `CommandError` for an empty, unknown or ambiguous
 * limit, or too many.
 */
export async function resolveFeedLimits(store: Store, feeds: readonly string[]): Promise<string[]> {
  if (feeds.length === 0) return [];
  if (feeds.length > MAX_FEED_LIMITS)
    throw new CommandError(`A follow can be limited to at most ${MAX_FEED_LIMITS} feeds.`);
  const known = await store.listFeeds();
  const urls: string[] = [];
  for (const wanted of feeds) {
    if (wanted === '')
      throw new CommandError('Write a feed name or link after feed:, e.g. feed:"Example News".');
    const url = looksLikeUrl(wanted) ? findByUrl(known, wanted) : findByName(known, wanted);
    if (!urls.includes(url)) urls.push(url);
  }
  return urls;
}

function findByUrl(known: readonly FeedRecord[], wanted: string): string {
  const href = parseHttpUrl(wanted).href;
  const feed = known.find((f) => f.url === href);
  if (feed === undefined)
    throw new CommandError(`The bot does not read the feed ${shorten(href)}; add it with feeds add first.`);
  return feed.url;
}

function findByName(known: readonly FeedRecord[], wanted: string): string {
  const needle = wanted.toLowerCase();
  const names = (f: FeedRecord): string[] =>
    [f.name, f.title].filter((n): n is string => n !== undefined).map((n) => n.toLowerCase());
  const stages: Array<(f: FeedRecord) => boolean> = [
    (f) => names(f).includes(needle),
    (f) => names(f).some((n) => n.includes(needle)),
    (f) => f.url.toLowerCase().includes(needle),
  ];
  let candidates: FeedRecord[] = [];
  for (const matches of stages) {
    candidates = known.filter(matches);
    if (candidates.length > 0) break;
  }
  const first = candidates[0];
  if (candidates.length === 1 && first !== undefined) return first.url;
  if (candidates.length > 1) {
    const listed = candidates
      .map((f) => f.name ?? f.title ?? f.url)
      .sort()
      .slice(0, 4)
      .join(', ');
    throw new CommandError(
      `feed:${shorten(wanted)} matches several feeds (${listed}); be more specific or give the link.`,
    );
  }
  throw new CommandError(`No feed is called "${shorten(wanted)}"; see feeds list for the names.`);
}

function shorten(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 59)}…`;
}
