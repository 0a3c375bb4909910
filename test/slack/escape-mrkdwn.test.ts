import { describe, expect, it } from 'vitest';

import {
  escapeLinkUrl,
  escapeMrkdwn,
  escapePlainText,
  truncateMrkdwn,
  truncatePlain,
} from '../../adapters/slack/escape-mrkdwn.js';

describe('escapeMrkdwn', () => {
  it.each([
    ['Q&A <b>bold</b>', 'Q&amp;A &lt;b&gt;bold&lt;/b&gt;'],
    ['ping <!channel> now', 'ping &lt;!channel&gt; now'],
    ['<!here|here> and <!everyone>', '&lt;!here|here&gt; and &lt;!everyone&gt;'],
    [
      'hi <@U024BE7LH> and <!subteam^SAZ94GDB8|@team>',
      'hi &lt;@U024BE7LH&gt; and &lt;!subteam^SAZ94GDB8|@team&gt;',
    ],
    ['see <https://evil.example|a link>', 'see &lt;https://evil.example|a link&gt;'],
    ['already &amp; escaped', 'already &amp;amp; escaped'],
  ])('escapes %j', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });

  it('breaks bare broadcast words so no client turns them into a mention', () => {
    const out = escapeMrkdwn('Hey @channel, @here and @Everyone: read this');
    expect(out).not.toMatch(/@(channel|here|everyone)\b/i);
    expect(out.replace(/\u200B/g, '')).toBe('Hey @channel, @here and @Everyone: read this');
  });

  it('neutralises formatting markers at word boundaries but keeps them inside words', () => {
    const out = escapeMrkdwn('*Breaking* _news_ ~old~ `code` but snake_case and 5*3 stay');
    expect(out).not.toMatch(/(^|\s)[*_~`]\S/);
    expect(out).toContain('snake_case');
    expect(out).toContain('5*3');
  });

  it('drops control characters and normalises line ends', () => {
    expect(escapeMrkdwn('a\u0000b\r\nc\u0007d\te')).toBe('ab\ncd\te');
  });
});

describe('escapePlainText', () => {
  it('keeps entities literal and breaks broadcasts', () => {
    const out = escapePlainText('Q&A <b> @here');
    expect(out).toContain('Q&A <b>');
    expect(out).not.toMatch(/@here/);
  });
});

describe('escapeLinkUrl', () => {
  it('accepts http(s) and encodes characters that would end a Slack link', () => {
    expect(escapeLinkUrl('https://example.com/a?b=1&c=2')).toBe('https://example.com/a?b=1&amp;c=2');
    expect(escapeLinkUrl('https://example.com/x|y>z')).toBe('https://example.com/x%7Cy%3Ez');
  });
  it.each(['javascript:alert(1)', 'mailto:a@b.c', 'not a url', 'ftp://x.example/'])('refuses %s', (url) => {
    expect(escapeLinkUrl(url)).toBeUndefined();
  });
});

describe('truncateMrkdwn', () => {
  it('never cuts an entity or link in half', () => {
    const text = `${'word '.repeat(10)}&amp;&lt;tail <https://example.com|link> end`;
    for (let max = 5; max < text.length; max += 1) {
      const out = truncateMrkdwn(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).not.toMatch(/&[a-z]*…$/);
      expect(out.lastIndexOf('<') <= out.lastIndexOf('>')).toBe(true);
    }
  });
  it('does not split a surrogate pair at any length', () => {
    const text = `a${'😀'.repeat(30)}`;
    for (let max = 2; max < text.length; max += 1) {
      const out = truncateMrkdwn(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });
  it('returns short text unchanged', () => {
    expect(truncateMrkdwn('short', 10)).toBe('short');
  });
});

describe('truncatePlain', () => {
  it('does not split a surrogate pair', () => {
    const out = truncatePlain('ab😀😀😀', 4);
    expect(out.length).toBeLessThanOrEqual(4);
    expect(out).not.toMatch(/[\uD800-\uDBFF]…$/);
  });
});
