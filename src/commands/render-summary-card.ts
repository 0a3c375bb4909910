/**
 * A summary as one neutral card: linked title, source, gist, then "Key figures" and "Key claims"
 * fields with their attributions and dates. Plain text throughout; adapters escape it.
 */
import type { Card, CardField, Claim, Figure, Summary } from '../model.js';

/** What is known about the article besides its summary. */
export interface SummaryCardSource {
  readonly title?: string;
  readonly url?: string;
  /** Site or feed name, and the byline when there is one. */
  readonly source?: string;
  /** Publication time, ISO 8601. */
  readonly publishedAt?: string;
}

const MAX_FIGURES = 5;
const MAX_CLAIMS = 4;

export function renderSummaryCard(summary: Summary, about: SummaryCardSource): Card {
  const fields: CardField[] = [];
  const figures = summary.figures.slice(0, MAX_FIGURES).map(formatFigureLine);
  if (figures.length > 0) fields.push({ name: 'Key figures', value: figures.join('\n') });
  const claims = summary.claims
    .filter((claim) => normalise(claim.text) !== normalise(summary.gist))
    .slice(0, MAX_CLAIMS)
    .map(formatClaimLine);
  if (claims.length > 0) fields.push({ name: 'Key claims', value: claims.join('\n') });

  const title = firstNonEmpty(summary.title, about.title, about.url, 'Untitled article');
  const url = about.url ?? summary.url;
  const timestamp =
    about.publishedAt !== undefined && isValidTime(about.publishedAt) ? about.publishedAt : undefined;
  const words = summary.stats.words;
  return {
    title,
    ...(url === undefined ? {} : { url }),
    ...(about.source === undefined || about.source === '' ? {} : { source: about.source }),
    ...(timestamp === undefined ? {} : { timestamp }),
    ...(summary.gist === '' ? {} : { body: summary.gist }),
    fields,
    ...(words > 0 ? { footer: `Summary of ${words.toLocaleString('en-US')} words` } : {}),
  };
}

/** "12,000 — North Korean soldiers sent to Russia (according to Kyiv, February 4)". */
export function formatFigureLine(figure: Figure): string {
  let amount = figure.text.trim();
  const unit = figure.unit?.trim();
  if (unit !== undefined && unit !== '' && !statesUnit(amount, unit) && !containsWord(figure.counts, unit)) {
    amount = unit === '%' ? `${amount}%` : `${amount} ${unit}`;
  }
  const context = [
    figure.attribution === undefined ? undefined : `according to ${lowerArticle(figure.attribution.trim())}`,
    figure.date,
  ]
    .filter((part): part is string => part !== undefined && part.trim() !== '')
    .join(', ');
  const counts = figure.counts.trim();
  return `${amount}${counts === '' ? '' : ` — ${counts}`}${context === '' ? '' : ` (${context})`}`;
}

/**
 * "The strike hit a power plant — Ukraine's energy ministry, March 3". The attribution and date
 * are added only when the claim's own words do not already say them.
 */
export function formatClaimLine(claim: Claim): string {
  const text = claim.text.trim();
  const context = [claim.attribution, claim.date]
    .filter(
      (part): part is string => part !== undefined && part.trim() !== '' && !containsWord(text, part.trim()),
    )
    .join(', ');
  return `${text}${context === '' ? '' : ` — ${context}`}`;
}

/** Other ways an amount may already state its unit: "15 percent", "$3 billion", "€20". */
const UNIT_SPELLINGS: Readonly<Record<string, RegExp>> = {
  '%': /%|per\s?cent|pour\s?cent|prozent|por\s?ciento|pct/iu,
  USD: /\$|dollar/iu,
  EUR: /€|euro/iu,
  GBP: /£|pound|sterling/iu,
  JPY: /¥|yen/iu,
  CNY: /¥|yuan|renminbi/iu,
  INR: /₹|rupee/iu,
};

function statesUnit(amount: string, unit: string): boolean {
  return (
    containsWord(amount, unit) ||
    (UNIT_SPELLINGS[unit.toUpperCase()] ?? UNIT_SPELLINGS[unit])?.test(amount) === true
  );
}

function containsWord(text: string, word: string): boolean {
  return text.toLowerCase().includes(word.toLowerCase());
}

/** "The agency" → "the agency", to read well after "according to"; names are left alone. */
function lowerArticle(text: string): string {
  return /^The\s/u.test(text) ? `t${text.slice(1)}` : text;
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/gu, ' ').trim();
}

function firstNonEmpty(...values: readonly (string | undefined)[]): string {
  for (const value of values) if (value !== undefined && value.trim() !== '') return value.trim();
  return '';
}

function isValidTime(iso: string): boolean {
  return !Number.isNaN(new Date(iso).getTime());
}
