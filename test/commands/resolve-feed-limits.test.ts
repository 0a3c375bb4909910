import { describe, expect, it } from 'vitest';
import { splitFeedLimits } from '../../src/commands/resolve-feed-limits.js';

describe('splitFeedLimits', () => {
  it.each([
    ['climate', { query: 'climate', feeds: [] }],
    ['climate feed:bbc', { query: 'climate', feeds: ['bbc'] }],
    ['feed:"Sport Daily" transfer window', { query: 'transfer window', feeds: ['Sport Daily'] }],
    [
      'a FEED:https://x.example/rss b feed:“Le Monde”',
      { query: 'a b', feeds: ['https://x.example/rss', 'Le Monde'] },
    ],
    ['"feed:quoted" phrase', { query: '"feed:quoted" phrase', feeds: [] }],
    ['newsfeed:x', { query: 'newsfeed:x', feeds: [] }],
    ['x feed:', { query: 'x', feeds: [''] }],
  ])('%s', (text, expected) => {
    expect(splitFeedLimits(text)).toEqual(expected);
  });
});
