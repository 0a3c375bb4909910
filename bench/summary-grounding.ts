/**
 * Grounding check of the summary benchmark: every number and name an output shows, and every figure
 * value, must come from the article.
 */
import { FIGURE_VALUE_TOLERANCE, type OutputSummary } from './summary-metrics.js';
import { findNumberWordValues, findNumbers } from './summary-text.js';

export interface GroundingReport {
  readonly checked: number;
  readonly ungrounded: readonly string[];
}

/** Digits of a number without separators, so "12,000", "12 000" and "12000" compare equal. */
function numberKey(text: string): string {
  return text.replace(/[^\d]/gu, '');
}

/** Every value a number in the source could stand for (English or European reading, any scale). */
function sourceValues(source: string): number[] {
  const values: number[] = [];
  for (const mention of findNumbers(source, { spelled: true })) {
    // Scales cover "1.1 million" read as 1.1 or 1,100,000, "tens of thousands", percent as a share,
    // and lakhs and crores (1e5, 1e7).
    for (const scale of [0.01, 1, 10, 100, 1e3, 1e5, 1e6, 1e7, 1e9, 1e12]) values.push(mention.value * scale);
    const digits = mention.text.replace(/[^\d.,]/gu, '');
    if (/^\d+,\d+$/u.test(digits)) values.push(Number(digits.replace(',', '.')));
    if (/^\d+\.\d{3}$/u.test(digits)) values.push(Number(digits.replace('.', '')));
  }
  for (const value of findNumberWordValues(source)) {
    for (const scale of [0.01, 1, 100, 1e3, 1e6, 1e9]) values.push(value * scale);
  }
  // A ratio stands for its share: "1 in 5" for 0.2, "£1 in every £3" for one third.
  for (const ratio of source.matchAll(
    /(\d+(?:\.\d+)?)\s(?:in|out of)\s(?:every\s)?[£$€]?(\d+(?:\.\d+)?)/gu,
  )) {
    const part = Number(ratio[1]);
    const whole = Number(ratio[2]);
    if (whole > 0) values.push(part / whole);
  }
  return values;
}

function nameKey(word: string): string {
  return word
    .normalize('NFC')
    .toLowerCase()
    .replace(/['’‘]s$/u, '');
}

/**
 * Checks that every number and capitalised word in the output occurs in the source, and that each
 * figure's value is one that a number in the source can stand for. Returns what was not found.
 */
export function checkGrounding(output: OutputSummary, source: string): GroundingReport {
  const sourceNumbers = new Set(findNumbers(source).map((mention) => numberKey(mention.text)));
  for (const token of source.match(/\d[\d.,]*/gu) ?? []) sourceNumbers.add(numberKey(token));
  const sourceWords = new Set<string>();
  for (const word of source.match(/[\p{L}\p{N}]+(?:['’‘][\p{L}]+)?/gu) ?? []) {
    // "d’Orsay" stands for itself and for "Orsay"; "Seoul's" for "Seoul".
    sourceWords.add(nameKey(word));
    for (const part of word.split(/['’‘]/u)) sourceWords.add(nameKey(part));
  }
  const values = sourceValues(source);
  const ungrounded: string[] = [];
  let checked = 0;
  const texts = [
    output.gist,
    ...output.claims.flatMap((claim) => [claim.text, claim.attribution ?? '']),
    ...output.figures.flatMap((figure) => [figure.text, figure.counts, figure.attribution ?? '']),
  ];
  for (const text of texts) {
    for (const mention of findNumbers(text)) {
      checked += 1;
      if (!sourceNumbers.has(numberKey(mention.text))) ungrounded.push(mention.text);
    }
    // Whole words with a capital anywhere: "kW" and "iPhone" are checked as written, not as "W" or "P".
    for (const word of text.match(/[\p{L}\p{N}]+(?:['’‘][\p{L}]+)?/gu) ?? []) {
      if (!/\p{Lu}/u.test(word)) continue;
      checked += 1;
      if (!sourceWords.has(nameKey(word)) && !sourceWords.has(nameKey(word).replace(/['’‘].*$/u, ''))) {
        ungrounded.push(word);
      }
    }
  }
  for (const figure of output.figures) {
    checked += 1;
    const tolerance = Math.max(1e-9, Math.abs(figure.value) * FIGURE_VALUE_TOLERANCE);
    if (!values.some((value) => Math.abs(value - figure.value) <= tolerance)) {
      ungrounded.push(`value ${figure.value} ("${figure.text}")`);
    }
  }
  return { checked, ungrounded };
}
