import { describe, expect, it } from 'vitest';
import { findDates } from '../../src/summarise/find-dates.js';
import { findNumbers, type NumberMention } from '../../src/summarise/find-numbers.js';
import { parseDigits } from '../../src/summarise/parse-digits.js';

function numbersOf(sentence: string, language = 'en'): NumberMention[] {
  return findNumbers(sentence, findDates(sentence), language);
}

function quantities(
  sentence: string,
  language = 'en',
): Array<Pick<NumberMention, 'text' | 'value'> & { unit?: string }> {
  return numbersOf(sentence, language)
    .filter((mention) => mention.kind === 'quantity')
    .map((mention) => ({
      text: mention.text,
      value: mention.value,
      ...(mention.unit ? { unit: mention.unit } : {}),
    }));
}

describe('parseDigits', () => {
  it.each([
    ['12,000', 'en', 12000],
    ['12 000', 'fr', 12000],
    ['12.000', 'de', 12000],
    ['1,5', 'en', 1.5],
    ['1,5', 'fr', 1.5],
    ['4.2', 'en', 4.2],
    ['1,234,567', 'en', 1234567],
    ['1.234.567', 'es', 1234567],
    ['1,234.5', 'en', 1234.5],
    ['1.234,5', 'de', 1234.5],
    ['2 209', 'fr', 2209],
  ])('%s (%s) = %d', (digits, language, value) => {
    expect(parseDigits(digits, language)).toBe(value);
  });
});

