import { formatFigureLine } from '../../src/text/format-figure.js';
import { describe, expect, it } from 'vitest';
import {
  buildAlertBatchMessage,
  buildAlertMessage,
  MAX_BATCH_CARDS,
  type AlertMatch,
} from '../../src/alerts/build-alert-message.js';
import {
  highlightTerms,
  MAX_SENTENCE_CHARS,
  pickMatchingSentence,
} from '../../src/alerts/highlight-terms.js';
import { planAlertDelivery } from '../../src/alerts/plan-alert-delivery.js';
import type { Article, Figure, Summary, TextSpan } from '../../src/model.js';
import type { StoredItem } from '../../src/ports.js';

const strong = (spans: readonly TextSpan[] | undefined): string[] =>
  (spans ?? []).filter((s) => s.strong).map((s) => s.text);

describe('planAlertDelivery', () => {
  it.each([
    // [matches, sent in the last hour, cap, single, batched]
    [0, 0, 5, 0, 0],
    [1, 0, 5, 1, 0],
    [5, 0, 5, 5, 0],
    [6, 0, 5, 6, 0], // an overflow of one is still one message
    [7, 0, 5, 5, 2],
    [3, 4, 5, 1, 2],
    [4, 5, 5, 0, 4],
    [1, 9, 5, 1, 0],
    [2, 9, 5, 0, 2],
    [30, 0, 1, 1, 29],
  ])('%i matches, %i sent, cap %i → %i single, %i batched', (matches, sent, cap, single, batched) => {
    expect(planAlertDelivery(matches, sent, cap)).toEqual({ single, batched });
  });

  it('refuses a cap below one', () => {
    expect(() => planAlertDelivery(1, 0, 0)).toThrow(/hourly alert cap must be a positive integer, got 0/);
  });
});

describe('highlightTerms', () => {
  it.each([
    ['The Élysée said so', ['elysee'], ['Élysée']],
    ['He said AI would help', ['ai'], ['AI']],
    ['He said nothing', ['ai'], []],
    [
      'A carbon tax, a Carbon Tax and a carbon levy',
      ['"carbon tax"', 'carbon tax'],
      ['carbon tax', 'Carbon Tax'],
    ],
    ['COVID-19 cases', ['covid-19'], ['COVID-19']],
    ['Die Straße ist lang', ['strasse'], ['Straße']],
  ])('%j with %j marks %j', (text, terms, marked) => {
    const spans = highlightTerms(text, terms);
    expect(strong(spans)).toEqual(marked);
    expect(spans.map((s) => s.text).join('')).toBe(text);
  });

  it('merges overlapping matches into one strong span', () => {
    expect(strong(highlightTerms('the carbon tax bill', ['carbon tax', 'tax bill']))).toEqual([
      'carbon tax bill',
    ]);
  });
});

describe('pickMatchingSentence', () => {
  it('prefers the sentence with the most distinct terms, then the earliest', () => {
    const picked = pickMatchingSentence(
      ['Tax rises.', 'Carbon prices and the tax.', 'Carbon tax again.'],
      ['carbon', 'tax'],
    );
    expect(picked?.index).toBe(1);
    expect(picked?.found).toBe(2);
  });

  it('falls back to the first non-empty candidate without highlights', () => {
    expect(pickMatchingSentence(['', 'First.', 'Second.'], ['absent'])).toMatchObject({
      index: 1,
      found: 0,
      text: 'First.',
    });
  });

  it('cuts a long sentence around the first match, at word boundaries, with ellipses', () => {
    const long = `${'word '.repeat(120)}the treaty was signed ${'tail '.repeat(100)}`.trim();
    const picked = pickMatchingSentence([long], ['treaty']);
    const text = (picked?.spans ?? []).map((s) => s.text).join('');
    expect(text.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS + 2);
    expect(text.startsWith('…word')).toBe(true);
    expect(text.endsWith('tail…')).toBe(true);
    expect(strong(picked?.spans)).toEqual(['treaty']);
  });
});

function makeItem(article: Partial<Article>, summary?: Partial<Summary>): StoredItem {
  return {
    article: {
      id: 'a1',
      feedUrl: 'https://a.example/feed',
      url: 'https://a.example/1',
      title: 'Headline',
      publishedAt: '2026-11-27T08:00:00.000Z',
      publishedIsGuess: false,
      source: { name: 'Example' },
      content: '',
      contentIsPartial: false,
      ...article,
    },
    ...(summary === undefined
      ? {}
      : {
          summary: {
            title: 'Headline',
            language: 'en',
            gist: '',
            claims: [],
            figures: [],
            sentences: [],
            stats: { words: 1, ms: 1 },
            ...summary,
          },
        }),
    firstSeenAt: '2026-11-27T08:05:00.000Z',
    seq: 1,
    feedUrls: ['https://a.example/feed'],
  };
}

