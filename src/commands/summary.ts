/**
 * `summary <url or search words>`: a link is fetched, its article extracted and summarised; words
 * find the best-matching recent stored articles and summarise the top ones. Summaries are posted
 * in the channel; problems are answered to the asker alone.
 */
import type { Card, Summary } from '../model.js';
import { ExtractionError } from '../extract/extract-article.js';
import { SummariseError } from '../summarise/summarise-error.js';
import { HttpFetchError } from '../net/http-client.js';
import { NetworkPolicyError } from '../net/address-policy.js';
import type { StoredItem, SummaryInput } from '../ports.js';
import type { CommandReply } from '../ports.js';
import { formatUsageLine } from './command-catalogue.js';
import type { CommandContext } from './command-deps.js';
import { CommandError } from './command-error.js';
import { replyMessage, replyText } from './command-reply.js';
import { looksLikeUrl, parseHttpUrl } from './parse-http-url.js';
import { rankStoredItems } from './rank-stored-items.js';
import { renderSummaryCard } from './render-summary-card.js';

/** How far back `summary <words>` searches stored articles. */
export const SEARCH_WINDOW_DAYS = 7;
/** How far back a link is looked up among stored articles before fetching it. */
const STORED_LINK_DAYS = 30;
/** Most stored articles considered per search (newest first). */
const SEARCH_CANDIDATES = 1000;
/** Most articles summarised for one search. */
const MAX_SEARCH_RESULTS = 3;
/** Pages whose extracted text is shorter than this have no article to summarise. */
const MIN_ARTICLE_CHARS = 80;

export async function runSummaryCommand(context: CommandContext): Promise<CommandReply> {
  const { text, request } = context;
  if (text === '') {
    return replyText(
      `Usage: ${formatUsageLine(request.platform, 'summary')} (a link to an article, or a few words).`,
    );
  }
  if (looksLikeUrl(text)) return summariseLink(context, parseHttpUrl(text));
  return summariseSearch(context);
}

async function summariseLink(context: CommandContext, url: URL): Promise<CommandReply> {
  const { deps, request } = context;
  const stored = await summariseStoredLink(context, url);
  if (stored !== undefined) return replyMessage({ cards: [stored] }, 'in_channel');
  const decision = context.limits.linkSummaries.take(`${request.platform}:${request.userId}`, deps.now());
  if (!decision.allowed) {
    const seconds = Math.ceil(decision.retryAfterMs / 1000);
    throw new CommandError(
      `You have asked for many link summaries in a short time; try again in ${seconds} s.`,
    );
  }
  let page;
  try {
    page = await deps.fetchArticlePage(url.href);
  } catch (err) {
    const line = describeFetchFailure(err, url);
    if (line === undefined) throw err;
    deps.logger.info({ command: 'summary', url: url.href, err }, 'summary link refused or failed');
    throw new CommandError(line, { cause: err });
  }
  const text = page.text.trim();
  if (text.length < MIN_ARTICLE_CHARS) {
    throw new CommandError(`I couldn't find an article on ${url.hostname} to summarise.`);
  }
  // A page may declare any canonical URL; link to it only when it is an ordinary web link.
  const finalUrl = page.url !== undefined && isHttpUrl(page.url) ? page.url : url.href;
  let summary: Summary;
  try {
    summary = await deps.summariser.summarise(
      withDefined<SummaryInput>({
        text,
        title: page.title,
        url: finalUrl,
        publishedAt: page.publishedAt,
        language: page.language,
        author: page.byline,
      }),
    );
  } catch (err) {
    // Its message is written for the reader ("Cannot summarise this article: …").
    if (err instanceof SummariseError) throw new CommandError(`${err.message}.`, { cause: err });
    throw err;
  }
  const site = page.siteName?.trim() || hostnameOf(finalUrl) || url.hostname;
  const byline = page.byline?.trim();
  const title = page.title === undefined ? undefined : stripSiteName(page.title, site);
  const card = renderSummaryCard(
    title === undefined ? summary : { ...summary, title },
    withDefined({
      title,
      url: finalUrl,
      source:
        byline === undefined || byline === '' || site.toLowerCase().includes(byline.toLowerCase())
          ? site
          : `${site} · ${byline}`,
      publishedAt: page.publishedAt,
    }),
  );
  return replyMessage({ cards: [card] }, 'in_channel');
}

/**
 * A link to an article the bot already stored (from a feed, in the last `STORED_LINK_DAYS`) is
 * answered from the store, without fetching the page again: from its stored summary, or from its
 * full text. Undefined when it is not stored, or only as a teaser.
 */
async function summariseStoredLink(context: CommandContext, url: URL): Promise<Card | undefined> {
  const { deps } = context;
  const since = new Date(deps.now().getTime() - STORED_LINK_DAYS * 86_400_000);
  const wanted = comparableUrl(url.href);
  const items = await deps.store.recentItems(since, SEARCH_CANDIDATES);
  const item = items.find((i) => i.article.url !== undefined && comparableUrl(i.article.url) === wanted);
  if (item === undefined || (item.summary === undefined && item.article.contentIsPartial)) return undefined;
  const summary = await summariseStoredItem(context, item);
  return summary === undefined ? undefined : renderSummaryCard(summary, describeItem(item));
}

/** A URL reduced for comparison: no fragment, no trailing slash, host in lower case. */
function comparableUrl(href: string): string {
  try {
    const url = new URL(href);
    url.hash = '';
    return url.href.replace(/\/$/u, '');
  } catch {
    return href;
  }
}