describe('findNumbers', () => {
  it('reads scales, currencies, percentages and approximations', () => {
    expect(
      quantities(
        'More than $900 billion in interest and nearly 50 percent more, around 1,100 losses and 1.1 million people.',
      ),
    ).toEqual([
      { text: 'More than $900 billion', value: 900e9, unit: 'USD' },
      { text: 'nearly 50 percent', value: 50, unit: '%' },
      { text: 'around 1,100', value: 1100 },
      { text: '1.1 million', value: 1.1e6 },
    ]);
  });

  it('reads European forms and scale words', () => {
    expect(quantities('Il y a 1,5 million de personnes et 3 milliards d’euros, soit 12,5 %.', 'fr')).toEqual([
      { text: '1,5 million', value: 1.5e6 },
      { text: '3 milliards d’euros', value: 3e9, unit: 'EUR' },
      { text: '12,5 %', value: 12.5, unit: '%' },
    ]);
    expect(quantities('Es gab 2,3 Millionen Besucher und 12.000 Helfer.', 'de')).toEqual([
      { text: '2,3 Millionen', value: 2.3e6 },
      { text: '12.000', value: 12000 },
    ]);
    expect(quantities('Hubo 1.200 heridos y 3 millones de euros.', 'es')).toEqual([
      { text: '1.200', value: 1200 },
      { text: '3 millones de euros', value: 3e6, unit: 'EUR' },
    ]);
  });

  it('keeps a range as one figure with both bounds', () => {
    const [range] = numbersOf('Prices rose 10 to 12 per cent last year.');
    expect(range).toMatchObject({ value: 10, valueTo: 12, unit: '%', kind: 'quantity' });
  });

  it('joins two amounts with a scale into one range', () => {
    expect(numbersOf('It expects to save $600 million to $700 million a year.')).toMatchObject([
      { text: '$600 million to $700 million', value: 600e6, valueTo: 700e6, unit: 'USD', kind: 'quantity' },
    ]);
    expect(quantities('Sales rose 5% and costs 7%.').map((mention) => mention.value)).toEqual([5, 7]);
  });

  it.each([
    ['In 2017, the deficit grew.', 'year'],
    ['The soldier was captured on January 11, 2025.', 'date'],
    ['The plane landed at 5h45 in Paris.', 'time'],
    ['The meeting starts at 10:30 a.m.', 'time'],
    ['It was the 21st attempt.', 'ordinal'],
    ['In this five-minute video, he speaks.', 'modifier'],
    ['The 10-year note yields more.', 'modifier'],
    ['They waited for three weeks.', 'duration'],
    ['It took 3min to read.', 'duration'],
    ['Hori Parata, 75, has seen it all.', 'age'],
    ['The 52-year-old minister resigned.', 'age'],
    ['Two of them were arrested.', 'identifier'],
    ['They walked along Ninety Mile beach.', 'identifier'],
    ['The 5.9.1 release was led by volunteers.', 'identifier'],
    ['The router at 192.168.1.1 answered.', 'identifier'],
    ['Shortcodes are the main theme of version 0.100.0 today.', 'identifier'],
    ['Some users testing 5.9 Beta 1 saw errors.', 'identifier'],
    ['OmniFocus 3 shows the name of the tag.', 'identifier'],
    ['It does not work in the new iPadOS 15.5 betas.', 'identifier'],
    ['For details, members can call 7576238 in the evening.', 'identifier'],
    ['Dates should follow ISO 8601 everywhere.', 'identifier'],
    ['The fare on United flight 3174 doubled.', 'identifier'],
    ['As the chief executive said on 60 Minutes, the jobs are skilled.', 'identifier'],
    ['The campaign wants a woman on the $20 bill.', 'identifier'],
    ['Employment of people between the ages of 25 and 54 fell.', 'age'],
  ])('%s → %s', (sentence, kind) => {
    expect(numbersOf(sentence).map((mention) => mention.kind)).toContain(kind);
    expect(quantities(sentence)).toEqual([]);
  });

  it('still counts a bill passed for billions and minutes of a meeting', () => {
    expect(quantities('Congress passed a $20 billion bill on Friday.').map((q) => q.value)).toEqual([
      20_000_000_000,
    ]);
    expect(quantities('The bank fined him $300 in bills and fees.').map((q) => q.value)).toEqual([300]);
  });

  it('treats a numbered list item as list numbering', () => {
    expect(numbersOf('1. Finland')[0]?.kind).toBe('list');
  });

  it('counts spelled-out quantities that matter', () => {
    expect(quantities('He went with a hundred other soldiers; nine churchgoers were killed.')).toEqual([
      { text: 'a hundred', value: 100 },
      { text: 'nine', value: 9 },
    ]);
  });

  it('reads "fast" as an approximation in German only, and never after a hyphen', () => {
    expect(numbersOf('It shoots a blindingly-fast 120 frames per second.')[0]?.text).toBe('120');
    expect(numbersOf('The phone shoots fast 120 frames per second.')[0]?.text).toBe('120');
    expect(numbersOf('Das Werk baute fast 120 Autos.', 'de')[0]?.text).toBe('fast 120');
  });

  it('reads tens and units joined by a hyphen, a spelled-out percentage and a tilde', () => {
    expect(quantities('Eighty-three percent of voters said no, and twenty-one seats changed hands.')).toEqual(
      [
        { text: 'Eighty-three percent', value: 83, unit: '%' },
        { text: 'twenty-one', value: 21 },
      ],
    );
    expect(numbersOf('Triage fell from ~90% of our time.')[0]).toMatchObject({
      text: '~90%',
      approximate: true,
    });
  });

  it('reads a ratio as the share it is', () => {
    expect(quantities('The card firm handles nearly £1 in every £3 spent in shops.')).toEqual([
      { text: 'nearly £1 in every £3', value: 1 / 3, unit: 'share' },
    ]);
    expect(quantities('About 1 in 5 adults smoke, and the team won 3 out of 4 games.')).toEqual([
      { text: 'About 1 in 5', value: 0.2, unit: 'share' },
      { text: '3 out of 4', value: 0.75, unit: 'share' },
    ]);
  });

  it('reads Indian English amounts: lakhs, crores, rupees and grouping by two digits', () => {
    expect(quantities('The bank added 50 lakh customers and crossed Rs 94,000 crores in business.')).toEqual([
      { text: '50 lakh', value: 5e6 },
      { text: 'Rs 94,000 crores', value: 9.4e11, unit: 'INR' },
    ]);
    expect(quantities('The car costs Rs. 24,36,269 before tax.')).toEqual([
      { text: 'Rs. 24,36,269', value: 2436269, unit: 'INR' },
    ]);
    // A stray space breaks the grouping: neither piece is the price.
    expect(quantities('The car costs Rs. 24,36, 269 /- before tax.')).toEqual([]);
    expect(quantities('They sold 12,000, 13,500 and 9,000 cars.').map((mention) => mention.value)).toContain(
      12000,
    );
  });

  it('reads a fraction of something as a share of one', () => {
    expect(quantities('The safety net provides only half the financial help people need.')).toEqual([
      { text: 'half', value: 0.5, unit: 'share' },
    ]);
    expect(quantities('More than half of voters and about a third of the staff left.')).toEqual([
      { text: 'More than half', value: 0.5, unit: 'share' },
      { text: 'about a third', value: 1 / 3, unit: 'share' },
    ]);
    expect(quantities('Two-thirds of the budget goes to interest.')).toEqual([
      { text: 'Two-thirds', value: 2 / 3, unit: 'share' },
    ]);
    expect(quantities('La moitié des habitants ont fui.', 'fr')).toEqual([
      { text: 'La moitié', value: 0.5, unit: 'share' },
    ]);
    expect(quantities('Die Hälfte der Stimmen ging an sie.', 'de')).toEqual([
      { text: 'Die Hälfte', value: 0.5, unit: 'share' },
    ]);
  });

  it.each([
    'In the second half of the year sales fell.',
    'It took half an hour to cross.',
    'Rates rose by half a percentage point.',
    'It took them half of their time to solve it.',
    'Fill the jar about three quarters of the way.',
    'Profit rose in the third quarter of the year.',
    'One and a half of them were lost.',
    'He played half-time football.',
  ])('finds no share in %j', (sentence) => {
    expect(quantities(sentence).filter((mention) => mention.unit === 'share')).toEqual([]);
  });
});

