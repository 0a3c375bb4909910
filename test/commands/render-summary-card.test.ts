import { formatFigureAmount, formatFigureLine } from '../../src/text/format-figure.js';
import { describe, expect, it } from 'vitest';
import { formatClaimLine, renderSummaryCard } from '../../src/commands/render-summary-card.js';
import type { Summary } from '../../src/model.js';

describe('formatFigureLine', () => {
  it('writes the number, what it counts, who claims it and when', () => {
    expect(
      formatFigureLine({
        text: '12,000',
        value: 12000,
        counts: 'North Korean soldiers sent to Russia',
        attribution: 'Kyiv',
        sentence: 0,
      }),
    ).toBe('12,000 — North Korean soldiers sent to Russia (according to Kyiv)');
    expect(
      formatFigureLine({
        text: '4.5',
        value: 4.5,
        unit: '%',
        counts: 'main interest rate',
        attribution: 'The central bank',
        date: 'Thursday',
        sentence: 1,
      }),
    ).toBe('4.5% — main interest rate (according to the central bank, Thursday)');
  });

  it('does not repeat a unit the number or its description already carries', () => {
    expect(
      formatFigureLine({ text: '$3 billion', value: 3e9, unit: 'USD', counts: 'aid', sentence: 0 }),
    ).toBe('$3 billion — aid');
    expect(
      formatFigureLine({ text: '15 percent', value: 15, unit: '%', counts: 'of GDP', sentence: 0 }),
    ).toBe('15 percent — of GDP');
    expect(formatFigureLine({ text: '20', value: 20, unit: 'EUR', counts: 'fine', sentence: 0 })).toBe(
      '20 EUR — fine',
    );
    expect(
      formatFigureLine({ text: 'only half', value: 0.5, unit: 'share', counts: 'help needed', sentence: 0 }),
    ).toBe('only half — help needed');
    expect(
      formatFigureLine({
        text: '40,000',
        value: 40000,
        unit: 'people',
        counts: 'people at the rally',
        sentence: 0,
      }),
    ).toBe('40,000 — people at the rally');
    expect(formatFigureLine({ text: '12%', value: 12, unit: '%', counts: 'turnout', sentence: 0 })).toBe(
      '12% — turnout',
    );
  });
});

describe('formatClaimLine', () => {
  it('adds attribution and date only when the claim does not already say them', () => {
    expect(
      formatClaimLine({
        text: 'The plant was hit.',
        attribution: 'The ministry',
        date: 'March 3',
        sentence: 0,
      }),
    ).toBe('The plant was hit. — The ministry, March 3');
    expect(
      formatClaimLine({
        text: 'The ministry said on March 3 the plant was hit.',
        attribution: 'The ministry',
        date: 'March 3',
        sentence: 0,
      }),
    ).toBe('The ministry said on March 3 the plant was hit.');
  });
});

describe('renderSummaryCard', () => {
  const summary: Summary = {
    title: 'Rates cut',
    language: 'en',
    gist: 'The central bank cut rates, its governor said.',
    claims: [
      { text: 'The central bank cut rates, its governor said.', sentence: 0 },
      { text: 'Inflation is easing.', attribution: 'The governor', sentence: 1 },
    ],
    figures: [{ text: '0.25', value: 0.25, unit: 'percentage points', counts: 'cut', sentence: 0 }],
    sentences: [],
    stats: { words: 1234, ms: 2 },
  };

  it('links the title, shows the source and gist, and lists figures and claims (not the gist twice)', () => {
    const card = renderSummaryCard(summary, {
      url: 'https://news.example/rates',
      source: 'Example News',
      publishedAt: '2026-11-26T10:00:00Z',
    });
    expect(card).toEqual({
      title: 'Rates cut',
      url: 'https://news.example/rates',
      source: 'Example News',
      timestamp: '2026-11-26T10:00:00Z',
      body: 'The central bank cut rates, its governor said.',
      fields: [
        { name: 'Key figures', value: '0.25 percentage points — cut' },
        { name: 'Key claims', value: 'Inflation is easing. — The governor' },
      ],
      footer: 'Summary of 1,234 words',
    });
  });

  it('leaves out empty fields and invalid times, and falls back to the page title', () => {
    const card = renderSummaryCard(
      { ...summary, title: '', claims: [], figures: [], stats: { words: 0, ms: 0 } },
      { title: 'Page title', publishedAt: 'yesterday' },
    );
    expect(card.title).toBe('Page title');
    expect(card.fields).toEqual([]);
    expect(card.timestamp).toBeUndefined();
    expect(card.footer).toBeUndefined();
  });
});

describe('figure amounts that already state their unit', () => {
  it.each([
    ['13 percent', '%', '13 percent'],
    ['4,5 pour cent', '%', '4,5 pour cent'],
    ['2.75%', '%', '2.75%'],
    ['12', '%', '12%'],
    ['₩3 billion', 'KRW', '₩3 billion'],
    ['$5 million', 'USD', '$5 million'],
    ['40 million', 'GBP', '40 million GBP'],
    ['nearly £1 in every £3', 'share', 'nearly £1 in every £3'],
    ['3 out of 4', 'share', '3 out of 4'],
    ['two-thirds', 'share', 'two-thirds'],
    ['40 pounds', 'lb', '40 pounds'],
    ['12 lbs', 'lb', '12 lbs'],
  ])('%s with unit %s reads "%s"', (text, unit, expected) => {
    expect(formatFigureAmount({ text, unit })).toBe(expected);
  });
});
