/**
 * Turns the items a channel has not seen yet into ranked stories: same-event articles from
 * different feeds are clustered (`clusterStories`), each story keeps every source, its figures are
 * lined up across sources (differing values side by side, never one silently picked), and stories
 * are ranked by recency, importance and how many sources carry them. Pure: no clock, no I/O.
 */
import type { Figure } from '../model.js';
import type { StoredItem } from '../ports.js';
import { clusterStories } from './cluster-stories.js';

/** One article of a story, reduced to what a digest shows. */
export interface StoryArticle {
  readonly id: string;
  readonly feedUrl: string;
  readonly source: string;
  readonly title: string;
  readonly url?: string;
  /** Publication time (or first-seen time when the feed gave none), ISO 8601. */
  readonly publishedAt: string;
  readonly gist: string;
}

/** One value of a figure as one source reports it. */
export interface FigureReport {
  readonly text: string;
  readonly value: number;
  readonly valueTo?: number;
  readonly unit?: string;
  readonly source: string;
  readonly attribution?: string;
  readonly approximate: boolean;
}

/** A quantity the story's sources report; `differs` when they do not agree on its value. */
export interface StoryFigure {
  readonly counts: string;
  readonly reports: readonly FigureReport[];
  readonly differs: boolean;
}

export interface StoryClaim {
  readonly text: string;
  readonly attribution?: string;
  readonly date?: string;
  readonly source: string;
}

export interface Story {
  /** Id of the lead article (the most complete summary, then the earliest). */
  readonly id: string;
  readonly headline: string;
  readonly url?: string;
  readonly gist: string;
  /** Lead article first, then the others by publication time. */
  readonly articles: readonly StoryArticle[];
  /** Distinct source names, lead first. */
  readonly sources: readonly string[];
  readonly figures: readonly StoryFigure[];
  readonly claims: readonly StoryClaim[];
  /** Newest publication time among the articles. */
  readonly latestAt: string;
  readonly score: number;
}

export interface Digest {
  /** The top stories, best first, at most `maxStories`. */
  readonly stories: readonly Story[];
  /** Stories left out because of `maxStories`. */
  readonly moreStories: number;
  /** Items the digest covers (all stories, shown or not). */
  readonly itemCount: number;
  readonly sourceCount: number;
  readonly generatedAt: string;
}

export interface BuildDigestOptions {
  readonly now: Date;
  readonly maxStories: number;
  /** Cosine similarity for same-story clustering; see `clusterStories`. */
  readonly similarityThreshold?: number;
  readonly maxFiguresPerStory?: number;
  readonly maxClaimsPerStory?: number;
  /** Names to show for feeds (the configured `name`), by feed URL; else the feed's own title. */
  readonly sourceNames?: ReadonlyMap<string, string>;
}

const hourMs = 3_600_000;
/** Recency halves every 12 hours. */
const recencyHalfLifeHours = 12;
const gistMaxChars = 320;

export function buildDigest(items: readonly StoredItem[], options: BuildDigestOptions): Digest {
  const unique = dedupeItems(items);
  const clusters = clusterStories(
    unique.map((item) => ({
      feedUrl: item.article.feedUrl,
      title: item.article.title,
      text: gistOf(item),
      // A guessed date (the first-seen time) says nothing about when the event happened.
      ...(item.article.publishedIsGuess ? {} : { publishedAtMs: Date.parse(item.article.publishedAt) }),
    })),
    options.similarityThreshold === undefined ? {} : { threshold: options.similarityThreshold },
  );
  const stories = clusters
    .map((cluster) =>
      buildStory(
        cluster.map((index) => unique[index] as StoredItem),
        options,
      ),
    )
    .sort((a, b) => b.score - a.score || b.latestAt.localeCompare(a.latestAt) || a.id.localeCompare(b.id));
  const maxStories = Math.max(0, Math.floor(options.maxStories));
  return {
    stories: stories.slice(0, maxStories),
    moreStories: Math.max(0, stories.length - maxStories),
    itemCount: unique.length,
    sourceCount: new Set(unique.map((item) => item.article.feedUrl)).size,
    generatedAt: options.now.toISOString(),
  };
}

/**
 * The gist shown for an item: the summary's, else the first sentence of the teaser or text. A
 * summary with an empty gist found no statement (show notes of link titles): the headline alone
 * says more than the first link would.
 */
