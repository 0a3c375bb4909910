import { describe, expect, it } from 'vitest';
import { figuresOf } from '../support/figures-of.js';

describe('findFigures: amounts after a participle, comparisons and pounds', () => {
  it('gives an amount at the end of a participle clause the sentence’s subject', () => {
    const figures = figuresOf(
      'Foreign investment declined in 2019 for the first time in six years, falling by 1% to $44.37 billion. ' +
        'The death rate increased most among older people – rising by 49% in one year. ' +
        'Analysts said demand was weaker, resulting in cuts to orders of at least 30% this quarter.',
    );
    expect(figures.get(44_370_000_000)?.counts).toBe('Foreign investment');
    expect(figures.get(1)?.counts).toBe('Foreign investment');
    expect(figures.get(49)?.counts).toBe('death rate');
    // Not a participle right before the amount, and a subject that reports: no borrowed subject.
    expect(figures.get(30)?.counts ?? '').not.toMatch(/Analysts/u);
  });

  it('keeps a comparison with the amount it states, and a comparative before a noun as it is', () => {
    const figures = figuresOf(
      'The Nova Buds are $100 cheaper than the Pro model, the shop said. ' +
        'The Z9 is $1,600 cheaper and ships in May. ' +
        'The new chip gives 50% faster rendering, the maker said. ' +
        'With the rival now sitting $250 cheaper, sales slowed.',
    );
    expect(figures.get(100)?.counts).toBe('Nova Buds cheaper than Pro model');
    expect(figures.get(1600)?.counts).toBe('Z9 cheaper');
    expect(figures.get(50)?.counts).toBe('faster rendering');
    // Nothing names what is cheaper: no figure rather than "cheaper" alone.
    expect(figures.get(250)).toBeUndefined();
  });

  it('reads pounds of weight as pounds, not sterling', () => {
    const figures = figuresOf(
      'The bag weighs 40 pounds, the airline said. The ticket costs 12 pounds, the club said. ' +
        'The country will spend 5 billion pounds on defence, the minister said. ' +
        'Sam Hardman has lost 85 pounds in a year, his doctor said.',
    );
    expect(figures.get(40)?.unit).toBe('lb');
    expect(figures.get(12)?.unit).toBe('GBP');
    expect(figures.get(5_000_000_000)?.unit).toBe('GBP');
    expect(figures.get(85)?.unit).toBe('lb');
    // "in a year" says how long, not what the pounds are.
    expect(figures.get(85)?.counts ?? '').not.toMatch(/year/u);
  });

  it('never takes an opening verb or adjective before its object for what is counted', () => {
    const figures = figuresOf(
      'Remember that it is easy to get 95% there in development, it is the last 5% that takes years. ' +
        'Available at £140 from the shop. ' +
        'Officials said 300 homes were flooded. Losses that Seoul figures for its part around 1,100.',
    );
    expect(figures.get(95)?.counts ?? '').not.toBe('Remember');
    expect(figures.get(1100)?.counts).toBe('Losses');
    expect(figures.get(140)?.counts ?? '').not.toBe('Available');
    expect(figures.get(300)?.counts).toBe('homes flooded');
  });

  it('counts what follows a group size, and never "such"', () => {
    const figures = figuresOf(
      'A 50-strong commission will draft a new constitution, the envoy said. ' +
        'Episodes such as 318 were recorded in the old studio, the host said.',
    );
    expect(figures.get(50)?.counts).toMatch(/^commission/u);
    expect(figures.get(318)?.counts ?? '').not.toBe('such');
  });

  it('reads the year of a named act or treaty as a year', () => {
    const figures = figuresOf('The All Writs Act of 1789 lets courts issue orders, the judge said.');
    expect(figures.has(1789)).toBe(false);
  });
});

