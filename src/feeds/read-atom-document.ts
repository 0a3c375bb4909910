/**
 * Atom 1.0 and 0.3 documents straight to `RawFeed`, reading only the elements the bot uses, with
 * one XML parser built once (as read-rss-document.ts does for RSS). Text constructs follow
 * feedsmith: text and html are decoded, xhtml is kept as markup with its wrapping <div> removed,
 * and xml:base / xml:lang on that <div> count for the content. Only plain documents take this
 * path (root <feed> with the Atom namespace as default, the namespaces read here under their usual
 * prefixes); for anything else, or anything it cannot read, `readAtomDocument` returns undefined
 * and the caller uses feedsmith.
 */
import { XMLParser } from 'fast-xml-parser';
import { createFeedXmlParser, rankAtomLinks } from './feed-xml.js';
import type { RawEntry, RawFeed } from './read-feed-entries.js';
import {
  asList,
  firstText,
  hasPlainNamespaces,
  isNode,
  optional,
  readAtomLinks,
  readText,
  singular,
  singularText,
  type XmlNode,
} from './read-rss-document.js';

/** Elements whose text the bot reads (or whose presence keeps an entry): kept verbatim, as feedsmith does. */
const textElements = [
  'title',
  'subtitle',
  'tagline',
  'rights',
  'summary',
  'content',
  'id',
  'link',
  'published',
  'issued',
  'created',
  'updated',
  'modified',
  'name',
  'uri',
  'url',
  'email',
  'category',
  'dc:creator',
  'dc:date',
  'dc:language',
  'dcterms:issued',
];

const parser = createFeedXmlParser(textElements);

/** feedsmith's parser for an xhtml text construct's wrapping <div>, built once. */
const xhtmlDivParser = new XMLParser({
  preserveOrder: true,
  stopNodes: ['x-wrap.div'],
  processEntities: false,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  trimValues: false,
  commentPropName: '#comment',
});

/** The URIs feedsmith reads as Atom, exactly as written (its detection is case-sensitive). */
const atomNamespaces = new Set([
  'http://www.w3.org/2005/Atom',
  'https://www.w3.org/2005/Atom',
  'http://www.w3.org/2005/Atom/',
  'https://www.w3.org/2005/Atom/',
  'http://purl.org/atom/ns#',
  'https://purl.org/atom/ns#',
]);

/** A prefix bound to Atom (feedsmith strips it) or to arXiv (feedsmith reads it into people). */
const remappedPrefix =
  /xmlns:[\w.-]+\s*=\s*["']\s*(?:https?:\/\/(?:www\.w3\.org\/2005\/atom|purl\.org\/atom\/ns#)|[^"']*arxiv)/i;

const xhtmlDivStart = /^\s*<(?:([a-zA-Z][\w.-]*):)?div[\s/>]/;

/** The text of an element or attribute as feedsmith's parseString gives it (decoded, trimmed). */
const rawText = (value: unknown): unknown => (isNode(value) ? (value['#text'] ?? value) : value);

const isNonEmptyString = (value: unknown): value is string =>
  typeof value === 'string' && value !== '' && !/^\p{White_Space}*$/u.test(value);

const verbatim = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

const isXhtmlType = (type: string | undefined): boolean =>
  type === 'xhtml' || type === 'application/xhtml+xml';

/** CDATA inside xhtml is escaped text, so that the markup around it stays markup. */
const escapeCdataSections = (value: string): string =>
  value.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, content: string) =>
    content.replace(/&/g, '&amp;').replace(/</g, '&lt;'),
  );

type XhtmlChild = Record<string, unknown> & { div?: unknown; '#text'?: unknown; ':@'?: XmlNode };

/** The children of the wrapper around an xhtml value, or undefined when it does not parse as one. */
function parseXhtmlChildren(value: string): XhtmlChild[] | undefined {
  try {
    const parsed = xhtmlDivParser.parse(`<x-wrap>${value}</x-wrap>`) as unknown[];
    const wrapper = parsed.length === 1 ? (parsed[0] as XmlNode)['x-wrap'] : undefined;
    return Array.isArray(wrapper) ? (wrapper as XhtmlChild[]) : undefined;
  } catch {
    return undefined;
  }
}

