import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/build-digest.js';
import { renderDigest } from '../../src/digest/render-digest.js';
import type { StoredItem } from '../../src/ports.js';
import { makeArticle, makeFigure, makeItem, makeSummary } from './fixtures/stored-items.js';

const now = new Date('2026-11-27T08:00:00Z');
const apFeed = 'https://apnews.example/feed';
const bbcFeed = 'https://bbc.example/feed';
const guardianFeed = 'https://guardian.example/feed';

function wildfireStory(): StoredItem[] {
  return [
    makeItem(
      makeArticle({
        id: 'ap-fire',
        feedUrl: apFeed,
        title: 'Wildfire forces thousands to evacuate near Los Angeles',
        source: { name: 'AP News' },
        publishedAt: '2026-11-27T05:00:00Z',
      }),
      makeSummary(
        'Wildfire forces thousands to evacuate near Los Angeles',
        'A wildfire north of Los Angeles forced 30,000 residents to leave, fire officials said.',
        {
          figures: [
            makeFigure('30,000', 30000, 'residents ordered to evacuate', {
              unit: 'people',
              attribution: 'fire officials',
            }),
            makeFigure('10,000 acres', 10000, 'acres burned', { unit: 'acres' }),
          ],
          claims: [{ text: 'The fire is 5% contained.', attribution: 'Cal Fire', sentence: 1 }],
        },
      ),
      1,
    ),
    makeItem(
      makeArticle({
        id: 'bbc-fire',
        feedUrl: bbcFeed,
        title: 'California wildfire: 25,000 told to flee as Los Angeles blaze spreads',
        source: { name: 'BBC News' },
        publishedAt: '2026-11-27T06:30:00Z',
      }),
      makeSummary(
        'California wildfire: 25,000 told to flee',
        'Firefighters battle a Los Angeles wildfire blaze; 25,000 residents told to evacuate, police said.',
        {
          figures: [
            makeFigure('25,000', 25000, 'residents told to evacuate', {
              unit: 'people',
              attribution: 'police',
            }),
          ],
          claims: [
            {
              text: 'Winds will strengthen overnight.',
              attribution: 'the National Weather Service',
              sentence: 2,
            },
          ],
        },
      ),
      2,
    ),
  ];
}

function singleItems(count: number, feed = guardianFeed): StoredItem[] {
  const topics = [
    'budget vote',
    'football final',
    'museum opening',
    'train strike',
    'vaccine trial',
    'chess match',
    'bridge repair',
    'film festival',
    'harvest report',
    'satellite launch',
    'election debate',
    'opera premiere',
  ];
  return Array.from({ length: count }, (_, index) =>
    makeItem(
      makeArticle({
        id: `single-${index}`,
        feedUrl: feed,
        title: `Unrelated ${topics[index % topics.length]} number ${index}`,
        publishedAt: '2026-11-26T20:00:00Z',
      }),
      undefined,
      100 + index,
    ),
  );
}

