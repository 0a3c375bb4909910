/**
 * RSS 0.9x/2.0 documents straight to `RawFeed`, reading only the elements the bot uses, with one
 * XML parser built once. feedsmith reads the same documents the same way (its parser settings, its
 * text rules below), but builds a parser per document with some 400 element paths to compile and
 * reads every namespace of every item: most of the parse time for the bot's dozen fields.
 *
 * Only plain documents take this path: when a namespace the bot reads is declared under another
 * prefix, or the root has a default namespace, `readRssDocument` returns undefined and the caller
 * uses feedsmith, which remaps prefixes. The same goes for anything it cannot read (no channel,
 * malformed XML), so that feedsmith's error is the one reported.
 */
import { decodeHTML } from 'entities';
import { createFeedXmlParser, rankAtomLinks } from './feed-xml.js';
import type { RawEntry, RawFeed } from './read-feed-entries.js';

/** Elements whose text the bot reads: kept verbatim (markup included), as feedsmith does. */
const textElements = [
  'title',
  'link',
  'description',
  'guid',
  'pubdate',
  'author',
  'language',
  'ttl',
  'content:encoded',
  'dc:title',
  'dc:creator',
  'dc:date',
  'dc:description',
  'dc:language',
  'dcterms:issued',
  'dcterms:created',
  'dcterms:modified',
  'itunes:author',
  'itunes:summary',
  'atom:published',
  'atom:updated',
];

const parser = createFeedXmlParser(textElements);

/** The namespaces read here, by URI, with the prefix this module expects for each. */
const expectedPrefixes = new Map<string, string>([
  ['http://purl.org/rss/1.0/modules/content/', 'content'],
  ['http://purl.org/dc/elements/1.1/', 'dc'],
  ['http://purl.org/dc/terms/', 'dcterms'],
  ['http://www.itunes.com/dtds/podcast-1.0.dtd', 'itunes'],
  ['http://www.w3.org/2005/atom', 'atom'],
]);
const readPrefixes = new Set(expectedPrefixes.values());

/**
 * True when every namespace declaration that matters here uses the expected prefix, and the root
 * declares no default namespace (or one `allowedDefault` accepts): then lower-cased names are what
 * feedsmith's remapping gives.
 */
