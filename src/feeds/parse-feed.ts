/**
 * Feed bytes to normalised articles. RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0 are read with
 * feedsmith (tolerant of bare "&", undeclared entities and unparseable dates, which make stricter
 * parsers lose the whole feed); JSON Feed 1.x is read here. Around the parser this module does
 * what no parser does for us: byte decoding, refusing entity attacks and deep nesting, telling a
 * non-feed from a broken feed, and normalisation (see normalise-article.ts).
 */
import {
  parseAtomFeed,
  parseFeed as parseWithFeedsmith,
  parseRdfFeed,
  parseRssFeed,
  type AnyFeed,
} from 'feedsmith';
import type { Article } from '../model.js';
import { canonicaliseUrl, resolveUrl } from './canonicalise-url.js';
import { decodeFeedBytes } from './decode-feed-bytes.js';
import { detachText, normaliseEntry, normaliseLanguage, type NormalisedEntry } from './normalise-article.js';
import { prepareXml, UnsafeXmlError } from './prepare-xml.js';
import { readFeedsmithFeed, readJsonFeed, type RawFeed } from './read-feed-entries.js';
import { readAtomDocument } from './read-atom-document.js';
import { readRssDocument } from './read-rss-document.js';
import { convertHtmlToLine } from '../extract/html-to-text.js';

/** A feed that cannot be read; `reason` is short and meant for people ("not a feed: an HTML page"). */
export class FeedParseError extends Error {
  override readonly name = 'FeedParseError';
  constructor(
    readonly feedUrl: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`Parsing ${feedUrl} failed: ${reason}`, options);
  }
}

export interface ParsedFeed {
  /** Format and version as detected: "rss 2.0", "rss 1.0 (rdf)", "atom 1.0", "json feed 1.1"... */
  readonly format: string;
  /** WHATWG name of the character encoding used to read the bytes. */
  readonly encoding: string;
  readonly title: string;
  readonly link?: string;
  readonly language?: string;
  /** RSS <ttl>: how long the publisher says the feed may be cached, in minutes. */
  readonly ttlMinutes?: number;
  /** Entries in document order, normalised; later duplicates of an id are dropped. */
  readonly articles: readonly Article[];
  /** Entries in the document (before the item cap and duplicate removal). */
  readonly entryCount: number;
  /** Entries past the item cap, not read (0 when the feed is within it). */
  readonly entriesOverCap: number;
}

export interface ParseFeedInput {
  readonly body: Uint8Array | string;
  /** Content-Type header of the response, if any (its charset takes part in decoding). */
  readonly contentType?: string;
  /** The feed's URL after redirects: identifies the feed and is the base for relative links. */
  readonly feedUrl: string;
}

export interface ParseFeedOptions {
  /** Used for entries without a usable date ("first seen") and to judge dates in the future. */
  readonly now: Date;
  /** Most entries normalised from one document (the first ones, in document order). */
  readonly maxItems?: number;
}

/**
 * The item cap: most entries read from one feed document, the first ones in document order (feeds
 * list the newest first). `feeds test` and the fetch cycle both use it and say when it was hit.
 */
export const maxItemsPerFeed = 1_000;

/** The note for a feed over the item cap, shared by `feeds test` and `fetch`. */
export function describeItemCap(entries: number, maxItems = maxItemsPerFeed): string {
  return `${entries} entries in the feed; kept the first ${maxItems} (the item cap)`;
}

/** Entry elements in an XML document, counted only when the parser stopped at the cap. */
function countXmlEntries(text: string): number {
  return text.match(/<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s>/]/g)?.length ?? 0;
}

/**
 * Within one feed, a link shared by entries with different GUIDs (a podcast linking every episode
 * to its home page, a blog linking each post to an anchor of its day page) identifies none of them.
 * The fragment is kept when it tells them apart; otherwise the link is flagged `urlIsShared`, shown
 * but not used for deduplication. Either way the page is not the entry's own, so it is not fetched
 * for full text.
 */
function separateSharedLinks(entries: readonly NormalisedEntry[]): Article[] {
  const byUrl = new Map<string, NormalisedEntry[]>();
  for (const entry of entries) {
    const url = entry.article.url;
    if (url === undefined) continue;
    const group = byUrl.get(url);
    if (group === undefined) byUrl.set(url, [entry]);
    else group.push(entry);
  }
  const replaced = new Map<NormalisedEntry, Article>();
  for (const group of byUrl.values()) {
    if (group.length < 2) continue;
    // Entries without a GUID are identified by their link, fragment included.
    const identity = (entry: NormalisedEntry): string =>
      entry.idFromUrl ? (entry.urlWithFragment ?? entry.article.id) : entry.article.id;
    if (new Set(group.map(identity)).size < 2) continue;
    const identityByFragmentUrl = new Map<string | undefined, string>();
    let fragmentsSeparate = true;
    for (const entry of group) {
      const known = identityByFragmentUrl.get(entry.urlWithFragment);
      if (entry.urlWithFragment === undefined || (known !== undefined && known !== identity(entry))) {
        fragmentsSeparate = false;
        break;
      }
      identityByFragmentUrl.set(entry.urlWithFragment, identity(entry));
    }
    for (const entry of group) {
      const url = entry.urlWithFragment ?? (entry.article.url as string);
      replaced.set(entry, {
        ...entry.article,
        ...(entry.idFromUrl ? { id: url } : {}),
        url,
        ...(fragmentsSeparate ? {} : { urlIsShared: true }),
        contentIsPartial: false,
      });
    }
  }
  return entries.map((entry) => replaced.get(entry) ?? entry.article);
}

