import { describe, expect, it } from 'vitest';
import { clusterStories, defaultSimilarityThreshold } from '../../src/digest/cluster-stories.js';
import { newsSetOne, newsSetTwo, type LabelledArticle } from './fixtures/story-sets.js';

function pairwiseScores(set: readonly LabelledArticle[], threshold = defaultSimilarityThreshold) {
  const clusters = clusterStories(set, { threshold });
  const clusterOf = new Map<number, number>();
  clusters.forEach((members, index) => members.forEach((member) => clusterOf.set(member, index)));
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (let i = 0; i < set.length; i++) {
    for (let j = i + 1; j < set.length; j++) {
      const same = set[i]!.story === set[j]!.story;
      const together = clusterOf.get(i) === clusterOf.get(j);
      if (same && together) truePositives++;
      else if (together) falsePositives++;
      else if (same) falseNegatives++;
    }
  }
  return {
    clusters,
    precision: truePositives / (truePositives + falsePositives),
    recall: truePositives / (truePositives + falseNegatives),
  };
}

describe('clusterStories', () => {
  it.each([
    ['set one', newsSetOne],
    ['set two', newsSetTwo],
    ['both sets mixed', [...newsSetOne, ...newsSetTwo]],
  ])('groups the same events from different feeds in %s without merging distractors', (_name, set) => {
    const { precision, recall } = pairwiseScores(set);
    expect(precision).toBe(1);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('puts every article in exactly one cluster', () => {
    const { clusters } = pairwiseScores(newsSetOne);
    const all = clusters.flat().sort((a, b) => a - b);
    expect(all).toEqual(newsSetOne.map((_, index) => index));
  });

  it("keeps a company's different events apart (acquisition vs earnings)", () => {
    const set = newsSetOne.filter((article) => article.story === 'acq' || article.story === 'sf-earnings');
    const { clusters } = pairwiseScores(set);
    expect(clusters).toHaveLength(2);
  });

  it('does not merge two articles of the same feed, however alike', () => {
    const feedUrl = 'https://one.example/feed';
    const clusters = clusterStories([
      { feedUrl, title: 'Ukraine war: day 1001', text: 'Live updates on the war in Ukraine.' },
      { feedUrl, title: 'Ukraine war: day 1002', text: 'Live updates on the war in Ukraine.' },
    ]);
    expect(clusters).toEqual([[0], [1]]);
  });

  it('merges identical headlines from two feeds and nothing from an empty input', () => {
    expect(
      clusterStories([
        { feedUrl: 'https://a.example/f', title: 'Storm Bert floods Welsh valleys', text: '' },
        { feedUrl: 'https://b.example/f', title: 'Storm Bert floods Welsh valleys', text: '' },
      ]),
    ).toEqual([[0, 1]]);
    expect(clusterStories([])).toEqual([]);
  });

  it('never puts two entries of one feed in a story, even through a third source', () => {
    const clusters = clusterStories([
      {
        feedUrl: 'a',
        title: 'Storm closes harbour in Brest',
        text: 'The storm closed the harbour in Brest on Monday.',
      },
      {
        feedUrl: 'b',
        title: 'Brest harbour closed by storm',
        text: 'A storm closed the harbour of Brest, officials said.',
      },
      {
        feedUrl: 'a',
        title: 'Brest harbour reopens after storm',
        text: 'The harbour in Brest reopened after the storm.',
      },
    ]);
    for (const cluster of clusters) {
      const feeds = cluster.map((index) => ['a', 'b', 'a'][index]);
      expect(new Set(feeds).size).toBe(feeds.length);
    }
  });

  it('does not join articles on shared numbers alone', () => {
    const clusters = clusterStories([
      { feedUrl: 'a', title: 'watchOS 2.0 review', text: 'Apple released watchOS 2.0 with native apps 2.0.' },
      {
        feedUrl: 'b',
        title: 'feed-rs 0.2.0 released',
        text: 'The parser feed-rs reaches 2.0 support in 0.2.0.',
      },
    ]);
    expect(clusters).toEqual([[0], [1]]);
  });

  it('does not join articles published days apart', () => {
    const day = 86_400_000;
    const storm = {
      title: 'Storm closes harbour in Brest',
      text: 'The storm closed the harbour in Brest on Monday.',
    };
    const together = clusterStories([
      { feedUrl: 'a', ...storm, publishedAtMs: 0 },
      { feedUrl: 'b', ...storm, publishedAtMs: day },
    ]);
    expect(together).toEqual([[0, 1]]);
    const apart = clusterStories([
      { feedUrl: 'a', ...storm, publishedAtMs: 0 },
      { feedUrl: 'b', ...storm, publishedAtMs: 10 * day },
    ]);
    expect(apart).toEqual([[0], [1]]);
  });

  it('does not merge two short texts that share a single word', () => {
    expect(
      clusterStories([
        { feedUrl: 'https://a.example/f', title: 'Budgets', text: 'Some thoughts on household budgets.' },
        { feedUrl: 'https://b.example/f', title: 'Israel parliament passes budget after delays', text: '' },
      ]),
    ).toEqual([[0], [1]]);
  });

  it('a lower threshold merges more and a higher one less (the measured plateau holds)', () => {
    const both = [...newsSetOne, ...newsSetTwo];
    expect(pairwiseScores(both, 0.08).precision).toBeLessThan(1);
    expect(pairwiseScores(both, 0.4).recall).toBeLessThan(0.8);
  });
});
