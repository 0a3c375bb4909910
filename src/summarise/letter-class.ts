/**
 * `\p{L}` and `[\p{L}\p{N}]` for one code point, by plain comparisons for ASCII and Latin letters.
 * Unicode property classes cost much more in a regular expression than these comparisons, and the
 * summariser scans every block and sentence character by character; rarer characters still get
 * the exact Unicode answer.
 */
const LETTER = /^\p{L}$/u;
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

function isAsciiLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 97 && lower <= 122;
}

/** Latin-1 and Latin Extended-A/B letters (U+00C0–U+024F but × and ÷). */
function isLatinLetter(code: number): boolean {
  return code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7;
}

/** General Punctuation (U+2000–U+206F: spaces, dashes, quotes) holds no letter or number. */
function isGeneralPunctuation(code: number): boolean {
  return code >= 0x2000 && code <= 0x206f;
}

export function isLetter(codePoint: number): boolean {
  if (codePoint < 0x80) return isAsciiLetter(codePoint);
  if (isLatinLetter(codePoint)) return true;
  if (isGeneralPunctuation(codePoint)) return false;
  return LETTER.test(String.fromCodePoint(codePoint));
}

export function isLetterOrNumber(codePoint: number): boolean {
  if (codePoint < 0x80) return (codePoint >= 48 && codePoint <= 57) || isAsciiLetter(codePoint);
  if (isLatinLetter(codePoint)) return true;
  if (isGeneralPunctuation(codePoint)) return false;
  return LETTER_OR_NUMBER.test(String.fromCodePoint(codePoint));
}

/** The code point just before `index` (a surrogate pair read as one character), or -1 at the start. */
export function codePointBefore(text: string, index: number): number {
  if (index <= 0) return -1;
  const before = text.charCodeAt(index - 1);
  const pair = (before & 0xfc00) === 0xdc00 && index >= 2 && (text.charCodeAt(index - 2) & 0xfc00) === 0xd800;
  return pair ? (text.codePointAt(index - 2) ?? before) : before;
}
