import { describe, expect, it } from 'vitest';
import { looksLikeUrl, parseHttpUrl } from '../../src/commands/parse-http-url.js';

describe('looksLikeUrl', () => {
  it.each([
    ['https://example.com/a', true],
    ['HTTP://EXAMPLE.COM', true],
    ['<https://example.com/a|label>', true],
    ['www.example.com/news', true],
    ['javascript:alert(1)', true],
    ['ftp://example.com', true],
    ['interest rates', false],
    ['covid-19', false],
    ['https://example.com two words', false],
    ['', false],
  ])('%s → %s', (text, expected) => {
    expect(looksLikeUrl(text)).toBe(expected);
  });
});

describe('parseHttpUrl', () => {
  it('normalises the link and drops the fragment', () => {
    expect(parseHttpUrl('HTTPS://Example.COM/a/b?x=1#top').href).toBe('https://example.com/a/b?x=1');
    expect(parseHttpUrl('<https://example.com/a>').href).toBe('https://example.com/a');
    expect(parseHttpUrl('www.example.com/news').href).toBe('https://www.example.com/news');
    expect(parseHttpUrl('http://[::1]:8080/x').hostname).toBe('[::1]');
  });

  it.each([
    ['ftp://example.com/x', /Only http and https links are supported, not ftp:/u],
    ['javascript:alert(1)', /not javascript:/u],
    ['file:///etc/passwd', /not file:/u],
    ['example.com/x', /starts with http/u],
    ['https://', /not look like a valid link|no host/u],
    ['https://user:pw@example.com/', /user name or password/u],
    [`https://example.com/${'a'.repeat(2100)}`, /too long/u],
    ['', /starts with http/u],
  ])('refuses %s', (text, expected) => {
    expect(() => parseHttpUrl(text)).toThrowError(expected);
  });
});
