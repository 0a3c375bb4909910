/**
 * Counts words (runs of letters and digits) with a plain character scan: this runs on every
 * block, sentence and candidate claim, where a Unicode regular expression costs too much.
 */
export function countWords(text: string): number {
  return countWordsUpTo(text, Number.POSITIVE_INFINITY);
}

/** 1 for the ASCII and Latin-1 characters below U+00C0 that are part of a word (digits and letters), else 0. */
const LOW_WORD_CHAR = new Uint8Array(0xc0).map((_, code) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? 1 : 0,
);

/** From U+00C0 on, every character is part of a word but ×, ÷, punctuation and symbols (U+2000–U+2BFF) and CJK punctuation. */
function highWordChar(code: number): number {
  return code !== 0xd7 &&
    code !== 0xf7 &&
    !(code >= 0x2000 && code <= 0x2bff) &&
    !(code >= 0x3000 && code <= 0x303f)
    ? 1
    : 0;
}

/**
 * The words of a text counted up to `limit` at most: as good as `countWords` to compare with a
 * threshold no higher than `limit` (`countWordsUpTo(text, 8) < 8`), and the scan stops there
 * instead of reading a long text to its end. A word starts where a word character follows one
 * that is not: counted by adding 0 or 1 rather than by a branch, which a processor mispredicts at
 * every other word boundary.
 */
export function countWordsUpTo(text: string, limit: number): number {
  let count = 0;
  let previous = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const current = code < 0xc0 ? (LOW_WORD_CHAR[code] ?? 0) : highWordChar(code);
    const starts = current & (previous ^ 1);
    count += starts;
    if (count >= limit && starts === 1) return count;
    previous = current;
  }
  return count;
}
