/**
 * How a key figure reads in every message (digest, /summary card, alert): the amount as the
 * article wrote it, with its unit only when the text does not already say it, then what it counts,
 * then who gives it and when.
 */
import type { Figure } from '../model.js';

/** Other ways an amount may already state its unit: "15 percent", "$3 billion", "€20". */
const unitSpellings: Readonly<Record<string, RegExp>> = {
  '%': /%|per\s?cent|pour\s?cent|prozent|por\s?ciento|pct/iu,
  USD: /\$|dollar/iu,
  EUR: /€|euro/iu,
  GBP: /£|pound|sterling/iu,
  LB: /pound|lb/iu,
  JPY: /¥|yen/iu,
  CNY: /¥|yuan|renminbi/iu,
  INR: /₹|rupee/iu,
  // "half", "two-thirds", "la moitié", "1 in 5", "3 out of 4": a fraction or ratio says it is a share.
  SHARE:
    /half|third|quarter|moitié|tiers|quart|hälfte|drittel|viertel|mitad|tercio|cuarto|\sin\s|\sout of\s/iu,
};

function containsWord(text: string, word: string): boolean {
  return text.toLowerCase().includes(word.toLowerCase());
}

function statesUnit(amount: string, unit: string): boolean {
  // "$5 million" already says USD, "₩3 billion" KRW: any currency symbol states a currency code.
  if (/^[A-Z]{3}$/u.test(unit) && /[$€£¥₹₩₽]/u.test(amount)) return true;
  return (
    containsWord(amount, unit) ||
    (unitSpellings[unit.toUpperCase()] ?? unitSpellings[unit])?.test(amount) === true
  );
}

/** "12,000", "4.2%", "15 percent", "3,000 km": the unit is added only where the text lacks it. */
export function formatFigureAmount(
  figure: Pick<Figure, 'text' | 'unit'> & { readonly counts?: string },
): string {
  const amount = figure.text.trim();
  const unit = figure.unit?.trim();
  if (
    unit === undefined ||
    unit === '' ||
    statesUnit(amount, unit) ||
    containsWord(figure.counts ?? '', unit)
  ) {
    return amount;
  }
  return unit === '%' ? `${amount}%` : `${amount} ${unit}`;
}

/** "The agency" → "the agency", to read well after "according to"; names are left alone. */
function lowerArticle(text: string): string {
  return /^The\s/u.test(text) ? `t${text.slice(1)}` : text;
}

/** "12,000 — North Korean soldiers sent to Russia (according to Kyiv, December)". */
export function formatFigureLine(figure: Figure): string {
  const context = [
    figure.attribution === undefined ? undefined : `according to ${lowerArticle(figure.attribution.trim())}`,
    figure.date,
  ]
    .filter((part): part is string => part !== undefined && part.trim() !== '')
    .join(', ');
  const counts = figure.counts.trim();
  return `${formatFigureAmount(figure)}${counts === '' ? '' : ` — ${counts}`}${context === '' ? '' : ` (${context})`}`;
}
