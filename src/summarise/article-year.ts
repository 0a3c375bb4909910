/**
 * The article's own year, and sentences that tell of years before it: history and background,
 * not the news.
 */
import type { AnalysedSentence } from './analyse-sentences.js';
import type { NumberMention } from './find-numbers.js';

/** "in 2002", "in March 2020", "im Mai 2019", "en mars 2018": the year something happened. */
const IN_BEFORE_YEAR = /\b(?:in|en|im|Im|In|En)\s+(?:\p{L}{3,10}\.?\s+)?$/u;

/**
 * The article's own year when it has no publication date: the median of the years it mentions
 * (a story names earlier years for background and later ones for forecasts).
 */
export function typicalYear(sentences: readonly AnalysedSentence[]): number | undefined {
  const years: number[] = [];
  for (const sentence of sentences)
    for (const number of sentence.numbers) if (isYear(number)) years.push(number.value);
  if (years.length === 0) return undefined;
  years.sort((a, b) => a - b);
  return years[Math.floor(years.length / 2)];
}

function isYear(number: NumberMention): boolean {
  return (
    (number.kind === 'year' || number.kind === 'date') &&
    Number.isInteger(number.value) &&
    number.value >= 1800 &&
    number.value <= 2100
  );
}

/**
 * "In 1998, …", "… in 2002", "tested in March 2020": the sentence tells of an earlier year ("since
 * 1840" does not).
 */
export function mentionsYearBefore(sentence: AnalysedSentence, year: number): boolean {
  return sentence.numbers.some(
    (number) =>
      isYear(number) &&
      number.value < year &&
      IN_BEFORE_YEAR.test(sentence.text.slice(Math.max(0, number.start - 16), number.start)),
  );
}
