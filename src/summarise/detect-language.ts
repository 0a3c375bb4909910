/**
 * Language detection: a declared language wins; otherwise franc's trigram model decides among
 * languages written in Latin script. Text mostly in another script is refused, because the
 * segmentation and number rules here are written for Latin-script languages.
 */
import { franc } from 'franc-min';
import { SummariseError } from './summarise-error.js';

/** ISO 639-3 (franc) to ISO 639-1 for the Latin-script languages franc-min knows best. */
const ISO_639_1: Readonly<Record<string, string>> = {
  eng: 'en',
  fra: 'fr',
  deu: 'de',
  spa: 'es',
  ita: 'it',
  por: 'pt',
  nld: 'nl',
  pol: 'pl',
  ces: 'cs',
  swe: 'sv',
  ron: 'ro',
  hun: 'hu',
  tur: 'tr',
  ind: 'id',
  vie: 'vi',
};

const CANDIDATES = Object.keys(ISO_639_1);

/** Characters fed to franc: enough for a stable guess, bounded for speed. */
const SAMPLE_CHARS = 600;

export function detectLanguage(text: string, declared: string | undefined): string {
  let sample = text.slice(0, 4_000);
  let { latin, letters } = countLetters(sample);
  if (letters < 20 && text.length > sample.length) {
    // The start is punctuation or digits: judge by the whole (already bounded) text.
    sample = text;
    ({ latin, letters } = countLetters(sample));
  }
  if (letters === 0) throw new SummariseError('no-text', 'the input holds no words');
  refuseOtherScripts(sample, latin, letters);
  const declaredCode = declared?.trim().toLowerCase().split(/[-_]/u)[0];
  if (declaredCode && /^[a-z]{2}$/u.test(declaredCode)) return declaredCode;
  const quick = guessByStopWords(text.slice(0, 3000));
  if (quick !== undefined) return quick;
  const guess = franc(text.slice(0, SAMPLE_CHARS), { only: CANDIDATES, minLength: 20 });
  return ISO_639_1[guess] ?? 'und';
}

/** Throws `unsupported-script` when most letters of `text` are not Latin. */
export function refuseUnsupportedScript(text: string): void {
  const sample = text.slice(0, 4_000);
  const { latin, letters } = countLetters(sample);
  if (letters > 0) refuseOtherScripts(sample, latin, letters);
}

function refuseOtherScripts(sample: string, latin: number, letters: number): void {
  if (latin / letters >= 0.5) return;
  const script = dominantScript(sample);
  throw new SummariseError('unsupported-script', `text in ${script} script is not supported yet`);
}

/** The commonest function words of the four languages handled in full; unambiguous ones only. */
const STOP_WORDS: ReadonlyArray<[string, ReadonlySet<string>]> = [
  [
    'en',
    new Set(
      'the of and to is was that for with are have has from this which were been would their'.split(' '),
    ),
  ],
  [
    'fr',
    new Set(
      'le la les des est une dans pour qui sur pas avec sont aux ont cette été mais selon du'.split(' '),
    ),
  ],
  [
    'de',
    new Set(
      'der die das und ist nicht mit sich auf dem den ein eine auch wird nach bei sind wurde'.split(' '),
    ),
  ],
  [
    'es',
    new Set('el los las del que por una con para está son fue como más pero sus según muy hay'.split(' ')),
  ],
];

/** Each function word with the indexes (in `STOP_WORDS`) of the languages it belongs to: one look-up per word. */
const STOP_WORD_LANGUAGES = new Map<string, number[]>();
STOP_WORDS.forEach(([, words], index) => {
  for (const word of words) STOP_WORD_LANGUAGES.set(word, [...(STOP_WORD_LANGUAGES.get(word) ?? []), index]);
});

/** A word longer than this is no function word of the four languages. */
const LONGEST_STOP_WORD = Math.max(...[...STOP_WORD_LANGUAGES.keys()].map((word) => word.length));

/** Letters of the four languages' words, lower case: the words are runs of these. */
const WORD_LETTERS = new Set([...'äöüßàâçéèêëîïôûùÿñáíóú'].map((char) => char.charCodeAt(0)));

function isWordLetter(code: number): boolean {
  return code < 0x80 ? code >= 97 && code <= 122 : WORD_LETTERS.has(code);
}

/** Share of words that are function words of the language, at least, in prose of that language. */
const MIN_STOP_WORD_SHARE = 0.08;

/**
 * Counts function words of English, French, German and Spanish: fast and reliable on prose; a
 * clear winner is accepted, anything close goes to franc.
 */
function guessByStopWords(sample: string): string | undefined {
  const counts = STOP_WORDS.map(([code]) => ({ code, hits: 0 }));
  let words = 0;
  // Runs of word letters, as splitting on /[^a-zäöüßàâçéèêëîïôûùÿñáíóú]+/ finds them, by a
  // character scan: cheaper than the split, and no array of pieces.
  const lower = sample.toLowerCase();
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    if (i < lower.length && isWordLetter(lower.charCodeAt(i))) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    words++;
    // A word longer than any function word is not looked up.
    if (i - start <= LONGEST_STOP_WORD)
      for (const index of STOP_WORD_LANGUAGES.get(lower.slice(start, i)) ?? [])
        (counts[index] as { hits: number }).hits++;
    start = -1;
  }
  counts.sort((a, b) => b.hits - a.hits);
  const [first, second] = counts;
  if (first === undefined || second === undefined) return undefined;
  // Prose in one of these languages is dense with its function words; Dutch or Italian text shares
  // a few ("is", "was", "die") but far fewer of them: those go to franc.
  return first.hits >= 8 && first.hits >= 3 * second.hits && first.hits >= MIN_STOP_WORD_SHARE * words
    ? first.code
    : undefined;
}

/** Latin letters (ASCII, Latin-1, Latin Extended) against all letters, by a plain scan for speed. */
function countLetters(sample: string): { latin: number; letters: number } {
  let latin = 0;
  let letters = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) {
      latin++;
      letters++;
    } else if (code >= 0xc0) {
      const isLatin = (code <= 0x24f && code !== 0xd7 && code !== 0xf7) || (code >= 0x1e00 && code <= 0x1eff);
      if (isLatin) {
        latin++;
        letters++;
      } else if (/\p{L}/u.test(sample.charAt(i))) letters++;
    }
  }
  return { latin, letters };
}

const SCRIPTS: ReadonlyArray<[string, RegExp]> = [
  ['Cyrillic', /\p{Script=Cyrillic}/gu],
  ['Arabic', /\p{Script=Arabic}/gu],
  ['Hebrew', /\p{Script=Hebrew}/gu],
  ['Greek', /\p{Script=Greek}/gu],
  ['Han', /\p{Script=Han}/gu],
  ['Hiragana/Katakana', /[\p{Script=Hiragana}\p{Script=Katakana}]/gu],
  ['Hangul', /\p{Script=Hangul}/gu],
  ['Devanagari', /\p{Script=Devanagari}/gu],
  ['Thai', /\p{Script=Thai}/gu],
];

function dominantScript(sample: string): string {
  let best = 'a non-Latin';
  let bestCount = 0;
  for (const [name, pattern] of SCRIPTS) {
    const count = (sample.match(pattern) ?? []).length;
    if (count > bestCount) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}