describe('buildDigest', () => {
  it('makes one story of the same event from two feeds, with both sources and the lead first', () => {
    const digest = buildDigest(wildfireStory(), { now, maxStories: 5 });
    expect(digest.stories).toHaveLength(1);
    const story = digest.stories[0]!;
    expect(story.sources).toEqual(['AP News', 'BBC News']);
    expect(story.articles.map((article) => article.id)).toEqual(['ap-fire', 'bbc-fire']);
    expect(story.headline).toBe('Wildfire forces thousands to evacuate near Los Angeles');
    expect(story.latestAt).toBe('2026-11-27T06:30:00Z');
    expect(digest.itemCount).toBe(2);
    expect(digest.sourceCount).toBe(2);
  });

  it('lines up a figure the sources disagree on, keeping each value with its source', () => {
    const story = buildDigest(wildfireStory(), { now, maxStories: 5 }).stories[0]!;
    const evacuated = story.figures.find((figure) => figure.reports.length === 2);
    expect(evacuated?.differs).toBe(true);
    expect(evacuated?.reports.map((report) => [report.text, report.source, report.attribution])).toEqual([
      ['30,000', 'AP News', 'fire officials'],
      ['25,000', 'BBC News', 'police'],
    ]);
  });

  it('takes claims from each source in turn', () => {
    const story = buildDigest(wildfireStory(), { now, maxStories: 5 }).stories[0]!;
    expect(story.claims.map((claim) => claim.source)).toEqual(['AP News', 'BBC News']);
  });

  it('ranks a story carried by several sources above single-source ones of the same age', () => {
    const items = [...singleItems(3), ...wildfireStory()];
    const digest = buildDigest(items, { now, maxStories: 10 });
    expect(digest.stories[0]!.id).toBe('ap-fire');
  });

  it('ranks the newer of two otherwise equal stories first', () => {
    const old = makeItem(
      makeArticle({
        id: 'old',
        feedUrl: apFeed,
        title: 'Parliament passes water bill',
        publishedAt: '2026-11-26T08:00:00Z',
      }),
      undefined,
      1,
    );
    const fresh = makeItem(
      makeArticle({
        id: 'fresh',
        feedUrl: bbcFeed,
        title: 'Astronomers spot new comet',
        publishedAt: '2026-11-27T07:00:00Z',
      }),
      undefined,
      2,
    );
    expect(buildDigest([old, fresh], { now, maxStories: 5 }).stories.map((story) => story.id)).toEqual([
      'fresh',
      'old',
    ]);
  });

  it('keeps at most maxStories and counts the rest', () => {
    const digest = buildDigest(singleItems(12), { now, maxStories: 5 });
    expect(digest.stories).toHaveLength(5);
    expect(digest.moreStories).toBe(7);
  });

  it("falls back to the teaser's first sentence when an item has no summary", () => {
    const item = makeItem(
      makeArticle({
        id: 'teaser',
        feedUrl: apFeed,
        title: 'Port reopens',
        summary: 'The port reopened on Friday. Ships queued for days.',
        content: '',
      }),
      undefined,
      1,
    );
    expect(buildDigest([item], { now, maxStories: 1 }).stories[0]!.gist).toBe('The port reopened on Friday.');
  });

  it('shows no gist when the summary found no statement, not the first line of the notes', () => {
    const item = makeItem(
      makeArticle({
        id: 'show-notes',
        feedUrl: apFeed,
        title: 'Episode 12: Lower your standards',
        summary: 'Pre-show: Videolog\n\nFollow-up: keyboards',
        content: '',
      }),
      makeSummary('Episode 12: Lower your standards', ''),
      1,
    );
    expect(buildDigest([item], { now, maxStories: 1 }).stories[0]!.gist).toBe('');
  });

  it('names sources by the configured feed name when there is one', () => {
    const names = new Map([[apFeed, 'Associated Press']]);
    const story = buildDigest(wildfireStory(), { now, maxStories: 5, sourceNames: names }).stories[0]!;
    expect(story.sources).toEqual(['Associated Press', 'BBC News']);
  });

  it('counts an item carried twice only once', () => {
    const [first] = wildfireStory();
    expect(buildDigest([first!, first!], { now, maxStories: 5 }).itemCount).toBe(1);
  });
});

describe('renderDigest', () => {
  it('renders a story card with headline link, sources, gist, side-by-side figures, claims and coverage', () => {
    const message = renderDigest(buildDigest(wildfireStory(), { now, maxStories: 5 }));
    expect(message.title).toBe('News digest: 1 story from 2 sources');
    const card = message.cards[0]!;
    expect(card.url).toBe('https://news.example/ap-fire');
    expect(card.source).toBe('AP News · BBC News');
    expect(card.body).toContain('30,000 residents');
    const fields = Object.fromEntries(card.fields.map((field) => [field.name, field.value]));
    expect(fields['Key figures']).toContain(
      'residents ordered to evacuate: 30,000 (AP News, citing fire officials) · 25,000 (BBC News, citing police)',
    );
    expect(fields['Key figures']).toContain('• 10,000 acres burned');
    expect(fields['Claims']).toContain('The fire is 5% contained. (Cal Fire) [AP News]');
    expect(fields['Also reported by']).toContain(
      'BBC News: California wildfire: 25,000 told to flee as Los Angeles blaze spreads https://news.example/bbc-fire',
    );
    expect(message.footer).toBeUndefined();
  });

  it('says how many stories were left out', () => {
    const message = renderDigest(buildDigest(singleItems(12), { now, maxStories: 10 }));
    expect(message.cards).toHaveLength(10);
    expect(message.footer).toBe('and 2 more stories');
  });

  it('renders an empty digest as one short line and no cards', () => {
    const message = renderDigest(buildDigest([], { now, maxStories: 10 }));
    expect(message.cards).toEqual([]);
    expect(message.text).toBe('Nothing new since the last digest.');
  });
});

describe('undated entries', () => {
  it('do not outrank dated news of the last hours on their first-seen time alone', () => {
    const dated = makeItem(
      makeArticle({
        id: 'dated',
        feedUrl: apFeed,
        title: 'Port reopens after the storm',
        publishedAt: '2026-11-27T04:00:00Z',
      }),
      undefined,
      1,
    );
    const undated = makeItem(
      makeArticle({
        id: 'undated',
        feedUrl: bbcFeed,
        title: 'Archive page of old essays',
        publishedAt: '2026-11-27T07:59:00Z',
        publishedIsGuess: true,
      }),
      undefined,
      2,
    );
    const digest = buildDigest([undated, dated], { now, maxStories: 10 });
    expect(digest.stories.map((story) => story.id)).toEqual(['dated', 'undated']);
  });
});
