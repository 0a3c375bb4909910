/**
 * The number lexer: every quantity written in one sentence, in digits ("12,000", "12 000",
 * "1,5 million", "$900 billion", "4.2 percent", "10 to 12 per cent") or in words ("a hundred",
 * "three", "dozens"), with its value, unit and approximation, classified so that dates, times,
 * years, ordinals, ages, durations and compound modifiers ("five-minute video") can be told
 * apart from quantities.
 */
import type { DateMention } from './find-dates.js';
import { findFractions } from './find-fractions.js';
import { lowerWords } from './lower-words.js';
import { mergeRanges } from './number-ranges.js';
import {
  APPROXIMATORS,
  CAMEL_CASE_NAME_OPENING,
  CURRENCY_SYMBOLS,
  LABEL_BEFORE,
  NAME_BEFORE,
  NOT_A_NAME_BEFORE,
  SCALES,
  SCALE_WORDS,
  SPELLED,
  SPELLED_WORDS,
  STREET_AFTER,
  TIME_UNIT,
  UNITS,
  UNITS_AFTER_TENS,
  UNIT_WORDS,
  VERSION_CONTEXT,
  YEAR_CONTEXT,
} from './number-words.js';
import { parseDigits } from './parse-digits.js';

const WHOLLY_AFTER =
  /^\s?(?:percent\s|per cent\s)?(?:sure|certain|confident|honest|committed|convinced|behind|serious|positive|right|correct|clear|on board)\b/iu;

export type NumberKind =
  'quantity' | 'year' | 'date' | 'time' | 'ordinal' | 'list' | 'age' | 'duration' | 'modifier' | 'identifier';

export interface NumberMention {
  readonly start: number;
  readonly end: number;
  /** As written, with the approximation word, currency, scale and unit ("around 1,100", "$390 billion"). */
  readonly text: string;
  readonly value: number;
  readonly valueTo?: number;
  readonly unit?: string;
  readonly approximate: boolean;
  readonly spelled: boolean;
  /** A scale word was written ("million", "milliards"). */
  readonly scaled: boolean;
  readonly kind: NumberKind;
}

// "24,36,269": Indian grouping (lakhs and crores) puts a comma every two digits above a thousand.
const DIGITS = String.raw`\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])|\d{1,3}(?:[,.' ]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?`;
const NUMBER_PATTERN = new RegExp(
  String.raw`(?<![\p{L}\p{N}$€£¥.,/-])` +
    String.raw`(?<currency>US\$|C\$|A\$|[$€£¥₹]|USD|EUR|GBP|CHF|INR|Rs\.?)?\s?` +
    String.raw`(?<digits>${DIGITS})` +
    String.raw`(?:\s?(?:-|–|to|à|bis|a|and|et|y|und)\s?(?:[$€£])?(?<digitsTo>${DIGITS}))?` +
    String.raw`(?:\s?(?<scale>${SCALE_WORDS})(?![\p{L}]))?` +
    String.raw`(?:\s?(?:(?:de|of)\s|d[’'])?(?<unit>${UNIT_WORDS})(?![\p{L}]))?` +
    String.raw`(?<tail>h\d\d|:\d\d|[\p{L}]+|-[\p{L}]+(?:-[\p{L}]+)*|/\d+)?`,
  'gu',
);
const FRENCH_ONLY: Readonly<Record<string, true>> = { cent: true, sept: true, mille: true, neuf: true };

