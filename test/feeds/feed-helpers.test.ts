import { describe, expect, it } from 'vitest';
import { canonicaliseUrl } from '../../src/feeds/canonicalise-url.js';
import { decodeFeedBytes } from '../../src/feeds/decode-feed-bytes.js';
import { parseOpmlFeeds, OpmlError } from '../../src/feeds/parse-opml-feeds.js';
import { judgeFeedDate, parseFeedDate } from '../../src/feeds/parse-feed-date.js';
import { planNextFetch, readRetryAfterMs } from '../../src/feeds/plan-next-fetch.js';
import { renderOpml } from '../../src/feeds/render-opml.js';
import { readMaxAge } from '../../src/feeds/fetch-feed.js';
import type { FeedRecord } from '../../src/ports.js';

describe('parseFeedDate', () => {
  it.each([
    ['Tue, 24 Nov 2026 09:30:00 GMT', '2026-11-24T09:30:00.000Z'],
    ['Tue, 24 Nov 2026 09:30:00 +0100', '2026-11-24T08:30:00.000Z'],
    ['24 Nov 2026 09:30 EST', '2026-11-24T14:30:00.000Z'],
    ['Tue, 24 Nov 26 09:30:00 PDT', '2026-11-24T16:30:00.000Z'],
    ['Tuesday, 24 November 2026 09:30:00 GMT', '2026-11-24T09:30:00.000Z'],
    ['Wed, 24 Nov 2026 09:30:00 GMT', '2026-11-24T09:30:00.000Z'], // wrong day name
    ['Tue, 4 Nov 2026 9:05:00 UTC', '2026-11-04T09:05:00.000Z'],
    ['Tue, 24 Nov 2026', '2026-11-24T00:00:00.000Z'],
    ['Di, 24 Dez 2026 09:30:00 +0100', '2026-12-24T08:30:00.000Z'],
    ['2026-11-24T09:30:00Z', '2026-11-24T09:30:00.000Z'],
    ['2026-11-24T09:30:00.123+05:30', '2026-11-24T04:00:00.000Z'],
    ['2026-11-24 09:30:00', '2026-11-24T09:30:00.000Z'],
    ['2026-11-24T09:30:00+0200', '2026-11-24T07:30:00.000Z'],
    ['2026-11-24', '2026-11-24T00:00:00.000Z'],
    ['2026/1/4 14:33:00', '2026-01-04T14:33:00.000Z'],
    ['20261124T093000Z', '2026-11-24T09:30:00.000Z'],
    ['November 24, 2026 9:30 PM', '2026-11-24T21:30:00.000Z'],
    ['Tue Nov 24 2026 09:30:00 GMT+0100', '2026-11-24T08:30:00.000Z'],
    ['1795792102', '2026-11-27T15:08:22.000Z'],
  ])('reads %s', (raw, iso) => {
    expect(parseFeedDate(raw)?.toISOString()).toBe(iso);
  });

  it.each(['', 'soon', '2026-13-45', 'Tue, 32 Foo 2026', undefined, 42])('rejects %s', (raw) => {
    expect(parseFeedDate(raw)).toBeUndefined();
  });

  it('judges dates against now', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    expect(judgeFeedDate(new Date('2026-11-27T11:00:00Z'), now)).toEqual({
      date: new Date('2026-11-27T11:00:00Z'),
      isGuess: false,
    });
    expect(judgeFeedDate(new Date('2026-11-27T15:00:00Z'), now)).toEqual({ date: now, isGuess: false });
    expect(judgeFeedDate(new Date('2026-12-30T00:00:00Z'), now)).toEqual({ date: now, isGuess: true });
    expect(judgeFeedDate(new Date(0), now)).toEqual({ date: now, isGuess: true });
    expect(judgeFeedDate(undefined, now)).toEqual({ date: now, isGuess: true });
  });
});

describe('canonicaliseUrl', () => {
  it.each([
    ['https://e.example/a?utm_source=x&utm_medium=y&id=3#frag', 'https://e.example/a?id=3'],
    ['https://E.EXAMPLE:443/a/../b?fbclid=1&gclid=2', 'https://e.example/b'],
    ['/story/1', 'https://news.example.org/story/1'],
    ['story/1', 'https://news.example.org/feeds/story/1'],
    ['//cdn.example/x', 'https://cdn.example/x'],
    ['https://e.example/a?b=1&c=2', 'https://e.example/a?b=1&c=2'],
  ])('%s → %s', (raw, expected) => {
    expect(canonicaliseUrl(raw, 'https://news.example.org/feeds/rss.xml')).toBe(expected);
  });

  it.each(['javascript:alert(1)', 'mailto:a@b.example', 'ftp://e.example/x', '', 'http://[bad'])(
    'rejects %s',
    (raw) => {
      expect(canonicaliseUrl(raw)).toBeUndefined();
    },
  );
});