/** The markup inside an xhtml value's single wrapping <div> (feedsmith's unwrapXhtmlDiv). */
function unwrapXhtmlDiv(value: string): { inner: string | undefined; div: XhtmlChild } | undefined {
  const match = xhtmlDivStart.exec(value);
  if (match === null) return undefined;
  const children = parseXhtmlChildren(value);
  if (children === undefined) return undefined;
  const divs: XhtmlChild[] = [];
  for (const child of children) {
    if (Array.isArray(child.div)) {
      divs.push(child);
      continue;
    }
    if (typeof child['#text'] === 'string' && child['#text'].trim() === '') continue;
    return undefined;
  }
  const [div] = divs;
  if (divs.length !== 1 || div === undefined) return undefined;
  const first = (div.div as XmlNode[])[0];
  const text = typeof first?.['#text'] === 'string' ? first['#text'] : '';
  if (text === '') return { inner: undefined, div };
  const prefix = match[1];
  const inner =
    prefix === undefined
      ? text
      : text.replace(new RegExp(`(</?)${prefix.replace(/\./g, '\\.')}:`, 'g'), '$1');
  return { inner, div };
}

interface TextConstruct {
  readonly value?: string;
  readonly type?: string;
  readonly lang?: string;
  readonly base?: string;
}

/** An Atom text construct (title, summary, content) as feedsmith reads it. */
function readTextConstruct(node: unknown, keepWithoutValue = false): TextConstruct | undefined {
  if (isNonEmptyString(node)) {
    const value = readText(node);
    return value === undefined ? undefined : { value };
  }
  if (!isNode(node)) return undefined;
  const type = readText(node['@type']);
  const text = rawText(node);
  let value: string | undefined;
  let div: XhtmlChild | undefined;
  if (!isXhtmlType(type) || typeof text !== 'string') {
    value = readText(text);
  } else {
    const escaped = escapeCdataSections(text);
    const unwrapped = isNonEmptyString(escaped) ? unwrapXhtmlDiv(escaped) : undefined;
    if (unwrapped !== undefined) {
      value = verbatim(unwrapped.inner);
      div = unwrapped.div;
    } else if (isNonEmptyString(escaped) && xhtmlDivStart.test(escaped)) {
      value = verbatim(escaped);
    } else {
      value = readText(text);
    }
  }
  const src = readText(node['@src']);
  let lang = readText(node['@xml:lang']);
  let base = readText(node['@xml:base']);
  if (div !== undefined) {
    // xml:base and xml:lang on the wrapping <div> apply to the content; its base is relative to the element's.
    const attributes = div[':@'];
    const divBase = readText(attributes?.['@base']);
    const divLang = readText(attributes?.['@lang']);
    if (divBase !== undefined) {
      let resolved: string | undefined;
      try {
        resolved = base === undefined ? undefined : new URL(divBase, base).href;
      } catch {
        resolved = undefined;
      }
      base = resolved ?? divBase;
    }
    lang = divLang ?? lang;
  }
  // Like feedsmith: a title or summary without text is absent; content may be just a src.
  if (value === undefined && (!keepWithoutValue || (type ?? lang ?? base ?? src) === undefined))
    return undefined;
  return {
    ...optional('value', value),
    ...optional('type', type),
    ...optional('lang', lang),
    ...optional('base', base),
  };
}

/** The first person feedsmith keeps (one with a name, address or web address): its name, else its address. */
function firstPerson(value: unknown): { name?: string } | undefined {
  for (const person of asList(value)) {
    if (!isNode(person)) continue;
    const name = singularText(person.name);
    const email = singularText(person.email);
    if (name === undefined && email === undefined) {
      if (singularText(person.uri) === undefined && singularText(person.url) === undefined) continue;
      return {};
    }
    return { name: (name ?? email) as string };
  }
  return undefined;
}

const isHtmlType = (type: string | undefined): boolean => type === undefined || /html/i.test(type);

function splitText(text: TextConstruct | undefined): { html?: string; plain?: string } {
  if (text?.value === undefined) return {};
  return isHtmlType(text.type) ? { html: text.value } : { plain: text.value };
}

/** Elements other than those read that make feedsmith keep an otherwise empty entry. */
const isKeptForOtherContent = (entry: XmlNode): boolean =>
  Object.entries(entry).some(
    ([key, value]) =>
      (key.includes(':') &&
        !key.startsWith('@xml:') &&
        !key.startsWith('dc:') &&
        !key.startsWith('dcterms:')) ||
      ((key === 'category' || key === 'contributor' || key === 'rights' || key === 'source') &&
        asList(value).some((item) => isNode(item) || readText(item) !== undefined)) ||
      ((key === '@xml:space' || key === '@xml:id') && readText(value) !== undefined),
  );

