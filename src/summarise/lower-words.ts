/**
 * The lower-case words of a sentence, split once and shared by the detectors that use them as a
 * cheap filter before their costlier patterns.
 */
export function lowerWords(sentence: string): readonly string[] {
  return sentence.toLowerCase().split(/[^a-z0-9àâçéèêëîïôûùüÿñæœäößáíóú]+/u);
}