async function summariseSearch(context: CommandContext): Promise<CommandReply> {
  const { deps, text } = context;
  const now = deps.now();
  const since = new Date(now.getTime() - SEARCH_WINDOW_DAYS * 86_400_000);
  const candidates = await deps.store.recentItems(since, SEARCH_CANDIDATES);
  const shown = text.length > 80 ? `${text.slice(0, 77)}…` : text;
  if (candidates.length === 0) {
    return replyText(
      `No articles were stored in the last ${SEARCH_WINDOW_DAYS} days, so there is nothing to search. Give a link to summarise one.`,
    );
  }
  const ranked = rankStoredItems(candidates, text, MAX_SEARCH_RESULTS);
  if (ranked.length === 0) {
    return replyText(
      `No article from the last ${SEARCH_WINDOW_DAYS} days matches "${shown}". Try other words, or give a link to summarise it.`,
    );
  }
  const cards: Card[] = [];
  for (const { item } of ranked) {
    const summary = await summariseStoredItem(context, item);
    cards.push(
      summary === undefined ? renderTeaserCard(item) : renderSummaryCard(summary, describeItem(item)),
    );
  }
  return replyMessage(
    {
      title: `${cards.length === 1 ? 'Best match' : `Best ${cards.length} matches`} for "${shown}"`,
      cards,
    },
    'in_channel',
  );
}

/** The item's stored summary, or a fresh one; undefined when the article cannot be summarised. */
async function summariseStoredItem(context: CommandContext, item: StoredItem): Promise<Summary | undefined> {
  if (item.summary !== undefined) return item.summary;
  const article = item.article;
  try {
    return await context.deps.summariser.summarise(
      withDefined<SummaryInput>({
        text: article.content.trim() === '' ? (article.summary ?? article.title) : article.content,
        title: article.title,
        url: article.url,
        publishedAt: article.publishedIsGuess ? undefined : article.publishedAt,
        language: article.language,
        author: article.author,
      }),
    );
  } catch (err) {
    if (err instanceof SummariseError) return undefined;
    throw err;
  }
}

/** A found article that cannot be summarised still shows: title, link, source and its teaser. */
function renderTeaserCard(item: StoredItem): Card {
  const about = describeItem(item);
  const teaser = item.article.summary?.trim();
  return {
    title: about.title,
    ...(about.url === undefined ? {} : { url: about.url }),
    ...(about.source === undefined ? {} : { source: about.source }),
    ...(about.publishedAt === undefined ? {} : { timestamp: about.publishedAt }),
    ...(teaser === undefined || teaser === ''
      ? {}
      : { body: teaser.length > 400 ? `${teaser.slice(0, 399)}…` : teaser }),
    fields: [],
  };
}

function describeItem(item: StoredItem): {
  title: string;
  url?: string;
  source?: string;
  publishedAt?: string;
} {
  const article = item.article;
  return withDefined({
    title: article.title,
    url: article.url,
    source: article.author === undefined ? article.source.name : `${article.source.name} · ${article.author}`,
    publishedAt: article.publishedIsGuess ? undefined : article.publishedAt,
  });
}

/** One short line for a failure to fetch or read the page, or undefined for an unexpected error. */
function describeFetchFailure(err: unknown, url: URL): string | undefined {
  if (err instanceof NetworkPolicyError) {
    return `I can't fetch ${url.hostname}: it points to a private, local or reserved network address.`;
  }
  if (err instanceof HttpFetchError) {
    switch (err.kind) {
      case 'status':
        return `${url.hostname} answered with HTTP ${err.status ?? 'error'}; I couldn't read that page.`;
      case 'timeout':
        return `${url.hostname} took too long to answer; try again later.`;
      case 'too-large':
        return 'That page is too large to summarise.';
      case 'redirect':
        return `${url.hostname} redirected too many times or to an address I can't follow.`;
      case 'encoding':
        return `I couldn't decode the page from ${url.hostname}.`;
      case 'network':
      case 'aborted':
        return `I couldn't reach ${url.hostname}; check the link or try again later.`;
    }
  }
  if (err instanceof ExtractionError) {
    return `I couldn't find an article at ${url.hostname}: ${truncate(err.reason, 160)}.`;
  }
  return undefined;
}

/** "Obama admits … - BBC News" → "Obama admits …" when the site is BBC News. */
function stripSiteName(title: string, site: string): string {
  const trimmed = title.trim();
  const lowerSite = site.toLowerCase();
  for (const separator of [' - ', ' | ', ' – ', ' — ', ' :: ']) {
    const at = trimmed.lastIndexOf(separator);
    if (at <= 0) continue;
    const tail = trimmed
      .slice(at + separator.length)
      .trim()
      .toLowerCase();
    if (tail !== '' && (tail === lowerSite || lowerSite.startsWith(tail) || tail.startsWith(lowerSite))) {
      return trimmed.slice(0, at).trim();
    }
  }
  return trimmed;
}

function isHttpUrl(text: string): boolean {
  try {
    parseHttpUrl(text);
    return true;
  } catch {
    return false;
  }
}

function truncate(text: string, max: number): string {
  const clean = text.replace(/[.\s]+$/u, '');
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}

function hostnameOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

/** Drops keys whose value is undefined (for `exactOptionalPropertyTypes`). */
function withDefined<T extends object>(value: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
