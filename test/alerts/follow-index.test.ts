import { describe, expect, it } from 'vitest';
import { createFollowIndex } from '../../src/alerts/follow-index.js';
import { matchesQueryTokens, parseQuery, QueryError, type FollowQuery } from '../../src/alerts/query.js';
import { tokeniseDocument } from '../../src/alerts/tokenise-text.js';
import { createRandom } from '../support/create-random.js';

// Few words, with case and accent variants, so that queries and articles overlap often.
const WORDS = [
  'élan',
  'Elan',
  'tax',
  'Tax',
  'carbon',
  'levy',
  'Straße',
  'strasse',
  'paris',
  'café',
  'cafe',
  'vote',
  'ai',
  'said',
];
const ids = (matches: readonly { followId: number }[]): number[] =>
  matches.map((m) => m.followId).sort((a, b) => a - b);
const FEEDS = ['https://a.example/feed', 'https://b.example/feed', 'https://c.example/feed'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function generateQuery(random: () => number, depth = 0): string {
  const roll = random();
  if (depth < 2 && roll < 0.2)
    return `(${generateQuery(random, depth + 1)} OR ${generateQuery(random, depth + 1)})`;
  if (depth < 2 && roll < 0.3)
    return `${generateQuery(random, depth + 1)} ${generateQuery(random, depth + 1)}`;
  if (roll < 0.45) return `"${pick(random, WORDS)} ${pick(random, WORDS)}"`;
  if (roll < 0.55) return `-${pick(random, WORDS)}`;
  if (roll < 0.6) return `NOT (${pick(random, WORDS)} OR ${pick(random, WORDS)})`;
  return pick(random, WORDS);
}

function generateText(random: () => number, words: number): string {
  const parts: string[] = [];
  for (let i = 0; i < words; i++) {
    parts.push(pick(random, WORDS));
    if (random() < 0.15) parts.push(pick(random, ['.', ',', ';', '-']));
  }
  return parts.join(' ').replace(/ ([.,;])/g, '$1');
}

describe('createFollowIndex', () => {
  it('returns the same follows as checking every query one by one (seeded property test)', () => {
    const random = createRandom(20261127);
    const follows: Array<{ id: number; query: FollowQuery; feedUrls: string[] }> = [];
    const index = createFollowIndex();
    // A second index whose anchors come from (arbitrary) document frequencies must agree too.
    const frequencies = new Map(WORDS.map((word, i) => [word.toLowerCase(), (i * 37) % 11]));
    const skewed = createFollowIndex({ documentFrequency: (token) => frequencies.get(token) });
    let refused = 0;
    for (let id = 1; follows.length < 600; id++) {
      let query: FollowQuery;
      try {
        query = parseQuery(generateQuery(random));
      } catch (error) {
        if (!(error instanceof QueryError)) throw error;
        refused += 1;
        continue;
      }
      const feedUrls = random() < 0.3 ? [pick(random, FEEDS)] : [];
      follows.push({ id, query, feedUrls });
      index.add(id, query, feedUrls);
      skewed.add(id, query, feedUrls);
    }
    // Remove some follows again, to exercise removal from posting lists.
    for (const follow of follows.splice(0, 50)) {
      expect(index.remove(follow.id)).toBe(true);
      expect(skewed.remove(follow.id)).toBe(true);
    }
    expect(index.size).toBe(follows.length);

    let totalMatches = 0;
    for (let n = 0; n < 300; n++) {
      const doc = {
        feedUrl: pick(random, FEEDS),
        title: generateText(random, 3),
        text: generateText(random, 12),
      };
      // Brute force: evaluate every query's syntax tree (the index uses the expanded clauses).
      const tokens = tokeniseDocument([doc.title, doc.text]);
      const expected = follows
        .filter(
          (f) =>
            (f.feedUrls.length === 0 || f.feedUrls.includes(doc.feedUrl)) &&
            matchesQueryTokens(f.query, tokens),
        )
        .map((f) => f.id);
      const actual = ids(index.match(doc));
      expect(actual, JSON.stringify(doc)).toEqual(expected);
      expect(ids(skewed.match(doc)), JSON.stringify(doc)).toEqual(expected);
      totalMatches += actual.length;
    }
    // The generator must produce both matches and misses, or the comparison proves little.
    expect(totalMatches).toBeGreaterThan(1000);
    expect(totalMatches).toBeLessThan(300 * follows.length);
    expect(refused).toBeGreaterThan(0);
  });

  it('reports the words and phrases that were found, as the follower wrote them', () => {
    const index = createFollowIndex();
    index.add(7, parseQuery('"Carbon Tax" OR levy OR Élysée -sport'), []);
    const [match] = index.match({ feedUrl: 'f', title: "L'Elysée backs a carbon tax", text: 'No levy yet.' });
    expect(match).toEqual({ followId: 7, terms: ['Carbon Tax', 'levy', 'Élysée'] });
  });

  it('respects feed limits, replaces a follow added twice, and forgets removed follows', () => {
    const index = createFollowIndex();
    const query = parseQuery('climate');
    index.add(1, query, ['https://a.example/feed']);
    index.add(2, query, []);
    index.add(3, parseQuery('weather'), []);
    index.add(3, query, []);
    const doc = { feedUrl: 'https://b.example/feed', title: 'Climate', text: '' };
    expect(ids(index.match(doc))).toEqual([2, 3]);
    expect(ids(index.match({ ...doc, feedUrl: 'https://a.example/feed' }))).toEqual([1, 2, 3]);
    expect(index.remove(2)).toBe(true);
    expect(index.remove(2)).toBe(false);
    expect(ids(index.match(doc))).toEqual([3]);
    expect(index.size).toBe(2);
  });

  it('consults document frequencies to choose anchors, and matches the same either way', () => {
    const seen: string[] = [];
    const index = createFollowIndex({
      documentFrequency: (token) => {
        seen.push(token);
        return token === 'election' ? 0.5 : 0.001;
      },
    });
    index.add(1, parseQuery('election Ouagadougou'), []);
    expect(new Set(seen)).toEqual(new Set(['election', 'ouagadougou']));
    expect(index.match({ feedUrl: 'f', title: 'Election in Ouagadougou', text: '' })).toHaveLength(1);
    expect(index.match({ feedUrl: 'f', title: 'Election day', text: '' })).toHaveLength(0);
  });
});
