/**
 * The one tokeniser used on both sides of a keyword match: follow queries and articles are cut
 * into tokens the same way, so whole-word, case- and accent-insensitive matching is simply token
 * equality, and a phrase is a run of tokens at consecutive positions.
 */

/** One word of a text, folded for matching, with where it sits in the original string. */
export interface TextToken {
  /** Folded form: lower case, no diacritics, ß→ss and similar ligatures expanded. */
  readonly text: string;
  /** UTF-16 offsets of the word in the original string (`end` exclusive), for highlighting. */
  readonly start: number;
  readonly end: number;
  /**
   * Word position. Consecutive words differ by 1; a sentence or paragraph break adds one more, so
   * a phrase cannot match across "… in Paris. Hilton said …".
   */
  readonly position: number;
}

/** An article (or any text) tokenised once, ready for many queries. */
export interface DocumentTokens {
  /** Positions of every token, ascending. */
  readonly positions: ReadonlyMap<string, readonly number[]>;
}

// Letters, digits and combining marks form words; everything else separates them.
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
// Scripts written without spaces between words: each character is its own token.
const CJK_CHAR = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
// Every Han, Hiragana and Katakana character is at or above U+2E80; most words are far below it.
const CJK_FIRST = 0x2e80;
const CJK_SPLIT =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]\p{M}*|[^\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]+/gu;
const MARKS = /\p{M}/gu;
const NOT_WORD = /[^\p{L}\p{N}]/gu;
const ASCII_WORD = /^[a-z0-9]+$/;
// Sentence-ending punctuation followed by a space, or a line break, between two words.
// Closing quotes or brackets may sit between the stop and the space ('… so." He').
const SENTENCE_BREAK = /[.!?;:…]["'”’»)\]]*\s|[。！？]|\n/u;

// Letters that NFKD does not decompose but that readers treat as their ASCII spelling.
const FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
  ŀ: 'l',
  ħ: 'h',
};
const FOLD_CHARS = new RegExp(`[${Object.keys(FOLDS).join('')}]`, 'gu');

/** Folds one word for matching: "Élysée" → "elysee", "Straße" → "strasse", "ＡＢＣ" → "abc". */
export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  if (ASCII_WORD.test(lower)) return lower;
  return lower
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(FOLD_CHARS, (c) => FOLDS[c] ?? c)
    .replace(NOT_WORD, '');
}

/** Cuts `text` into folded word tokens. `firstPosition` lets several fields share one position space. */
export function tokeniseText(text: string, firstPosition = 0): TextToken[] {
  const tokens: TextToken[] = [];
  scanWords(text, firstPosition, (folded, start, end, position) => {
    tokens.push({ text: folded, start, end, position });
  });
  return tokens;
}

type VisitToken = (folded: string, start: number, end: number, position: number) => void;

/** Calls `visit` for each token in order, without building token objects; returns the last position. */
function scanWords(text: string, firstPosition: number, visit: VisitToken): number {
  let position = firstPosition - 1;
  let previousEnd = -1;
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
    const start = match.index;
    const word = match[0];
    const step =
      previousEnd < 0 ||
      (start - previousEnd === 1 && text.charCodeAt(previousEnd) === 32) ||
      !SENTENCE_BREAK.test(text.slice(previousEnd, start))
        ? 1
        : 2;
    previousEnd = start + word.length;
    if (hasHighChar(word) && CJK_CHAR.test(word)) {
      let next = position + step;
      for (const part of word.matchAll(CJK_SPLIT)) {
        const folded = foldWord(part[0]);
        if (folded === '') continue;
        visit(folded, start + part.index, start + part.index + part[0].length, next);
        position = next;
        next += 1;
      }
      continue;
    }
    const folded = foldWord(word);
    if (folded === '') continue;
    position += step;
    visit(folded, start, previousEnd, position);
  }
  return position;
}

function hasHighChar(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) >= CJK_FIRST) return true;
  return false;
}

/**
 * Tokenises the fields of a document into one position space, with a wide gap between fields so
 * that a phrase never spans the end of the title and the start of the text.
 */
export function tokeniseDocument(fields: readonly string[]): DocumentTokens {
  const positions = new Map<string, number[]>();
  const add: VisitToken = (folded, _start, _end, position) => {
    const list = positions.get(folded);
    if (list === undefined) positions.set(folded, [position]);
    else list.push(position);
  };
  let next = 0;
  for (const field of fields) next = scanWords(field, next, add) + 10;
  return { positions };
}

/** True when `tokens` occur in `doc` at positions `p + offsets[i]` for some `p`. */
export function containsSequence(
  doc: DocumentTokens,
  tokens: readonly string[],
  offsets: readonly number[],
): boolean {
  const first = tokens[0];
  if (first === undefined) return false;
  const starts = doc.positions.get(first);
  if (starts === undefined) return false;
  if (tokens.length === 1) return true;
  const lists: (readonly number[])[] = [starts];
  for (let i = 1; i < tokens.length; i++) {
    const list = doc.positions.get(tokens[i] as string);
    if (list === undefined) return false;
    lists.push(list);
  }
  return holdsSequence(lists, offsets);
}

/**
 * True when some position `p` of `lists[0]` has `p + offsets[i]` in every `lists[i]` (each list
 * holds the ascending positions of one token of a phrase).
 */
export function holdsSequence(lists: ReadonlyArray<readonly number[]>, offsets: readonly number[]): boolean {
  const starts = lists[0];
  if (starts === undefined) return false;
  outer: for (const start of starts) {
    for (let i = 1; i < lists.length; i++) {
      if (!includesSorted(lists[i] as readonly number[], start + (offsets[i] as number))) continue outer;
    }
    return true;
  }
  return false;
}

function includesSorted(list: readonly number[], value: number): boolean {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = list[mid] as number;
    if (at === value) return true;
    if (at < value) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}
