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
      merged[merged.length - 1] = {
        start: previous.start,
        end: mention.end,
        text: sentence.slice(previous.start, mention.end),
        value: previous.value / mention.value,
        unit: 'share',
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