const figure = (fields: Partial<Figure> & { text: string; counts: string; sentence: number }): Figure => ({
  value: 1,
  ...fields,
});

describe('buildAlertMessage', () => {
  it('takes the matching sentence from the article text when the item has no summary yet', () => {
    const item = makeItem({ content: 'Nothing here.\n\nThe budget vote failed. More later.' });
    const message = buildAlertMessage(
      { item, terms: ['budget'], follows: [{ id: 4, query: 'budget' }] },
      { platform: 'discord' },
    );
    expect(message.title).toBe('Alert: “budget”');
    expect(message.cards[0]?.body).toEqual([
      { text: 'The ' },
      { text: 'budget', strong: true },
      { text: ' vote failed.' },
    ]);
    expect(message.cards[0]?.footer).toBe('Follow #4 · /unfollow 4 to stop');
    expect(message.cards[0]?.fields).toEqual([]);
  });

  it('uses the gist, plain, when the match is only in the title, and the first-seen time when the date is a guess', () => {
    const item = makeItem(
      { title: 'Budget news', content: 'Other things.', publishedIsGuess: true },
      { gist: 'Ministers met on Monday.', sentences: ['Other things.'] },
    );
    const card = buildAlertMessage(
      { item, terms: ['budget'], follows: [{ id: 1, query: 'budget' }] },
      { platform: 'discord' },
    ).cards[0];
    expect(card?.body).toBe('Ministers met on Monday.');
    expect(card?.timestamp).toBe('2026-11-27T08:05:00.000Z');
  });

  it('lists at most three key figures, those of the shown sentence first', () => {
    const item = makeItem(
      {},
      {
        gist: 'Intro.',
        sentences: ['Intro.', 'Unrelated 10 things.', 'The budget is 5 billion euros.'],
        figures: [
          figure({ text: '10', counts: 'things', sentence: 1 }),
          figure({ text: '5 billion', unit: 'EUR', counts: 'budget', sentence: 2 }),
          figure({
            text: '7',
            unit: '%',
            counts: 'growth',
            attribution: 'the ministry',
            date: 'in 2027',
            sentence: 1,
          }),
          figure({ text: '3', counts: 'ministers', sentence: 1 }),
        ],
      },
    );
    const card = buildAlertMessage(
      { item, terms: ['budget'], follows: [{ id: 1, query: 'budget' }] },
      { platform: 'discord' },
    ).cards[0];
    expect(card?.fields).toEqual([
      {
        name: 'Key figures',
        value: [
          '5 billion EUR — budget',
          '10 — things',
          '7% — growth (according to the ministry, in 2027)',
        ].join('\n'),
      },
    ]);
  });

  it('formats figures without repeating a unit already written', () => {
    expect(formatFigureLine(figure({ text: '$5 million', unit: 'USD', counts: 'in aid', sentence: 0 }))).toBe(
      '$5 million — in aid',
    );
    expect(
      formatFigureLine(figure({ text: '300', unit: 'people', counts: 'people evacuated', sentence: 0 })),
    ).toBe('300 — people evacuated');
  });
});

describe('buildAlertBatchMessage', () => {
  const matches: AlertMatch[] = Array.from({ length: MAX_BATCH_CARDS + 3 }, (_, i) => ({
    item: makeItem({ id: `a${i}`, title: `Story ${i}`, url: `https://a.example/${i}` }),
    terms: ['climate'],
    follows: [{ id: i % 2 === 0 ? 1 : 2, query: i % 2 === 0 ? 'climate' : 'climate OR weather' }],
  }));

  it('lists headlines with links, counts the rest, and names every follow once', () => {
    const message = buildAlertBatchMessage(matches, { hourlyCap: 5, platform: 'slack' });
    expect(message.title).toBe(`${MAX_BATCH_CARDS + 3} new articles for “climate”, “climate OR weather”`);
    expect(message.text).toBe('You get at most 5 alerts an hour, so further matches are grouped here.');
    expect(message.cards).toHaveLength(MAX_BATCH_CARDS);
    expect(message.cards[0]).toEqual({
      title: 'Story 0',
      url: 'https://a.example/0',
      source: 'Example',
      timestamp: '2026-11-27T08:00:00.000Z',
      fields: [{ name: 'Matched', value: 'climate', inline: true }],
    });
    expect(message.footer).toBe(
      'and 3 more matching articles · Follows #1, #2 · /news unfollow <id> to stop',
    );
  });
});
