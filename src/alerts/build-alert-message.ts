/**
 * Alert messages, as plain data: one card per matching article (headline linked, source, time,
 * the best matching sentence with the matched words in strong spans, key figures), or one batched
 * message listing the headlines when a follower is over the hourly cap. Plain text only: adapters
 * escape it.
 */
import { formatFigureLine } from '../text/format-figure.js';
import { formatCommandUsage } from '../commands/command-catalogue.js';
import type { Card, CardField, Figure, Message, PlatformName } from '../model.js';
import type { StoredItem } from '../ports.js';
import { pickMatchingSentence } from './highlight-terms.js';

/** At most this many figures in an alert's "Key figures" field. */
export const MAX_ALERT_FIGURES = 3;
/** At most this many articles listed as cards in a batched message; the rest are counted. */
export const MAX_BATCH_CARDS = 15;

/** Why an article is sent to a follower: the follows that matched and the words found. */
export interface AlertMatch {
  readonly item: StoredItem;
  /** Words and phrases of the follows found in the article, as the follower wrote them. */
  readonly terms: readonly string[];
  /** The matching follows of this follower: id and query in normal form. */
  readonly follows: ReadonlyArray<{ readonly id: number; readonly query: string }>;
}

/** One alert for one article. */
export function buildAlertMessage(match: AlertMatch, context: { readonly platform: PlatformName }): Message {
  const { article, summary } = match.item;
  const candidates = [summary?.gist ?? '', ...(summary?.sentences ?? splitPlainSentences(article.content))];
  const sentence = pickMatchingSentence(candidates, match.terms);
  const figures = pickFigures(summary?.figures ?? [], sentence?.found ? sentence.index - 1 : undefined);
  const fields: CardField[] = [];
  if (figures.length > 0)
    fields.push({ name: 'Key figures', value: figures.map(formatFigureLine).join('\n') });
  const card: Card = {
    ...headline(match.item),
    ...(sentence === undefined ? {} : { body: sentence.found > 0 ? sentence.spans : sentence.text }),
    fields,
    footer: describeFollows(match.follows, context.platform),
  };
  return { title: `Alert: ${quoteQueries(match.follows)}`, cards: [card] };
}

/**
 * One message for the matches beyond a follower's hourly cap: the headlines with their links and
 * the words found, so nothing is lost and the follower gets a single notification.
 */
export function buildAlertBatchMessage(
  matches: readonly AlertMatch[],
  context: { readonly hourlyCap: number; readonly platform: PlatformName },
): Message {
  const follows = uniqueFollows(matches.flatMap((m) => m.follows));
  const shown = matches.slice(0, MAX_BATCH_CARDS);
  const cards = shown.map((match): Card => ({
    ...headline(match.item),
    fields: match.terms.length > 0 ? [{ name: 'Matched', value: match.terms.join(', '), inline: true }] : [],
  }));
  const rest = matches.length - shown.length;
  return {
    title: `${matches.length} new articles for ${quoteQueries(follows)}`,
    text: `You get at most ${pluralise(context.hourlyCap, 'alert')} an hour, so further matches are grouped here.`,
    cards,
    footer:
      rest > 0
        ? `and ${rest} more matching ${rest === 1 ? 'article' : 'articles'} · ${describeFollows(follows, context.platform)}`
        : describeFollows(follows, context.platform),
  };
}

function pluralise(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function headline(item: StoredItem): Pick<Card, 'title' | 'url' | 'source' | 'timestamp'> {
  const { article } = item;
  return {
    title: article.title.trim() === '' ? (article.url ?? 'Untitled article') : article.title.trim(),
    ...(article.url === undefined ? {} : { url: article.url }),
    ...(article.source.name.trim() === '' ? {} : { source: article.source.name.trim() }),
    timestamp: article.publishedIsGuess ? item.firstSeenAt : article.publishedAt,
  };
}

function uniqueFollows(follows: AlertMatch['follows']): AlertMatch['follows'] {
  const byId = new Map(follows.map((f) => [f.id, f]));
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

function quoteQueries(follows: AlertMatch['follows']): string {
  return follows.map((f) => `“${f.query}”`).join(', ');
}

/** "Follow #4 · /unfollow 4 to stop", in the platform's command syntax ("/news unfollow" on Slack). */
function describeFollows(follows: AlertMatch['follows'], platform: PlatformName): string {
  const ids = follows.map((f) => f.id);
  const unfollow = formatCommandUsage(platform, 'unfollow');
  return ids.length === 1
    ? `Follow #${ids[0]} · ${unfollow} ${ids[0]} to stop`
    : `Follows ${ids.map((id) => `#${id}`).join(', ')} · ${unfollow} <id> to stop`;
}

/** Figures from the shown sentence first (summary sentence index), then in article order. */
function pickFigures(figures: readonly Figure[], sentenceIndex: number | undefined): Figure[] {
  const ranked = [...figures].sort(
    (a, b) =>
      Number(b.sentence === sentenceIndex) - Number(a.sentence === sentenceIndex) || a.sentence - b.sentence,
  );
  const seen = new Set<string>();
  const picked: Figure[] = [];
  for (const figure of ranked) {
    const key = `${figure.text}|${figure.counts}`;
    if (seen.has(key)) continue;
    seen.add(key);
    picked.push(figure);
    if (picked.length === MAX_ALERT_FIGURES) break;
  }
  return picked;
}

/** Sentences of plain text for articles not summarised yet: paragraphs, then sentence ends. */
function splitPlainSentences(text: string): string[] {
  return text
    .split(/\n\s*\n/u)
    .flatMap((paragraph) =>
      paragraph.replace(/\s+/gu, ' ').split(/(?<=[.!?…]["”’»)]*)\s+(?=["“‘«(]?[\p{Lu}\p{N}])/u),
    )
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== '');
}
