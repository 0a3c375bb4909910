/**
 * The words around a number that describe-count reads, as
 * `/\p{Lu}\p{Ll}{1,3}\.(?=\s\d)|(?:\p{L}\.){2,}|[\p{L}\p{N}][\p{L}\p{N}'’.-]*[\p{L}\p{N}]|[\p{L}\p{N}]|[^\s\p{L}\p{N}]/gu`
 * matches them, by a character scan: it runs twice for every figure, where the Unicode regular
 * expression costs several times more. "Feb." and "U.S." stay whole, so their full stop does not
 * end a clause.
 */
import { isLetter, isLetterOrNumber } from './letter-class.js';

export interface Word {
  readonly text: string;
  readonly start: number;
}

const FULL_STOP = 0x2e;
const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;
const WHITESPACE = /^\s$/u;

function isUpper(code: number): boolean {
  return code < 0x80 ? code >= 65 && code <= 90 : UPPER.test(String.fromCodePoint(code));
}

function isLower(code: number): boolean {
  return code < 0x80 ? code >= 97 && code <= 122 : LOWER.test(String.fromCodePoint(code));
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isWhitespace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return WHITESPACE.test(String.fromCodePoint(code));
}

function widthOf(code: number): number {
  return code > 0xffff ? 2 : 1;
}

/** "Feb. 3": a capital, one to three small letters and a full stop before a space and a digit. */
function abbreviationEnd(text: string, start: number): number {
  let i = start + widthOf(text.codePointAt(start) ?? 0);
  let small = 0;
  while (small < 4 && i < text.length) {
    const code = text.codePointAt(i) ?? 0;
    if (!isLower(code)) break;
    small++;
    i += widthOf(code);
  }
  if (small < 1 || small > 3 || text.charCodeAt(i) !== FULL_STOP) return start;
  const space = text.codePointAt(i + 1);
  if (space === undefined || !isWhitespace(space)) return start;
  return isDigit(text.charCodeAt(i + 1 + widthOf(space))) ? i + 1 : start;
}

/** "U.S.": two or more letters each followed by a full stop. */
function initialsEnd(text: string, start: number): number {
  let i = start;
  let pairs = 0;
  for (;;) {
    const code = text.codePointAt(i) ?? -1;
    if (code < 0 || !isLetter(code)) break;
    const stop = i + widthOf(code);
    if (text.charCodeAt(stop) !== FULL_STOP) break;
    i = stop + 1;
    pairs++;
  }
  return pairs >= 2 ? i : start;
}

/** A word or number: from a letter or digit to the last letter or digit before a space or mark. */
function wordEnd(text: string, start: number): number {
  let i = start + widthOf(text.codePointAt(start) ?? 0);
  let end = i;
  while (i < text.length) {
    const code = text.codePointAt(i) ?? 0;
    const inner = code === 0x27 || code === 0x2019 || code === FULL_STOP || code === 0x2d;
    if (!inner && !isLetterOrNumber(code)) break;
    i += widthOf(code);
    if (!inner) end = i;
  }
  return end;
}

export function phraseWords(text: string, offset: number): Word[] {
  const words: Word[] = [];
  for (let start = 0; start < text.length;) {
    const code = text.codePointAt(start) ?? 0;
    let end = start;
    if (isLetterOrNumber(code)) {
      if (isUpper(code)) end = abbreviationEnd(text, start);
      if (end === start && isLetter(code)) end = initialsEnd(text, start);
      if (end === start) end = wordEnd(text, start);
    } else if (!isWhitespace(code)) {
      end = start + widthOf(code);
    }
    if (end === start) {
      start++;
      continue;
    }
    words.push({ text: text.slice(start, end), start: offset + start });
    start = end;
  }
  return words;
}
