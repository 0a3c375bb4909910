/**
 * Text handling shared by the summary benchmark's metrics and its Lead-3 baseline: word tokens,
 * a light stemmer, stop words, and a deliberately simple number finder. Kept independent of
 * src/summarise so the benchmark does not grade the summariser with its own parser.
 */

/** Words of English and French too common to carry content; used where content overlap matters. */
const STOP_WORDS = new Set(
  (
    'a an the and or but nor of to in on at by for with from as into onto about over after before than then ' +
    'that this these those there here it its it is be is are was were been being has have had do does did ' +
    'will would could should may might can must shall not no so if also too very just only more most such ' +
    'he she they we you i his her their our your them him us me who whom whose which what when where why how ' +
    'said says say told according while since during through per up down out off again further own same ' +
    'le la les un une des du de d l et ou mais en dans sur par pour avec sans au aux ce cet cette ces qui que ' +
    'quoi dont il elle ils elles on nous vous je se sa son ses leur leurs est sont été être a ont avait ' +
    'selon pas ne plus y lui'
  ).split(' '),
);

/** Lower-cased word tokens (letters and digits; numbers keep their inner separators removed). */
export function tokeniseWords(text: string): string[] {
  const normalised = text
    .normalize('NFC')
    .toLowerCase()
    // Thousands separators inside numbers ("12,000", "12 000") so a number stays one token.
    .replace(/(\d)[,\u00a0\u202f ](?=\d{3}(?!\d))/gu, '$1')
    .replace(/['’‘]s\b/gu, '');
  return normalised.match(/[\p{L}\p{N}]+(?:[.,]\d+)?/gu) ?? [];
}

/**
 * A light suffix stripper (plurals, -ing, -ed, -ly). Enough to match "strandings" with "stranding"
 * and "killed" with "kill"; it does not try to be Porter.
 */
export function stemWord(word: string): string {
  if (word.length <= 3 || /\d/u.test(word)) return word;
  // Plurals first, then verb and adverb endings, so "strandings", "stranding" and "stranded" meet.
  let stem = word;
  if (stem.endsWith('ies') && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else if (stem.endsWith('sses')) stem = stem.slice(0, -2);
  else if (/(?:sh|ch|x|z)es$/u.test(stem) && stem.length > 4) stem = stem.slice(0, -2);
  else if (stem.endsWith('s') && !/(?:ss|us|is)$/u.test(stem)) stem = stem.slice(0, -1);
  if (stem.endsWith('ing') && stem.length > 5) stem = stem.slice(0, -3);
  else if (stem.endsWith('ed') && stem.length > 4) stem = stem.slice(0, -2);
  else if (stem.endsWith('ly') && stem.length > 4) stem = stem.slice(0, -2);
  return stem;
}

/** Stemmed word tokens, the unit of every ROUGE score in this benchmark. */
export function tokeniseForRouge(text: string): string[] {
  return tokeniseWords(text).map(stemWord);
}

/** Stemmed tokens without stop words: the content of a sentence. */
export function tokeniseContent(text: string): string[] {
  return tokeniseWords(text)
    .filter((word) => !STOP_WORDS.has(word))
    .map(stemWord);
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word.toLowerCase());
}

export function countWords(text: string): number {
  return text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** One number as written in a text, with its value. */
export interface NumberMention {
  /** As written, including currency, "%" and scale word ("$900 billion", "4.2 percent"). */
  readonly text: string;
  readonly value: number;
  readonly percent: boolean;
  readonly index: number;
}

const SCALE_WORDS: Readonly<Record<string, number>> = {
  thousand: 1e3,
  mille: 1e3,
  million: 1e6,
  millions: 1e6,
  billion: 1e9,
  billions: 1e9,
  milliard: 1e9,
  milliards: 1e9,
  trillion: 1e12,
  trillions: 1e12,
};

const SPELLED_NUMBERS: Readonly<Record<string, number>> = {
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
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
  hundreds: 100,
  thousands: 1000,
  dozen: 12,
  dozens: 12,
  half: 0.5,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  vingt: 20,
  cent: 100,
};

const NUMBER_PATTERN = new RegExp(
  String.raw`(?<![\p{L}\p{N}])([$€£]\s?)?` +
    // 12,000 · 12.000 · 12 000 (also with no-break spaces), then an optional decimal part; or plain digits.
    // 24,36,269 (Indian grouping, two digits between commas above a thousand).
    String.raw`(\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])|\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?)` +
    String.raw`(?:\s?(%|percent\b|per cent\b|pour cent\b|percentage points?\b))?` +
    String.raw`(?:\s(thousand|mille|millions?|billions?|milliards?|trillions?)\b)?`,
  'giu',
);

const SPELLED_PATTERN = new RegExp(
  String.raw`(?<![\p{L}\p{N}-])(${Object.keys(SPELLED_NUMBERS).join('|')})(?![\p{L}\p{N}])`,
  'giu',
);

/** Parses the digits of one number: "12,000" → 12000, "1,5" → 1.5, "4.2" → 4.2, "2 209" → 2209. */
export function parseDigits(digits: string): number {
  const compact = digits.replace(/[\u00a0\u202f ]/gu, '');
  if (/^\d{1,2}(?:,\d{2})+,\d{3}$/u.test(compact)) return Number(compact.split(',').join(''));
  const grouped = /^\d{1,3}(?:([,.])\d{3})+(?:([.,])\d+)?$/u.exec(compact);
  if (grouped) {
    const thousands = grouped[1] ?? ',';
    const withoutGroups = compact.split(thousands).join('');
    return Number(withoutGroups.replace(',', '.'));
  }
  return Number(compact.replace(',', '.'));
}

/**
 * Every number in a text: digits (with English or European separators, currency, percent and a
 * scale word) and, when `spelled` is set, common spelled-out cardinals ("two", "nine", "vingt").
 */
export function findNumbers(text: string, options: { spelled?: boolean } = {}): NumberMention[] {
  const mentions: NumberMention[] = [];
  for (const match of text.matchAll(NUMBER_PATTERN)) {
    const digits = match[2];
    if (digits === undefined) continue;
    const scale = match[4] === undefined ? 1 : (SCALE_WORDS[match[4].toLowerCase()] ?? 1);
    const value = parseDigits(digits) * scale;
    if (!Number.isFinite(value)) continue;
    mentions.push({ text: match[0].trim(), value, percent: match[3] !== undefined, index: match.index });
  }
  if (options.spelled === true) {
    for (const match of text.matchAll(SPELLED_PATTERN)) {
      const word = (match[1] ?? '').toLowerCase();
      const value = SPELLED_NUMBERS[word];
      if (value === undefined) continue;
      mentions.push({ text: match[0], value, percent: false, index: match.index });
    }
    mentions.sort((a, b) => a.index - b.index);
  }
  return mentions;
}

/**
 * Values that number words in English, French, German and Spanish can stand for, including "one",
 * ordinals ("third", "troisième") and fractions ("half", "quarter"). Wider than `findNumbers`: used
 * to decide whether a figure's value comes from the text, not to list figures.
 */
const NUMBER_WORD_VALUES: Readonly<Record<string, number>> = {
  ...SPELLED_NUMBERS,
  ...Object.fromEntries(
    (
      'one=1 a=1 an=1 un=1 une=1 ein=1 eine=1 uno=1 una=1 zero=0 none=0 thirteen=13 fourteen=14 ' +
      'sixteen=16 seventeen=17 eighteen=18 nineteen=19 sixty=60 seventy=70 eighty=80 ninety=90 ' +
      'thousand=1e3 million=1e6 billion=1e9 first=1 second=2 third=3 fourth=4 fifth=5 sixth=6 seventh=7 ' +
      'eighth=8 ninth=9 tenth=10 premier=1 première=1 deuxième=2 troisième=3 quatrième=4 cinquième=5 ' +
      'onze=11 douze=12 quinze=15 trente=30 quarante=40 cinquante=50 soixante=60 mille=1e3 millions=1e6 ' +
      'milliard=1e9 milliards=1e9 quinzaine=15 dizaine=10 centaine=100 dizaines=10 centaines=100 ' +
      'milliers=1e3 zwei=2 drei=3 vier=4 fünf=5 sechs=6 sieben=7 acht=8 neun=9 zehn=10 hundert=100 ' +
      'tausend=1e3 dos=2 tres=3 cuatro=4 cinco=5 seis=6 siete=7 ocho=8 nueve=9 diez=10 cien=100 mil=1e3 ' +
      'quarter=0.25 quarters=0.25 tiers=1/3 moitié=0.5 halb=0.5 mitad=0.5'
    )
      .split(' ')
      .map((entry) => {
        const [word = '', value = ''] = entry.split('=');
        return [word, value.includes('/') ? 1 / Number(value.split('/')[1]) : Number(value)];
      }),
  ),
};

/** Every value a number word in the text can stand for, with hyphenated compounds ("twenty-five"). */
export function findNumberWordValues(text: string): number[] {
  const values: number[] = [];
  for (const match of text.toLowerCase().matchAll(/\p{L}+(?:-\p{L}+)*/gu)) {
    const parts = match[0].split('-');
    let compound = 0;
    let allNumbers = parts.length > 1;
    for (const part of parts) {
      const value = NUMBER_WORD_VALUES[part];
      if (value === undefined) {
        allNumbers = false;
        continue;
      }
      values.push(value);
      if (part === 'third') values.push(1 / 3);
      compound += value;
    }
    if (allNumbers) values.push(compound);
  }
  // "two-thirds", "three quarters", "deux tiers": a count of parts of a whole.
  for (const match of text.toLowerCase().matchAll(FRACTION_OF_PARTS)) {
    const count = NUMBER_WORD_VALUES[match[1] ?? ''] ?? 1;
    values.push(count / (/^(?:thirds?|tiers|drittel|tercios?)$/u.test(match[2] ?? '') ? 3 : 4));
  }
  return values;
}

const FRACTION_OF_PARTS =
  /\b(one|two|three|un|deux|trois|ein|zwei|drei|un|dos|tres)[\s-](thirds?|quarters?|tiers|quarts?|drittel|viertel|tercios?|cuartos?)\b/gu;

/** Lower case, straight quotes, one space: how written forms of figures are compared. */
export function normaliseWrittenForm(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u00a0\u202f]/gu, ' ')
    .replace(/[’‘]/gu, "'")
    .replace(/\s+/gu, ' ')
    .trim();
}
