/**
 * Maps what feedsmith parsed (RSS, RDF, Atom) and raw JSON Feed documents onto one neutral entry
 * shape, before normalisation. Fields stay as the feed wrote them (HTML, relative links, raw dates).
 */
import type { AnyFeed } from 'feedsmith';
import { rankAtomLinks } from './feed-xml.js';

/** One entry as the feed wrote it, whatever the format. */
export interface RawEntry {
  readonly guid?: string;
  /** Candidate article links, the best first. */
  readonly links: readonly string[];
  readonly title?: string;
  /** True when the title is declared plain text (Atom type="text"), so "<" is literal. */
  readonly titleIsText?: boolean;
  readonly author?: string;
  readonly published?: string;
  readonly updated?: string;
  readonly summaryHtml?: string;
  readonly contentHtml?: string;
  /** Plain-text content (JSON Feed content_text, Atom type="text"). */
  readonly contentText?: string;
  readonly summaryText?: string;
  readonly language?: string;
  /** xml:base of the entry, possibly relative to the feed's base. */
  readonly base?: string;
}

export interface RawFeed {
  readonly title?: string;
  readonly link?: string;
  readonly language?: string;
  readonly base?: string;
  /** RSS <ttl>, in minutes. */
  readonly ttlMinutes?: number;
  readonly author?: string;
  readonly entries: readonly RawEntry[];
}

type AtomText = { value?: string; type?: string } | undefined;
type AtomLink = { href?: string; rel?: string; type?: string };

const isHtmlType = (type: string | undefined): boolean => type === undefined || /html/i.test(type);

function first(values: unknown): string | undefined {
  return nonEmpty(Array.isArray(values) ? values[0] : values);
}

