/**
 * One feed over HTTP: a conditional GET (a 304 costs no parsing), then parsing, plus the caching
 * hints (Cache-Control max-age, Expires) that decide when to ask again.
 */
import type { HttpClient } from '../net/http-client.js';
import { parseFeed, type ParsedFeed } from './parse-feed.js';

export const feedAccept =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

export type FeedFetchOutcome =
  | {
      readonly status: 'ok';
      readonly feed: ParsedFeed;
      /** URL after redirects. */
      readonly finalUrl: string;
      readonly etag?: string;
      readonly lastModified?: string;
      /** Freshness the server granted (Cache-Control max-age or Expires), in seconds. */
      readonly maxAgeSeconds?: number;
    }
  | { readonly status: 'not-modified'; readonly maxAgeSeconds?: number };

/** Freshness lifetime from Cache-Control (max-age, s-maxage) or Expires, in seconds. */
export function readMaxAge(headers: { get(name: string): string | null }, now: Date): number | undefined {
  const cacheControl = headers.get('cache-control');
  if (cacheControl !== null) {
    if (/\b(?:no-cache|no-store)\b/i.test(cacheControl)) return 0;
    const maxAge = /\b(?:s-maxage|max-age)\s*=\s*"?(\d+)/i.exec(cacheControl);
    if (maxAge !== null) return Number(maxAge[1]);
  }
  const expires = headers.get('expires');
  if (expires !== null) {
    const at = Date.parse(expires);
    if (!Number.isNaN(at)) return Math.max(0, Math.round((at - now.getTime()) / 1000));
  }
  return undefined;
}

export async function fetchFeed(
  client: HttpClient,
  url: string,
  state: { readonly etag?: string; readonly lastModified?: string },
  now: Date,
  options: {
    readonly maxItems?: number;
    readonly signal?: AbortSignal;
    /**
     * Runs the parse when a parse slot is free. Parsing is CPU-bound and builds large trees, so a
     * cycle parses a few feeds at a time while many more wait on the network.
     */
    readonly parseSlot?: <T>(parse: () => T) => Promise<T>;
  } = {},
): Promise<FeedFetchOutcome> {
  const response = await client.get(url, {
    accept: feedAccept,
    ...(state.etag === undefined ? {} : { etag: state.etag }),
    ...(state.lastModified === undefined ? {} : { lastModified: state.lastModified }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const maxAgeSeconds = readMaxAge(response.headers, now);
  if (response.status === 304) {
    return { status: 'not-modified', ...(maxAgeSeconds === undefined ? {} : { maxAgeSeconds }) };
  }
  const contentType = response.headers.get('content-type');
  const parse = (): ParsedFeed =>
    parseFeed(
      { body: response.body, feedUrl: response.url, ...(contentType === null ? {} : { contentType }) },
      { now, ...(options.maxItems === undefined ? {} : { maxItems: options.maxItems }) },
    );
  const feed = options.parseSlot === undefined ? parse() : await options.parseSlot(parse);
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  return {
    status: 'ok',
    feed,
    finalUrl: response.url,
    ...(etag === null ? {} : { etag }),
    ...(lastModified === null ? {} : { lastModified }),
    ...(maxAgeSeconds === undefined ? {} : { maxAgeSeconds }),
  };
}
