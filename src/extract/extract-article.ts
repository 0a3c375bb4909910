/**
 * The main text of an article page: Mozilla Readability on a linkedom document, with the
 * boilerplate news pages wrap around a story removed before and after (bylines, "Published" and
 * "Reading time" lines, photo captions and credits, "Related articles" blocks, share and
 * newsletter boxes, the headline repeated as the first line). Serves feed entries that carry only
 * a teaser and `/summary <url>`.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { parseFeedDate } from '../feeds/parse-feed-date.js';
import { boundPageHtml } from './bound-page-html.js';
import { convertHtmlToLine, convertHtmlToText } from './html-to-text.js';

export interface ExtractedArticle {
  readonly title?: string;
  /** Plain text, paragraphs separated by a blank line. */
  readonly text: string;
  readonly byline?: string;
  readonly siteName?: string;
  /** ISO 8601 UTC, when the page states it. */
  readonly publishedAt?: string;
  readonly language?: string;
  /** The page's canonical URL when it declares one, else the URL it was read from. */
  readonly url?: string;
}

export class ExtractionError extends Error {
  override readonly name = 'ExtractionError';
  constructor(
    readonly pageUrl: string | undefined,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`No article found${pageUrl === undefined ? '' : ` at ${pageUrl}`}: ${reason}`, options);
  }
}

type PageDocument = ReturnType<typeof parseHTML>['document'];
type PageElement = NonNullable<ReturnType<PageDocument['querySelector']>>;

/** Text shorter than this is not an article (an index page, a login wall, an error page). */
const minArticleChars = 200;

const boilerplateSelectors = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'form',
  'nav',
  'footer',
  'aside',
  'figcaption',
  '[role="complementary"]',
  '[role="navigation"]',
  '[aria-hidden="true"]',
  '[hidden]',
].join(',');

const boilerplateClass =
  /(?:^|[\s_-])(?:related|recommended|more-?stories|read-?more|read-?next|newsletter|signup|subscribe|share|sharing|social|promo|advert|ads?|sponsor|byline|author-?(?:bio|info|box)|caption|credits?|breadcrumbs?|tags|comments?|paywall|cookie|most-?(?:read|popular))(?:$|[\s_-])/i;

const boilerplateHeading =
  /^(?:related(?: articles| stories| content| coverage| links)?|more (?:from|on|stories|news)\b.*|read more|recommended(?: for you)?|you (?:may|might) also like|most (?:read|popular)|trending|see also|sign up.*|share this.*)$/i;

/** Whole paragraphs that are page furniture rather than story. */
const boilerplateLine = [
  /^by\s+[\p{Lu}][\p{L}'.-]+(?:\s+[\p{Lu}][\p{L}'.-]+){0,4}(?:\s*(?:,|and|&)\s*[\p{Lu}][\p{L}'.-]+(?:\s+[\p{Lu}][\p{L}'.-]+){0,4})*(?:\s*[,|·•-]\s*.{0,60})?$/u,
  /^(?:published|updated|posted|last (?:updated|modified)|first published)\b.{0,80}$/i,
  /^(?:reading time:?\s*)?\d+\s*(?:min(?:ute)?s?)\.?\s*(?:read|reading time)?$/i,
  /^reading time\b.{0,40}$/i,
  /^(?:photo|picture|image|illustration|video|graphic)(?:\s+(?:credit|by))?\s*[:©].{0,160}$/i,
  /^(?:credit|source|photograph|photo credit)\s*:.{0,160}$/i,
  /^©.{0,120}$/,
  /^.{0,120}\((?:getty images|afp|reuters|ap|epa|shutterstock|pa media|ap photo)[^)]*\)$/i,
  /^(?:getty images|afp via getty images|reuters|ap photo|epa|shutterstock)(?:\/.{0,40})?$/i,
  /^(?:advertisement|sponsored|skip (?:to|past) .{0,40}|share (?:this|on) .{0,40}|follow us .{0,60})$/i,
  /^(?:related|read more|see also|more)\s*:.{0,200}$/i,
  /^(?:sign up|subscribe)\b.{0,160}$/i,
];

function readMeta(document: PageDocument, names: readonly string[]): string | undefined {
  for (const name of names) {
    const element =
      document.querySelector(`meta[property="${name}"]`) ??
      document.querySelector(`meta[name="${name}"]`) ??
      document.querySelector(`meta[itemprop="${name}"]`);
    const content = element?.getAttribute('content')?.trim();
    if (content !== undefined && content !== '') return content;
  }
  return undefined;
}

function readJsonLdDate(document: PageDocument): string | undefined {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const match = /"datePublished"\s*:\s*"([^"]+)"/.exec(script.textContent ?? '');
    if (match?.[1] !== undefined) return match[1];
  }
  return undefined;
}

/** Characters of paragraph text inside an element: a cheap measure of "story" it holds. */
function paragraphChars(element: PageElement): number {
  let chars = 0;
  for (const paragraph of element.querySelectorAll('p')) chars += (paragraph.textContent ?? '').length;
  return chars;
}

