/**
 * Entries of one feed that share a link: distinct GUIDs make distinct articles, whatever the link.
 */
import { describe, expect, it } from 'vitest';
import { parseFeed, type ParsedFeed } from '../../src/feeds/parse-feed.js';

const now = new Date('2026-11-27T12:00:00Z');
const feedUrl = 'https://news.example.org/feeds/world.xml';

function parse(body: string): ParsedFeed {
  return parseFeed({ body, feedUrl }, { now });
}

describe('parseFeed: links shared by several entries', () => {
  it('keeps the fragment when it is what tells posts on one day page apart', () => {
    const post = (anchor: string, title: string, guid = true): string =>
      `<item><title>${title}</title><link>http://blog.example/2017/06/26.html#${anchor}</link>${
        guid ? `<guid>http://blog.example/2017/06/26.html#${anchor}</guid>` : ''
      }<description>${title} happened.</description></item>`;
    const feed = parse(`<rss version="2.0"><channel><title>Day pages</title><link>http://blog.example/</link>
      ${post('a080605', 'One')}${post('a030658', 'Two')}${post('a010101', 'Three')}
      <item><title>Alone</title><link>http://blog.example/2017/06/25.html#a1</link><guid>http://blog.example/2017/06/25.html#a1</guid></item>
      <item><title>Article</title><link>http://blog.example/2017/06/24/article.html#comments</link><guid>tag:blog.example,2017:24</guid></item>
      </channel></rss>`);
    expect(feed.articles.map((a) => a.url)).toEqual([
      'http://blog.example/2017/06/26.html#a080605',
      'http://blog.example/2017/06/26.html#a030658',
      'http://blog.example/2017/06/26.html#a010101',
      // Alone on its day page, but its GUID is the link with the anchor: the anchor is its address.
      'http://blog.example/2017/06/25.html#a1',
      'http://blog.example/2017/06/24/article.html',
    ]);
    expect(feed.articles.some((a) => a.urlIsShared === true)).toBe(false);
    // The day page is not the post's own page: no full-text fetch.
    expect(feed.articles.slice(0, 3).every((a) => !a.contentIsPartial)).toBe(true);

    const noGuids = parse(`<rss version="2.0"><channel><title>Day pages</title>
      ${post('p1', 'One', false)}${post('p2', 'Two', false)}${post('p2', 'Two again', false)}</channel></rss>`);
    expect(noGuids.articles.map((a) => [a.id, a.title])).toEqual([
      ['http://blog.example/2017/06/26.html#p1', 'One'],
      ['http://blog.example/2017/06/26.html#p2', 'Two'],
    ]);
  });

  it('flags a link shared by episodes with distinct GUIDs instead of merging them', () => {
    const episode = (n: number): string =>
      `<item><title>Episode ${n}</title><link>http://show.example/</link><guid>http://media.example/show-${n}.mp3</guid><pubDate>Tue, ${10 + n} Nov 2026 09:00:00 GMT</pubDate></item>`;
    // The channel links elsewhere, so the shared link is not recognised as the site home page.
    const feed = parse(`<rss version="2.0"><channel><title>Network</title><link>http://network.example/</link>
      ${[1, 2, 3].map(episode).join('')}
      <item><title>Own page</title><link>http://show.example/bonus?utm_source=rss#top</link><guid>bonus-1</guid></item></channel></rss>`);
    expect(feed.articles.map((a) => [a.title, a.url, a.urlIsShared === true, a.contentIsPartial])).toEqual([
      ['Episode 1', 'http://show.example/', true, false],
      ['Episode 2', 'http://show.example/', true, false],
      ['Episode 3', 'http://show.example/', true, false],
      ['Own page', 'http://show.example/bonus', false, true],
    ]);
  });

  it('never takes a site home page for an entry address, even when one entry alone links to it', () => {
    const feed = parse(`<rss version="2.0"><channel><title>Network</title><link>http://network.example/</link>
      <item><title>Episode 9</title><link>http://show.example/</link><guid>http://media.example/show-9.mp3</guid></item>
      <item><title>No guid A</title><link>http://other.example/?utm_source=rss</link><pubDate>Tue, 24 Nov 2026 09:00:00 GMT</pubDate></item>
      <item><title>No guid B</title><link>http://other.example/</link><pubDate>Wed, 25 Nov 2026 09:00:00 GMT</pubDate></item>
      </channel></rss>`);
    expect(feed.articles.map((a) => [a.title, a.url, a.urlIsShared, a.contentIsPartial])).toEqual([
      ['Episode 9', 'http://show.example/', true, false],
      ['No guid A', 'http://other.example/', true, false],
      ['No guid B', 'http://other.example/', true, false],
    ]);
    expect(feed.articles[1]?.id).toMatch(/^urn:sha1:/);
    expect(feed.articles[1]?.id).not.toBe(feed.articles[2]?.id);
  });
});
