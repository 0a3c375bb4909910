/**
 * Rates in what a figure counts: "views per month", "$19.99 a year", "streaming service a month".
 * A period after "a", "per" or "each" is a rate, unless it says when ("a year ago").
 */
import { PERIOD } from './count-phrase-words.js';
import type { Word } from './phrase-words.js';

/** The word that makes a period a rate: "a month", "per year", "each week". */
const RATE_WORD = /^(?:a|per|each)$/u;

/** "a year ago", "a week earlier": a point in time, not a rate. */
const BEFORE_OR_AFTER = /^(?:ago|earlier|later|before|after|back|on|from)$/u;

/** "a year", "per month" at `at`: a rate, or a point in time when "ago" or "earlier" follows. */
export function isPeriodAt(words: readonly Word[], at: number): boolean {
  return RATE_WORD.test(words[at]?.text ?? '') && PERIOD.test(words[at + 1]?.text ?? '');
}

/** "views per month", "$2 a year": a rate at `at`, not "a year ago". */
export function isRateAt(words: readonly Word[], at: number): boolean {
  return isPeriodAt(words, at) && !BEFORE_OR_AFTER.test(words[at + 2]?.text ?? '');
}

/** "plan a year", "a year": the words end with a rate. */
export function endsWithRate(words: readonly string[]): boolean {
  return (
    words.length >= 2 &&
    PERIOD.test(words[words.length - 1] ?? '') &&
    RATE_WORD.test(words[words.length - 2] ?? '')
  );
}

/** "a year", "per month": a rate with nothing it is a rate of. */
export function isBareRate(counts: string): boolean {
  const words = counts.split(' ');
  return words.length === 2 && endsWithRate(words);
}

/** "streaming service a month" with the rate "a year" → "streaming service a year"; else the rate alone. */
export function withRateOf(pricedRate: string, rate: string): string {
  const words = pricedRate.split(' ');
  const paidFor = words.slice(0, -2);
  return paidFor.length > 0 && endsWithRate(words) ? `${paidFor.join(' ')} ${rate}` : rate;
}