describe('decodeFeedBytes', () => {
  it('reports where the encoding came from', () => {
    expect(decodeFeedBytes(Buffer.from('<?xml version="1.0"?><a>é</a>'))).toMatchObject({
      encoding: 'utf-8',
      source: 'default',
    });
    expect(decodeFeedBytes(Buffer.from('<a/>'), 'text/xml; charset="windows-1251"')).toMatchObject({
      encoding: 'windows-1251',
      source: 'content-type',
    });
    expect(decodeFeedBytes(Buffer.from('<?xml version="1.0" encoding="x-fake"?><a>é</a>'))).toMatchObject({
      encoding: 'utf-8',
      text: '<?xml version="1.0" encoding="x-fake"?><a>é</a>',
    });
    // A stale "us-ascii" declaration on UTF-8 bytes.
    expect(decodeFeedBytes(Buffer.from('<?xml version="1.0" encoding="us-ascii"?><a>é</a>')).text).toContain(
      '<a>é</a>',
    );
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<a>ü</a>', 'utf16le')]);
    expect(decodeFeedBytes(utf16)).toMatchObject({ text: '<a>ü</a>', encoding: 'utf-16le', source: 'bom' });
  });
});

describe('planNextFetch', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  const minutes = (date: Date): number => (date.getTime() - now.getTime()) / 60_000;
  const base = { now, intervalMinutes: 30, random: () => 0.5 };

  it('waits the interval, longer when max-age or ttl ask for it, never shorter', () => {
    expect(minutes(planNextFetch({ ...base, outcome: 'ok', failureCount: 0 }))).toBe(30);
    expect(minutes(planNextFetch({ ...base, outcome: 'ok', failureCount: 0, maxAgeSeconds: 60 }))).toBe(30);
    expect(
      minutes(planNextFetch({ ...base, outcome: 'not-modified', failureCount: 0, maxAgeSeconds: 7200 })),
    ).toBe(120);
    expect(minutes(planNextFetch({ ...base, outcome: 'ok', failureCount: 0, ttlMinutes: 90 }))).toBe(90);
    expect(minutes(planNextFetch({ ...base, outcome: 'ok', failureCount: 0, ttlMinutes: 99_999 }))).toBe(
      24 * 60,
    );
  });

  it('backs off exponentially with jitter, up to a day', () => {
    expect(
      [1, 2, 3, 4].map((n) => minutes(planNextFetch({ ...base, outcome: 'failed', failureCount: n }))),
    ).toEqual([30, 60, 120, 240]);
    expect(minutes(planNextFetch({ ...base, outcome: 'failed', failureCount: 30 }))).toBe(24 * 60);
    expect(minutes(planNextFetch({ ...base, random: () => 0, outcome: 'failed', failureCount: 2 }))).toBe(48);
    expect(
      minutes(planNextFetch({ ...base, random: () => 0.999999, outcome: 'failed', failureCount: 2 })),
    ).toBeCloseTo(72, 3);
  });

  it('honours Retry-After in seconds or as a date', () => {
    expect(minutes(planNextFetch({ ...base, outcome: 'failed', failureCount: 1, retryAfter: '7200' }))).toBe(
      120,
    );
    expect(readRetryAfterMs('Fri, 27 Nov 2026 13:00:00 GMT', now)).toBe(3_600_000);
    expect(readRetryAfterMs('nonsense', now)).toBeUndefined();
  });

  it('reads Cache-Control and Expires', () => {
    const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });
    expect(readMaxAge(headers({ 'cache-control': 'public, max-age=600' }), now)).toBe(600);
    expect(readMaxAge(headers({ 'cache-control': 'no-cache' }), now)).toBe(0);
    expect(readMaxAge(headers({ expires: 'Fri, 27 Nov 2026 12:10:00 GMT' }), now)).toBe(600);
    expect(readMaxAge(headers({}), now)).toBeUndefined();
  });
});

describe('OPML', () => {
  it('reads nested outlines and writes them back', () => {
    const feeds =
      parseOpmlFeeds(`<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
      <outline text="News"><outline text="BBC" title="BBC World" type="rss" xmlUrl="https://feeds.example.co.uk/world.xml"/>
        <outline text="Dup" xmlUrl="https://feeds.example.co.uk/world.xml"/></outline>
      <outline text="Blog" xmlUrl="https://blog.example.net/feed"/><outline text="No feed"/></body></opml>`);
    expect(feeds).toEqual([
      { url: 'https://feeds.example.co.uk/world.xml', name: 'BBC World' },
      { url: 'https://blog.example.net/feed', name: 'Blog' },
    ]);
    const record = (url: string, name?: string): FeedRecord => ({
      url,
      ...(name === undefined ? {} : { name }),
      intervalMinutes: 30,
      failureCount: 0,
      paused: false,
      addedAt: '2026-11-27T12:00:00.000Z',
    });
    const xml = renderOpml(
      [record('https://a.example/feed', 'A & B'), record('https://c.example/rss')],
      new Date('2026-11-27T12:00:00Z'),
    );
    expect(parseOpmlFeeds(xml)).toEqual([
      { url: 'https://a.example/feed', name: 'A & B' },
      { url: 'https://c.example/rss', name: 'https://c.example/rss' },
    ]);
  });

  it('rejects documents that are not OPML', () => {
    expect(() => parseOpmlFeeds('<html><body>no</body></html>')).toThrow(OpmlError);
  });
});