function describeXmlVersion(format: AnyFeed['format'], head: string): string {
  switch (format) {
    case 'rss': {
      const version = /<rss\b[^>]*?\bversion\s*=\s*["']([\d.]+)["']/i.exec(head)?.[1];
      return version === undefined ? 'rss' : `rss ${version}`;
    }
    case 'rdf':
      return /my\.netscape\.com\/rdf\/simple\/0\.9/.test(head) ? 'rss 0.90 (rdf)' : 'rss 1.0 (rdf)';
    case 'atom':
      return /purl\.org\/atom\/ns#|<feed\b[^>]*\bversion\s*=\s*["']0\.3/.test(head) ? 'atom 0.3' : 'atom 1.0';
    case 'json':
      return 'json feed';
  }
}

function explainUnrecognised(text: string): string {
  const head = text.slice(0, 4096);
  if (/^\s*$/.test(text)) return 'empty response';
  if (/<html[\s>]|<!doctype html/i.test(head)) {
    const alternate = /<link\b[^>]*type\s*=\s*["']application\/(?:rss|atom)\+xml["'][^>]*>/i.exec(text)?.[0];
    const href = alternate === undefined ? undefined : /href\s*=\s*["']([^"']+)["']/i.exec(alternate)?.[1];
    return href === undefined
      ? 'not a feed: the address returns an HTML page'
      : `not a feed: the address returns an HTML page (it links to a feed at ${href})`;
  }
  const root = /<([A-Za-z_][\w:.-]*)/.exec(
    head.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, ''),
  )?.[1];
  if (root !== undefined)
    return `not a feed: the document's root element is <${root}>, not <rss>, <feed> or <rdf:RDF>`;
  return 'not a feed: neither XML nor JSON';
}

function readJson(text: string, feedUrl: string): { raw: RawFeed; format: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new FeedParseError(feedUrl, `not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new FeedParseError(feedUrl, 'not a feed: JSON that is not a JSON Feed object');
  }
  const record = doc as Record<string, unknown>;
  const version = typeof record.version === 'string' ? record.version : '';
  const versionMatch = /jsonfeed\.org\/version\/(\d+(?:\.\d+)?)/.exec(version);
  if (versionMatch === null && !Array.isArray(record.items)) {
    throw new FeedParseError(feedUrl, 'not a feed: JSON without a JSON Feed version or an items list');
  }
  const format = versionMatch !== null ? `json feed ${versionMatch[1]}` : 'json feed (no version)';
  return { raw: readJsonFeed(record), format };
}

/** An Atom Entry Document (root <entry>) is read as a feed of one entry. */
function wrapLoneAtomEntry(xml: string): string {
  const head = xml.slice(0, 4096).replace(/<\?[^>]*>|<!--[\s\S]*?-->/g, '');
  const root = /<((?:[\w.-]+:)?entry)\b([^>]*)>/.exec(head);
  if (
    root === null ||
    head.slice(0, root.index).includes('<') ||
    !/www\.w3\.org\/2005\/Atom/.test(root[2] ?? '')
  )
    return xml;
  const declarationEnd = xml.startsWith('<?xml') ? xml.indexOf('?>') + 2 : 0;
  return `${xml.slice(0, declarationEnd)}<feed xmlns="http://www.w3.org/2005/Atom">${xml.slice(declarationEnd)}</feed>`;
}

/** The root element's name, past the XML declaration, processing instructions and comments. */
function readRootName(xml: string): string | undefined {
  return /<([A-Za-z_][\w.-]*(?::[\w.-]+)?)[\s>/]/.exec(
    xml.slice(0, 4096).replace(/<\?[^>]*>|<!--[\s\S]*?-->/g, ''),
  )?.[1];
}

/**
 * Goes straight to the parser for the root element: feedsmith's own detection otherwise runs each
 * format's patterns over the whole document in turn. Unusual roots get the full detection.
 */
function parseByRoot(xml: string, root: string | undefined, maxItems: number): AnyFeed {
  const options = { maxItems };
  try {
    if (root === 'rss') return { format: 'rss', feed: parseRssFeed(xml, options) };
    if (root === 'feed') return { format: 'atom', feed: parseAtomFeed(xml, options) };
    if (root === 'rdf:RDF') return { format: 'rdf', feed: parseRdfFeed(xml, options) };
  } catch (error) {
    if ((error as Error).name !== 'DetectError') throw error;
  }
  return parseWithFeedsmith(xml, options);
}

function readXml(text: string, feedUrl: string, maxItems: number): { raw: RawFeed; format: string } {
  let prepared: string;
  try {
    prepared = wrapLoneAtomEntry(prepareXml(text));
  } catch (error) {
    if (error instanceof UnsafeXmlError) throw new FeedParseError(feedUrl, error.message, { cause: error });
    throw error;
  }
  const root = readRootName(prepared);
  // Plain RSS and Atom, most feeds, are read directly; anything else, or anything they cannot read, by feedsmith.
  const rss = root === 'rss' ? readRssDocument(prepared, maxItems) : undefined;
  if (rss !== undefined) return { raw: rss, format: describeXmlVersion('rss', prepared.slice(0, 4096)) };
  const atom = root === 'feed' ? readAtomDocument(prepared, maxItems) : undefined;
  if (atom !== undefined) return { raw: atom, format: describeXmlVersion('atom', prepared.slice(0, 4096)) };
  let parsed: AnyFeed;
  try {
    parsed = parseByRoot(prepared, root, maxItems);
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'DetectError' || /unrecognized feed format/i.test((error as Error).message)) {
      throw new FeedParseError(feedUrl, explainUnrecognised(text), { cause: error });
    }
    if (name === 'ParseError') {
      throw new FeedParseError(
        feedUrl,
        'malformed feed: no channel, title or entries could be read (empty or truncated document)',
        {
          cause: error,
        },
      );
    }
    const detail = (error as { cause?: Error }).cause?.message ?? (error as Error).message;
    if (/maximum nested tags/i.test(detail)) {
      throw new FeedParseError(feedUrl, 'elements are nested deeper than 100 levels (refused)', {
        cause: error,
      });
    }
    throw new FeedParseError(feedUrl, `malformed feed (${detail})`, { cause: error });
  }
  return {
    raw: readFeedsmithFeed(parsed),
    format: describeXmlVersion(parsed.format, prepared.slice(0, 4096)),
  };
}

export function parseFeed(input: ParseFeedInput, options: ParseFeedOptions): ParsedFeed {
  const { feedUrl } = input;
  const decoded =
    typeof input.body === 'string'
      ? { text: input.body.replace(/^\ufeff/, ''), encoding: 'utf-8' }
      : decodeFeedBytes(input.body, input.contentType);
  const text = decoded.text;
  if (text.trim() === '') throw new FeedParseError(feedUrl, 'empty response');
  const firstChar = /\S/.exec(text)?.[0];
  const maxItems = options.maxItems ?? maxItemsPerFeed;
  const { raw, format } =
    firstChar === '{' || firstChar === '[' ? readJson(text, feedUrl) : readXml(text, feedUrl, maxItems);

  const siteLink = resolveUrl(raw.link, feedUrl);
  const base = resolveUrl(raw.base, feedUrl) ?? siteLink ?? feedUrl;
  const language = normaliseLanguage(raw.language);
  const title = raw.title === undefined ? '' : convertHtmlToLine(raw.title);
  // Every article keeps the source name: copied out of the document so that it does not keep it alive.
  const sourceName = detachText(title !== '' ? title : new URL(siteLink ?? feedUrl).hostname);
  const context = {
    feedUrl,
    base,
    source: siteLink === undefined ? { name: sourceName } : { name: sourceName, siteUrl: siteLink },
    ...(siteLink === undefined ? {} : { siteUrl: canonicaliseUrl(siteLink) ?? siteLink }),
    ...(language === undefined ? {} : { language }),
    now: options.now,
  };
  const kept = raw.entries.length > maxItems ? raw.entries.slice(0, maxItems) : raw.entries;
  const articles: Article[] = [];
  const seen = new Set<string>();
  for (const article of separateSharedLinks(kept.map((entry) => normaliseEntry(entry, context)))) {
    if (seen.has(article.id)) continue;
    seen.add(article.id);
    articles.push(article);
  }
  const entryCount =
    raw.entries.length >= maxItems && firstChar !== '{' && firstChar !== '['
      ? Math.max(raw.entries.length, countXmlEntries(text))
      : raw.entries.length;
  return {
    format,
    encoding: decoded.encoding,
    title: sourceName,
    ...(siteLink === undefined ? {} : { link: siteLink }),
    ...(language === undefined ? {} : { language }),
    ...(raw.ttlMinutes === undefined ? {} : { ttlMinutes: raw.ttlMinutes }),
    articles,
    entryCount,
    entriesOverCap: Math.max(0, entryCount - maxItems),
  };
}
