import { describe, expect, it } from 'vitest';
import { extractSearchTerms, rankStoredItems } from '../../src/commands/rank-stored-items.js';
import type { StoredItem } from '../../src/ports.js';
import { makeArticle } from './command-test-kit.js';

function item(seq: number, title: string, content: string): StoredItem {
  return {
    article: makeArticle({ id: `a${seq}`, title, content }),
    firstSeenAt: '2026-11-26T00:00:00.000Z',
    seq,
    feedUrls: ['https://news.example/feed.xml'],
  };
}

const items = [
  item(1, 'Élection présidentielle : le second tour fixé', 'Le scrutin aura lieu en mai.'),
  item(2, 'Markets rally after rate decision', 'Interest rates were left unchanged, the central bank said.'),
  item(3, 'Central bank cuts interest rates', 'The bank cut rates by a quarter point.'),
  item(4, 'Weather: storms expected', 'Storms are expected over the weekend; no link to interest.'),
  item(5, 'Elections in three countries this weekend', 'Voters go to the polls.'),
];

describe('extractSearchTerms', () => {
  it('folds case, accents and plurals, and drops stop words unless nothing else is left', () => {
    expect(extractSearchTerms('The ÉLECTIONS of Countries')).toEqual(['election', 'country']);
    expect(extractSearchTerms('the')).toEqual(['the']);
    expect(extractSearchTerms('  ')).toEqual([]);
  });
});

describe('rankStoredItems', () => {
  it('puts title matches of every term first, then body matches', () => {
    const ranked = rankStoredItems(items, 'interest rates', 3).map((r) => r.item.seq);
    expect(ranked).toEqual([3, 2]);
  });

  it('matches across accents and plural forms', () => {
    expect(
      rankStoredItems(items, 'election', 3)
        .map((r) => r.item.seq)
        .sort(),
    ).toEqual([1, 5]);
    expect(
      rankStoredItems(items, 'elections', 3)
        .map((r) => r.item.seq)
        .sort(),
    ).toEqual([1, 5]);
  });

  it('leaves out items matching fewer than two thirds of the terms when another matches them all', () => {
    const ranked = rankStoredItems(items, 'central bank interest rates', 5).map((r) => r.item.seq);
    expect(ranked).toContain(3);
    expect(ranked).not.toContain(4);
  });

  it('returns nothing for no match, no terms or no items', () => {
    expect(rankStoredItems(items, 'volcano', 3)).toEqual([]);
    expect(rankStoredItems(items, '!!!', 3)).toEqual([]);
    expect(rankStoredItems([], 'rates', 3)).toEqual([]);
  });

  it('respects the limit and prefers the newest among equals', () => {
    const same = [
      item(1, 'Storm warning', 'x'),
      item(2, 'Storm warning', 'x'),
      item(3, 'Storm warning', 'x'),
    ];
    expect(rankStoredItems(same, 'storm', 2).map((r) => r.item.seq)).toEqual([3, 2]);
  });

  it('counts whole words only, not substrings', () => {
    const list = [
      item(1, 'Officials separate the groups', 'They were separated.'),
      item(2, 'Rate rise expected', 'x'),
    ];
    expect(rankStoredItems(list, 'rate', 3).map((r) => r.item.seq)).toEqual([2]);
  });

  it('finds accented spellings and ligatures in titles and bodies', () => {
    const list = [
      item(1, 'Le café de la gare ferme', 'x'),
      item(2, 'Weather', 'Die Straße bleibt gesperrt.'),
      item(3, 'Zoë wins', 'x'),
      item(4, 'Unrelated', 'y'),
    ];
    expect(rankStoredItems(list, 'CAFE', 3).map((r) => r.item.seq)).toEqual([1]);
    expect(rankStoredItems(list, 'strasse', 3).map((r) => r.item.seq)).toEqual([2]);
    expect(rankStoredItems(list, 'zoe', 3).map((r) => r.item.seq)).toEqual([3]);
  });

  it('finds the few matching articles among a thousand long ones', () => {
    const filler =
      'the government said that inflation had fallen while unemployment rose in the regions. '.repeat(70);
    const many = Array.from({ length: 1000 }, (_, i) =>
      item(i, `Story ${i}`, i % 100 === 0 ? `A volcano erupted. ${filler}` : filler),
    );
    const ranked = rankStoredItems(many, 'volcano eruption inflation', 3);
    expect(ranked.map((r) => r.item.seq)).toEqual([900, 800, 700]);
  });
});