describe('findNumbers keeps labels and multipliers apart from amounts', () => {
  it('does not fuse a label number with the count after it', () => {
    expect(quantities('In ward 3 250 ballots were spoiled, the returning officer said.')).toEqual([
      { text: '250', value: 250 },
    ]);
    expect(quantities('Around 40 000 fans came, in an English report that groups with spaces.')).toEqual([
      { text: 'Around 40 000', value: 40000 },
    ]);
    expect(quantities('Quelque 12 500 électeurs sont inscrits.', 'fr')).toEqual([
      { text: 'Quelque 12 500', value: 12500 },
    ]);
  });

  it('reads version numbers as labels, not quantities', () => {
    expect(quantities('Four security issues affect Harbourly versions between 3.7 and 5.8.')).toEqual([
      { text: 'Four', value: 4 },
    ]);
    expect(quantities('You can update to Harbourly 5.8 from the dashboard.')).toEqual([]);
    expect(quantities('Sales rose 5.8 percent in May.')).toEqual([
      { text: '5.8 percent', value: 5.8, unit: '%' },
    ]);
  });

  it('reads a numbered thing as a label, not a quantity', () => {
    expect(quantities('Phase 2 of the works starts with 80 engineers.')).toEqual([{ text: '80', value: 80 }]);
    expect(quantities('The update to version 7 reached 300 users.')).toEqual([{ text: '300', value: 300 }]);
  });

  it('never turns a multiplier into an amount', () => {
    expect(quantities('Downloads rose from 40 MB to 2 GB, a 50× jump.')).toEqual([
      { text: '40 MB', value: 40, unit: 'MB' },
      { text: '2 GB', value: 2, unit: 'GB' },
    ]);
    expect(quantities('Sales grew 4x in a year.')).toEqual([]);
  });
});

describe('findNumbers: clock times in Dutch and the size of a group', () => {
  it('reads "14.00 uur" as a time and "a 400-strong motorcade" as an amount', () => {
    expect(quantities('De wedstrijd begint om 14.00 uur in het stadion.', 'nl')).toEqual([]);
    expect(quantities('A 400-strong motorcade and a 12-member jury arrived.').map((q) => q.value)).toEqual([
      400, 12,
    ]);
  });
});

describe('findNumbers: the days of a date range', () => {
  it('takes neither day of "November 14-15, 2017" for an amount', () => {
    expect(
      quantities('The summit runs November 14-15, 2017 with 300 delegates.').map((n) => n.value),
    ).toEqual([300]);
  });
});

describe('findNumbers: ratings and shares', () => {
  it('reads "0 out of 10" at the end of a clause as a rating, and "four out of five doctors" as a share', () => {
    expect(quantities('The laptop got a repair score of 0 out of 10.')).toEqual([
      { text: '0 out of 10', value: 0, unit: 'out of 10' },
    ]);
    expect(quantities('Critics gave the film 8 out of 10 for its score.')).toEqual([
      { text: '8 out of 10', value: 8, unit: 'out of 10' },
    ]);
    expect(quantities('Four out of five doctors agree.')).toEqual([
      { text: 'Four out of five', value: 0.8, unit: 'share' },
    ]);
  });
});

describe('findNumbers: numbers that label a part', () => {
  it('reads no amount in "series 6", "figure 3", "Season 4" or "step 2"', () => {
    expect(
      quantities(
        'In the last episode of series 6, shown in figure 3, Season 4 and step 2 come back with 12 guests.',
      ).map((n) => n.value),
    ).toEqual([12]);
  });
});

describe('findNumbers: units of devices', () => {
  it('reads grams, hertz, megapixels, petabytes, milliamp-hours and watts as units', () => {
    expect(
      quantities(
        'It weighs 1,340 grams, refreshes at 120 Hz, has 45.7 megapixels, a 5,000 mAh cell and 65 watts.',
      ).map((n) => n.unit),
    ).toEqual(['g', 'Hz', 'MP', 'mAh', 'W']);
    expect(quantities('The archive holds 5 PB of data.').map((n) => n.unit)).toEqual(['PB']);
  });
});

describe('findNumbers: codes and weights', () => {
  it('reads no amount in a code in capitals, and pounds per acre as a weight', () => {
    expect(quantities('The mask meets EN 13319 and the crop variety NC 3033 did well.')).toEqual([]);
    expect(quantities('The new variety yielded 4,000 pounds per acre.')).toEqual([
      { text: '4,000 pounds', value: 4000, unit: 'lb' },
    ]);
  });
});

describe('findNumbers: numbers in titles and in manners of speaking', () => {
  it('reads no amount in a quoted title or in "100% sure"', () => {
    expect(quantities('The actor stars in the comedy ‘Code 404’ on the new channel.')).toEqual([]);
    expect(quantities('If you are not 100% sure what a mushroom is, leave it.')).toEqual([]);
    expect(quantities('Turnout was 100% in the village.').map((n) => n.value)).toEqual([100]);
  });
});
