/**
 * One raw feed entry to the `Article` every other part reads: stable id, canonical URL, plain-text
 * title and content with paragraph breaks, UTC times (a missing or absurd date becomes the
 * first-seen time, flagged), source, language, and whether the feed carried only a teaser.
 */
import { createHash } from 'node:crypto';
import { collapseSpaces, convertHtmlToLine, convertHtmlToText, tidyText } from '../extract/html-to-text.js';
import type { Article } from '../model.js';
import { canonicaliseUrl, resolveUrl } from './canonicalise-url.js';
import { judgeFeedDate, parseFeedDate } from './parse-feed-date.js';
import type { RawEntry } from './read-feed-entries.js';

export interface FeedContext {
  readonly feedUrl: string;
  /** Base for relative links: the feed's xml:base, else its site link, else its own URL. */
  readonly base: string;
  readonly source: Article['source'];
  /** Canonical site link, which entries sometimes give instead of their own. */
  readonly siteUrl?: string;
  readonly language?: string;
  readonly now: Date;
}

/** A URL with no path beyond "/" and no query: a site's home page. */
const homePage = /^https?:\/\/[^/?#]+\/$/;

/** Longest text kept per field; longer feed content is cut at a paragraph boundary. */
const maxContentChars = 200_000;
const maxTitleChars = 500;
/** Feed text shorter than this, with no separate full-content element, is taken for a teaser. */
const teaserChars = 1_200;
const maxTeaserHtmlChars = 4_000;

const truncationMarker =
  /(?:\u2026|\.\.\.|\[\s*(?:\u2026|\.\.\.)\s*\]|\b(?:read more|continue reading|read the full (?:story|article)|weiterlesen|lire la suite|leer más|leia mais|continua a leggere)\b[^\n]{0,60})\s*$/i;

/**
 * The same text, copied out of the feed document. V8 keeps a substring (and text built by joining
 * substrings) as a view on the string it came from, so a title read from a feed would keep the
 * whole decoded document, often megabytes, alive for as long as the article is. Strings shorter
 * than 13 characters are always copies.
 */
export function detachText(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

export function normaliseLanguage(tag: string | undefined): string | undefined {
  if (tag === undefined) return undefined;
  const cleaned = tag.trim().replace(/_/g, '-');
  if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(cleaned)) return undefined;
  const [primary = '', ...rest] = cleaned.split('-');
  return [primary.toLowerCase(), ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part))].join(
    '-',
  );
}

/**
 * Feed furniture paragraphs: "Continue reading...", "Related: <headline>", "The post X appeared first
 * on Y.", "This article, "X" first appeared on Y."
 */
const furnitureParagraph =
  /^(?:(?:continue reading|read more|read the full (?:story|article)|keep reading)\b.{0,80}|(?:related|see also|read more|more)\s*:.{0,200}|(?:the post|this article,?) .{1,200} (?:appeared first|first appeared) on .{1,100})$/i;

/** How a paragraph that might be furniture starts; tried only where paragraphs start (sticky). */
const furnitureStart = /(?:continue|read|keep|related|see also|more\s*:|the post |this article)/iy;

/**
 * Cheap test for a paragraph that might be furniture, before splitting the text into paragraphs:
 * the start pattern is tried at the text's start and after each "\n\n", not at every character.
 */
function mayHaveFurniture(text: string): boolean {
  furnitureStart.lastIndex = 0;
  if (furnitureStart.test(text)) return true;
  for (let at = text.indexOf('\n\n'); at >= 0; at = text.indexOf('\n\n', at + 1)) {
    furnitureStart.lastIndex = at + 2;
    if (furnitureStart.test(text)) return true;
  }
  return false;
}

function dropFurniture(text: string): string {
  if (text === '' || !mayHaveFurniture(text)) return text;
  // Anchored tests on short paragraphs only: no scan of long story text.
  const paragraphs = text.split('\n\n');
  const kept = paragraphs.filter(
    (paragraph) => paragraph.length > 320 || !furnitureParagraph.test(paragraph),
  );
  return kept.length === paragraphs.length ? text : kept.join('\n\n');
}

/**
 * When an entry has a content element, its description is only a teaser: converting the first
 * few kilobytes is enough (some feeds repeat the whole story there).
 */
function teaserPrefix(html: string): string {
  if (html.length <= maxTeaserHtmlChars) return html;
  const cut = html.lastIndexOf('>', maxTeaserHtmlChars);
  return `${html.slice(0, cut > 0 ? cut + 1 : maxTeaserHtmlChars)}\u2026`;
}

function capText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.lastIndexOf('\n\n', limit);
  return text.slice(0, cut > limit / 2 ? cut : limit).trimEnd();
}

function hashId(parts: readonly string[]): string {
  return `urn:sha1:${createHash('sha1').update(parts.join('\u0000')).digest('hex')}`;
}

/**
 * A GUID that is globally unique as written (a URL, tag: or urn:) is the id; short local GUIDs
 * ("42") are scoped to their feed so two feeds cannot collide.
 */
function chooseId(
  entry: RawEntry,
  feedUrl: string,
  url: string | undefined,
  title: string,
  published: string | undefined,
): string {
  const guid = entry.guid?.trim();
  if (guid !== undefined && guid !== '') {
    if (/^(?:https?:\/\/|tag:|urn:)\S{6,}$/i.test(guid)) return guid;
    return `${feedUrl}#${guid}`;
  }
  if (url !== undefined) return url;
  return hashId([feedUrl, title, published ?? '']);
}

