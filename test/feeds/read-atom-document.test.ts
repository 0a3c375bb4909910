import { parseAtomFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import { readAtomDocument } from '../../src/feeds/read-atom-document.js';
import { readFeedsmithFeed } from '../../src/feeds/read-feed-entries.js';

const atom = (attributes: string, body: string): string =>
  `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" ${attributes}><title type="html">T &amp;amp; Co</title>` +
  `<link rel="self" href="https://example.com/feed"/><link href="https://example.com/"/><author><name>Desk</name></author>${body}</feed>`;

/** What the feedsmith path gives for the same document: the direct reader must give the same. */
const viaFeedsmith = (xml: string) => readFeedsmithFeed({ format: 'atom', feed: parseAtomFeed(xml) });

describe('readAtomDocument', () => {
  it('reads the fields the bot uses as feedsmith does', () => {
    const xml = atom(
      'xml:lang="en" xmlns:dc="http://purl.org/dc/elements/1.1/"',
      `<entry><id>tag:example.com,2026:1</id><title type="text">A &lt;b&gt; title</title>
       <link rel="alternate" type="text/html" href="/a"/><link rel="edit" href="/edit/a"/>
       <published>2026-01-02T03:04:05Z</published><updated>2026-01-03T00:00:00Z</updated>
       <summary type="html">&lt;p&gt;Teaser&lt;/p&gt;</summary><content type="html"><![CDATA[<p>Full</p>]]></content></entry>
       <entry><title>Two</title><dc:creator>Jane</dc:creator><link href="https://example.com/2"/></entry>`,
    );
    const raw = readAtomDocument(xml, 1000);
    expect(raw).toEqual(viaFeedsmith(xml));
    expect(raw).toMatchObject({
      title: 'T &amp; Co',
      link: 'https://example.com/',
      language: 'en',
      author: 'Desk',
    });
    expect(raw?.entries[0]).toEqual({
      guid: 'tag:example.com,2026:1',
      links: ['/a'],
      title: 'A <b> title',
      titleIsText: true,
      author: 'Desk',
      published: '2026-01-02T03:04:05Z',
      updated: '2026-01-03T00:00:00Z',
      summaryHtml: '<p>Teaser</p>',
      contentHtml: '<p>Full</p>',
    });
    expect(raw?.entries[1]?.author).toBe('Jane');
  });

  it('unwraps xhtml content and takes xml:base and xml:lang from its <div>, resolved against the element', () => {
    const xml = atom(
      '',
      `<entry><id>1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">An <em>xhtml</em> title</div></title>
       <content type="xhtml" xml:base="https://example.com/posts/"><xhtml:div xmlns:xhtml="http://www.w3.org/1999/xhtml" xml:base="2026/" xml:lang="fr"><xhtml:p>Un <xhtml:a href="a.html">lien</xhtml:a></xhtml:p></xhtml:div></content></entry>`,
    );
    const raw = readAtomDocument(xml, 1000);
    expect(raw).toEqual(viaFeedsmith(xml));
    expect(raw?.entries[0]).toMatchObject({
      title: 'An <em>xhtml</em> title',
      contentHtml: '<p>Un <a href="a.html">lien</a></p>',
      language: 'fr',
      base: 'https://example.com/posts/2026/',
    });
  });

  it('leaves documents with Atom under a prefix, or no Atom default namespace, to feedsmith', () => {
    const prefixed = atom(
      'xmlns:atom="http://www.w3.org/2005/Atom"',
      '<entry><atom:title>One</atom:title></entry>',
    );
    expect(readAtomDocument(prefixed, 1000)).toBeUndefined();
    const plain =
      '<feed><title>T</title><entry><title>One</title><link href="https://example.com/1"/></entry></feed>';
    expect(readAtomDocument(plain, 1000)).toBeUndefined();
    const feed = parseFeed({ body: prefixed, feedUrl: 'https://example.com/feed' }, { now: new Date() });
    expect(feed.articles[0]?.title).toBe('One');
  });

  it('leaves a feed without entries to feedsmith and reads only the first entries up to the cap', () => {
    expect(readAtomDocument(atom('', ''), 1000)).toBeUndefined();
    const entries = Array.from({ length: 5 }, (_, i) => `<entry><title>Entry ${i}</title></entry>`).join('');
    expect(readAtomDocument(atom('', entries), 3)?.entries.map((entry) => entry.title)).toEqual([
      'Entry 0',
      'Entry 1',
      'Entry 2',
    ]);
  });
});
