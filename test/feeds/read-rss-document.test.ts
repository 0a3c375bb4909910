import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import { readRssDocument } from '../../src/feeds/read-rss-document.js';

const rss = (namespaces: string, item: string): string =>
  `<?xml version="1.0"?><rss version="2.0" ${namespaces}><channel><title>T &amp; Co</title><link>https://example.com/</link><ttl>60</ttl>${item}</channel></rss>`;

describe('readRssDocument', () => {
  it('reads the fields the bot uses, decoding entities outside CDATA only', () => {
    const raw = readRssDocument(
      rss(
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"',
        `<item><title>A &lt;b&gt; title</title><link>https://example.com/a</link>
         <guid isPermaLink="false">42</guid><author>jane@example.com (Jane Doe)</author>
         <description><![CDATA[<p>Teaser &amp; more</p>]]></description>
         <content:encoded><p>Full</p></content:encoded><dc:date>2026-01-02T03:04:05Z</dc:date></item>`,
      ),
      1000,
    );
    expect(raw).toMatchObject({ title: 'T & Co', link: 'https://example.com/', ttlMinutes: 60 });
    expect(raw?.entries[0]).toEqual({
      guid: '42',
      links: ['https://example.com/a'],
      title: 'A <b> title',
      author: 'Jane Doe',
      published: '2026-01-02T03:04:05Z',
      summaryHtml: '<p>Teaser &amp; more</p>',
      contentHtml: '<p>Full</p>',
    });
  });

  it('leaves documents with a namespace under another prefix to feedsmith, which remaps it', () => {
    const xml = rss(
      'xmlns:c="http://purl.org/rss/1.0/modules/content/"',
      '<item><title>One</title><link>https://example.com/1</link><c:encoded>Full text of one</c:encoded></item>',
    );
    expect(readRssDocument(xml, 1000)).toBeUndefined();
    const feed = parseFeed({ body: xml, feedUrl: 'https://example.com/feed' }, { now: new Date() });
    expect(feed.articles[0]?.content).toBe('Full text of one');
  });

  it('leaves a channel without items to feedsmith', () => {
    expect(readRssDocument(rss('', ''), 1000)).toBeUndefined();
  });

  it('reads only the first items up to the cap', () => {
    const items = Array.from({ length: 5 }, (_, i) => `<item><title>Item ${i}</title></item>`).join('');
    expect(readRssDocument(rss('', items), 3)?.entries.map((entry) => entry.title)).toEqual([
      'Item 0',
      'Item 1',
      'Item 2',
    ]);
  });
});
