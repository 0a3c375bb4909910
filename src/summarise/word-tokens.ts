/**
 * The words and numbers of a text as `/\p{L}[\p{L}'’-]*|\d+/gu` matches them, by a character scan:
 * this runs on every sentence, where the Unicode regular expression costs several times more.
 */
import { isLetter } from './letter-class.js';

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const HYPHEN = 0x2d;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function wordTokens(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.codePointAt(i) ?? 0;
    const start = i;
    if (isLetter(code)) {
      i += code > 0xffff ? 2 : 1;
      while (i < text.length) {
        const next = text.codePointAt(i) ?? 0;
        if (next !== APOSTROPHE && next !== RIGHT_QUOTE && next !== HYPHEN && !isLetter(next)) break;
        i += next > 0xffff ? 2 : 1;
      }
      tokens.push(text.slice(start, i));
    } else if (isDigit(code)) {
      while (i < text.length && isDigit(text.charCodeAt(i))) i++;
      tokens.push(text.slice(start, i));
    } else {
      i += code > 0xffff ? 2 : 1;
    }
  }
  return tokens;
}
