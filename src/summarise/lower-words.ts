/**
 * The lower-case words of a sentence, split once and shared by the detectors that use them as a
 * cheap filter before their costlier patterns. The same pieces as
 * `sentence.toLowerCase().split(/[^a-z0-9àâçéèêëîïôûùüÿñæœäößáíóú]+/u)`, by a character scan.
 */
const WORD_CHARS = new Set(
  [...'abcdefghijklmnopqrstuvwxyz0123456789àâçéèêëîïôûùüÿñæœäößáíóú'].map((char) => char.charCodeAt(0)),
);

export function lowerWords(sentence: string): readonly string[] {
  const lower = sentence.toLowerCase();
  const words: string[] = [];
  let start = 0;
  let inWord = true;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    const wordChar =
      code < 0x80 ? (code >= 97 && code <= 122) || (code >= 48 && code <= 57) : WORD_CHARS.has(code);
    if (wordChar && !inWord) {
      start = i;
      inWord = true;
    } else if (!wordChar && inWord) {
      words.push(lower.slice(start, i));
      inWord = false;
    }
  }
  words.push(inWord ? lower.slice(start) : '');
  return words;
}
