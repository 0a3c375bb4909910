/**
 * Counts words (runs of letters and digits) with a plain character scan: this runs on every
 * block, sentence and candidate claim, where a Unicode regular expression costs too much.
 */
export function countWords(text: string): number {
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
    if (wordChar && !inWord) count++;
    inWord = wordChar;
  }
  return count;
}
