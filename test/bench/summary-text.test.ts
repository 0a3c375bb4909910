import { describe, expect, it } from 'vitest';
import { selectBodyParagraphs, splitSentences, summariseLeadThree } from '../../bench/summary-lead3.js';
import { percentile } from '../../bench/summary-speed.js';
import {
  countWords,
  findNumberWordValues,
  findNumbers,
  parseDigits,
  stemWord,
  tokeniseWords,
} from '../../bench/summary-text.js';

describe('findNumbers', () => {
  it.each([
    ['12,000 soldiers', 12000, false],
    ['12 000 soldats', 12000, false],
    ['2\u00a0209 Français', 2209, false],
    ['1,5 million', 1.5e6, false],
    ['1.1 million people', 1.1e6, false],
    ['more than $900 billion', 9e11, false],
    ['nearly $16 trillion', 16e12, false],
    ['4.2 percent', 4.2, true],
    ['15 %', 15, true],
    ['près de 5 500 morts', 5500, false],
  ])('reads %s as %d', (text, value, percent) => {
    const [mention] = findNumbers(text);
    expect(mention?.value).toBeCloseTo(value);
    expect(mention?.percent).toBe(percent);
  });

  it('keeps the written form and finds every number in order', () => {
    const mentions = findNumbers('In 1997, 12 people and $300 billion over two years.', { spelled: true });
    expect(mentions.map((m) => m.text)).toEqual(['1997', '12', '$300 billion', 'two']);
  });

  it('ignores digits glued to letters and spelled numbers unless asked', () => {
    expect(findNumbers('Page A1 of the A350 fleet').map((m) => m.value)).toEqual([]);
    expect(findNumbers('two people')).toEqual([]);
  });

  it('reads number words in several languages, with compounds', () => {
    expect(findNumberWordValues('twenty-five')).toEqual([20, 5, 25]);
    expect(findNumberWordValues('la troisième fois, huit des dix')).toEqual(
      expect.arrayContaining([3, 8, 10]),
    );
    expect(findNumberWordValues('no numbers here')).toEqual([]);
  });

  it('parses English and European separators', () => {
    expect(parseDigits('1,100')).toBe(1100);
    expect(parseDigits('1.100.000')).toBe(1100000);
    expect(parseDigits('3,5')).toBe(3.5);
    expect(parseDigits('6.6')).toBe(6.6);
  });
});

describe('tokens', () => {
  it('lower-cases, keeps numbers whole and drops possessives', () => {
    expect(tokeniseWords("Seoul's 12,000 North Koreans")).toEqual(['seoul', '12000', 'north', 'koreans']);
  });

  it('stems related forms to one stem', () => {
    expect(stemWord('strandings')).toBe(stemWord('stranding'));
    expect(stemWord('stranded')).toBe(stemWord('strands'));
    expect(stemWord('countries')).toBe('country');
    expect(stemWord('bus')).toBe('bus');
  });

  it('counts words, not punctuation', () => {
    expect(countWords('One — two, three !')).toBe(3);
  });
});

describe('Lead-3 baseline', () => {
  const article = [
    'Troops leave the front, says Seoul',
    'Published',
    'Reading time: 3min',
    'A soldier in a hospital bed, January 11, 2025. (Telegram / Office of the President)',
    'Seoul said on Tuesday that 12,000 troops had left. Mr. Kim gave no details about the U.S. role in it.',
    'Troops leave the front, says Seoul',
    'Moscow has not confirmed the withdrawal. Kyiv disputes it.',
    'Related Articles',
  ].join('\n\n');

  it('drops furniture, captions and the repeated headline', () => {
    expect(selectBodyParagraphs(article, 'Troops leave the front, says Seoul')).toEqual([
      'Seoul said on Tuesday that 12,000 troops had left. Mr. Kim gave no details about the U.S. role in it.',
      'Moscow has not confirmed the withdrawal. Kyiv disputes it.',
    ]);
  });

  it('splits sentences without breaking at abbreviations', () => {
    expect(
      splitSentences('Mr. Kim met Dr. Lee in the U.S. on Sept. 25. They talked. "Fine," he said.'),
    ).toEqual(['Mr. Kim met Dr. Lee in the U.S. on Sept. 25.', 'They talked.', '"Fine," he said.']);
  });

  it('splits at French quotes and drops captions with a glued credit', () => {
    expect(
      splitSentences(
        'Ils sont sans nouvelles de 200 personnes. «Pour certains, on est inquiet», a-t-il dit.',
      ),
    ).toEqual(['Ils sont sans nouvelles de 200 personnes.', '«Pour certains, on est inquiet», a-t-il dit.']);
    expect(
      selectBodyParagraphs('Debt could top the budget in 2023.CreditCreditJane Doe/EPA, via Shutterstock'),
    ).toEqual([]);
  });

  it('takes the first three sentences and every number in them', () => {
    const lead = summariseLeadThree(article, 'Troops leave the front, says Seoul');
    expect(lead.claims.map((c) => c.text)).toEqual([
      'Seoul said on Tuesday that 12,000 troops had left.',
      'Mr. Kim gave no details about the U.S. role in it.',
      'Moscow has not confirmed the withdrawal.',
    ]);
    expect(lead.gist).toBe('Seoul said on Tuesday that 12,000 troops had left.');
    expect(lead.figures.map((f) => f.value)).toEqual([12000]);
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile(sorted, 0.99)).toBe(99);
    expect(percentile([], 0.5)).toBe(0);
  });
});
