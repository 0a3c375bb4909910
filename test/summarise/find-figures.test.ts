import { describe, expect, it } from 'vitest';
import { figuresOf } from '../support/figures-of.js';
import { isCountPhrase } from '../../src/summarise/describe-count.js';
import { summariseArticle } from '../../src/summarise/summarise-article.js';

describe('findFigures: what is counted runs on past "of the"', () => {
  it('keeps the noun after "of the" and never falls back to the source', () => {
    const summary = summariseArticle({
      text: 'The ministry said 1,100 soldiers of the 11th Corps died in the fighting. Officials said 300 homes of the old town were flooded.',
      title: 'Losses',
    });
    const counts = new Map(summary.figures.map((figure) => [figure.value, figure.counts]));
    expect(counts.get(1100)).toBe('soldiers of the 11th Corps died');
    expect(counts.get(300)).toBe('homes of the old town flooded');
  });
});

describe('findFigures: numbers that are not amounts', () => {
  it('does not read a year near the article’s own as an amount, even without "in"', () => {
    const figures = figuresOf(
      'The channel showed 2016 highlights instead of Tuesday’s results in 2017, critics said. ' +
        'Turnout reached 4,800 voters, officials said.',
    );
    expect([...figures.keys()]).toEqual([4800]);
  });

  it('does not read a model number after a name as an amount', () => {
    const summary = summariseArticle({
      text: 'The simulator looks better than X-Plane 11 in every test. On Tuesday 300 players joined the beta, the studio said.',
      title: 'Flight simulator beta',
    });
    expect(summary.figures.map((figure) => figure.value)).not.toContain(11);
    expect(summary.figures.map((figure) => figure.value)).toContain(300);
  });

  it('does not read a street number as an amount', () => {
    const summary = summariseArticle({
      text: 'The agency moved to 6165 Leesburg Pike in March. It said 240 staff work there now, up from 90.',
      title: 'Agency moves',
    });
    expect(summary.figures.map((figure) => figure.value)).not.toContain(6165);
    expect(summary.figures.map((figure) => figure.value)).toContain(240);
  });
});

describe('isCountPhrase on words about the amount', () => {
  it.each(['main lending rate', 'flood barriers', 'people killed', 'debt of the state'])(
    'accepts %s',
    (phrase) => {
      expect(isCountPhrase(phrase)).toBe(true);
    },
  );

  it.each([
    '',
    'Friday',
    'November',
    'they',
    'It rises',
    'Given',
    'However',
    'Analysts said costs',
    '2019',
    'total debt of',
  ])('rejects %j', (phrase) => {
    expect(isCountPhrase(phrase)).toBe(false);
  });
});

describe('findFigures: what a figure counts', () => {
  it('takes the noun before the linking word and verb, not the date or the subject clause', () => {
    const figures = figuresOf(
      'The reserve bank held its main lending rate at 3.75% on Friday, as unemployment climbed to 6.2% in November. ' +
        'The town board on Monday approved sea walls worth €25 million, the harbour master said. ' +
        'Engineers said the repairs would cost about €3 million.',
    );
    expect(figures.get(3.75)?.counts).toBe('main lending rate');
    expect(figures.get(6.2)?.counts).toBe('unemployment');
    expect(figures.get(25e6)?.counts).toBe('sea walls');
    expect(figures.get(3e6)?.counts).toBe('repairs');
  });

  it('ends the noun at a preposition and reads a rate after "per"', () => {
    const figures = figuresOf(
      'The regional bank has designated 1,770 branches across the country as small-business branches, its chief executive said on Monday. ' +
        'In the cloud the service costs $3,000 per hospital ward, the company said.',
    );
    expect(figures.get(1770)?.counts).toBe('branches');
    expect(figures.get(3000)?.counts).toBe('per hospital ward');
    expect(isCountPhrase('every')).toBe(false);
  });

  it('ends a subject at its modal, takes the noun before "which", and reads no place or pronoun as counted', () => {
    const figures = figuresOf(
      'The regular rack holds up to 15kg, while the heavy-duty rack should comfortably support up to 27kg, the maker said. ' +
        'One driver said he still owes money on his medallion, which cost $250,000. ' +
        'Tickets for the new season start at $79 in the US, the club said. ' +
        'Last week it was over 1,000, the council said. ' +
        'You’ll be able to charge the battery to 100 percent in four hours.',
    );
    expect(figures.get(27)?.counts).toBe('heavy-duty rack');
    expect(figures.get(250000)?.counts).toBe('medallion');
    expect(figures.get(79)?.counts).toBe('new season');
    expect(figures.get(1000)).toBeUndefined();
    expect(
      summariseArticle({
        text: "Le gouvernement a annoncé mardi un plan de 2,5 milliards d'euros pour soutenir les agriculteurs, selon le ministère.",
      }).figures.find((figure) => figure.value === 2.5e9)?.counts,
    ).toBe('plan');
    expect(
      figuresOf('The card firm handles nearly £1 in every £3 spent on credit cards, the bank said.').get(
        1 / 3,
      )?.counts,
    ).toBe('spent on credit cards');
    expect(figures.get(100)?.counts ?? '').not.toMatch(/’ll/u);
  });

  it('reads the noun an amount modifies', () => {
    const figures = figuresOf(
      'Parliament passed a $90 billion relief package backed by both parties in 2020.',
    );
    expect(figures.get(9e10)?.counts).toBe('relief package');
  });

  it('never lets a pronoun, a connective or a date stand for what is counted', () => {
    const summary = summariseArticle(
      {
        text:
          'Planners warned that they would spend $70 billion over a decade. ' +
          'Given that the national debt of the island stands at nearly $9 trillion, any rise hurts. ' +
          'The ferry ticket costs $400. It sells out in March.',
        title: 'Budget report',
      },
      { maxFigures: 20 },
    );
    for (const figure of summary.figures) {
      expect(isCountPhrase(figure.counts)).toBe(true);
      expect(figure.counts).not.toMatch(/^(?:they|It|Given)\b|March/u);
    }
    const debt = summary.figures.find((figure) => figure.value === 9e12);
    expect(debt?.counts).toMatch(/debt/u);
  });
});

