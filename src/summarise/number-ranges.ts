/**
 * Two quantities that are one: a range ("$600 million to $700 million", "between 10% and 12%")
 * and a ratio read as a share ("£1 in every £3").
 */
import type { NumberMention } from './find-numbers.js';

/** Joins each range and ratio of `mentions` (sorted by position) into one mention. */
export function mergeRanges(sentence: string, mentions: NumberMention[]): NumberMention[] {
  const merged: NumberMention[] = [];
  for (const mention of mentions) {
    const previous = merged[merged.length - 1];
    if (
      previous !== undefined &&
      previous.kind === 'quantity' &&
      mention.kind === 'quantity' &&
      previous.valueTo === undefined &&
      previous.unit === mention.unit &&
      mention.value > previous.value &&
      /^\s*(?:to|and|-|–|à|et|bis|und|a|y)\s*$/u.test(sentence.slice(previous.end, mention.start)) &&
      (!/and|et|und|y/u.test(sentence.slice(previous.end, mention.start)) ||
        /\b(?:between|entre|zwischen)\s+$/iu.test(
          sentence.slice(Math.max(0, previous.start - 10), previous.start),
        ))
    ) {
      merged[merged.length - 1] = {
        ...previous,
        end: mention.end,
        text: sentence.slice(previous.start, mention.end),
        valueTo: mention.value,
        scaled: previous.scaled || mention.scaled,
      };
      continue;
    }
    // "£1 in every £3", "1 in 5 adults": a ratio, read as the share it is.
    if (
      previous !== undefined &&
      previous.kind === 'quantity' &&
      mention.kind === 'quantity' &&
      previous.valueTo === undefined &&
      mention.valueTo === undefined &&
      previous.unit === mention.unit &&
      mention.value > previous.value &&
      RATIO_BETWEEN.test(sentence.slice(previous.end, mention.start))
    ) {
      // "a repairability score of 0 out of 10.", "The film earns 8 out of 10 from critics": a
      // rating on a scale, not a share of anything (no noun follows the scale).
      const rating =
        RATING_SCALES.has(mention.value) &&
        sentence.slice(previous.end, mention.start).includes('out of') &&
        RATING_AFTER.test(sentence.slice(mention.end, mention.end + 12));
      merged[merged.length - 1] = {
        start: previous.start,
        end: mention.end,
        text: sentence.slice(previous.start, mention.end),
        value: rating ? previous.value : previous.value / mention.value,
        unit: rating ? `out of ${mention.value}` : 'share',
        approximate: previous.approximate,
        spelled: previous.spelled,
        scaled: false,
        kind: 'quantity',
      };
      continue;
    }
    merged.push(mention);
  }
  return merged;
}

const RATIO_BETWEEN = /^\s(?:in|out of)\s(?:every\s)?$/u;
/** Scales of ratings: "8 out of 10", "4 out of 5". */
const RATING_SCALES: ReadonlySet<number> = new Set([5, 10, 20, 100]);
/** After the scale of a rating: the end of the clause or a preposition, never the noun of a share. */
const RATING_AFTER = /^(?:[.,;:!?)]|\s(?:for|from|on|in|by|and|but|with|stars?|points?)\b|$)/u;