describe('findFigures: rates', () => {
  it('keeps a rate with what is counted and puts the thing a price pays for first', () => {
    const figures = figuresOf(
      'Extra features require the $4.99 per month Premium package, the company said. ' +
        'The blog now gets about 100 to 200 thousand views per month, the editor said. ' +
        'It costs $3 per monthly active user, the firm said.',
    );
    expect(figures.get(4.99)?.counts).toBe('Premium package per month');
    expect(figures.get(100_000)?.counts).toBe('views per month');
    expect(figures.get(3)?.counts).toBe('per monthly active user');
  });

  it('names what a price per month pays for when it stands before the price', () => {
    const figures = figuresOf(
      'Viewers will need a paid Harbour Plus account that costs $6 per month, the network said. ' +
        'Pricing for an individual plan is $2.99 a month, the company said.',
    );
    expect(figures.get(6)?.counts).toMatch(/Harbour Plus account per month$/u);
    expect(figures.get(2.99)?.counts).toBe('individual plan a month');
  });

  it('gives the verb to who did it, not to where, and drops an adverb or "like" at the end', () => {
    const figures = figuresOf(
      'Between 1,800,000 and 2,600,000 people in at least 407 towns marched and held rallies, organisers said. ' +
        'The maker warned of a 30% dive also in orders, the newspaper said. ' +
        'Referral bonuses netted me something like $18 last year.',
    );
    expect(figures.get(407)?.counts).toBe('towns');
    expect(figures.get(30)?.counts ?? '').not.toMatch(/also/u);
    expect(figures.get(18)?.counts ?? '').not.toMatch(/like$/u);
  });

  it('never says a figure counts "vs"', () => {
    const figures = figuresOf(
      'The new desktop beats the old laptop on disk space (3 TB vs. 128 GB) and memory, the reviewer said.',
    );
    for (const figure of figures.values()) expect(figure.counts).not.toMatch(/^vs/u);
  });

  it('gives a second price its own period and what the first one pays for', () => {
    const figures = figuresOf(
      'The streaming service will cost $1.99 a month or $19.99 a year, the company said. ' +
        'Pupils at the school pay £43,335 a year, the report said. ' +
        'The rival had 40 million subscribers a year ago and 52 million in March.',
    );
    // "streaming" is a noun here, not a verb of paying; the year is not the month's.
    expect(figures.get(1.99)?.counts).toBe('streaming service a month');
    expect(figures.get(19.99)?.counts).toBe('streaming service a year');
    expect(figures.get(43_335)?.counts).toMatch(/a year$/u);
    // "a year ago" says when, not how often.
    expect(figures.get(40_000_000)?.counts).toBe('subscribers');
  });
});

describe('findFigures: what stands between an amount and its noun', () => {
  it('steps over the same amount in another currency and over the size of a possessed whole', () => {
    const figures = figuresOf(
      'The allies have frozen more than $80bn (£61bn) of Belgravia’s $150bn gold reserves, the minister said. ' +
        'Exports fell in the spring.',
    );
    expect(figures.get(80_000_000_000)?.counts).toBe('Belgravia’s gold reserves');
    expect(figures.get(150_000_000_000)?.counts).toBe('gold reserves');
  });
});

describe('findFigures: values and paired adjectives', () => {
  it('keeps a scaled value exact and counts "current and former customers" whole', () => {
    const figures = figuresOf(
      'The bank is writing to approximately 8.2 million current and former customers, it said. ' +
        'Its revenue rose to $32.2 billion in the year.',
    );
    expect(figures.get(8_200_000)?.counts).toBe('current and former customers');
    expect(figures.has(32_200_000_000)).toBe(true);
  });
});

describe('findFigures: an amount named by the noun before "of"', () => {
  it('counts "revenue of $X for the quarter" as revenue and "a fine of €X" as the fine', () => {
    const figures = figuresOf(
      'The retailer reported revenue of $12.4 billion for the quarter, analysts said. ' +
        'The regulator imposed a fine of €40 million for the breach. ' +
        'Customers got a brief trickle of $5 referral bonuses.',
    );
    expect(figures.get(12_400_000_000)?.counts).toBe('revenue');
    expect(figures.get(12_400_000_000)?.attribution).toBe('analysts');
    expect(figures.get(40_000_000)?.counts).toBe('fine');
    expect(figures.get(5)?.counts).toBe('referral bonuses');
  });
});

describe('findFigures: the measured thing without its verb', () => {
  it('counts "The camera weighs 1,015 grams" as the camera', () => {
    const figures = figuresOf('The Orbit R3 camera weighs 1,015 grams with its battery, the maker said.');
    expect(figures.get(1015)?.counts).toBe('Orbit R3 camera');
    expect(figures.get(1015)?.unit).toBe('g');
  });
});