export function hasPlainNamespaces(
  xml: string,
  rootStart: number,
  allowedDefault: (uri: string | undefined) => boolean = (uri) => uri === undefined,
): boolean {
  const rootEnd = xml.indexOf('>', rootStart);
  if (rootEnd < 0) return false;
  const defaultNamespace = /\sxmlns\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(xml.slice(rootStart, rootEnd));
  if (
    !allowedDefault(
      defaultNamespace === null ? undefined : (defaultNamespace[1] ?? defaultNamespace[2] ?? ''),
    )
  )
    return false;
  const declaration = /xmlns:([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
  for (let at = xml.indexOf('xmlns:'); at >= 0; at = xml.indexOf('xmlns:', at + 6)) {
    declaration.lastIndex = at;
    const match = declaration.exec(xml);
    if (match === null) continue;
    const prefix = (match[1] ?? '').toLowerCase();
    const uri = (match[2] ?? match[3] ?? '').trim().toLowerCase();
    const expected = expectedPrefixes.get(uri);
    if (expected !== undefined ? expected !== prefix : readPrefixes.has(prefix)) return false;
  }
  return true;
}

export type XmlNode = Record<string, unknown>;

export const isNode = (value: unknown): value is XmlNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const singular = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);

const hasEntities = (text: string): boolean => {
  const amp = text.indexOf('&');
  return amp >= 0 && text.indexOf(';', amp) >= 0;
};

function stripComments(text: string): string {
  let at = text.indexOf('<!--');
  if (at < 0) return text;
  let out = '';
  let last = 0;
  while (at >= 0) {
    out += text.slice(last, at);
    const end = text.indexOf('-->', at + 4);
    if (end < 0) return text;
    last = end + 3;
    at = text.indexOf('<!--', last);
  }
  return out + text.slice(last);
}

const decodeEntities = (text: string): string => (hasEntities(text) ? decodeHTML(text) : text);

/** CDATA sections are literal; entities are decoded everywhere else (feedsmith's rule). */
function decodeWithCdata(text: string): string {
  let at = text.indexOf('<![CDATA[');
  if (at < 0) return decodeEntities(text);
  let out = '';
  let last = 0;
  while (at >= 0) {
    out += decodeEntities(text.slice(last, at));
    const end = text.indexOf(']]>', at + 9);
    if (end < 0) return decodeEntities(text);
    out += text.slice(at + 9, end);
    last = end + 3;
    at = text.indexOf('<![CDATA[', last);
  }
  return out + decodeEntities(text.slice(last));
}

/** The text of an element or attribute value, decoded and trimmed; undefined when empty. */
export function readText(value: unknown): string | undefined {
  const raw = isNode(value) ? value['#text'] : value;
  if (typeof raw !== 'string' || raw === '') return undefined;
  const text = decodeWithCdata(stripComments(raw)).trim();
  return text === '' ? undefined : text;
}

/** The first non-empty text of a possibly repeated element. */
export function firstText(value: unknown): string | undefined {
  if (!Array.isArray(value)) return readText(value);
  for (const item of value) {
    const text = readText(item);
    if (text !== undefined) return text;
  }
  return undefined;
}

export const singularText = (value: unknown): string | undefined => readText(singular(value));

export const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

const emailPattern = /^[^\s@()<>[\]]+@[^\s@()<>[\]]+\.[^\s@()<>[\]]+$/;
const webAddressPattern = /^(?:https?:\/\/|www\.)[^\s]+\.[^\s]+$/;
const stripMailto = (text: string): string =>
  /^mailto:/i.test(text) ? text.replace(/^mailto:/i, '').replace(/\?.*$/, '') : text;

/**
 * An RSS <author> as a name: "jane@example.com (Jane Doe)" and "Jane Doe <jane@example.com>" give
 * the name, a bare address gives the address, a bare web address nothing (feedsmith's reading).
 */
function readRssAuthor(raw: string): string | undefined {
  if (!/[@<([]|:\/\/|www\./.test(raw)) return raw;
  const parts = raw
    .split(/[<>()[\]]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const names: string[] = [];
  let email: string | undefined;
  for (const part of parts) {
    for (const word of /[<([]/.test(raw) ? [part] : part.split(/\s+/)) {
      const address = stripMailto(word);
      if (webAddressPattern.test(word)) continue;
      if (emailPattern.test(address)) email ??= address;
      else names.push(word);
    }
  }
  const name = names
    .join(' ')
    .replace(/^[\s,\-|/:;]+|[\s,\-|/:;]+$/g, '')
    .trim();
  return name !== '' ? name : email;
}

function firstAuthor(value: unknown): string | undefined {
  for (const item of asList(value)) {
    const raw = readText(isNode(item) && item.name !== undefined ? singular(item.name) : item);
    if (raw === undefined) continue;
    const author = readRssAuthor(raw);
    if (author !== undefined) return author;
    // A web address alone is a person feedsmith keeps (with no name): the next is not read.
    return undefined;
  }
  return undefined;
}

interface AtomLink {
  readonly href: string;
  readonly rel?: string;
  readonly type?: string;
}

export function readAtomLinks(value: unknown): AtomLink[] {
  const links: AtomLink[] = [];
  for (const item of asList(value)) {
    if (!isNode(item)) continue;
    const href = readText(item['@href']) ?? readText(item);
    if (href === undefined) continue;
    const rel = readText(item['@rel']);
    const type = readText(item['@type']);
    links.push({ href, ...(rel === undefined ? {} : { rel }), ...(type === undefined ? {} : { type }) });
  }
  return links;
}

export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]: V });
}

/** An item with nothing in it (feedsmith drops those). */
const isEmptyItem = (item: XmlNode): boolean =>
  Object.values(item).every((value) => value === '' || (isNode(value) && Object.keys(value).length === 0));

function readItem(item: XmlNode): RawEntry {
  const guidNode = singular(item.guid);
  const guid = readText(guidNode);
  const permalinkFlag = isNode(guidNode) ? readText(guidNode['@ispermalink']) : undefined;
  const isPermaLink = permalinkFlag === undefined ? undefined : !/^\s*false\s*$/i.test(permalinkFlag);
  const links: string[] = [];
  const link = singularText(item.link);
  if (link !== undefined) links.push(link);
  links.push(...rankAtomLinks(readAtomLinks(item['atom:link'])));
  // A GUID is a permalink unless it says otherwise (RSS 2.0), when it looks like a web address.
  if (guid !== undefined && isPermaLink !== false && /^https?:\/\//i.test(guid)) links.push(guid);
  return {
    ...optional('guid', guid),
    links,
    ...optional('title', singularText(item.title) ?? firstText(item['dc:title'])),
    ...optional(
      'author',
      firstAuthor(item.author) ?? firstText(item['dc:creator']) ?? singularText(item['itunes:author']),
    ),
    ...optional(
      'published',
      singularText(item.pubdate) ??
        firstText(item['dc:date']) ??
        singularText(item['dcterms:issued']) ??
        singularText(item['dcterms:created']) ??
        singularText(item['atom:published']),
    ),
    ...optional('updated', singularText(item['dcterms:modified']) ?? singularText(item['atom:updated'])),
    ...optional(
      'summaryHtml',
      singularText(item.description) ??
        firstText(item['dc:description']) ??
        singularText(item['itunes:summary']),
    ),
    ...optional('contentHtml', singularText(item['content:encoded'])),
    ...optional('language', readText(item['@xml:lang']) ?? firstText(item['dc:language'])),
    ...optional('base', readText(item['@xml:base'])),
  };
}

/**
 * Reads an RSS document (root element <rss>, XML already made safe by prepareXml), or returns
 * undefined when feedsmith should read it instead (see the module comment).
 */
export function readRssDocument(xml: string, maxItems: number): RawFeed | undefined {
  const rootStart = xml.indexOf('<rss');
  if (rootStart < 0 || !hasPlainNamespaces(xml, rootStart)) return undefined;
  let document: unknown;
  try {
    document = parser.parse(xml);
  } catch {
    return undefined;
  }
  const rss = isNode(document) ? singular(document.rss) : undefined;
  if (!isNode(rss)) return undefined;
  const channel = singular(rss.channel);
  if (!isNode(channel)) return undefined;
  const itemNodes = channel.item !== undefined ? asList(channel.item) : asList(rss.item);
  const entries: RawEntry[] = [];
  // As in feedsmith, the cap counts items in the document, empty ones included.
  for (const item of itemNodes.length > maxItems ? itemNodes.slice(0, maxItems) : itemNodes) {
    if (isNode(item) && !isEmptyItem(item)) entries.push(readItem(item));
  }
  // A channel without items: feedsmith decides whether it is a feed or a malformed document.
  if (entries.length === 0) return undefined;
  const ttl = Number(singularText(channel.ttl));
  return {
    ...optional('title', singularText(channel.title) ?? firstText(channel['dc:title'])),
    ...optional('link', singularText(channel.link) ?? rankAtomLinks(readAtomLinks(channel['atom:link']))[0]),
    ...optional('language', singularText(channel.language) ?? firstText(channel['dc:language'])),
    ...optional('base', readText(channel['@xml:base'])),
    ...optional('ttlMinutes', Number.isFinite(ttl) && ttl > 0 ? ttl : undefined),
    ...optional('author', firstText(channel['dc:creator'])),
    entries,
  };
}