function readEntry(entry: XmlNode, feedAuthor: string | undefined): RawEntry | undefined {
  const title = readTextConstruct(singular(entry.title));
  const contentNode = singular(entry.content);
  const content = readTextConstruct(contentNode, true);
  const src = isNode(contentNode) ? readText(contentNode['@src']) : undefined;
  const contentParts = src === undefined ? splitText(content) : {};
  const summaryParts = splitText(readTextConstruct(singular(entry.summary)));
  const links = rankAtomLinks(readAtomLinks(entry.link));
  if (src !== undefined && /html/i.test(content?.type ?? '')) links.push(src);
  const id = singularText(entry.id);
  if (id !== undefined && links.length === 0 && /^https?:\/\//i.test(id)) links.push(id);
  const author = firstPerson(entry.author);
  const raw: RawEntry = {
    ...optional('guid', id),
    links,
    ...optional('title', title?.value),
    ...(title?.type !== undefined && !isHtmlType(title.type) ? { titleIsText: true } : {}),
    ...optional('author', author?.name ?? firstText(entry['dc:creator']) ?? feedAuthor),
    ...optional(
      'published',
      singularText(entry.published) ??
        singularText(entry.issued) ??
        singularText(entry.created) ??
        firstText(entry['dc:date']) ??
        firstText(entry['dcterms:issued']),
    ),
    ...optional('updated', singularText(entry.updated) ?? singularText(entry.modified)),
    ...optional('summaryHtml', summaryParts.html),
    ...optional('summaryText', summaryParts.plain),
    ...optional('contentHtml', contentParts.html),
    ...optional('contentText', contentParts.plain),
    ...optional('language', readText(entry['@xml:lang']) ?? content?.lang),
    ...optional('base', readText(entry['@xml:base']) ?? content?.base),
  };
  // feedsmith drops an entry with nothing it reads in it.
  const empty =
    raw.guid === undefined &&
    links.length === 0 &&
    title === undefined &&
    content === undefined &&
    author === undefined &&
    raw.published === undefined &&
    raw.updated === undefined &&
    raw.summaryHtml === undefined &&
    raw.summaryText === undefined &&
    raw.language === undefined &&
    raw.base === undefined &&
    asList(entry.link).every((link) => !isNode(link)) &&
    firstText(entry['dc:creator']) === undefined &&
    !isKeptForOtherContent(entry);
  return empty ? undefined : raw;
}

/**
 * Reads an Atom document (root element <feed>, XML already made safe by prepareXml), or returns
 * undefined when feedsmith should read it instead (see the module comment).
 */
export function readAtomDocument(xml: string, maxItems: number): RawFeed | undefined {
  const rootStart = xml.indexOf('<feed');
  if (
    rootStart < 0 ||
    !hasPlainNamespaces(xml, rootStart, (uri) => uri !== undefined && atomNamespaces.has(uri)) ||
    remappedPrefix.test(xml)
  )
    return undefined;
  let document: unknown;
  try {
    document = parser.parse(xml);
  } catch {
    return undefined;
  }
  const feed = isNode(document) ? singular(document.feed) : undefined;
  if (!isNode(feed)) return undefined;
  const feedAuthor = firstPerson(feed.author)?.name;
  const entryNodes = asList(feed.entry);
  const entries: RawEntry[] = [];
  // As in feedsmith, the cap counts entries in the document, empty ones included.
  for (const node of entryNodes.length > maxItems ? entryNodes.slice(0, maxItems) : entryNodes) {
    const entry = isNode(node) ? readEntry(node, feedAuthor) : undefined;
    if (entry !== undefined) entries.push(entry);
  }
  // A feed without entries: feedsmith decides whether it is a feed or a malformed document.
  if (entries.length === 0) return undefined;
  return {
    ...optional('title', readTextConstruct(singular(feed.title))?.value),
    ...optional('link', rankAtomLinks(readAtomLinks(feed.link))[0]),
    ...optional('language', readText(feed['@xml:lang']) ?? firstText(feed['dc:language'])),
    ...optional('base', readText(feed['@xml:base'])),
    ...optional('author', feedAuthor),
    entries,
  };
}