/** "two of them", "huit des 28 millions": a part of a group, not a count of its own. */
const PARTITIVE =
  /^\s+(?:of (?:the|them|us|those|these|his|her|their|its|our|my|your|whom|which)\b|des\b|d['’]entre|de (?:ces|ses|leurs|nos)\b|von (?:den|ihnen)\b|de (?:los|las|ellos|ellas)\b)/iu;

/** An approximation just before a number ("around ", "More than ", "près de "). */
const APPROXIMATION_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}-])(${APPROXIMATORS})(\s+)$`, 'iu');
const GERMAN_ONLY_APPROXIMATORS: ReadonlySet<string> = new Set(['fast', 'gut']);

const SPELLED_PATTERN = new RegExp(
  String.raw`(?<![\p{L}\p{N}-])(?:(?<approx>${APPROXIMATORS})\s+)?(?<word>${SPELLED_WORDS})(?:\s(?<scale>million|millions|billion|billions|thousand|milliards?|millions|Millionen|Milliarden|millones))?(?<tail>-[\p{L}]+|[\p{L}]+)?(?![\p{N}])`,
  'giu',
);

export function findNumbers(
  sentence: string,
  dates: readonly DateMention[],
  language: string,
  /** The sentence's `lowerWords`; only those in `SPELLED_SET` and `FRACTION_WORDS` are read. */
  words: readonly string[] = lowerWords(sentence),
): NumberMention[] {
  const mentions: NumberMention[] = [];
  NUMBER_PATTERN.lastIndex = 0;
  for (let match = nextNumber(sentence); match !== null; match = nextNumber(sentence)) {
    const groups = match.groups ?? {};
    const digits = groups['digits'] ?? '';
    const approximationFound = APPROXIMATION_BEFORE.exec(
      sentence.slice(Math.max(0, match.index - 30), match.index),
    );
    // "a blindingly-fast 120 JPEGs": "fast" and "gut" approximate only in German.
    const approximation =
      approximationFound !== null &&
      language !== 'de' &&
      GERMAN_ONLY_APPROXIMATORS.has((approximationFound[1] ?? '').toLowerCase())
        ? null
        : approximationFound;
    // "~90%": a tilde is "about".
    const tilde = approximation === null && sentence.charCodeAt(match.index - 1) === 0x7e;
    const start =
      match.index -
      (approximation === null
        ? tilde
          ? 1
          : 0
        : (approximation[1] ?? '').length + (approximation[2] ?? '').length);
    const approximate = approximation !== null || tilde;
    let value = parseDigits(digits, language);
    if (!Number.isFinite(value)) continue;
    let valueTo = groups['digitsTo'] === undefined ? undefined : parseDigits(groups['digitsTo'], language);
    // "district 1 100 voters": a label's number and the count after it are two numbers, not 1,100.
    const spaceGroup = /^(\d{1,3}) \d{3}/u.exec(digits);
    if (spaceGroup?.[1] !== undefined && splitsSpaceGroup(sentence, match.index)) {
      const firstEnd = match.index + match[0].indexOf(digits) + spaceGroup[1].length;
      NUMBER_PATTERN.lastIndex = firstEnd;
      mentions.push(
        makeMention(sentence, match.index, firstEnd, {
          value: Number(spaceGroup[1]),
          approximate: false,
          spelled: false,
          scaled: false,
          kind: groups['currency'] === undefined ? 'identifier' : 'quantity',
        }),
      );
      continue;
    }
    const scale = scaleOf(groups['scale'], groups['currency'] !== undefined);
    if (groups['scale'] !== undefined && scale === undefined) {
      // "m" or "k" without a currency is not a scale ("100m sprint", "10k run").
      const digitsEnd = match.index + match[0].indexOf(digits) + digits.length;
      mentions.push(
        makeMention(sentence, match.index, digitsEnd, {
          value,
          approximate: false,
          spelled: false,
          scaled: false,
          kind: 'identifier',
        }),
      );
      continue;
    }
    if (scale !== undefined) {
      value = scaled(value, scale);
      if (valueTo !== undefined) valueTo = scaled(valueTo, scale);
    }
    const unit = groups['currency']
      ? CURRENCY_SYMBOLS[groups['currency']]
      : poundsOfWeight(sentence, groups['unit'], scale)
        ? 'lb'
        : unitOf(groups['unit']);
    const tail = groups['tail'];
    const end = match.index + match[0].length - (tail?.length ?? 0);
    const kind = classify(sentence, match.index + match[0].indexOf(digits), end, {
      digits,
      value,
      tail,
      unit,
      hasScale: scale !== undefined,
      dates,
      language,
    });
    if (valueTo !== undefined && kind === 'quantity' && valueTo <= value) {
      // "52 to 48" is two numbers, not a range: keep the first alone and read on from there.
      const digitsEnd = match.index + match[0].indexOf(digits) + digits.length;
      NUMBER_PATTERN.lastIndex = digitsEnd;
      mentions.push(
        makeMention(sentence, start, digitsEnd, {
          value: parseDigits(digits, language),
          approximate,
          spelled: false,
          scaled: false,
          kind,
        }),
      );
      continue;
    }
    if (kind !== 'quantity') valueTo = undefined;
    mentions.push(
      makeMention(sentence, start, end, {
        value,
        ...(valueTo === undefined ? {} : { valueTo }),
        ...(unit === undefined ? {} : { unit }),
        approximate,
        spelled: false,
        scaled: scale !== undefined,
        kind,
      }),
    );
  }
  mentions.push(...findFractions(sentence, words, mentions));
  SPELLED_PATTERN.lastIndex = 0;
  if (!hasSpelledWord(words))
    return mergeRanges(
      sentence,
      mentions.sort((a, b) => a.start - b.start),
    );
  for (let match = SPELLED_PATTERN.exec(sentence); match !== null; match = SPELLED_PATTERN.exec(sentence)) {
    const groups = match.groups ?? {};
    const word = (groups['word'] ?? '').toLowerCase();
    const base = SPELLED[word];
    if (base === undefined) continue;
    // Words that are numbers in one language and something else in another ("cent", "Sept.").
    if (word in FRENCH_ONLY && language !== 'fr') continue;
    const start = match.index;
    if (mentions.some((other) => start < other.end && start + match[0].length > other.start)) continue;
    let tail = groups['tail'];
    if (tail !== undefined && !tail.startsWith('-')) continue; // part of a longer word
    let end = match.index + match[0].length - (tail?.length ?? 0);
    // "Eighty-three", "twenty-one": tens and units joined by a hyphen are one number.
    const units =
      tail === undefined || base % 10 !== 0 || base < 20 || base > 90 || groups['scale'] !== undefined
        ? undefined
        : UNITS_AFTER_TENS.indexOf(tail.slice(1).toLowerCase()) + 1 || undefined;
    if (units !== undefined) {
      end += tail?.length ?? 0;
      tail = undefined;
    }
    const scale = scaleOf(groups['scale'], false);
    const value = (base + (units ?? 0)) * (scale ?? 1);
    // "Eighty-three percent": a spelled-out share.
    const percent = /^\s(?:percent|per cent)\b/iu.exec(sentence.slice(end, end + 12));
    if (percent !== null) end += percent[0].length;
    const after = sentence.slice(end, end + 30);
    let kind: NumberKind = 'quantity';
    if (tail !== undefined) kind = 'modifier';
    else if (TIME_UNIT.test(firstWord(after))) kind = 'duration';
    else if (PARTITIVE.test(after)) kind = 'identifier';
    else if (!/^\s+[\p{L}“"]/u.test(after)) kind = 'identifier';
    else if (/^\s+(?:years? old|ans\b)/u.test(after)) kind = 'age';
    // "Ninety Mile beach" is a name; "nine African-American churchgoers" still counts people.
    else if (
      /^\s+\p{Lu}/u.test(after) &&
      start > 0 &&
      !/^\s+(?:\p{Lu}[\p{L}-]*\s+){1,2}\p{Ll}+s\b/u.test(after)
    )
      kind = 'identifier';
    mentions.push(
      makeMention(sentence, start, end, {
        value,
        ...(percent === null ? {} : { unit: '%' }),
        approximate: groups['approx'] !== undefined || word.startsWith('a ') || word.startsWith('une '),
        spelled: true,
        scaled: scale !== undefined,
        kind,
      }),
    );
  }
  return mergeRanges(
    sentence,
    mentions.sort((a, b) => a.start - b.start),
  );
}

/** Every number match has a digit within its first five characters ("US$ 5"). */
const NEXT_DIGIT = /\d/gu;
const MAX_DIGIT_OFFSET = 4;

/**
 * The next match of the number pattern from its `lastIndex`. The pattern has no fixed first
 * character, so the engine would try it at every position of the sentence; it starts instead a
 * few characters before the next digit, where the first possible match begins.
 */
function nextNumber(sentence: string): RegExpExecArray | null {
  const from = NUMBER_PATTERN.lastIndex;
  // The search for a digit runs in the regular expression engine, faster than a loop here.
  NEXT_DIGIT.lastIndex = from;
  const digit = NEXT_DIGIT.exec(sentence)?.index;
  if (digit === undefined) return null;
  let start = Math.max(from, digit - MAX_DIGIT_OFFSET);
  // Not inside a surrogate pair: start on the whole character.
  if (start > from && isLowSurrogate(sentence.charCodeAt(start))) start--;
  NUMBER_PATTERN.lastIndex = start;
  return NUMBER_PATTERN.exec(sentence);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

export const SPELLED_SET: ReadonlySet<string> = new Set(
  Object.keys(SPELLED).flatMap((word) => word.split(' ')),
);

/** A cheap word scan before the costly spelled-number pattern. */
function hasSpelledWord(words: readonly string[]): boolean {
  return words.some((word) => SPELLED_SET.has(word) && word !== 'a' && word !== 'une' && word !== 'one');
}

function makeMention(
  sentence: string,
  start: number,
  end: number,
  fields: Omit<NumberMention, 'start' | 'end' | 'text'>,
): NumberMention {
  return { start, end, text: sentence.slice(start, end).trim(), ...fields };
}

function firstWord(text: string): string {
  return /^\s*([\p{L}°%]+)/u.exec(text)?.[1] ?? '';
}

/** "32.2 billion" is 32200000000, not the 32200000000.000004 that floating point makes of it. */
function scaled(value: number, scale: number): number {
  return Number((value * scale).toPrecision(12));
}

function scaleOf(word: string | undefined, hasCurrency: boolean): number | undefined {
  if (word === undefined) return undefined;
  if ((word === 'm' || word === 'k') && !hasCurrency) return undefined;
  for (const [pattern, factor] of SCALES) if (pattern.test(word)) return factor;
  return undefined;
}

/** Words that make "pounds" a weight: "weighs 40 pounds", "lost 10 pounds", "7 pounds 4 ounces". */
const WEIGHT_CONTEXT =
  /\b(?:weigh(?:s|ed|ing|t|ts)?|lose|loses|losing|lost|gain(?:s|ed|ing)?|shed|heav(?:y|ier|iest)|light(?:er|est)|ounces?|lbs?|overweight|obese|obesity|diet(?:ing)?|yield(?:s|ed|ing)?|harvest(?:s|ed)?|crops?|per acre|per hectare)\b/iu;
/** Words that make them money: "costs 10 pounds", "a fine of 50 pounds". */
const MONEY_CONTEXT =
  /\b(?:cost(?:s|ing)?|price[ds]?|pa(?:y|id|ys)|spen[dt]|spending|worth|fined?|salary|wages?|budget|fund(?:s|ed|ing)?|tax(?:es)?|rais(?:e|ed|ing)|sterling|bank|earn(?:s|ed)?|sell|sold|buy|bought)\b/iu;

/**
 * "The bag weighs 40 pounds": pounds of weight, not sterling. Only without a scale word ("5
 * billion pounds" is money) and when the sentence speaks of weight and not of money.
 */
function poundsOfWeight(sentence: string, word: string | undefined, scale: number | undefined): boolean {
  if (word === undefined || scale !== undefined || !/^pounds?$/iu.test(word)) return false;
  return WEIGHT_CONTEXT.test(sentence) && !MONEY_CONTEXT.test(sentence);
}

function unitOf(word: string | undefined): string | undefined {
  if (word === undefined) return undefined;
  // An empty unit is the word as written ("MHz", "mAh").
  for (const [pattern, unit] of UNITS) if (pattern.test(word)) return unit === '' ? word : unit;
  return undefined;
}

/** Two to five capitals just before a number, after a space or the start: "EN 13319", "peanut NC 3033". */
const CODE_BEFORE = /(?:^|\s)\p{Lu}{2,5}\s$/u;
/** Denominations that notes and coins come in. */
const BANKNOTE_VALUES = new Set([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]);
const BANKNOTE_AFTER = /^\s(?:bills?|banknotes?|notes?|coins?)\b/u;
/** A unit of time with a capital inside a sentence: the title of a show ("60 Minutes", "24 Hours"). */
const TITLED_TIME_UNIT = /^\s(?:Seconds|Minutes|Hours|Days|Weeks|Months|Years)\b/u;

interface ClassifyContext {
  readonly digits: string;
  readonly value: number;
  readonly tail: string | undefined;
  readonly unit: string | undefined;
  readonly hasScale: boolean;
  readonly dates: readonly DateMention[];
  readonly language: string;
}

function classify(sentence: string, start: number, end: number, context: ClassifyContext): NumberKind {
  const { digits, value, tail, unit, hasScale, dates } = context;
  const before = sentence.slice(Math.max(0, start - 40), start);
  const after = sentence.slice(end, end + 40);
  const date = dates.find((mention) => start >= mention.start && start < mention.end);
  if (date !== undefined) return date.precision === 'year' ? 'year' : 'date';
  // "the All Writs Act of 1789", "the Treaty of 1648": a year that dates a named thing.
  if (
    unit === undefined &&
    !hasScale &&
    /^1\d{3}$|^20\d\d$/u.test(digits) &&
    /\p{Lu}\p{Ll}+ of $/u.test(before)
  )
    return 'year';
  if (tail !== undefined) {
    if (/^(?::\d\d|h\d\d|h$)/u.test(tail) || /^(?:am|pm)$/iu.test(tail)) return 'time';
    if (/^(?:st|nd|rd|th|er|re|e|ème|eme|ᵉ|º|ª|o|a)$/iu.test(tail)) return 'ordinal';
    // "a 400-strong motorcade", "a 12-member jury": the size of what follows.
    if (/^-(?:strong|member|person|man|woman)$/iu.test(tail)) return 'quantity';
    if (tail.startsWith('-')) return /^-(?:year|yr)s?-old$/iu.test(tail) ? 'age' : 'modifier';
    if (TIME_UNIT.test(tail)) return 'duration';
    if (tail.startsWith('/')) return 'identifier';
    return 'identifier';
  }
  // "the $20 bill", "a €50 note": a banknote's name, not an amount paid.
  if (unit !== undefined && !hasScale && BANKNOTE_VALUES.has(value) && BANKNOTE_AFTER.test(after))
    return 'identifier';
  // "not 100% sure", "100 percent behind the plan": a manner of speaking, not a share of anything.
  if (value === 100 && unit === '%' && WHOLLY_AFTER.test(after)) return 'modifier';
  // "As Tim Cook said on 60 Minutes": a programme's title, not a stretch of time.
  if (unit === undefined && TITLED_TIME_UNIT.test(after)) return 'identifier';
  // "an 11× increase", "a 3x rise": a multiplier, not an amount of anything.
  // "the 10.5″ iPad", "a 27-inch screen": a size that names a model, not an amount.
  if (/^\s?(?:×|x\b|-fold\b|″|"\s?\p{L}|-?inch\b)/u.test(after)) return 'modifier';
  if (unit === undefined && !hasScale && /^\d+(?:\.\d+)?$/u.test(digits) && LABEL_BEFORE.test(before))
    return 'identifier';
  // "0.100.0": dots that are no thousands grouping (groups of three digits) make a version.
  if (/^\d+(?:\.\d+){2,}$/u.test(digits) && !/^\d{1,3}(?:\.\d{3})+$/u.test(digits)) return 'identifier';
  // "5.9.1", "192.168.1.1", "section 4.2.3": a dotted label (version, address, section), no amount.
  if (after.charCodeAt(0) === 0x2e && isDigit(after.charCodeAt(1))) return 'identifier';
  if (/\d\.$/u.test(before)) return 'identifier';
  // "call 7576238", "order 20220514": seven digits or more with no grouping is a phone number or
  // a code; amounts that large are written with separators or a scale.
  if (unit === undefined && !hasScale && digits.length >= 7 && /^\d+$/u.test(digits)) return 'identifier';
  // "testing 5.9 Beta 1": a release's name.
  if (/^\s(?:beta|alpha|RC\d*|release candidate|preview)\b/iu.test(after)) return 'identifier';
  // "Rs. 24,36, 269": grouping broken by a stray space; no reading of the pieces is the amount.
  if (/,\d{1,2}$/u.test(digits) && /^,\s\d{3}(?!\d)/u.test(after)) return 'identifier';
  if (/^\d{3}$/u.test(digits) && /\d,\d{1,2},\s$/u.test(before)) return 'identifier';
  // "versions between 3.7 and 5.8", "releases up to 2.4": version numbers, not amounts.
  if (unit === undefined && !hasScale && VERSION_CONTEXT.test(before)) return 'identifier';
  // "EN 13319", "NC 3033", "ISO 9001": a code in capitals names a standard or a variety.
  // ("the US 500 people": a country before an amount of people.)
  if (
    unit === undefined &&
    !hasScale &&
    /^\d+$/u.test(digits) &&
    CODE_BEFORE.test(before) &&
    !/(?:^|\s)(?:US|UK|EU|UN|USA|UAE)\s$/u.test(before) &&
    !/^\s\p{Ll}+s\b/u.test(after)
  )
    return 'identifier';
  // "X-Plane 11", "Red Dead 2", "Chrome 55", "WordPress 5.8": a small number right after a name,
  // inside the sentence, names a model or a version.
  if (
    unit === undefined &&
    !hasScale &&
    /^\d{1,3}(?:\.\d{1,2}){0,2}$/u.test(digits) &&
    (NAME_BEFORE.test(before) || CAMEL_CASE_NAME_OPENING.test(before)) &&
    !NOT_A_NAME_BEFORE.test(before)
  )
    return 'identifier';
  if (/^\s?(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|ET\b|CET|BST|Uhr|uur\b|heures?\b|h\b|horas?\b)/iu.test(after))
    return 'time';
  if (/^[-–](?:\p{L})/u.test(after)) return 'modifier';
  if (
    unit === undefined &&
    !hasScale &&
    /^(?:\s?(?:years?[ -]old|ans\b|Jahre alt|años de edad))/iu.test(after)
  )
    return 'age';
  if (unit === undefined && TIME_UNIT.test(firstWord(after))) return 'duration';
  // "6165 Leesburg Pike", "10 Downing Street": a street number.
  if (unit === undefined && !hasScale && STREET_AFTER.test(after)) return 'identifier';
  if (start === 0 || /^\s*[(•*-]?\s*$/u.test(before)) {
    if (/^[.)]\s/u.test(after)) return 'list';
  }
  if (
    /(?:No\.|no\.|number|Nr\.|n°|#|page|Page|Section|Article|Chapter|Flight|Route|Room|Level|Phase|Grade|Act|Resolution|Article|Seite|Kapitel|Art\.|[Ee]pisode|[Ee]p\.|[Ss]eason|[Ss]eries|[Pp]art|[Ss]tep|[Ll]esson|[Ff]igure|[Ff]ig\.|[Tt]able|[Cc]olumn|[Ee]xercise|[Vv]olume|[Vv]ol\.|[Ii]ssue|[Tt]rack|[Cc]hapter|Day|Week|Game|Round|Stage|Line|Bus|Gate|Terminal|Platform)\s*$/u.test(
      before,
    )
  ) {
    return 'identifier';
  }
  if (unit === undefined && !hasScale && /^\d{4}$/u.test(digits) && value >= 1800 && value <= 2100) {
    const nextWord = firstWord(after);
    const countNoun =
      /^\p{Ll}+s$/u.test(nextWord) && !/^(?:was|has|is|does|as|this|its|his|has)$/u.test(nextWord);
    if (!countNoun || YEAR_CONTEXT.test(before)) return 'year';
  }
  // An age in apposition: "Hori Parata, 75, has ..." or "(75)".
  if (
    unit === undefined &&
    !hasScale &&
    value < 120 &&
    /\p{Lu}[\p{L}.'’-]+,\s$/u.test(before) &&
    /^,/u.test(after)
  ) {
    return 'age';
  }
  if (/^\s?(?:ans|años)\b/u.test(after) && unit === undefined) return 'age';
  if (/\b(?:aged?|ages of|ages|âgés? de|im Alter von|edades de)\s+(?:between\s+)?$/iu.test(before))
    return 'age';
  return 'quantity';
}

/**
 * Whether a space between digit groups separates two numbers rather than grouping thousands:
 * after a label ("district 1 100 voters") the first group is the label's number.
 */
function splitsSpaceGroup(sentence: string, start: number): boolean {
  return LABEL_BEFORE.test(sentence.slice(Math.max(0, start - 30), start));
}