function removeBoilerplate(root: PageElement): void {
  for (const element of root.querySelectorAll(boilerplateSelectors)) element.remove();
  const storyChars = paragraphChars(root);
  for (const heading of root.querySelectorAll('h2, h3, h4, h5, h6, strong')) {
    if (!boilerplateHeading.test((heading.textContent ?? '').trim())) continue;
    // The heading and the list or block that follows it.
    const next = heading.nextElementSibling;
    if (
      next !== null &&
      /^(?:UL|OL|DIV|SECTION|P)$/i.test(next.tagName) &&
      (next.textContent ?? '').length < 2000
    ) {
      next.remove();
    }
    heading.remove();
  }
  for (const element of root.querySelectorAll('[class], [id]')) {
    if (/^(?:MAIN|ARTICLE|BODY)$/i.test(element.tagName)) continue;
    const label = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
    if (!boilerplateClass.test(label)) continue;
    // Class names are loose ("js-social-anchor-start" on a page wrapper, "ad-portal" around the
    // story): never remove a block that holds a real share of the story or the article itself.
    if (element.querySelector('article, main, [itemprop="articleBody"]') !== null) continue;
    if (paragraphChars(element) > storyChars * 0.2) continue;
    element.remove();
  }
}

function filterParagraphs(text: string, title: string | undefined, byline: string | undefined): string {
  const normalisedTitle = title?.toLowerCase().replace(/\s+/g, ' ').trim();
  const normalisedByline = byline?.toLowerCase().trim();
  const paragraphs = text.split(/\n{2,}/);
  const kept: string[] = [];
  for (const paragraph of paragraphs) {
    const line = paragraph.trim();
    if (line === '') continue;
    const lower = line.toLowerCase().replace(/\s+/g, ' ');
    if (kept.length === 0 && normalisedTitle !== undefined && lower === normalisedTitle) continue;
    if (normalisedByline !== undefined && (lower === normalisedByline || lower === `by ${normalisedByline}`))
      continue;
    if (line.length < 220 && boilerplateLine.some((pattern) => pattern.test(line))) continue;
    kept.push(line);
  }
  return kept.join('\n\n');
}

/** Share of the visible text that sits inside links. */
function linkTextShare(html: string): number {
  const total = convertHtmlToText(html).replace(/\s+/g, '').length;
  if (total === 0) return 1;
  let linked = 0;
  for (const match of html.matchAll(/<a\b[^>]*>([\s\S]*?)<\/a>/gi)) {
    linked += convertHtmlToText(match[1] ?? '').replace(/\s+/g, '').length;
  }
  return linked / total;
}

export function extractArticle(html: string, pageUrl?: string): ExtractedArticle {
  const bounded = boundPageHtml(html);
  if (!bounded.ok) throw new ExtractionError(pageUrl, bounded.reason);
  let document: PageDocument;
  try {
    document = parseHTML(bounded.html).document;
  } catch (error) {
    throw new ExtractionError(pageUrl, 'the page could not be parsed as HTML', { cause: error });
  }
  if (document.documentElement === null || document.body === null) {
    throw new ExtractionError(pageUrl, 'the page has no body');
  }
  const language = document.documentElement.getAttribute('lang')?.trim() || undefined;
  const canonical =
    document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? readMeta(document, ['og:url']);
  const metaTitle = readMeta(document, ['og:title', 'twitter:title']);
  const metaPublished = readMeta(document, [
    'article:published_time',
    'datePublished',
    'date',
    'dc.date',
    'DC.date.issued',
    'pubdate',
  ]);
  const timeElement = document.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined;
  const jsonLdDate = readJsonLdDate(document);
  const metaAuthor = readMeta(document, ['author', 'article:author', 'dc.creator']);
  const metaSite = readMeta(document, ['og:site_name', 'application-name']);

  removeBoilerplate(document.body as PageElement);
  let parsed: ReturnType<Readability<string>['parse']>;
  try {
    parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
      charThreshold: 300,
      keepClasses: false,
    }).parse();
  } catch (error) {
    throw new ExtractionError(pageUrl, 'the page could not be read', { cause: error });
  }
  if (parsed === null || parsed.content === null || parsed.content === undefined) {
    throw new ExtractionError(pageUrl, 'no main text on the page');
  }
  const title = convertHtmlToLine(metaTitle ?? parsed.title ?? '') || undefined;
  // Readability sometimes takes a "Follow @handle" widget for the byline.
  const usableByline = (value: string | null | undefined): string | undefined => {
    const trimmed = value?.trim();
    return trimmed === undefined || trimmed === '' || /^(?:follow\b|@)|https?:\/\//i.test(trimmed)
      ? undefined
      : trimmed;
  };
  const byline = usableByline(parsed.byline) ?? usableByline(metaAuthor);
  const text = filterParagraphs(
    convertHtmlToText(parsed.content),
    title ?? parsed.title ?? undefined,
    byline,
  );
  if (linkTextShare(parsed.content) > 0.5) {
    throw new ExtractionError(pageUrl, 'the page is mostly links (an index or section page)');
  }
  if (text.length < minArticleChars) {
    throw new ExtractionError(pageUrl, `the main text is too short (${text.length} characters)`);
  }
  const published = parseFeedDate(
    metaPublished ?? jsonLdDate ?? parsed.publishedTime ?? timeElement ?? undefined,
  );
  let url: string | undefined = pageUrl;
  if (canonical !== undefined) {
    try {
      const resolved = new URL(canonical, pageUrl);
      if (resolved.protocol === 'http:' || resolved.protocol === 'https:') url = resolved.href;
    } catch {
      // An unusable canonical link is ignored; the page URL stands.
    }
  }
  const siteName = parsed.siteName?.trim() || metaSite;
  const lang = language ?? (parsed.lang?.trim() || undefined);
  return {
    ...(title === undefined ? {} : { title }),
    text,
    ...(byline === undefined ? {} : { byline: convertHtmlToLine(byline) }),
    ...(siteName === undefined ? {} : { siteName }),
    ...(published === undefined ? {} : { publishedAt: published.toISOString() }),
    ...(lang === undefined ? {} : { language: lang }),
    ...(url === undefined ? {} : { url }),
  };
}
