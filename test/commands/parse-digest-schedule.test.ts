import { describe, expect, it } from 'vitest';
import {
  listTimeZones,
  parseDigestSchedule,
  resolveTimeZone,
} from '../../src/commands/parse-digest-schedule.js';

describe('resolveTimeZone', () => {
  it('canonicalises known zones in any case and refuses offsets and unknown names', () => {
    expect(resolveTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(resolveTimeZone('UTC')).toBe('UTC');
    // ICU versions differ on which alias is canonical.
    expect(resolveTimeZone('America/Argentina/Buenos_Aires')).toMatch(
      /^America\/(Argentina\/)?Buenos_Aires$/u,
    );
    for (const bad of ['+01:00', 'Mars/Base', '', 'Europe/Paris; rm -rf /', 'x'.repeat(80)]) {
      expect(resolveTimeZone(bad)).toBeUndefined();
    }
  });

  it('lists UTC first and the IANA zones', () => {
    const zones = listTimeZones();
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Asia/Tokyo');
  });
});

describe('parseDigestSchedule', () => {
  it('reads five fields and an optional zone, falling back to the given one', () => {
    expect(parseDigestSchedule('0 8 * * 1-5', 'Europe/Paris')).toMatchObject({
      cron: '0 8 * * 1-5',
      timezone: 'Europe/Paris',
    });
    expect(parseDigestSchedule('0 8 * * MON-FRI asia/tokyo', 'UTC')).toMatchObject({
      cron: '0 8 * * MON-FRI',
      timezone: 'Asia/Tokyo',
    });
    expect(parseDigestSchedule('@weekly', 'UTC')).toMatchObject({ cron: '0 0 * * 0', timezone: 'UTC' });
    expect(parseDigestSchedule('*/15 * * * *', 'UTC')).toMatchObject({ cron: '*/15 * * * *' });
  });

  it.each([
    ['', /Give a schedule/u],
    ['*/10 * * * *', /every 10 minutes/u],
    // 0,14,28,42,56: the gap from :56 to the next :00 is 4 minutes.
    ['*/14 * * * *', /every 4 minutes/u],
    ['0,5 8 * * *', /every 5 minutes/u],
    ['0 0 * * * * UTC', /Seconds are not supported/u],
    ['0 8 * * * Europe/Paris x y', /Too many fields/u],
    ['@daily Europe/Paris extra', /at most one timezone/u],
  ])('refuses %s', (text, expected) => {
    expect(() => parseDigestSchedule(text, 'UTC')).toThrowError(expected);
  });
});