/** An entry normalised, with what parseFeed needs to tell apart entries that share a link. */
export interface NormalisedEntry {
  readonly article: Article;
  /** The canonical URL with its fragment, when the link had one. */
  readonly urlWithFragment?: string;
  /** True when the entry has no GUID, so its id was derived from its link. */
  readonly idFromUrl: boolean;
}

export function normaliseArticle(entry: RawEntry, context: FeedContext): Article {
  return normaliseEntry(entry, context).article;
}

export function normaliseEntry(entry: RawEntry, context: FeedContext): NormalisedEntry {
  const base = resolveUrl(entry.base, context.base) ?? context.base;
  // A link to the site's home page or to the feed itself is no article address (podcasts do this).
  let url: string | undefined;
  let urlWithFragment: string | undefined;
  for (const link of entry.links) {
    const candidate = canonicaliseUrl(link, base);
    if (candidate !== undefined && candidate !== context.feedUrl && candidate !== context.siteUrl) {
      url = candidate;
      if (link.includes('#')) urlWithFragment = canonicaliseUrl(link, base, { keepFragment: true });
      break;
    }
  }
  // A GUID that is the link itself, fragment included, says the fragment is part of the address
  // (one page per day, one anchor per post).
  const guid = entry.guid?.trim();
  if (urlWithFragment !== undefined && guid !== undefined && guid !== '') {
    if (canonicaliseUrl(guid, base, { keepFragment: true }) === urlWithFragment) url = urlWithFragment;
  }
  // A site's home page is never one entry's own address, even when the entry is alone in linking
  // to it: shown, but not an identifier, and not fetched for full text.
  const linksHomePage = url !== undefined && homePage.test(url);
  // An anchor in a page shared with other posts: the page is not this entry's own to extract.
  const linksSharedPage = linksHomePage || (url !== undefined && url.includes('#'));
  const hasContentElement = entry.contentHtml !== undefined || entry.contentText !== undefined;
  const summary =
    entry.summaryHtml !== undefined
      ? convertHtmlToText(hasContentElement ? teaserPrefix(entry.summaryHtml) : entry.summaryHtml)
      : entry.summaryText !== undefined
        ? tidyText(entry.summaryText)
        : undefined;
  const fullText =
    entry.contentHtml !== undefined
      ? convertHtmlToText(entry.contentHtml)
      : entry.contentText !== undefined
        ? tidyText(entry.contentText)
        : undefined;
  const rawContent = fullText !== undefined && fullText !== '' ? fullText : (summary ?? '');
  // Judge truncation before the "Continue reading" line goes.
  const looksTruncated = truncationMarker.test(rawContent.slice(-160));
  const content = capText(dropFurniture(rawContent), maxContentChars);
  const rawTitle = entry.title ?? '';
  let title = entry.titleIsText === true ? collapseSpaces(tidyText(rawTitle)) : convertHtmlToLine(rawTitle);
  if (title === '') {
    // Untitled entries (microblogs) get their first words as a title.
    const words = collapseSpaces(content).trim();
    title = words.length > 80 ? `${words.slice(0, 80).replace(/\s+\S*$/, '')}\u2026` : words;
  }
  if (title.length > maxTitleChars) title = `${title.slice(0, maxTitleChars - 1)}\u2026`;
  const updatedRaw = parseFeedDate(entry.updated);
  const publishedRaw = parseFeedDate(entry.published) ?? updatedRaw;
  const published = judgeFeedDate(publishedRaw, context.now);
  const hasFullContentElement = fullText !== undefined && fullText !== '' && fullText !== summary;
  const contentIsPartial =
    url !== undefined &&
    !linksSharedPage &&
    (looksTruncated || content.length === 0 || (!hasFullContentElement && content.length < teaserChars));
  const language = normaliseLanguage(entry.language) ?? context.language;
  const author = entry.author === undefined ? undefined : convertHtmlToLine(entry.author);
  const id = chooseId(entry, context.feedUrl, linksHomePage ? undefined : url, title, entry.published);
  const detachedContent = detachText(content);
  // Every string kept from the document is detached from it (see detachText).
  const article: Article = {
    id: detachText(id),
    feedUrl: context.feedUrl,
    ...(url === undefined ? {} : { url }),
    ...(linksHomePage ? { urlIsShared: true } : {}),
    title: detachText(title),
    ...(author === undefined || author === '' ? {} : { author: detachText(author) }),
    publishedAt: published.date.toISOString(),
    publishedIsGuess: published.isGuess,
    ...(updatedRaw === undefined || judgeFeedDate(updatedRaw, context.now).isGuess
      ? {}
      : { updatedAt: updatedRaw.toISOString() }),
    source: context.source,
    ...(language === undefined ? {} : { language }),
    ...(summary === undefined || summary === ''
      ? {}
      : // Without full text the content is the summary: tidied once, not twice.
        {
          summary:
            summary === rawContent
              ? detachedContent
              : detachText(capText(dropFurniture(summary), maxContentChars)),
        }),
    content: detachedContent,
    contentIsPartial,
  };
  return {
    article,
    ...(urlWithFragment === undefined || urlWithFragment === url ? {} : { urlWithFragment }),
    idFromUrl: url !== undefined && id === url,
  };
}