describe('isCountPhrase', () => {
  it.each(['total', 'greater', 'eight', 'verwendet', 'alternatively Text PODCAST', 'just', 'actually'])(
    'refuses "%s": a word about the amount, another number, a participle or an adverb',
    (counts) => {
      expect(isCountPhrase(counts)).toBe(false);
    },
  );

  it.each(['total public debt', 'passengers stranded', 'Bitlänge', 'soldiers'])('accepts "%s"', (counts) => {
    expect(isCountPhrase(counts)).toBe(true);
  });
});

describe('findFigures: the date of a figure', () => {
  it('dates each figure with the date of its own clause', () => {
    const figures = figuresOf(
      'The reserve bank held its main lending rate at 3.75% on Friday, as unemployment climbed to 6.2% in November.',
    );
    expect(figures.get(3.75)?.date).toBe('Friday');
    expect(figures.get(6.2)?.date).toBe('November');
  });

  it('gives a year to the figure it follows, not to the one compared with it', () => {
    const figures = figuresOf(
      'Within ten years pensions will take 21 percent of public spending, up from 14.5 percent in 2016.',
    );
    expect(figures.get(21)?.date).toBeUndefined();
    expect(figures.get(14.5)?.date).toBe('2016');
  });

  it('keeps the day a source gave the figure, but not a date from a relative clause', () => {
    const figures = figuresOf(
      'Storms have cut power to about 8,000 homes, the utility said on Sunday. ' +
        'Crews restored 2,500 lines, which had failed in January.',
    );
    expect(figures.get(8000)?.date).toBe('Sunday');
    expect(figures.get(2500)?.date).toBeUndefined();
  });

  it('does not date a figure with the base year of a comparison', () => {
    const figures = figuresOf(
      'Rents are on track to reach $2,400 next year, nearly 40 percent more than in 2019.',
    );
    expect(figures.get(40)?.date).toBeUndefined();
  });
});

describe('findFigures: never a number the article does not state', () => {
  it('keeps a label and the count after it apart', () => {
    const figures = figuresOf('In ward 3 250 ballots were spoiled on Tuesday, the returning officer said.');
    expect(figures.has(3250)).toBe(false);
    expect(figures.get(250)?.text).toBe('250');
  });

  it('does not report a multiplier as a size', () => {
    const figures = figuresOf(
      'The game grew from 40 MB in 2015 to about 2 GB last month, a 50× increase, the studio said.',
    );
    expect(figures.has(50)).toBe(false);
    expect(figures.get(2)?.unit).toBe('GB');
  });
});

describe('findFigures in French, German and Spanish', () => {
  it('leaves the verb out of what is counted', () => {
    const fr = summariseArticle(
      {
        text: 'Le coût des travaux atteint 3,4 millions d’euros, selon la commune. La digue protège 900 maisons.',
      },
      { maxFigures: 10 },
    );
    expect(fr.figures.find((figure) => figure.value === 3.4e6)?.counts).toBe('coût des travaux');
    const es = summariseArticle(
      {
        text: 'La tasa de paro se situó en el 9,4%, informó el martes la oficina de estadística. En total, 23.100 personas encontraron trabajo en marzo.',
      },
      { maxFigures: 10 },
    );
    expect(es.figures.find((figure) => figure.value === 9.4)?.counts).toBe('tasa de paro');
    expect(es.figures.find((figure) => figure.value === 23100)?.counts).toBe('personas');
    const de = summariseArticle(
      {
        text: 'Rund 2.400 Schulen sollen profitieren, sagte die Ministerin am Montag. Die Kosten liegen bei 80 Millionen Euro.',
      },
      { maxFigures: 10 },
    );
    expect(de.figures.find((figure) => figure.value === 2400)?.counts).toBe('Schulen');
  });
});

