import { describe, expect, it } from 'vitest';
import {
  attributionAgrees,
  collectOutputTexts,
  coverClaims,
  datesAgree,
  matchFigures,
  rougeL,
  rougeN,
  scoreRouge,
  type GoldFigure,
  type OutputFigure,
  type OutputSummary,
} from '../../bench/summary-metrics.js';
import { checkGrounding } from '../../bench/summary-grounding.js';

const words = (text: string): string[] => text.split(' ');

describe('ROUGE-N', () => {
  it('scores unigrams and bigrams of a one-word substitution', () => {
    const candidate = words('the cat sat on the mat');
    const reference = words('the cat lay on the mat');
    expect(rougeN(candidate, reference, 1).recall).toBeCloseTo(5 / 6);
    expect(rougeN(candidate, reference, 1).precision).toBeCloseTo(5 / 6);
    // Bigrams: the-cat, on-the, the-mat shared; cat-sat/sat-on against cat-lay/lay-on not.
    expect(rougeN(candidate, reference, 2).f1).toBeCloseTo(3 / 5);
  });

  it('clips repeated candidate words by their count in the reference', () => {
    const score = rougeN(words('the the the'), words('the cat'), 1);
    expect(score.precision).toBeCloseTo(1 / 3);
    expect(score.recall).toBeCloseTo(1 / 2);
    expect(score.f1).toBeCloseTo(0.4);
  });

  it('gives zero, not NaN, for empty text', () => {
    expect(rougeN([], words('a b'), 1)).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(rougeN(words('a b'), [], 2)).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('does not count bigrams across sentence boundaries', () => {
    const joined = scoreRouge(['troops withdrawn front'], ['troops withdrawn', 'front line']);
    // Reference bigrams: troop-withdrawn, front-line; "withdrawn front" only exists in the candidate.
    expect(joined.rouge2.recall).toBeCloseTo(1 / 2);
    expect(joined.rouge2.precision).toBeCloseTo(1 / 2);
  });

  it('lower-cases and stems before comparing', () => {
    const score = scoreRouge(['Whales Stranded on beaches'], ['whale strandings on the beach']);
    expect(score.rouge1.recall).toBeCloseTo(4 / 5);
  });
});

describe('ROUGE-L', () => {
  it('is the longest common subsequence for one sentence each', () => {
    const score = rougeL([words('the cat sat on the mat')], [words('the cat lay on the mat')]);
    expect(score.recall).toBeCloseTo(5 / 6);
    expect(score.precision).toBeCloseTo(5 / 6);
  });

  it('takes the union of LCS hits over candidate sentences (Lin 2004 example)', () => {
    const reference = [words('w1 w2 w3 w4 w5')];
    const candidate = [words('w1 w2 w6 w7 w8'), words('w1 w3 w8 w9 w5')];
    const score = rougeL(candidate, reference);
    expect(score.recall).toBeCloseTo(4 / 5);
    expect(score.precision).toBeCloseTo(4 / 10);
  });

  it('ignores word order outside the subsequence', () => {
    expect(rougeL([words('c b a')], [words('a b c')]).recall).toBeCloseTo(1 / 3);
  });
});

describe('attributionAgrees', () => {
  it('accepts a longer or shorter naming of the same source', () => {
    expect(attributionAgrees('President Volodymyr Zelensky', ['Zelensky'])).toBe(true);
    expect(
      attributionAgrees("South Korea's National Intelligence Service", [
        'NIS',
        'National Intelligence Service',
      ]),
    ).toBe(true);
    expect(attributionAgrees('the Tax Policy Center', ['Tax Policy Center'])).toBe(true);
  });

  it('rejects a different source that shares one word', () => {
    expect(attributionAgrees('the Ukrainian army', ['Ukrainian special forces'])).toBe(false);
    expect(attributionAgrees('Kyiv', ['Seoul', 'South Korea'])).toBe(false);
  });

  it('compares role words when a source is named only by its role', () => {
    expect(attributionAgrees('his spokesman', ['spokesman'])).toBe(true);
    expect(attributionAgrees('a spokesman for the army', ['Reuters'])).toBe(false);
  });

  it('wants no attribution when the gold says none, and one when it names a source', () => {
    expect(attributionAgrees(undefined, null)).toBe(true);
    expect(attributionAgrees('officials', null)).toBe(false);
    expect(attributionAgrees(undefined, ['Reuters'])).toBe(false);
    expect(attributionAgrees('he', ['Reuters'])).toBe(false);
  });

  it('accepts a missing attribution only when the gold marks it optional', () => {
    expect(attributionAgrees(undefined, ['CBO'], true)).toBe(true);
    expect(attributionAgrees('Jeffrey Frankel', ['CBO'], true)).toBe(false);
  });
});

describe('datesAgree', () => {
  it('accepts the same date in another order or with a weekday', () => {
    expect(datesAgree('Tuesday, February 4', '4 February')).toBe(true);
    expect(datesAgree('December', 'December')).toBe(true);
    expect(datesAgree('Wednesday', 'Wednesday evening')).toBe(true);
  });

  it('rejects another date or none', () => {
    expect(datesAgree('January 22', '4 February')).toBe(false);
    expect(datesAgree(undefined, 'December')).toBe(false);
  });
});

describe('matchFigures', () => {
  const gold: GoldFigure[] = [
    { value: 12000, counts: 'North Korean soldiers sent to Russia', attribution: ['Kyiv'] },
    { value: 1100, accept: ['around 1,100'], counts: 'North Korean casualties', attribution: ['Seoul'] },
    { value: 4.2, counts: 'annualised economic growth', attribution: null },
    { value: 4.2, counts: 'ten-year Treasury yield in 2021', attribution: ['Congressional Budget Office'] },
  ];
  const figure = (text: string, value: number, counts: string, attribution?: string): OutputFigure => ({
    text,
    value,
    counts,
    ...(attribution === undefined ? {} : { attribution }),
  });

  it('matches by value within tolerance and reports missed and non-key figures', () => {
    const result = matchFigures(
      [
        figure('12,000', 12000, 'North Koreans', 'Kyiv'),
        figure('2025', 2025, 'year'),
        figure('1,101', 1101, 'x'),
      ],
      gold,
    );
    expect(result.matches.map((m) => [m.gold, m.output])).toEqual([
      [0, 0],
      [1, 2],
    ]);
    expect(result.missedGold).toEqual([2, 3]);
    expect(result.unmatchedOutput).toEqual([1]);
    expect(result.matches[0]?.attributionOk).toBe(true);
    expect(result.matches[1]?.attributionOk).toBe(false);
  });

  it('rejects a value outside the tolerance but accepts a listed written form', () => {
    expect(matchFigures([figure('1,200', 1200, 'casualties')], gold).matches).toHaveLength(0);
    expect(matchFigures([figure('Around 1,100', 1.1, 'casualties')], gold).matches).toHaveLength(1);
  });

  it('counts a figure listed twice only once', () => {
    const result = matchFigures(
      [figure('12,000', 12000, 'soldiers'), figure('12 000', 12000, 'soldiers')],
      gold,
    );
    expect(result.matches).toHaveLength(1);
    expect(result.unmatchedOutput).toEqual([1]);
  });

  it('pairs equal values by what they count', () => {
    const result = matchFigures(
      [figure('4.2 percent', 4.2, 'Treasury yield in 2021', 'Congressional Budget Office')],
      gold,
    );
    expect(result.matches).toEqual([{ gold: 3, output: 0, attributionOk: true }]);
  });

  it('judges the date only when the gold figure has one', () => {
    const dated: GoldFigure[] = [
      { value: 3000, counts: 'killed or injured', attribution: ['Zelensky'], date: 'December' },
      { value: 12000, counts: 'soldiers', attribution: null },
    ];
    const result = matchFigures(
      [
        { text: '3,000', value: 3000, counts: 'men', attribution: 'Zelensky', date: 'in December' },
        { text: '12,000', value: 12000, counts: 'soldiers', date: 'August' },
      ],
      dated,
    );
    expect(result.matches.map((m) => m.dateOk)).toEqual([true, undefined]);
  });

  it('matches the upper bound of a range', () => {
    expect(
      matchFigures([{ text: '10,000 to 12,000', value: 10000, valueTo: 12000, counts: 'soldiers' }], gold)
        .matches,
    ).toHaveLength(1);
  });
});

describe('coverClaims', () => {
  const output: OutputSummary = {
    gist: 'North Korean troops have not fought in Kursk since mid-January, the NIS said.',
    claims: [
      { text: 'Neither Moscow nor Pyongyang has confirmed the withdrawal.' },
      {
        text: 'Budanov expects Pyongyang to send more troops, including artillery units.',
        attribution: 'Budanov',
      },
    ],
    figures: [],
  };

  it('covers a gold claim whose content the gist or a claim recalls', () => {
    const coverage = coverClaims(output, [
      { text: 'North Korean troops in Kursk have not fought since mid-January.', attribution: ['NIS'] },
      { text: 'Moscow and Pyongyang have not confirmed a withdrawal.', attribution: null },
      { text: 'A captured soldier did not know he would fight Ukraine.', attribution: ['soldier'] },
    ]);
    expect(coverage.map((c) => c.covered)).toEqual([true, true, false]);
    expect(coverage.map((c) => c.best).slice(0, 2)).toEqual(['gist', 0]);
    // The gist has no attribution field, so only the claim matched to an output claim is judged.
    expect(coverage[0]?.attributionOk).toBeUndefined();
    expect(coverage[1]?.attributionOk).toBe(true);
    expect(coverage[2]?.attributionOk).toBeUndefined();
  });

  it('judges the attribution of the best matching claim', () => {
    const [coverage] = coverClaims(output, [
      {
        text: 'Budanov expects Pyongyang to send reinforcements including artillery.',
        attribution: ['Zelensky'],
      },
    ]);
    expect(coverage?.covered).toBe(true);
    expect(coverage?.attributionOk).toBe(false);
  });
});

describe('collectOutputTexts', () => {
  it('drops a claim that repeats the gist', () => {
    const texts = collectOutputTexts({
      gist: 'Seoul says the troops left.',
      claims: [{ text: 'Seoul says the troops left. ' }, { text: 'Moscow is silent.' }],
      figures: [],
    });
    expect(texts).toEqual(['Seoul says the troops left.', 'Moscow is silent.']);
  });
});

describe('checkGrounding', () => {
  const source =
    'According to Kyiv, 12,000 North Koreans were sent. Seoul puts losses at around 1,100. ' +
    'Le séisme a fait près de 5 500 morts, selon le Quai d’Orsay. Two gunmen died. Interest will hit $390 billion.';

  it('accepts numbers and names that the source contains, whatever the separators', () => {
    const report = checkGrounding(
      {
        gist: "Seoul's estimate is 1,100 losses; Kyiv says 12 000 were sent.",
        claims: [
          { text: 'Le séisme a fait 5 500 morts.', attribution: "Quai d'Orsay" },
          { text: 'Orsay counts the dead.', attribution: 'Kyiv' },
        ],
        figures: [
          { text: '12,000', value: 12000, counts: 'North Koreans', attribution: 'Kyiv' },
          { text: '$390 billion', value: 390e9, counts: 'interest' },
          { text: 'Two', value: 2, counts: 'gunmen' },
        ],
      },
      source,
    );
    expect(report.ungrounded).toEqual([]);
    expect(report.checked).toBeGreaterThan(8);
  });

  it('accepts values that number words, ordinals and compounds stand for', () => {
    const report = checkGrounding(
      {
        gist: '',
        claims: [],
        figures: [
          { text: 'troisième', value: 3, counts: 'Français tués' },
          { text: 'twenty-five', value: 25, counts: 'trucks' },
          { text: 'a quarter', value: 0.25, counts: 'of voters' },
          { text: 'two-thirds', value: 2 / 3, counts: 'of the budget' },
          { text: 'three quarters', value: 0.75, counts: 'of the staff' },
          { text: 'tens of thousands', value: 10000, counts: 'people' },
        ],
      },
      'Un troisième Français est mort. Twenty-five trucks left. A quarter of voters stayed home. ' +
        'Two-thirds of the budget and three quarters of the staff went. ' +
        'Tens of thousands of people marched.',
    );
    expect(report.ungrounded).toEqual([]);
  });

  it('accepts the share a ratio stands for, and no other', () => {
    const ratios = (figures: { text: string; value: number }[]) =>
      checkGrounding(
        { gist: '', claims: [], figures: figures.map((figure) => ({ ...figure, counts: 'adults' })) },
        'About 1 in 5 adults smoke, and nearly £1 in every £3 is spent online.',
      ).ungrounded;
    expect(
      ratios([
        { text: 'About 1 in 5', value: 0.2 },
        { text: 'nearly £1 in every £3', value: 1 / 3 },
      ]),
    ).toEqual([]);
    expect(ratios([{ text: 'About 1 in 5', value: 0.4 }])).toEqual(['value 0.4 ("About 1 in 5")']);
  });

  it('accepts Indian grouping, lakhs and crores', () => {
    const report = checkGrounding(
      {
        gist: '',
        claims: [],
        figures: [
          { text: 'Rs. 24,36,269', value: 2436269, counts: 'price' },
          { text: '50 lakh', value: 5e6, counts: 'customers' },
          { text: 'Rs 94,000 crores', value: 9.4e11, counts: 'business' },
        ],
      },
      'The car costs Rs. 24,36,269. The bank added 50 lakh customers and crossed Rs 94,000 crores in business.',
    );
    expect(report.ungrounded).toEqual([]);
  });

  it('checks a word with a capital inside as the whole word ("130 kW", "iPhones")', () => {
    const report = checkGrounding(
      { gist: 'The engine makes 130 kW; 12 iPhones were seized.', claims: [], figures: [] },
      'The engine makes 130 kW of power. Police seized 12 iPhones.',
    );
    expect(report.ungrounded).toEqual([]);
    const invented = checkGrounding(
      { gist: 'The engine makes 130 MW.', claims: [], figures: [] },
      'The engine makes 130 kW of power.',
    );
    expect(invented.ungrounded).toEqual(['MW']);
  });

  it('flags an invented number, an invented name and a value no source number supports', () => {
    const report = checkGrounding(
      {
        gist: 'Moscow says 15,000 were sent.',
        claims: [],
        figures: [{ text: '12,000', value: 13000, counts: 'soldiers' }],
      },
      source,
    );
    expect(report.ungrounded).toEqual(['15,000', 'Moscow', 'value 13000 ("12,000")']);
  });
});
