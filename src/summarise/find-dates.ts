/**
 * Date mentions in one sentence ("Tuesday, February 4", "January 11, 2025", "4 février",
 * "am 4. Februar", "el 4 de febrero", "in mid-January", "Wednesday"). Used twice: numbers inside
 * a date are not figures, and a claim's date is the date mentioned in its sentence.
 */
import { codePointBefore, isLetterOrNumber } from './letter-class.js';
import { lowerWords } from './lower-words.js';

export interface DateMention {
  readonly start: number;
  readonly end: number;
  /** As written, without a leading weekday when a day of the month follows ("February 4"). */
  readonly text: string;
  /** How precise: a day, a month, or only a weekday. */
  readonly precision: 'day' | 'month' | 'weekday' | 'relative' | 'year';
  /** "since August", "depuis janvier": the start of a period, not when something happened. */
  readonly since: boolean;
}

/** `[Jj]anvier`: French and Spanish months and weekdays are lower-case, except at a sentence start. */
function eitherCase(words: readonly string[]): string {
  return words.map((word) => `[${word.charAt(0).toUpperCase()}${word.charAt(0)}]${word.slice(1)}`).join('|');
}

const EN_MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|' +
  'Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept\\.|Sep\\.|Oct\\.|Nov\\.|Dec\\.';
const OTHER_MONTHS = eitherCase(
  (
    'janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre decembre ' +
    'enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre'
  ).split(' '),
);
const DE_MONTHS = 'Januar|Jänner|Februar|März|Mai|Juni|Juli|Oktober|Dezember';
const MONTH = `(?:${EN_MONTHS}|${OTHER_MONTHS}|${DE_MONTHS})`;

const WEEKDAY = `(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|${eitherCase(
  'lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes miércoles miercoles jueves viernes sábado sabado domingo'.split(
    ' ',
  ),
)})`;

const END = '(?![\\p{L}\\p{N}])';

/**
 * Every pattern starts a date where no letter or digit stands before it. `findDates` checks that
 * for each match instead of a look-behind in the pattern: a pattern that opens with a Unicode
 * look-behind tests it at every position of the sentence, which costs more than the rest.
 */
const PATTERNS: ReadonlyArray<{ pattern: RegExp; precision: DateMention['precision'] }> = [
  {
    // "Tuesday, 4 February 2025", "le 4 février", "am 4. Februar", "el 4 de febrero de 2025", "14–16 June"
    pattern: new RegExp(
      `(?:(${WEEKDAY}),?\\s+)?(?:(?:the|le|el|am|den)\\s+)?(\\d{1,2}(?:st|nd|rd|th|er)?\\.?(?:[-–]\\d{1,2}(?:st|nd|rd|th)?\\.?)?\\s+(?:de\\s+|of\\s+)?${MONTH}(?:,?\\s+(?:de\\s+)?\\d{4}|\\s(?:last|this|next) year)?)${END}`,
      'gu',
    ),
    precision: 'day',
  },
  {
    // "Tuesday, February 4", "Sept. 25, 2018", "January 11th", "November 14-15, 2017"
    pattern: new RegExp(
      `(?:(${WEEKDAY}),?\\s+)?(${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:[-–]\\d{1,2}(?:st|nd|rd|th)?)?(?!\\d)(?:,?\\s+\\d{4}|\\s(?:last|this|next) year)?)${END}`,
      'gu',
    ),
    precision: 'day',
  },
  {
    // "mid-January", "early February 2025", "December 2015", "début janvier", "Anfang Februar"
    pattern: new RegExp(
      `()((?:(?:early|mid|late|the end of|the beginning of|début|mi|fin|Anfang|Mitte|Ende|principios de|mediados de|finales de)[-\\s])?${MONTH}(?:\\s+(?:de\\s+)?\\d{4})?)${END}`,
      'gu',
    ),
    precision: 'month',
  },
  { pattern: new RegExp(`()(${WEEKDAY})${END}`, 'gu'), precision: 'weekday' },
];

