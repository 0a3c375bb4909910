import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/summarise/split-sentences.js';

describe('splitSentences', () => {
  it.each([
    [
      'titles and initials',
      'Mr. Smith met Dr. Jones and C. Eugene Steuerle. They talked.',
      ['Mr. Smith met Dr. Jones and C. Eugene Steuerle.', 'They talked.'],
    ],
    [
      'a rupee sign written as an abbreviation',
      'The car costs Rs. 24,36,269 before tax. Sales start in May.',
      ['The car costs Rs. 24,36,269 before tax.', 'Sales start in May.'],
    ],
    [
      'dotted acronyms inside and at the end',
      'The U.S. Embassy closed. Aid went to the U.S. The rest stayed.',
      ['The U.S. Embassy closed.', 'Aid went to the U.S.', 'The rest stayed.'],
    ],
    [
      'a case name and a compass point after a house number',
      'The ruling in Lind v. Berg came in 2015. The shop is at 12 N. El Camino Real in Palo Alto. It opens daily.',
      [
        'The ruling in Lind v. Berg came in 2015.',
        'The shop is at 12 N. El Camino Real in Palo Alto.',
        'It opens daily.',
      ],
    ],
    [
      'month abbreviations before a day',
      'It happened on Jan. 5 in Kyiv. Then it rained.',
      ['It happened on Jan. 5 in Kyiv.', 'Then it rained.'],
    ],
    [
      'decimals and thousands',
      'Growth was 4.2 percent. Debt is $1,200.50 billion.',
      ['Growth was 4.2 percent.', 'Debt is $1,200.50 billion.'],
    ],
    [
      'quotes closing after the stop',
      '“We are ready,” he said. “Everything else is squeezed.” The talks ended.',
      ['“We are ready,” he said.', '“Everything else is squeezed.”', 'The talks ended.'],
    ],
    [
      'German ordinal dates',
      'Das Treffen ist am 4. Februar in Berlin. Danach folgt die Wahl.',
      ['Das Treffen ist am 4. Februar in Berlin.', 'Danach folgt die Wahl.'],
    ],
    [
      'lower-case continuation is not a break',
      'Prices rose, e.g. in food. Wages did not.',
      ['Prices rose, e.g. in food.', 'Wages did not.'],
    ],
    [
      'Spanish opening marks',
      'Llegó tarde. ¿Por qué? Nadie lo sabe.',
      ['Llegó tarde.', '¿Por qué?', 'Nadie lo sabe.'],
    ],
  ])('%s', (_name, paragraph, expected) => {
    expect(splitSentences(paragraph)).toEqual(expected);
  });

  it('cuts a 10,000-word run-on sentence into bounded pieces', () => {
    const sentences = splitSentences(`${'and then the water rose again, '.repeat(2000)}end.`);
    expect(sentences.length).toBeGreaterThan(10);
    for (const sentence of sentences) expect(sentence.length).toBeLessThanOrEqual(601);
    expect(sentences.join(' ').split(/\s+/u).length).toBe(12_001);
  });
});
