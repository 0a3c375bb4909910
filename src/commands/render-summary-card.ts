/**
 * A summary as one neutral card: linked title, source, gist, then "Key figures" and "Key claims"
 * fields with their attributions and dates. Plain text throughout; adapters escape it.
 */
import { formatFigureLine } from '../text/format-figure.js';
import type { Card, CardField, Claim, Summary } from '../model.js';

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

/**
 * "The strike hit a power plant — Ukraine's energy ministry, March 3". The attribution and date
 * are added only when the claim's own words do not already say them.
 */
export function formatClaimLine(claim: Claim): string {
  const text = claim.text.trim();
  const context = unsaidContext(claim);
  return `${text}${context === '' ? '' : ` — ${context}`}`;
}

/**
 * The claim's attribution and date, joined, leaving out what its own words already say
 * ("…, said C. Eugene Steuerle." needs no "(C. Eugene Steuerle)" after it).
 */
export function unsaidContext(claim: Claim): string {
  const text = claim.text.trim();
  return [claim.attribution, claim.date]
    .filter(
      (part): part is string => part !== undefined && part.trim() !== '' && !containsWord(text, part.trim()),
    )
    .join(', ');
}

function containsWord(text: string, word: string): boolean {
  return text.toLowerCase().includes(word.toLowerCase());
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
