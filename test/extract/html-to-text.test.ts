import { decodeHTML } from 'entities';
import { describe, expect, it } from 'vitest';
import {
  collapseSpaces,
  convertHtmlToLine,
  convertHtmlToText,
  tidyText,
} from '../../src/extract/html-to-text.js';
import { normaliseArticle } from '../../src/feeds/normalise-article.js';
import { createRandom } from '../support/create-random.js';

/** The general paths, as they were before the fast paths: the fast paths must agree with them. */
function tidyTextReference(text: string): string {
  let normalised = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  if (/[\u00a0\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff]/.test(normalised)) {
    normalised = normalised
      .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
      .replace(/[\u200b-\u200d\u2060\ufeff]/g, '');
  }
  return normalised
    .replace(/[ \t\f\v]{2,}|[\t\f\v]/g, ' ')
    .replace(/ ?\n[\n ]*/g, (run) => (run.indexOf('\n') === run.lastIndexOf('\n') ? '\n' : '\n\n'))
    .trim();
}

const pieces = [
  'a',
  'Word',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '\r\n',
  '\t',
  '\u00a0',
  '\u2009',
  '\u200b',
  '\ufeff',
  '\u3000',
  '\u2028',
  '\u1680',
  '\v',
  ' \n ',
  '&amp;',
  '&#10;',
  '&nbsp;',
  '<p>',
  '</p>',
  '<br>',
  '<b>',
  '</b>',
  '<pre>',
  '</pre>',
  '<script>x</script>',
  '<![CDATA[ a & b ]]>',
  '<!-- note -->',
  'é',
  '5 < 6',
  'Continue reading',
  'Related: more',
];

function generate(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += pieces[Math.floor(random() * pieces.length)] ?? '';
  return out;
}

describe('html-to-text fast paths', () => {
  it('tidyText gives what the general path gives, for tidy and untidy text alike', () => {
    const random = createRandom(7);
    for (let i = 0; i < 3000; i += 1) {
      const text = generate(random, 1 + Math.floor(random() * 12));
      expect(tidyText(text), JSON.stringify(text)).toBe(tidyTextReference(text));
    }
    expect(tidyText('  Already tidy title ')).toBe('Already tidy title');
    expect(tidyText('a\u00a0b')).toBe('a b');
  });

  it('collapseSpaces turns every run of white space into one space, like replace(/\\s+/g, " ")', () => {
    const random = createRandom(5);
    for (let i = 0; i < 3000; i += 1) {
      const text = generate(random, 1 + Math.floor(random() * 12));
      expect(collapseSpaces(text), JSON.stringify(text)).toBe(text.replace(/\s+/g, ' '));
    }
    expect(collapseSpaces('a \u00a0\n b\tc d')).toBe('a b c d');
  });

  it('convertHtmlToLine gives one collapsed line whether or not there was anything to collapse', () => {
    const random = createRandom(11);
    for (let i = 0; i < 3000; i += 1) {
      const html = generate(random, 1 + Math.floor(random() * 12));
      const general = (
        /[<&]/.test(html) ? (/<[a-zA-Z/!]/.test(html) ? convertHtmlToText(html) : decodeHTML(html)) : html
      )
        .replace(/\s+/g, ' ')
        .trim();
      expect(convertHtmlToLine(html), JSON.stringify(html)).toBe(general);
    }
    expect(convertHtmlToLine(' Plain title ')).toBe('Plain title');
    expect(convertHtmlToLine('Tom &amp; Jerry\n at  home')).toBe('Tom & Jerry at home');
  });

  it('convertHtmlToText collapses white space inside text runs and keeps line breaks inside <pre>', () => {
    expect(convertHtmlToText('<p>one two</p><p>three\n  four</p>')).toBe('one two\n\nthree four');
    expect(convertHtmlToText('<pre>a\n  b</pre>')).toBe('a\nb');
    expect(convertHtmlToText('x&#10;y')).toBe('x\ny');
  });
});

describe('furniture paragraphs', () => {
  const context = {
    feedUrl: 'https://example.org/feed.xml',
    base: 'https://example.org/',
    source: { name: 'Example' },
    now: new Date('2026-01-01T00:00:00Z'),
  };
  const contentOf = (html: string): string =>
    normaliseArticle(
      { links: ['https://example.org/a'], title: 'T', contentHtml: html, guid: 'tag:example.org,2026:1' },
      context,
    ).content;

  it('drops a furniture paragraph at the start, in the middle or at the end, and nothing else', () => {
    expect(contentOf('<p>Related: other story</p><p>Body text.</p>')).toBe('Body text.');
    expect(contentOf('<p>Body text.</p><p>Read more: elsewhere</p><p>End.</p>')).toBe('Body text.\n\nEnd.');
    expect(contentOf('<p>Body text.</p><p>The post X appeared first on Y.</p>')).toBe('Body text.');
    expect(contentOf('<p>Body about related matters. Continue reading</p>')).toBe(
      'Body about related matters. Continue reading',
    );
    expect(contentOf('<p>Already read.</p><p>Keep calm.</p>')).toBe('Already read.\n\nKeep calm.');
  });
});