/** Feed fields are untrusted shapes: a repeated element can arrive as an array or an object. */
function nonEmpty(value: unknown): string | undefined {
  if (Array.isArray(value)) return nonEmpty(value[0]);
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function personName(person: { name?: unknown; email?: unknown } | undefined): string | undefined {
  return nonEmpty(person?.name) ?? nonEmpty(person?.email);
}

function atomTextAsHtml(text: AtomText): { html?: string; plain?: string } {
  const value = nonEmpty(text?.value);
  if (value === undefined) return {};
  return isHtmlType(text?.type) ? { html: value } : { plain: value };
}

function readRssLike(
  feed: Extract<AnyFeed, { format: 'rss' | 'rdf' }>['feed'],
  format: 'rss' | 'rdf',
): RawFeed {
  const channel = feed as typeof feed & {
    ttl?: number;
    xml?: { base?: string; lang?: string };
    atom?: { links?: AtomLink[] };
  };
  const entries: RawEntry[] = (feed.items ?? []).map((rawItem) => {
    const item = rawItem as typeof rawItem & {
      guid?: { value?: string; isPermaLink?: boolean };
      authors?: Array<{ name?: string; email?: string }>;
      pubDate?: string;
      content?: { encoded?: string };
      rdf?: { about?: string };
      atom?: { links?: AtomLink[]; updated?: string; published?: string };
      itunes?: { author?: string; summary?: string };
      xml?: { base?: string; lang?: string };
      dcterms?: { modified?: string; issued?: string; created?: string };
    };
    const guid = nonEmpty(item.guid?.value) ?? nonEmpty(item.rdf?.about);
    const links: string[] = [];
    const link = nonEmpty(item.link);
    if (link !== undefined) links.push(link);
    links.push(...rankAtomLinks(item.atom?.links));
    // A GUID is a permalink unless it says otherwise (RSS 2.0), when it looks like a web address.
    if (guid !== undefined && item.guid?.isPermaLink !== false && /^https?:\/\//i.test(guid))
      links.push(guid);
    return {
      ...(guid === undefined ? {} : { guid }),
      links,
      ...optional('title', nonEmpty(item.title) ?? first(item.dc?.titles)),
      ...optional(
        'author',
        personName(item.authors?.[0]) ?? first(item.dc?.creators) ?? nonEmpty(item.itunes?.author),
      ),
      ...optional(
        'published',
        nonEmpty(item.pubDate) ??
          first(item.dc?.dates) ??
          nonEmpty(item.dcterms?.issued) ??
          nonEmpty(item.dcterms?.created) ??
          nonEmpty(item.atom?.published),
      ),
      ...optional('updated', nonEmpty(item.dcterms?.modified) ?? nonEmpty(item.atom?.updated)),
      ...optional(
        'summaryHtml',
        nonEmpty(item.description) ??
          nonEmpty(first(item.dc?.descriptions)) ??
          nonEmpty(item.itunes?.summary),
      ),
      ...optional('contentHtml', nonEmpty(item.content?.encoded)),
      ...optional('language', nonEmpty(item.xml?.lang) ?? first(item.dc?.languages)),
      ...optional('base', nonEmpty(item.xml?.base)),
    };
  });
  const selfLinks = rankAtomLinks(channel.atom?.links);
  return {
    ...optional('title', nonEmpty(feed.title) ?? first(feed.dc?.titles)),
    ...optional('link', nonEmpty(feed.link) ?? selfLinks[0]),
    ...optional(
      'language',
      format === 'rss'
        ? (nonEmpty((feed as { language?: string }).language) ?? first(feed.dc?.languages))
        : first(feed.dc?.languages),
    ),
    ...optional('base', nonEmpty(channel.xml?.base)),
    ...optional('ttlMinutes', typeof channel.ttl === 'number' && channel.ttl > 0 ? channel.ttl : undefined),
    ...optional('author', first(feed.dc?.creators)),
    entries,
  };
}

function readAtom(feed: Extract<AnyFeed, { format: 'atom' }>['feed']): RawFeed {
  const feedAuthor = personName(feed.authors?.[0]);
  const entries: RawEntry[] = (feed.entries ?? []).map((entry) => {
    const title = entry.title as AtomText;
    const content = entry.content as
      { value?: string; type?: string; src?: string; xml?: { base?: string; lang?: string } } | undefined;
    const contentParts = content?.src === undefined ? atomTextAsHtml(content) : {};
    const summaryParts = atomTextAsHtml(entry.summary as AtomText);
    const links = rankAtomLinks(entry.links as AtomLink[] | undefined);
    if (content?.src !== undefined && /html/i.test(content.type ?? '')) links.push(content.src);
    const id = nonEmpty(entry.id);
    if (id !== undefined && links.length === 0 && /^https?:\/\//i.test(id)) links.push(id);
    return {
      ...optional('guid', id),
      links,
      ...optional('title', nonEmpty(title?.value)),
      ...(title?.type !== undefined && !isHtmlType(title.type) ? { titleIsText: true } : {}),
      ...optional(
        'author',
        personName((entry.authors as Array<{ name?: string }> | undefined)?.[0]) ??
          first(entry.dc?.creators) ??
          feedAuthor,
      ),
      ...optional(
        'published',
        nonEmpty(entry.published) ?? first(entry.dc?.dates) ?? nonEmpty(entry.dcterms?.issued),
      ),
      ...optional('updated', nonEmpty(entry.updated)),
      ...optional('summaryHtml', summaryParts.html),
      ...optional('summaryText', summaryParts.plain),
      ...optional('contentHtml', contentParts.html),
      ...optional('contentText', contentParts.plain),
      ...optional('language', nonEmpty(entry.xml?.lang) ?? nonEmpty(content?.xml?.lang)),
      ...optional('base', nonEmpty(entry.xml?.base) ?? nonEmpty(content?.xml?.base)),
    };
  });
  return {
    ...optional('title', nonEmpty((feed.title as AtomText)?.value)),
    ...optional('link', rankAtomLinks(feed.links as AtomLink[] | undefined)[0]),
    ...optional('language', nonEmpty(feed.xml?.lang) ?? first(feed.dc?.languages)),
    ...optional('base', nonEmpty(feed.xml?.base)),
    ...optional('author', feedAuthor),
    entries,
  };
}

export function readFeedsmithFeed(parsed: AnyFeed): RawFeed {
  switch (parsed.format) {
    case 'rss':
      return readRssLike(parsed.feed, 'rss');
    case 'rdf':
      return readRssLike(parsed.feed as Extract<AnyFeed, { format: 'rss' }>['feed'], 'rdf');
    case 'atom':
      return readAtom(parsed.feed);
    case 'json':
      return readJsonFeed(parsed.feed as unknown as Record<string, unknown>);
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? nonEmpty(value) : typeof value === 'number' ? String(value) : undefined;
}

/** JSON Feed 1.0 and 1.1 (also tolerates documents that drop or misspell the version URL). */
export function readJsonFeed(doc: Record<string, unknown>): RawFeed {
  const rawItems = Array.isArray(doc.items) ? (doc.items as unknown[]) : [];
  const authorOf = (node: Record<string, unknown>): string | undefined => {
    const authors = Array.isArray(node.authors)
      ? (node.authors as unknown[])
      : node.author !== undefined
        ? [node.author]
        : [];
    const firstAuthor = authors[0];
    if (typeof firstAuthor === 'string') return nonEmpty(firstAuthor);
    if (typeof firstAuthor === 'object' && firstAuthor !== null)
      return str((firstAuthor as Record<string, unknown>).name);
    return undefined;
  };
  const feedAuthor = authorOf(doc);
  const entries: RawEntry[] = [];
  for (const raw of rawItems) {
    if (typeof raw !== 'object' || raw === null) continue;
    const item = raw as Record<string, unknown>;
    const links = [str(item.url), str(item.external_url)].filter((x): x is string => x !== undefined);
    entries.push({
      ...optional('guid', str(item.id)),
      links,
      ...optional('title', str(item.title)),
      titleIsText: true,
      ...optional('author', authorOf(item) ?? feedAuthor),
      ...optional('published', str(item.date_published)),
      ...optional('updated', str(item.date_modified)),
      ...optional('summaryText', str(item.summary)),
      ...optional('contentHtml', str(item.content_html)),
      ...optional('contentText', str(item.content_text)),
      ...optional('language', str(item.language)),
    });
  }
  return {
    ...optional('title', str(doc.title)),
    ...optional('link', str(doc.home_page_url)),
    ...optional('language', str(doc.language)),
    ...optional('author', feedAuthor),
    entries,
  };
}

/** `{ key: value }` when value is defined, `{}` otherwise (for exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]: V });
}
