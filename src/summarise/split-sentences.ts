/**
 * Sentence segmentation for news prose in English, French, German and Spanish. A full stop ends a
 * sentence only when what follows can start one and what precedes is not an abbreviation, an
 * initial, a month abbreviation before a day, or a German ordinal before a month.
 */

/** Titles and abbreviations that are never followed by a sentence break. */
const NEVER_FINAL = new Set(
  (
    'mr mrs ms mx dr prof sen rep gov gen col lt sgt capt cmdr adm rev hon messrs mme mlle mgr me st ste ' +
    'no nos nr art fig vol pp p ca vs cf approx dept univ est ft mt ave blvd hr fr frau herr sra sr srta dña dra ' +
    'jr sr co corp inc ltd bros av bd mio mrd bzw usw vgl z.b d.h u.a i.e e.g etc. pres supt insp det cpl pvt rs v'
  ).split(' '),
);

/** Month abbreviations: not final before a day number ("Jan. 5"). */
const MONTH_ABBREVIATIONS = new Set(
  'jan feb mar apr jun jul aug sep sept oct nov dec janv févr fevr avr juil déc dez okt'.split(' '),
);

const MONTH_NAMES =
  /^(?:jan|feb|m[äa]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|d[ée][cz]|janv|f[ée]v|avr|juin|juil|ao[uû]|ene|abr|ago|dic)/iu;

/** Words that often start a sentence; after "U.S." or "etc." they mark a real break. */
const SENTENCE_STARTERS = new Set(
  (
    'the a an but and or so yet he she it they we i you his her its their this that these those there then ' +
    'in on at for from by with after before when while although though however meanwhile still also if as ' +
    'some many most no not one two three mr mrs ms dr le la les il elle ils un une der die das er sie es ein ' +
    'eine el los las ella ellos en'
  ).split(' '),
);

/** Longest sentence kept whole, in characters; longer runs are cut at clause or word boundaries. */
const MAX_SENTENCE_CHARS = 600;

const CANDIDATE = /([.!?…]+)(["”’»)\]]*)\s+(?=(\S+))/gu;

export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(paragraph); match !== null; match = CANDIDATE.exec(paragraph)) {
    const punctuation = match[1] ?? '';
    const closers = match[2] ?? '';
    const next = match[3] ?? '';
    if (!isBreak(paragraph, match.index, punctuation, closers, next)) continue;
    const end = match.index + punctuation.length + closers.length;
    pushSentence(sentences, paragraph.slice(start, end));
    start = match.index + match[0].length;
  }
  pushSentence(sentences, paragraph.slice(start));
  return sentences;
}

function isBreak(text: string, at: number, punctuation: string, closers: string, next: string): boolean {
  const first = next.charAt(0);
  // A sentence starts with a capital, a digit, an opening quote or bracket, or Spanish ¿ ¡.
  if (!/[\p{Lu}\p{N}“"‘'«(¿¡[]/u.test(first)) return false;
  if (punctuation !== '.' || closers !== '') return true;
  const before = lastWordBefore(text, at);
  const word = before.replace(/^[("“‘'«[]+/u, '');
  const lower = word.toLowerCase();
  const nextWord = next.replace(/^[("“‘'«¿¡[]+/u, '').replace(/[.,;:!?"”’»)]+$/u, '');
  const nextLower = nextWord.toLowerCase();
  if (NEVER_FINAL.has(lower)) return false;
  // An initial ("C. Eugene Steuerle") or a one-letter abbreviation; after a house number, a
  // compass point of a street ("123 N. El Camino Real").
  if (/^\p{Lu}$/u.test(word)) {
    if (/^\d+$/u.test(lastWordBefore(text, at - before.length - 1))) return false;
    return SENTENCE_STARTERS.has(nextLower) && !/^\p{Lu}/u.test(nextWord.slice(1));
  }
  // Dotted acronyms ("U.S.", "a.m."): a break only before a typical sentence opening.
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return SENTENCE_STARTERS.has(nextLower);
  if (MONTH_ABBREVIATIONS.has(lower)) return !/^\d/u.test(nextWord);
  // German ordinals and dates: "am 4. Februar", "der 3. Platz".
  if (/^\d{1,2}$/u.test(word) && MONTH_NAMES.test(nextWord) && !/^\d/u.test(nextWord)) return false;
  return true;
}

/**
 * The run of non-space characters that ends at `at`, within the 40 characters before it: what
 * `/(\S+)$/u` finds in that window, by a scan back from its end instead of a try at each position.
 */
function lastWordBefore(text: string, at: number): string {
  const from = Math.max(0, at - 40);
  let start = at;
  while (start > from && !isSpace(text.charCodeAt(start - 1))) start--;
  return text.slice(start, at);
}

/** `\s` of a regular expression, for one UTF-16 code unit. */
function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function pushSentence(sentences: string[], raw: string): void {
  const sentence = raw.trim();
  if (sentence === '') return;
  if (sentence.length <= MAX_SENTENCE_CHARS) {
    sentences.push(sentence);
    return;
  }
  // A run-on (a list, a table flattened to text, a 10,000-word sentence): cut it so each piece
  // stays readable and the ranking stays linear.
  let rest = sentence;
  while (rest.length > MAX_SENTENCE_CHARS) {
    const window = rest.slice(0, MAX_SENTENCE_CHARS);
    let cut = Math.max(window.lastIndexOf('; '), window.lastIndexOf(', '));
    if (cut < MAX_SENTENCE_CHARS / 3) cut = window.lastIndexOf(' ');
    if (cut < MAX_SENTENCE_CHARS / 3) cut = MAX_SENTENCE_CHARS;
    sentences.push(rest.slice(0, cut + 1).trim());
    rest = rest.slice(cut + 1).trimStart();
  }
  if (rest.trim() !== '') sentences.push(rest.trim());
}