/** Dates without a month name: "next year", "last week", "from 2019 to 2024", "in 2013". */
const OTHER_PATTERNS: ReadonlyArray<{ pattern: RegExp; precision: DateMention['precision'] }> = [
  {
    pattern:
      /()((?:next|last|this|later this|earlier this) (?:year|month|week|decade)|yesterday|l['’]an dernier|l['’]année prochaine|l['’]an prochain|la semaine dernière|letztes Jahr|nächstes Jahr|vergangene Woche|el año pasado|el próximo año|la semana pasada)(?![\p{L}])/giu,
    precision: 'relative',
  },
  {
    pattern: /(?:from |between )?()((?:1[89]|20)\d\d (?:to|and|-|–) (?:1[89]|20)\d\d)(?![\p{N}])/gu,
    precision: 'year',
  },
  { pattern: /(?:in|In|en|En|im|Im) ()((?:1[89]|20)\d\d)(?![\p{N}])/gu, precision: 'year' },
  // "In mid-2018", "by late 2020".
  {
    // ("a mid-2013 MacBook Air", "the Late 2012 model": a model's name.)
    pattern:
      /(?<!\b(?:a|an|the|my|his|her|their|our|its|your)\s(?=\S+\s(?:\p{Lu}|model|edition|version)))()((?:early|mid|late)[-\s](?:1[89]|20)\d\ds?)(?![\p{L}\p{N}])(?!\s(?:model|edition|version))/giu,
    precision: 'year',
  },
];

/**
 * Month and weekday names (lower-case, without dots) and the nouns of relative dates: a sentence
 * without a month name has no date with one, and so on. One look-up per word tells which
 * patterns can match.
 */
export const DATE_WORD_KINDS: ReadonlyMap<string, 'month' | 'weekday' | 'relative'> = new Map([
  ...(
    'january february march april may june july august september october november december jan feb mar apr ' +
    'jun jul aug sep sept oct nov dec janvier février fevrier mars avril mai juin juillet août aout septembre ' +
    'octobre novembre décembre decembre januar jänner februar märz juni juli oktober dezember enero febrero ' +
    'marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre'
  )
    .split(' ')
    .map((word) => [word, 'month'] as const),
  ...(
    'monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi vendredi samedi ' +
    'dimanche montag dienstag mittwoch donnerstag freitag samstag sonntag lunes martes miércoles miercoles ' +
    'jueves viernes sábado sabado domingo'
  )
    .split(' ')
    .map((word) => [word, 'weekday'] as const),
  ...'year week month decade yesterday an année semaine jahr woche año semana'
    .split(' ')
    .map((word) => [word, 'relative'] as const),
]);

/**
 * Letters that every match of the relative-date pattern contains, in lower case (without an "s",
 * which the long s also matches when case is ignored).
 */
const RELATIVE_PARTS = [
  'year',
  'month',
  'week',
  'decade',
  'terday',
  "l'an",
  'l’an',
  'emaine',
  'jahr',
  'woche',
  'año',
  'emana',
];
/** The parts as one pattern: one pass over the sentence instead of a search for each part. */
const RELATIVE_PART = new RegExp(RELATIVE_PARTS.join('|'), 'u');

/**
 * English month words as the patterns spell them, with a capital: "may" and "march" are mostly
 * the verbs, and in lower case no pattern can take them for months.
 */
const ENGLISH_MONTHS = new Map(
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'
    .split(' ')
    .map((word) => [word, word.charAt(0).toUpperCase() + word.slice(1)]),
);

const ALL_PATTERNS = [...PATTERNS, ...OTHER_PATTERNS];

/** Whether a word is a month's name as the date patterns read it ("March", "mars", "März"; not "march"). */
export function isMonthName(word: string): boolean {
  const lower = word.toLowerCase();
  if (DATE_WORD_KINDS.get(lower) !== 'month') return false;
  const written = ENGLISH_MONTHS.get(lower);
  return written === undefined || word === written;
}

/** `words`: the sentence's `lowerWords`; only those in `DATE_WORD_KINDS` are read, so those alone will do. */
export function findDates(sentence: string, words: readonly string[] = lowerWords(sentence)): DateMention[] {
  const found: DateMention[] = [];
  let hasMonthWord = false;
  // A month the case-sensitive patterns can match: not "may" or "march" in lower case.
  let hasMonth = false;
  let hasWeekday = false;
  let hasRelative = false;
  for (const word of words) {
    const kind = DATE_WORD_KINDS.get(word);
    if (kind === 'month') {
      hasMonthWord = true;
      const written = ENGLISH_MONTHS.get(word);
      if (written === undefined || sentence.includes(written)) hasMonth = true;
    } else if (kind === 'weekday') hasWeekday = true;
    else if (kind === 'relative') hasRelative = true;
  }
  const hasYear = /\d{4}/u.test(sentence);
  if (!hasMonthWord && !hasWeekday && !hasYear && !hasRelative) return found;
  const hasDigit = hasYear || /\d/u.test(sentence);
  const lower = sentence.toLowerCase();
  // Each pattern runs only when the words it needs are there; the others could match nothing.
  const runs = [
    hasMonth && hasDigit,
    hasMonth && hasDigit,
    hasMonth,
    hasWeekday,
    RELATIVE_PART.test(lower),
    hasYear,
    hasYear,
    hasYear && /(?:early|mid|late)[-\s]\d/iu.test(sentence),
  ];
  for (const [index, { pattern, precision }] of ALL_PATTERNS.entries()) {
    if (runs[index] !== true) continue;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(sentence); match !== null; match = pattern.exec(sentence)) {
      const start = match.index;
      // A date starts no word: after a letter or digit, the search goes on from the next character.
      if (isLetterOrNumber(codePointBefore(sentence, start))) {
        pattern.lastIndex = start + 1;
        continue;
      }
      const end = start + match[0].length;
      if (found.some((other) => start < other.end && end > other.start)) continue;
      const text = (match[2] ?? match[0]).replace(/^(?:the|le|el|am|den)\s+/u, '').trim();
      // "May" alone is usually the verb; only "May 4" or "May 2025" is a date.
      if (precision === 'month' && /^May$/u.test(text)) continue;
      if (precision === 'month' && isFirstName(sentence, start, end, text)) continue;
      // "the Black Friday sales", "Cyber Monday deals": the name of a day, not this week's Friday.
      if (precision === 'weekday' && NAMED_DAY.test(sentence.slice(Math.max(0, start - 9), start))) continue;
      // "for the next decade", "over the last year": a stretch of time, not when something happened.
      if (precision === 'relative' && /\bthe\s$/iu.test(sentence.slice(Math.max(0, start - 4), start)))
        continue;
      const since = /(?:^|\s)(?:since|depuis|seit|desde)\s+$/iu.test(
        sentence.slice(Math.max(0, start - 8), start),
      );
      found.push({ start, end, text, precision, since });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The first word of a day's name: "Black Friday", "Super Tuesday", "Easter Monday". */
const NAMED_DAY =
  /(?:^|[\s/(-])(?:Black|Cyber|Good|Super|Ash|Maundy|Holy|Easter|Palm|Bloody|Blue|Giving|Whit|Shrove|Business)\s$/u;

/** Words before a month that make it a date whatever follows: "in March Apple released …". */
const BEFORE_MONTH =
  /(?:^|\s)(?:in|im|en|au|the|at|on|since|until|till|from|last|next|this|early|late|mid|seit|bis|ab|depuis|desde|hasta)\s$/iu;

/**
 * "Mai Thi Nguyen-Kim erklärt", "April Ryan asked": a month name alone before a capitalised word,
 * with no preposition before it, is a first name; so is a German month without one.
 */
function isFirstName(sentence: string, start: number, end: number, text: string): boolean {
  if (!/^\p{Lu}\p{Ll}+$/u.test(text)) return false;
  if (BEFORE_MONTH.test(sentence.slice(Math.max(0, start - 7), start))) return false;
  // German writes "im Mai", "seit Juli": "auch Mai eine Sache" names someone.
  return /^\s\p{Lu}/u.test(sentence.slice(end, end + 2)) || GERMAN_ONLY_MONTH.test(text);
}

/** Month names only German spells so; English and French ones may stand alone as dates ("June is near"). */
const GERMAN_ONLY_MONTH = new RegExp(`^(?:${DE_MONTHS})$`, 'u');

/** The most precise date of a sentence, for a claim or figure: a day beats a month beats a weekday. */
export function pickDate(dates: readonly DateMention[]): string | undefined {
  const rank = { day: 0, month: 1, weekday: 2, relative: 3, year: 4 } as const;
  // "Last month, the team opened …", "On Tuesday, …": a date that opens the sentence dates its
  // main clause; a more precise one further on may date something else ("… joining from October 2021").
  const opening = dates.find((date) => date.start <= 3 && !date.since && date.precision !== 'year');
  if (opening !== undefined) return opening.text;
  let best: DateMention | undefined;
  for (const date of dates) {
    if (!date.since && (best === undefined || rank[date.precision] < rank[best.precision])) best = date;
  }
  return best?.text;
}
