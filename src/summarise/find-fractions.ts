/**
 * Shares written as fractions: "half the financial help", "two-thirds of voters", "la moitié des
 * habitants", valued as a share of one (0.5) with the unit "share". A fraction of a time, a unit or
 * a distance ("half an hour", "half a percentage point", "three quarters of the way") and a part
 * of something ordered ("the second half") are not shares.
 */
import { APPROXIMATORS } from './number-words.js';
import type { NumberMention } from './find-numbers.js';

/** Each fraction and its share of one. */
const FRACTIONS: Readonly<Record<string, number>> = {
  half: 0.5,
  'a third': 1 / 3,
  'one third': 1 / 3,
  'one-third': 1 / 3,
  'two thirds': 2 / 3,
  'two-thirds': 2 / 3,
  'a quarter': 0.25,
  'one quarter': 0.25,
  'three quarters': 0.75,
  'three-quarters': 0.75,
  'la moitié': 0.5,
  'un tiers': 1 / 3,
  'deux tiers': 2 / 3,
  'un quart': 0.25,
  'trois quarts': 0.75,
  'die hälfte': 0.5,
  'ein drittel': 1 / 3,
  'zwei drittel': 2 / 3,
  'ein viertel': 0.25,
  'drei viertel': 0.75,
  'la mitad': 0.5,
  'un tercio': 1 / 3,
  'dos tercios': 2 / 3,
  'un cuarto': 0.25,
  'tres cuartos': 0.75,
};
const FRACTION_PATTERN = new RegExp(
  String.raw`(?<![\p{L}\p{N}-])(?:(?<approx>${APPROXIMATORS})\s+)?(?<fraction>${Object.keys(FRACTIONS)
    .sort((a, b) => b.length - a.length)
    .join('|')})(?![\p{L}\p{N}-])`,
  'giu',
);
export const FRACTION_WORDS: ReadonlySet<string> = new Set([
  'half',
  'third',
  'thirds',
  'quarter',
  'quarters',
  'moitié',
  'tiers',
  'quart',
  'quarts',
  'hälfte',
  'drittel',
  'viertel',
  'mitad',
  'tercio',
  'tercios',
  'cuarto',
  'cuartos',
]);
/** What a share is of: "half the …", "a third of …", "la moitié des …", "die Hälfte der …". */
const SHARE_OF =
  /^\s+(?:of\s+(?!an?\s)|the\s|its\s|their\s|his\s|her\s|our\s|all\s|des?\s|du\s|d['’]|der\s|aller\s|del?\s)/iu;
/** "the second half", "one and a half", "half-time": a part of something else, not a share. */
const NOT_A_SHARE_BEFORE =
  /(?:first|second|last|other|final|latter|former|back|front|and a|and one|fiscal|third|fourth)\s+$/iu;
/** "a quarter of an hour", "half a percentage point", "half their time", "three quarters of the way": time and units, not shares. */
const UNIT_AFTER =
  /^\s+(?:of\s+)?(?:an?\s+|the\s+|their\s+|its\s+|his\s+|her\s+|our\s+|my\s+)?(?:hours?|days?|weeks?|months?|years?|centur(?:y|ies)|decades?|seasons?|miles?|points?|percentage|inch(?:es)?|dozen|way|time)\b/iu;

/**
 * A cheap word scan before the fraction pattern. The words are the sentence's `lowerWords`, which
 * split at hyphens: "two-thirds" is "two" and "thirds".
 */
function hasFractionWord(words: readonly string[]): boolean {
  return words.some((word) => FRACTION_WORDS.has(word));
}

export function findFractions(
  sentence: string,
  words: readonly string[],
  taken: readonly NumberMention[],
): NumberMention[] {
  const found: NumberMention[] = [];
  if (!hasFractionWord(words)) return found;
  FRACTION_PATTERN.lastIndex = 0;
  for (let match = FRACTION_PATTERN.exec(sentence); match !== null; match = FRACTION_PATTERN.exec(sentence)) {
    const value = FRACTIONS[(match.groups?.['fraction'] ?? '').toLowerCase()];
    const start = match.index;
    const end = start + match[0].length;
    const after = sentence.slice(end, end + 40);
    if (
      value === undefined ||
      !SHARE_OF.test(after) ||
      UNIT_AFTER.test(after) ||
      NOT_A_SHARE_BEFORE.test(sentence.slice(Math.max(0, start - 20), start)) ||
      taken.some((other) => start < other.end && end > other.start)
    )
      continue;
    found.push({
      start,
      end,
      text: sentence.slice(start, end).trim(),
      value,
      // A share of a whole (0.5 for "half"), as a percentage is a share of a hundred.
      unit: 'share',
      approximate: match.groups?.['approx'] !== undefined,
      spelled: true,
      scaled: false,
      kind: 'quantity',
    });
  }
  return found;
}
