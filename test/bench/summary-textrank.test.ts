import { describe, expect, it } from 'vitest';
import { measureOverlap, rankByPageRank, summariseTextRank } from '../../bench/summary-textrank.js';

describe('TextRank baseline', () => {
  it('measures overlap as shared words over the log lengths', () => {
    const a = new Set(['flood', 'home', 'valley']);
    const b = new Set(['flood', 'home', 'rain', 'bridge']);
    expect(measureOverlap(a, b)).toBeCloseTo(2 / (Math.log(3) + Math.log(4)));
    expect(measureOverlap(new Set(['one']), b)).toBe(0);
  });

  it('ranks the hub of a star graph first and sums to one', () => {
    const scores = rankByPageRank([
      [0, 1, 1, 1],
      [1, 0, 0, 0],
      [1, 0, 0, 0],
      [1, 0, 0, 0],
    ]);
    expect(scores[0]).toBeGreaterThan(scores[1] ?? 1);
    expect(scores[1]).toBeCloseTo(scores[2] ?? 0);
    expect(scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });

  it('keeps the most central sentences in article order with their numbers', () => {
    const text = [
      'Heavy rain flooded 1,200 homes in the river valley, officials said.',
      'The weather office expects sunshine next week in the north.',
      'Flooded homes in the river valley will need repairs, officials said.',
      'Rain flooded the valley roads and officials closed them.',
    ].join(' ');
    const summary = summariseTextRank(text, undefined, 2);
    expect(summary.claims.map((claim) => claim.text)).toEqual([
      'Heavy rain flooded 1,200 homes in the river valley, officials said.',
      'Flooded homes in the river valley will need repairs, officials said.',
    ]);
    expect(summary.figures.map((figure) => figure.value)).toEqual([1200]);
  });
});
