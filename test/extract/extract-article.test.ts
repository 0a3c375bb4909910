import { afterEach, describe, expect, it } from 'vitest';
import { convertHtmlToLine, convertHtmlToText } from '../../src/extract/html-to-text.js';
import { ExtractionError, extractArticle } from '../../src/extract/extract-article.js';
import { fetchArticlePage } from '../../src/extract/fetch-article-page.js';
import { createHttpClient, NetworkPolicyError, type HttpClient } from '../../src/net/http-client.js';
import { startTestServer, testNetwork, type TestServer } from '../net/start-test-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const paragraphs = [
  'Heavy rain flooded 3,400 homes across the valley on Sunday, the regional government said, after rivers rose by more than two metres in twelve hours.',
  'Emergency services evacuated about 1,200 people overnight. "We have never seen the river rise this fast," said Marta Ruiz, the mayor of San Telmo.',
  'Forecasters expect a further 80 millimetres of rain by Tuesday, and the government has asked residents near the riverbanks to stay away from their homes.',
];

function newsPage(options: { lang?: string; extraHead?: string } = {}): string {
  return `<!DOCTYPE html><html lang="${options.lang ?? 'en'}"><head><meta charset="utf-8">
<title>Floods hit the valley - Valley Times</title>
<meta property="og:title" content="Floods hit the valley"><meta property="og:site_name" content="Valley Times">
<meta property="article:published_time" content="2026-11-22T06:15:00+01:00"><meta name="author" content="Luis Ortega">
<link rel="canonical" href="https://valley.example/news/floods?utm_source=x">${options.extraHead ?? ''}</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<main><article>
  <h1>Floods hit the valley</h1>
  <div class="byline">By Luis Ortega</div>
  <p>Published 22 November 2026</p>
  <p>4 min read</p>
  <p>${paragraphs[0]}</p>
  <figure><img src="flood.jpg" alt=""><figcaption>Water covers the main square. Photo: Ana Gil/Reuters</figcaption></figure>
  <p>${paragraphs[1]}</p>
  <p class="photo-credit">Getty Images</p>
  <div class="newsletter-signup"><p>Sign up for our morning briefing and get the news first.</p></div>
  <p>${paragraphs[2]}</p>
  <section class="related-articles"><h2>Related articles</h2><ul><li><a href="/a">Dam opens</a></li><li><a href="/b">River levels</a></li></ul></section>
</article></main>
<aside><h3>Most read</h3><ol><li>Story one</li><li>Story two</li></ol></aside>
<footer><p>© 2026 Valley Times. All rights reserved.</p></footer>
<script>window.analytics = {};</script>
</body></html>`;
}

describe('extractArticle', () => {
  it('keeps the story and drops bylines, dates, reading time, captions, credits, related blocks and the headline', () => {
    const article = extractArticle(newsPage(), 'https://valley.example/news/floods');
    expect(article.text).toBe(paragraphs.join('\n\n'));
    expect(article).toMatchObject({
      title: 'Floods hit the valley',
      byline: 'Luis Ortega',
      siteName: 'Valley Times',
      publishedAt: '2026-11-22T05:15:00.000Z',
      language: 'en',
      url: 'https://valley.example/news/floods?utm_source=x',
    });
  });

  it('throws ExtractionError for pages without an article', () => {
    const index = `<html><body><nav><a href="/">Home</a></nav><ul>${'<li><a href="/x">A headline</a></li>'.repeat(20)}</ul></body></html>`;
    expect(() => extractArticle(index, 'https://valley.example/')).toThrow(ExtractionError);
    expect(() => extractArticle('', 'https://valley.example/empty')).toThrow(
      /No article found at https:\/\/valley\.example\/empty/,
    );
  });
});

describe('fetchArticlePage', () => {
  async function serve(handler: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
    const server = await startTestServer(handler);
    cleanups.push(() => server.close());
    return server;
  }
  function client(...args: Parameters<typeof createHttpClient>): HttpClient {
    const made = createHttpClient(...args);
    cleanups.push(() => made.close());
    return made;
  }

  it('decodes the page by its charset and extracts it', async () => {
    const html = newsPage({ lang: 'es' })
      .replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
      .replace('Marta Ruiz', 'Marta Ruíz');
    const server = await serve((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.from(html, 'latin1')),
    );
    const article = await fetchArticlePage(`${server.url}/news/floods`, client(testNetwork()));
    expect(article.text).toContain('Marta Ruíz');
    expect(article.language).toBe('es');
  });

  it('refuses non-HTML responses and private addresses', async () => {
    const server = await serve((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4'),
    );
    await expect(fetchArticlePage(`${server.url}/doc.pdf`, client(testNetwork()))).rejects.toThrow(
      /application\/pdf, not a web page/,
    );
    await expect(
      fetchArticlePage(`${server.url}/doc.pdf`, client(testNetwork({ allowPrivateAddresses: false }))),
    ).rejects.toBeInstanceOf(NetworkPolicyError);
  });
});

describe('convertHtmlToText', () => {
  it.each([
    ['<p>One</p><p>Two &amp; three</p>', 'One\n\nTwo & three'],
    ['Line one<br>Line two<br/><br/>New paragraph', 'Line one\nLine two\n\nNew paragraph'],
    ['<div>  spaced   out  <span>text</span>\n\n</div>', 'spaced out text'],
    ['<ul><li>a</li><li>b</li></ul>', 'a\n\nb'],
    ['<script>alert("x")</script><style>p{}</style><p>kept</p><!-- hidden -->', 'kept'],
    ['Plain text\n\nwith a paragraph', 'Plain text\n\nwith a paragraph'],
    ['<pre>code\n  indented</pre>', 'code\nindented'],
    ['x < y and <b>bold</b> &lt;tag&gt; &#x1F600; &nbsp;', 'x < y and bold <tag> 😀'],
    ['<p>broken <b>markup', 'broken markup'],
  ])('%j', (html, text) => {
    expect(convertHtmlToText(html)).toBe(text);
  });

  it('makes single-line titles', () => {
    expect(convertHtmlToLine('Breaking:\n <em>big</em>   news &amp; more')).toBe('Breaking: big news & more');
    expect(convertHtmlToLine('AT&T profit &lt; forecast')).toBe('AT&T profit < forecast');
  });
});