export function gistOf(item: StoredItem): string {
  const gist = item.summary?.gist?.trim();
  if (gist) return truncateText(gist, gistMaxChars);
  if (item.summary !== undefined) return '';
  const text = (item.article.summary ?? item.article.content ?? '').trim();
  const firstSentence = /^[\s\S]*?[.!?…](?=\s|$)/u.exec(text)?.[0] ?? text;
  return truncateText(firstSentence.replace(/\s+/g, ' '), gistMaxChars);
}

/** Cuts at a word boundary and marks the cut with an ellipsis. */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/u, '')}…`;
}

function dedupeItems(items: readonly StoredItem[]): StoredItem[] {
  const seen = new Set<string>();
  const unique: StoredItem[] = [];
  for (const item of items) {
    if (seen.has(item.article.id)) continue;
    seen.add(item.article.id);
    unique.push(item);
  }
  return unique;
}

function publishedTime(item: StoredItem): string {
  return item.article.publishedIsGuess ? item.firstSeenAt : item.article.publishedAt;
}

function completeness(item: StoredItem): number {
  const summary = item.summary;
  if (!summary) return item.article.url ? 0.5 : 0;
  const attributed = summary.claims.filter((claim) => claim.attribution).length;
  return 1 + summary.figures.length + summary.claims.length + attributed + (item.article.url ? 0.5 : 0);
}

function buildStory(members: readonly StoredItem[], options: BuildDigestOptions): Story {
  const ordered = [...members].sort(
    (a, b) =>
      completeness(b) - completeness(a) || publishedTime(a).localeCompare(publishedTime(b)) || a.seq - b.seq,
  );
  const lead = ordered[0] as StoredItem;
  const others = ordered
    .slice(1)
    .sort((a, b) => publishedTime(a).localeCompare(publishedTime(b)) || a.seq - b.seq);
  const articles = [lead, ...others].map((item) => toStoryArticle(item, options.sourceNames));
  const sources = [...new Set(articles.map((article) => article.source))];
  const latestAt = articles.map((article) => article.publishedAt).reduce((a, b) => (a > b ? a : b));
  const figures = alignFigures([lead, ...others], options.maxFiguresPerStory ?? 4, options.sourceNames);
  const claims = pickClaims([lead, ...others], options.maxClaimsPerStory ?? 3, options.sourceNames);
  const feeds = new Set(members.map((item) => item.article.feedUrl)).size;
  return {
    id: lead.article.id,
    headline: lead.article.title.trim() || '(untitled)',
    ...(lead.article.url === undefined ? {} : { url: lead.article.url }),
    gist: gistOf(lead),
    articles,
    sources,
    figures,
    claims,
    latestAt,
    score: scoreStory(members, feeds, latestAt, options.now),
  };
}

function toStoryArticle(item: StoredItem, names?: ReadonlyMap<string, string>): StoryArticle {
  return {
    id: item.article.id,
    feedUrl: item.article.feedUrl,
    source: sourceName(item, names),
    title: item.article.title.trim() || '(untitled)',
    ...(item.article.url === undefined ? {} : { url: item.article.url }),
    publishedAt: publishedTime(item),
    gist: gistOf(item),
  };
}

function sourceName(item: StoredItem, names?: ReadonlyMap<string, string>): string {
  const configured = names?.get(item.article.feedUrl)?.trim();
  if (configured) return configured;
  const name = item.article.source.name.trim();
  if (name) return name;
  try {
    return new URL(item.article.feedUrl).hostname.replace(/^www\./, '');
  } catch {
    return item.article.feedUrl;
  }
}

/**
 * Score = recency (1 now, halving every 12 h) + 0.4 per extra source (up to 4) + up to 0.6 for
 * importance (attributed claims and figures in the summary, and the article's length).
 */
function scoreStory(members: readonly StoredItem[], feeds: number, latestAt: string, now: Date): number {
  const ageHours = Math.max(0, (now.getTime() - Date.parse(latestAt)) / hourMs);
  // An undated entry gets its first-seen time, which is always "just now": count it one
  // half-life older than it looks, so it cannot outrank the news of the day on age alone.
  const undated = members.every((item) => item.article.publishedIsGuess);
  const recency = Number.isFinite(ageHours)
    ? 0.5 ** (ageHours / recencyHalfLifeHours + (undated ? 1 : 0))
    : 0;
  let importance = 0;
  for (const item of members) {
    const summary = item.summary;
    if (!summary) continue;
    const attributed = summary.claims.filter((claim) => claim.attribution).length;
    const substance = Math.min(1, (summary.figures.length + attributed) / 8);
    const length = Math.min(1, Math.log10(summary.stats.words + 1) / 3.3);
    importance = Math.max(importance, 0.7 * substance + 0.3 * length);
  }
  return recency + 0.4 * Math.min(4, feeds - 1) + 0.6 * importance;
}

function foldWords(text: string): Set<string> {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu);
  return new Set((words ?? []).filter((word) => word.length > 2));
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / Math.min(a.size, b.size);
}

/** Lines up the figures of a story's articles: one entry per quantity, every source's value in it. */
function alignFigures(
  members: readonly StoredItem[],
  maxFigures: number,
  names?: ReadonlyMap<string, string>,
): StoryFigure[] {
  const groups: Array<{ counts: string; words: Set<string>; unit?: string; reports: FigureReport[] }> = [];
  for (const item of members) {
    const source = sourceName(item, names);
    for (const figure of item.summary?.figures ?? []) {
      const words = foldWords(figure.counts);
      const group = groups.find(
        (candidate) =>
          (candidate.unit ?? '') === (figure.unit ?? '') &&
          overlap(candidate.words, words) >= 0.5 &&
          !candidate.reports.some((report) => report.source === source),
      );
      const report = toReport(figure, source);
      if (group) {
        group.reports.push(report);
      } else {
        groups.push({
          counts: figure.counts,
          words,
          ...(figure.unit === undefined ? {} : { unit: figure.unit }),
          reports: [report],
        });
      }
    }
  }
  return groups
    .map((group, order) => ({ group, order }))
    .sort((a, b) => b.group.reports.length - a.group.reports.length || a.order - b.order)
    .slice(0, maxFigures)
    .sort((a, b) => a.order - b.order)
    .map(({ group }) => ({
      counts: group.counts,
      reports: group.reports,
      differs: group.reports.some((report) => !sameValue(report, group.reports[0] as FigureReport)),
    }));
}

function sameValue(a: Pick<Figure, 'value' | 'valueTo'>, b: Pick<Figure, 'value' | 'valueTo'>): boolean {
  return a.value === b.value && (a.valueTo ?? a.value) === (b.valueTo ?? b.value);
}

function toReport(figure: Figure, source: string): FigureReport {
  return {
    text: figure.text,
    value: figure.value,
    ...(figure.valueTo === undefined ? {} : { valueTo: figure.valueTo }),
    ...(figure.unit === undefined ? {} : { unit: figure.unit }),
    source,
    ...(figure.attribution === undefined ? {} : { attribution: figure.attribution }),
    approximate: figure.approximate ?? false,
  };
}

/**
 * Claims taken in turns from each source (lead first), attributed ones before plain statements
 * within a source, skipping near-repeats of a claim already picked.
 */
function pickClaims(
  members: readonly StoredItem[],
  maxClaims: number,
  names?: ReadonlyMap<string, string>,
): StoryClaim[] {
  const perSource = members.map((item) => ({
    source: sourceName(item, names),
    claims: (item.summary?.claims ?? [])
      .map((claim, order) => ({ claim, order }))
      .sort(
        (a, b) =>
          Number(Boolean(b.claim.attribution)) - Number(Boolean(a.claim.attribution)) || a.order - b.order,
      )
      .map(({ claim }) => claim),
  }));
  const picked: StoryClaim[] = [];
  const pickedWords: Set<string>[] = [];
  const rounds = Math.max(0, ...perSource.map((entry) => entry.claims.length));
  for (let round = 0; round < rounds; round++) {
    for (const { source, claims } of perSource) {
      const claim = claims[round];
      if (!claim) continue;
      if (picked.length >= maxClaims) return picked;
      const words = foldWords(claim.text);
      if (pickedWords.some((existing) => overlap(existing, words) >= 0.6)) continue;
      pickedWords.push(words);
      picked.push({
        text: claim.text,
        ...(claim.attribution === undefined ? {} : { attribution: claim.attribution }),
        ...(claim.date === undefined ? {} : { date: claim.date }),
        source,
      });
    }
  }
  return picked;
}
