/**
 * The number lexer: every quantity written in one sentence, in digits ("12,000", "12 000",
 * "1,5 million", "$900 billion", "4.2 percent", "10 to 12 per cent") or in words ("a hundred",
 * "three", "dozens"), with its value, unit and approximation, classified so that dates, times,
 * years, ordinals, ages, durations and compound modifiers ("five-minute video") can be told
 * apart from quantities.
 */
import type { DateMention } from './find-dates.js';
import { lowerWords } from './lower-words.js';
import { parseDigits } from './parse-digits.js';

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

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  $: 'USD',
  US$: 'USD',
  C$: 'CAD',
  A$: 'AUD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  USD: 'USD',
  EUR: 'EUR',
  GBP: 'GBP',
  CHF: 'CHF',
};

const SCALES: ReadonlyArray<[RegExp, number]> = [
  [/^(?:trillions?|tn|billones?|Billionen?)$/u, 1e12],
  [/^(?:billions?|bn|milliards?|Milliarden?|Mrd\.?|mil millones)$/u, 1e9],
  [/^(?:millions?|million|m|mn|Millionen?|Mio\.?|millones|millón|millon)$/u, 1e6],
  [/^(?:thousands?|k|mille|Tausend|mil)$/u, 1e3],
];
const SCALE_WORDS =
  'trillions?|tn|billones|billón|Billionen|Billion|billions?|bn|milliards?|Milliarden|Milliarde|Mrd\\.|mil millones|millions?|mn|Millionen|Million|Mio\\.|millones|millón|thousands?|mille|Tausend|mil|k|m';

const UNITS: ReadonlyArray<[RegExp, string]> = [
  [/^(?:%|percent|per cent|pour cent|pour ?cents|Prozent|por ciento|pc)$/iu, '%'],
  [
    /^(?:percentage points?|points? de pourcentage|Prozentpunkte?|puntos porcentuales)$/iu,
    'percentage points',
  ],
  [/^(?:dollars?|US dollars|dólares|dollari)$/iu, 'USD'],
  [/^(?:euros?|Euro)$/iu, 'EUR'],
  [/^(?:pounds?(?: sterling)?|livres sterling)$/iu, 'GBP'],
  [/^(?:yen)$/iu, 'JPY'],
  [/^(?:yuan|renminbi)$/iu, 'CNY'],
  [/^(?:francs?(?: suisses)?|Franken)$/iu, 'CHF'],
  [
    /^(?:square kilometres|square kilometers|sq km|km²|km2|kilomètres carrés|Quadratkilometer|kilómetros cuadrados)$/iu,
    'km²',
  ],
  [/^(?:square miles|sq mi)$/iu, 'mi²'],
  [/^(?:km|kilometres|kilometers|kilomètres|Kilometer|kilómetros)$/iu, 'km'],
  [/^(?:miles?)$/iu, 'mi'],
  [/^(?:metres|meters|mètres|Meter|metros)$/iu, 'm'],
  [/^(?:kg|kilograms?|kilogrammes?|kilos|Kilogramm|kilogramos)$/iu, 'kg'],
  [/^(?:tonnes?|tons?|Tonnen|toneladas|t)$/iu, 't'],
  [/^(?:hectares?|Hektar|hectáreas)$/iu, 'ha'],
  [/^(?:acres?)$/iu, 'acres'],
  [/^(?:barrels?|barils?)$/iu, 'barrels'],
  [/^(?:litres?|liters?|Liter|litros)$/iu, 'l'],
  [/^(?:mw|megawatts?)$/iu, 'MW'],
  [/^(?:gw|gigawatts?)$/iu, 'GW'],
  [/^(?:°c|degrees celsius|degrés)$/iu, '°C'],
  [/^(?:°f|degrees fahrenheit)$/iu, '°F'],
  [/^(?:mph|km\/h)$/iu, 'speed'],
];
const UNIT_WORDS =
  '%|percent|per cent|pour cent|Prozent|por ciento|percentage points?|points? de pourcentage|Prozentpunkte?|puntos porcentuales|' +
  'US dollars|dollars?|dólares|euros?|Euro|pounds sterling|pounds?|yen|yuan|francs|Franken|' +
  'square kilometres|square kilometers|sq km|km²|km2|kilomètres carrés|Quadratkilometer|kilómetros cuadrados|square miles|' +
  'kilometres|kilometers|kilomètres|Kilometer|kilómetros|km|miles?|metres|meters|mètres|Meter|metros|' +
  'kilograms?|kilogrammes?|kilos|Kilogramm|kg|tonnes?|tons?|Tonnen|toneladas|hectares?|Hektar|acres?|barrels?|barils?|' +
  'litres?|liters?|Liter|litros|megawatts?|MW|gigawatts?|GW|°C|°F|mph|km/h';

