import { analyseSentences } from '../../src/summarise/analyse-sentences.js';
import { rankSentences } from '../../src/summarise/rank-sentences.js';
import { selectClaims, type ClaimSelection } from '../../src/summarise/select-claims.js';

/** Reads the paragraphs as the summariser does and selects with the given headline words. */
export function selectFrom(
  paragraphs: readonly string[],
  titleWords: readonly string[],
  options: Partial<Parameters<typeof selectClaims>[3]> = {},
): ClaimSelection | undefined {
  const sentences = analyseSentences(paragraphs, 'en', 10);
  const centrality = rankSentences(sentences.map((sentence) => sentence.contentWords));
  return selectClaims(sentences, centrality, new Set(titleWords), { maxClaims: 5, maxWords: 90, ...options });
}
