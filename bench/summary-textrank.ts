/**
 * A TextRank baseline (Mihalcea and Tarau 2004) for reference: sentences ranked by PageRank over
 * their content-word overlap, the top three kept in article order; figures are every number in them.
 */
import { selectBodyParagraphs, splitSentences } from './summary-lead3.js';
import type { OutputSummary } from './summary-metrics.js';
import { findNumbers, tokeniseContent } from './summary-text.js';

const DAMPING = 0.85;
const ITERATIONS = 30;

/** TextRank's sentence similarity: shared words over the log lengths of both sentences. */
export function measureOverlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size < 2 || b.size < 2) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / (Math.log(a.size) + Math.log(b.size));
}

/** PageRank scores over a weighted, symmetric similarity matrix. */
export function rankByPageRank(weights: readonly (readonly number[])[]): number[] {
  const size = weights.length;
  const outWeight = weights.map((row) => row.reduce((sum, weight) => sum + weight, 0));
  let scores = new Array<number>(size).fill(1 / Math.max(1, size));
  for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
    scores = scores.map((_, i) => {
      let incoming = 0;
      for (let j = 0; j < size; j += 1) {
        const weight = weights[j]?.[i] ?? 0;
        const total = outWeight[j] ?? 0;
        if (weight > 0 && total > 0) incoming += (weight / total) * (scores[j] ?? 0);
      }
      return (1 - DAMPING) / size + DAMPING * incoming;
    });
  }
  return scores;
}

export function summariseTextRank(text: string, title?: string, count = 3): OutputSummary {
  const sentences = selectBodyParagraphs(text, title).flatMap(splitSentences);
  const words = sentences.map((sentence) => new Set(tokeniseContent(sentence)));
  const weights = words.map((a, i) => words.map((b, j) => (i === j ? 0 : measureOverlap(a, b))));
  const scores = rankByPageRank(weights);
  const chosen = scores
    .map((score, index) => ({ score, index }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, count)
    .map((entry) => entry.index)
    .sort((a, b) => a - b);
  const picked = chosen.map((index) => sentences[index] ?? '');
  return {
    gist: picked[0] ?? '',
    claims: picked.map((sentence) => ({ text: sentence })),
    figures: picked.flatMap((sentence) =>
      findNumbers(sentence, { spelled: true }).map((mention) => ({
        text: mention.text,
        value: mention.value,
        counts: sentence,
      })),
    ),
  };
}