/** Units of time: a number with one is a duration ("three weeks", "3min", "four years ago"). */
const TIME_UNIT =
  /^(?:seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?|yrs?|decades?|centur(?:y|ies)|secondes?|heures?|jours?|semaines?|mois|ans?|années?|siècles?|Sekunden?|Minuten?|Stunden?|Tagen?|Tage|Wochen?|Monaten?|Monate|Jahren?|Jahre|Jahrzehnten?|segundos?|minutos?|horas?|días?|dias?|semanas?|mes|meses|años?|anos?|décadas?|siglos?)$/u;

const APPROXIMATORS =
  'about|around|some|nearly|almost|roughly|approximately|more than|over|at least|up to|fewer than|less than|close to|an estimated|estimated|upwards of|as many as|as much as|just over|just under|under|' +
  "environ|près de|presque|quelque|quelques|plus de|moins de|au moins|jusqu[’']à|quasiment|" +
  'rund|etwa|ungefähr|fast|knapp|mehr als|über|weniger als|mindestens|bis zu|gut|' +
  'unos|unas|alrededor de|casi|más de|menos de|cerca de|al menos|hasta';

const SPELLED: Readonly<Record<string, number>> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  thousand: 1000,
  dozen: 12,
  'a hundred': 100,
  'a thousand': 1000,
  'a dozen': 12,
  'one hundred': 100,
  'one thousand': 1000,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  douze: 12,
  quinze: 15,
  vingt: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  cent: 100,
  mille: 1000,
  'une centaine': 100,
  'une dizaine': 10,
  'une vingtaine': 20,
  'une quinzaine': 15,
  zwei: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
  zehn: 10,
  zwölf: 12,
  zwanzig: 20,
  hundert: 100,
  tausend: 1000,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  doce: 12,
  veinte: 20,
  cien: 100,
  cientos: 100,
};
const SPELLED_WORDS = Object.keys(SPELLED)
  .sort((a, b) => b.length - a.length)
  .join('|');

