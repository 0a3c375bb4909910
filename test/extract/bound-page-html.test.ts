import { describe, expect, it } from 'vitest';
import { boundPageHtml, maxArticleElements, stripInertMarkup } from '../../src/extract/bound-page-html.js';
import { extractArticle, ExtractionError } from '../../src/extract/extract-article.js';

const story =
  '<p>The harbour authority said on Monday that 4,200 containers were handled last week, a record for the port.</p>'.repeat(
    5,
  );

describe('stripInertMarkup', () => {
  it('drops scripts, styles, svg and comments, keeping the text around them', () => {
    const html = `<p>a</p><script type="x">if (a < b) {}</script><STYLE>p{}</STYLE><!-- note --><svg><g/></svg><p>b</p>`;
    expect(stripInertMarkup(html)).toBe('<p>a</p><p>b</p>');
  });

  it('drops an unclosed script to the end, and keeps tags that only start like one', () => {
    expect(stripInertMarkup('<p>a</p><scripted>b</scripted><script>never closed')).toBe(
      '<p>a</p><scripted>b</scripted>',
    );
  });

  it('runs in linear time on many unclosed openers', () => {
    const html = '<script'.repeat(200_000);
    const started = performance.now();
    stripInertMarkup(html);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('boundPageHtml', () => {
  it('refuses a page with more elements than a real news page has, in bounded time', () => {
    const nested = `<html><body>${'<div>'.repeat(maxArticleElements + 10)}${story}</body></html>`;
    const started = performance.now();
    const result = boundPageHtml(nested);
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/more than 20,000 elements/) });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('keeps the start of an oversized page', () => {
    const result = boundPageHtml(`<p>${'word '.repeat(500_000)}</p>`);
    expect(result.ok && result.truncated).toBe(true);
    expect(result.ok && result.html.length).toBe(2_000_000);
  });

  it('makes extraction refuse a hostile page with a clear reason', () => {
    const nested = `<html><body><article>${'<div>'.repeat(50_000)}${story}</article></body></html>`;
    expect(() => extractArticle(nested, 'https://example.org/deep')).toThrow(ExtractionError);
    expect(() => extractArticle(nested, 'https://example.org/deep')).toThrow(/too many to extract safely/);
  });

  it('still extracts an ordinary page whose scripts are large', () => {
    const page = `<html><head><script>${'var x = 1;'.repeat(300_000)}</script></head><body><article><h1>Port record</h1>${story}</article></body></html>`;
    expect(extractArticle(page, 'https://example.org/port').text).toContain('4,200 containers');
  });
});