describe('findFigures: clauses, adverbs and sizes that are not what is counted', () => {
  it('stops the noun an amount modifies before an adverb', () => {
    const figures = figuresOf('The new tablet passes the $1,200 mark very fast once extras are added.');
    expect(figures.get(1200)?.counts).toBe('mark');
  });

  it('reads slang data sizes as units and a screen size as a model name', () => {
    const figures = figuresOf(
      'Chat apps now weigh over 300 megs each. The 12.9″ tablet sold 40,000 units in May.',
    );
    expect(figures.get(300)?.unit).toBe('MB');
    expect(figures.has(12.9)).toBe(false);
  });

  it('keeps casualty words in French as what is counted', () => {
    const summary = summariseArticle(
      {
        text: 'Le séisme a fait près de 3 200 morts, selon le gouvernement. On compte aussi 41 blessés graves.',
      },
      { maxFigures: 10 },
    );
    expect(summary.figures.find((figure) => figure.value === 3200)?.counts).toBe('morts');
  });
});

describe('findFigures: more of the same', () => {
  it('carries the noun, not the fate, over to "others"', () => {
    const summary = summariseArticle(
      { text: 'Two guards died, and three others may have fled, police said.' },
      { maxFigures: 10 },
    );
    expect(summary.figures.find((figure) => figure.value === 3)?.counts).toBe('others (guards)');
  });
});

describe('findFigures: long sentences', () => {
  it('never reads a word cut in half as what is counted', () => {
    const filler = 'the board met again and again over the winter to discuss the plans for the harbour ';
    for (let shift = 0; shift < 12; shift++) {
      const text = `Officials said ${filler.repeat(3)}the ${'o'.repeat(shift + 1)}ld pier and reached £4,500.`;
      const summary = summariseArticle({ text }, { maxFigures: 10 });
      for (const figure of summary.figures) {
        for (const word of figure.counts.split(/\s+/u))
          expect(text).toMatch(new RegExp(`(?:^| )${word}(?: |$)`, 'u'));
      }
    }
  });
});

describe('findFigures: verbs, estimates and comparisons', () => {
  it('reads the noun after a modal verb and past an adjective of the amount', () => {
    const figures = figuresOf(
      'The plan would cut public borrowing by an additional €45 billion over five years.',
    );
    expect(figures.get(45e9)?.counts).toBe('public borrowing');
  });

  it('never counts the estimating body, and takes the noun the money goes to', () => {
    const figures = figuresOf('Auditors estimated that they would add €70 billion to the debt each year.');
    expect(figures.get(7e10)?.counts).toBe('debt');
  });

  it('gives the compared amount the same count after "up from"', () => {
    const figures = figuresOf(
      'By 2030 pensions will take 21 percent of public spending, up from 14.5 percent in 2016.',
    );
    expect(figures.get(14.5)?.counts).toBe('public spending');
  });

  it('ends a French predicate at "tandis que"', () => {
    const summary = summariseArticle(
      {
        text: 'Au total, 1 340 touristes ont été évacués sains et saufs tandis que 80 autres restent bloqués, selon la préfecture.',
      },
      { maxFigures: 10 },
    );
    expect(summary.figures.find((figure) => figure.value === 1340)?.counts).not.toMatch(/tandis/u);
  });
});

describe('findFigures: sentences that open with a verb', () => {
  it('does not take the opening verb for what is counted', () => {
    const summary = summariseArticle(
      { text: 'Save $15 on the annual plan this spring. Grab a free trial and get 20 percent off.' },
      { maxFigures: 10 },
    );
    for (const figure of summary.figures) expect(figure.counts).not.toMatch(/^(?:Save|Grab)$/u);
  });
});

describe('speeds', () => {
  it('keeps km/h whole instead of reading a distance', () => {
    const figures = figuresOf(
      'The national weather service issued an orange alert on Monday, with gusts of up to 140 km/h forecast for the islands.\n\n' +
        'Schools on the islands will stay closed on Tuesday, the regional council said.',
    );
    expect(figures.get(140)?.unit).toBe('km/h');
  });
});

describe('findFigures: an amount converted into another currency', () => {
  it('lists the amount once and reads what it counts and its date past the conversion', () => {
    const figures = figuresOf(
      'Customs officers seized €23 million ($25.2 million) worth of cocaine at the port, the finance ministry said on Tuesday. ' +
        'The smuggling ring had a turnover of about €1.2 billion (~$1.3 billion USD) in 2020 alone, investigators said.',
    );
    expect([...figures.keys()].sort((a, b) => a - b)).toEqual([23e6, 1.2e9]);
    expect(figures.get(23e6)).toMatchObject({
      text: '€23 million',
      counts: 'worth of cocaine',
      attribution: 'finance ministry',
      date: 'Tuesday',
    });
    expect(figures.get(1.2e9)?.date).toBe('2020');
  });

  it('keeps two amounts in brackets that are not a conversion', () => {
    const figures = figuresOf(
      'The council will spend €40 million on the new tram line (and 12 buses) next year, the mayor said on Monday.',
    );
    expect([...figures.keys()].sort((a, b) => a - b)).toEqual([12, 40e6]);
  });
});