const DIGITS = String.raw`\d{1,3}(?:[,.' ]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?`;
const NUMBER_PATTERN = new RegExp(
  String.raw`(?<![\p{L}\p{N}$€£¥.,/-])` +
    String.raw`(?<currency>US\$|C\$|A\$|[$€£¥₹]|USD|EUR|GBP|CHF)?\s?` +
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
const APPROXIMATION_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(${APPROXIMATORS})(\s+)$`, 'iu');

const SPELLED_PATTERN = new RegExp(
  String.raw`(?<![\p{L}\p{N}-])(?:(?<approx>${APPROXIMATORS})\s+)?(?<word>${SPELLED_WORDS})(?:\s(?<scale>million|millions|billion|billions|thousand|milliards?|millions|Millionen|Milliarden|millones))?(?<tail>-[\p{L}]+|[\p{L}]+)?(?![\p{N}])`,
  'giu',
);

/** Words before a four-digit number that make it a year ("in 2017", "since 2012"). */
const YEAR_CONTEXT =
  /(?:^|\s)(?:in|since|by|from|until|till|to|of|before|after|during|between|and|or|early|late|mid|the|en|depuis|dès|jusqu'en|avant|après|im|seit|bis|vor|nach|desde|hasta|antes|después|de|del|year|année|Jahr|año|fiscal|spring|summer|autumn|fall|winter)\s*$/iu;

export function findNumbers(
  sentence: string,
  dates: readonly DateMention[],
  language: string,
  words: readonly string[] = lowerWords(sentence),
): NumberMention[] {
  const mentions: NumberMention[] = [];
  NUMBER_PATTERN.lastIndex = 0;
  if (!/\d/u.test(sentence)) NUMBER_PATTERN.lastIndex = sentence.length;
  for (let match = NUMBER_PATTERN.exec(sentence); match !== null; match = NUMBER_PATTERN.exec(sentence)) {
    const groups = match.groups ?? {};
    const digits = groups['digits'] ?? '';
    const approximation = APPROXIMATION_BEFORE.exec(
      sentence.slice(Math.max(0, match.index - 30), match.index),
    );
    const start =
      match.index -
      (approximation === null ? 0 : (approximation[1] ?? '').length + (approximation[2] ?? '').length);
    const approximate = approximation !== null;
    let value = parseDigits(digits, language);
    if (!Number.isFinite(value)) continue;
    let valueTo = groups['digitsTo'] === undefined ? undefined : parseDigits(groups['digitsTo'], language);
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
      value *= scale;
      if (valueTo !== undefined) valueTo *= scale;
    }
    const unit = groups['currency'] ? CURRENCY_SYMBOLS[groups['currency']] : unitOf(groups['unit']);
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
    const tail = groups['tail'];
    if (tail !== undefined && !tail.startsWith('-')) continue; // part of a longer word
    const end = match.index + match[0].length - (tail?.length ?? 0);
    const scale = scaleOf(groups['scale'], false);
    const value = base * (scale ?? 1);
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

/** "$600 million to $700 million", "between 10% and 12%": two quantities that are one range. */
function mergeRanges(sentence: string, mentions: NumberMention[]): NumberMention[] {
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
    merged.push(mention);
  }
  return merged;
}

const SPELLED_SET = new Set(Object.keys(SPELLED).flatMap((word) => word.split(' ')));

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

function scaleOf(word: string | undefined, hasCurrency: boolean): number | undefined {
  if (word === undefined) return undefined;
  if ((word === 'm' || word === 'k') && !hasCurrency) return undefined;
  for (const [pattern, factor] of SCALES) if (pattern.test(word)) return factor;
  return undefined;
}

function unitOf(word: string | undefined): string | undefined {
  if (word === undefined) return undefined;
  for (const [pattern, unit] of UNITS) if (pattern.test(word)) return unit;
  return undefined;
}

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
  if (tail !== undefined) {
    if (/^(?::\d\d|h\d\d|h$)/u.test(tail) || /^(?:am|pm)$/iu.test(tail)) return 'time';
    if (/^(?:st|nd|rd|th|er|re|e|ème|eme|ᵉ|º|ª|o|a)$/iu.test(tail)) return 'ordinal';
    if (tail.startsWith('-')) return /^-(?:year|yr)s?-old$/iu.test(tail) ? 'age' : 'modifier';
    if (TIME_UNIT.test(tail)) return 'duration';
    if (tail.startsWith('/')) return 'identifier';
    return 'identifier';
  }
  if (/^\s?(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|ET\b|CET|BST|Uhr|heures?\b|h\b)/iu.test(after)) return 'time';
  if (/^[-–](?:\p{L})/u.test(after)) return 'modifier';
  if (
    unit === undefined &&
    !hasScale &&
    /^(?:\s?(?:years?[ -]old|ans\b|Jahre alt|años de edad))/iu.test(after)
  )
    return 'age';
  if (unit === undefined && TIME_UNIT.test(firstWord(after))) return 'duration';
  if (start === 0 || /^\s*[(•*-]?\s*$/u.test(before)) {
    if (/^[.)]\s/u.test(after)) return 'list';
  }
  if (
    /(?:No\.|no\.|number|Nr\.|n°|#|page|Page|Section|Article|Chapter|Flight|Route|Room|Level|Phase|Grade|Act|Resolution|Article|Seite|Kapitel|Art\.)\s*$/u.test(
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
