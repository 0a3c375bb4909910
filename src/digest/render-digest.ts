/**
 * Renders a digest as a neutral Message: one card per story (headline linked, sources, gist, key
 * figures with differing values side by side, top claims with attribution, the other sources'
 * coverage), a count of the stories left out, and one short line when nothing is new.
 */
import { formatFigureAmount } from '../text/format-figure.js';
import type { Card, CardField, Message } from '../model.js';
import type { Digest, FigureReport, Story, StoryFigure } from './build-digest.js';

export interface RenderDigestOptions {
  /** Heading of the message; defaults to "News digest: N stories". */
  readonly title?: string;
  /** The line posted when the digest is empty. */
  readonly emptyText?: string;
  /** Which day the digest is for, as the channel reads it ("Friday 27 November"), for the heading. */
  readonly dateLabel?: string;
}

/** "Friday 27 November" in the channel's timezone. */
export function formatDigestDate(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(at);
}

const maxCoverageLines = 5;

export function renderDigest(digest: Digest, options: RenderDigestOptions = {}): Message {
  const shown = digest.stories.length;
  const total = shown + digest.moreStories;
  if (total === 0) {
    return {
      ...(options.title === undefined ? {} : { title: options.title }),
      text: options.emptyText ?? 'Nothing new since the last digest.',
      cards: [],
    };
  }
  const sources = digest.sourceCount === 1 ? '1 source' : `${digest.sourceCount} sources`;
  return {
    title:
      options.title ??
      `News digest${options.dateLabel ? ` for ${options.dateLabel}` : ''}: ${plural(total, 'story', 'stories')} from ${sources}`,
    cards: digest.stories.map(renderStoryCard),
    ...(digest.moreStories > 0
      ? { footer: `and ${plural(digest.moreStories, 'more story', 'more stories')}` }
      : {}),
  };
}

/** One story as a card; also used for live cards (a story of one article). */
export function renderStoryCard(story: Story): Card {
  const fields: CardField[] = [];
  if (story.figures.length > 0) {
    fields.push({
      name: 'Key figures',
      value: story.figures.map((figure) => `• ${formatFigure(figure, story)}`).join('\n'),
    });
  }
  if (story.claims.length > 0) {
    const multiSource = story.sources.length > 1;
    fields.push({
      name: 'Claims',
      value: story.claims
        .map((claim) => {
          // Most claims name their source in the sentence already ("…, officials said."): say it once.
          const said = claim.text.toLowerCase();
          const who = [claim.attribution, claim.date]
            .filter((part): part is string => Boolean(part) && !said.includes((part as string).toLowerCase()))
            .join(', ');
          const via = multiSource ? ` [${claim.source}]` : '';
          return `• ${claim.text}${who ? ` (${who})` : ''}${via}`;
        })
        .join('\n'),
    });
  }
  const coverage = story.articles.slice(1, 1 + maxCoverageLines);
  if (coverage.length > 0) {
    const lines = coverage.map(
      (article) => `• ${article.source}: ${article.title}${article.url ? ` ${article.url}` : ''}`,
    );
    const rest = story.articles.length - 1 - coverage.length;
    if (rest > 0) lines.push(`• and ${plural(rest, 'more article', 'more articles')}`);
    fields.push({ name: 'Also reported by', value: lines.join('\n') });
  }
  return {
    title: story.headline,
    ...(story.url === undefined ? {} : { url: story.url }),
    source: story.sources.join(' · '),
    timestamp: story.latestAt,
    ...(story.gist ? { body: story.gist } : {}),
    fields,
  };
}

/** "people evacuated: 30,000 (Cal Fire) · 25,000 (AP, citing police)" when sources differ. */
function formatFigure(figure: StoryFigure, story: Story): string {
  const first = figure.reports[0] as FigureReport;
  if (!figure.differs) {
    const who = figure.reports.map((report) => report.attribution).find(Boolean);
    const sources = story.sources.length > 1 ? figure.reports.map((report) => report.source) : [];
    const credit = [who, ...sources].filter(Boolean).join('; ');
    return `${joinValueAndCounts(formatValue(first), figure.counts)}${credit ? ` (${credit})` : ''}`;
  }
  const values = figure.reports
    .map(
      (report) =>
        `${formatValue(report)} (${[report.source, report.attribution].filter(Boolean).join(', citing ')})`,
    )
    .join(' · ');
  return `${figure.counts}: ${values}`;
}

/** "10,000 acres" + "acres burned" → "10,000 acres burned", not "10,000 acres acres burned". */
/**
 * "10,000 acres burned" when what it counts continues the amount's last word, otherwise
 * "12,000 — North Korean soldiers sent to Russia", as in /summary cards and alerts.
 */
function joinValueAndCounts(value: string, counts: string): string {
  const what = counts.trim();
  if (what === '') return value;
  const lastWord = /(\p{L}+)$/u.exec(value)?.[1];
  if (lastWord && what.toLowerCase().startsWith(`${lastWord.toLowerCase()} `)) {
    return `${value}${what.slice(lastWord.length)}`;
  }
  return `${value} — ${what}`;
}

function formatValue(report: FigureReport): string {
  // "people" is what most figures count: said by the counts, not after the number.
  return report.unit === 'people' ? report.text : formatFigureAmount(report);
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
