import { describe, expect, it } from 'vitest';
import { analyseSentences } from '../../src/summarise/analyse-sentences.js';

describe('analyseSentences', () => {
  it('reads a group of experts closing a view as its source', () => {
    const sentences = analyseSentences(
      [
        'Warmer winters are to blame too, many local researchers think, with the snow melting early.',
        'The drought will last, most economists fear.',
        'The lake is shrinking, the rangers think.',
      ],
      'en',
      10,
    );
    expect(sentences.map((sentence) => sentence.source)).toEqual([
      'many local researchers',
      'most economists',
      undefined,
    ]);
    expect(sentences[0]?.sourceInSentence).toBe(true);
  });
});
