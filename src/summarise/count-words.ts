/**
 * Counts words (runs of letters and digits) with a plain character scan: this runs on every
 * block, sentence and candidate claim, where a Unicode regular expression costs too much.
 */
export function countWords(text: string): number {
  return countWordsUpTo(text, Number.POSITIVE_INFINITY);
}

/**
 * The words of a text counted up to `limit` at most: as good as `countWords` to compare with a
 * threshold no higher than `limit` (`countWordsUpTo(text, 8) < 8`), and the scan stops there
 * instead of reading a long text to its end.
 */
export function countWordsUpTo(text: string, limit: number): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const wordChar =
      (code >= 48 && code <= 57) ||
      (code >= 65 && code <= 90) ||
      (code >= 97 && code <= 122) ||
      (code >= 0xc0 &&
        code !== 0xd7 &&
        code !== 0xf7 &&
        !(code >= 0x2000 && code <= 0x2bff) &&
        !(code >= 0x3000 && code <= 0x303f));
    if (wordChar && !inWord && ++count >= limit) return count;
    inWord = wordChar;
  }
  return count;
}
