import { describe, expect, it } from 'vitest';
import {
  findNextSlot,
  findPreviousSlot,
  parseCronSchedule,
  ScheduleError,
} from '../../src/scheduler/cron-schedule.js';
import { validateSchedule } from '../../src/scheduler/validate-schedule.js';

const next = (cron: string, tz: string, after: string) =>
  findNextSlot(parseCronSchedule(cron, tz), new Date(after))?.toISOString();
const previous = (cron: string, tz: string, atOrBefore: string) =>
  findPreviousSlot(parseCronSchedule(cron, tz), new Date(atOrBefore))?.toISOString();

describe('digest slots in a timezone', () => {
  it.each([
    // cron, timezone, after, expected next slot
    ['0 8 * * *', 'UTC', '2026-11-27T08:00:00.000Z', '2026-11-28T08:00:00.000Z'],
    ['0 8 * * *', 'UTC', '2026-11-27T07:59:59.999Z', '2026-11-27T08:00:00.000Z'],
    ['0 8 * * *', 'Europe/Paris', '2026-01-10T12:00:00Z', '2026-01-11T07:00:00.000Z'],
    ['0 8 * * *', 'Europe/Paris', '2026-07-10T12:00:00Z', '2026-07-11T06:00:00.000Z'],
    // Paris springs forward on 2026-03-29 (02:00 CET -> 03:00 CEST)
    ['0 8 * * *', 'Europe/Paris', '2026-03-28T12:00:00Z', '2026-03-29T06:00:00.000Z'],
    ['30 2 * * *', 'Europe/Paris', '2026-03-28T12:00:00Z', '2026-03-29T01:30:00.000Z'],
    ['30 2 * * *', 'Europe/Paris', '2026-03-29T01:30:00Z', '2026-03-30T00:30:00.000Z'],
    // Paris falls back on 2026-10-25 (03:00 CEST -> 02:00 CET): 02:30 happens twice, fires once
    ['30 2 * * *', 'Europe/Paris', '2026-10-24T12:00:00Z', '2026-10-25T00:30:00.000Z'],
    ['30 2 * * *', 'Europe/Paris', '2026-10-25T00:30:00Z', '2026-10-26T01:30:00.000Z'],
    ['0 8 * * *', 'Europe/Paris', '2026-10-24T12:00:00Z', '2026-10-25T07:00:00.000Z'],
    // New York springs forward on 2026-03-08 and falls back on 2026-11-01
    ['0 9 * * 1-5', 'America/New_York', '2026-03-06T15:00:00Z', '2026-03-09T13:00:00.000Z'],
    ['30 2 * * *', 'America/New_York', '2026-03-07T12:00:00Z', '2026-03-08T07:30:00.000Z'],
    ['30 1 * * *', 'America/New_York', '2026-10-31T12:00:00Z', '2026-11-01T05:30:00.000Z'],
    ['30 1 * * *', 'America/New_York', '2026-11-01T05:30:00Z', '2026-11-02T06:30:00.000Z'],
    ['0 */6 * * *', 'America/New_York', '2026-11-01T03:30:00Z', '2026-11-01T04:00:00.000Z'],
    ['0 */6 * * *', 'America/New_York', '2026-11-01T04:00:00Z', '2026-11-01T11:00:00.000Z'],
    // names, last day of month, nth weekday
    ['0 7 * * MON', 'UTC', '2026-11-27T00:00:00Z', '2026-11-30T07:00:00.000Z'],
    ['0 18 L * *', 'Europe/Paris', '2026-02-01T00:00:00Z', '2026-02-28T17:00:00.000Z'],
    ['0 9 * * 1#2', 'UTC', '2026-12-01T00:00:00Z', '2026-12-14T09:00:00.000Z'],
    ['0 12 29 2 *', 'UTC', '2026-03-01T00:00:00Z', '2028-02-29T12:00:00.000Z'],
  ])('%s in %s after %s fires at %s', (cron, tz, after, expected) => {
    expect(next(cron, tz, after)).toBe(expected);
  });

  it.each([
    ['0 8 * * *', 'Europe/Paris', '2026-03-29T05:59:00Z', '2026-03-28T07:00:00.000Z'],
    ['0 8 * * *', 'Europe/Paris', '2026-03-29T06:00:00Z', '2026-03-29T06:00:00.000Z'],
    ['30 2 * * *', 'Europe/Paris', '2026-03-29T04:00:00Z', '2026-03-29T01:30:00.000Z'],
    ['30 2 * * *', 'Europe/Paris', '2026-10-25T03:00:00Z', '2026-10-25T00:30:00.000Z'],
    ['0 9 * * 1-5', 'America/New_York', '2026-03-09T12:59:00Z', '2026-03-06T14:00:00.000Z'],
    ['30 1 * * *', 'America/New_York', '2026-11-01T07:00:00Z', '2026-11-01T05:30:00.000Z'],
    ['0 12 29 2 *', 'UTC', '2027-06-01T00:00:00Z', '2024-02-29T12:00:00.000Z'],
  ])('%s in %s at or before %s last fired at %s', (cron, tz, atOrBefore, expected) => {
    expect(previous(cron, tz, atOrBefore)).toBe(expected);
  });

  it.each([
    ['Europe/Paris', '2026-03-25T00:00:00Z'],
    ['Europe/Paris', '2026-10-21T00:00:00Z'],
    ['America/New_York', '2026-03-04T00:00:00Z'],
    ['America/New_York', '2026-10-28T00:00:00Z'],
  ])('next and previous slots are inverse around a DST change in %s from %s', (timezone, start) => {
    const schedule = parseCronSchedule('15,45 1,2,3,8 * * *', timezone);
    let at = new Date(start);
    for (let i = 0; i < 80; i++) {
      const slot = findNextSlot(schedule, at);
      expect(slot).toBeDefined();
      expect(slot!.getTime()).toBeGreaterThan(at.getTime());
      expect(findPreviousSlot(schedule, slot!)?.toISOString()).toBe(slot!.toISOString());
      expect(findPreviousSlot(schedule, new Date(slot!.getTime() - 1))?.getTime() ?? 0).toBeLessThan(
        slot!.getTime(),
      );
      at = slot!;
    }
  });
});

describe('validateSchedule', () => {
  it.each([
    ['0 8 * * *', 'Europe/Paris'],
    ['0 8 * * 1-5', 'America/New_York'],
    ['*/15 * * * *', 'UTC'],
    ['0 7,19 * * *', 'Asia/Tokyo'],
    ['0 12 29 2 *', 'UTC'],
  ])('accepts %s in %s', (cron, tz) => {
    expect(validateSchedule(cron, tz).timezone).toBe(tz);
  });

  it.each([
    ['* * * * *', 'UTC', /every minute; digests can run at most every 15 minutes/],
    ['*/5 * * * *', 'UTC', /every 5 minutes/],
    ['0,10 8 * * *', 'UTC', /every 10 minutes/],
    ['50 23 * * *,0 0 * * *', 'UTC', /five-field|valid cron/],
    ['* * * * * *', 'UTC', /has a seconds field/],
    ['', 'UTC', /not a five-field cron expression/],
    ['0 8 * *', 'UTC', /not a five-field cron expression/],
    ['0 25 * * *', 'UTC', /not a valid cron expression/],
    ['0 8 31 2 *', 'UTC', /not a valid cron expression/],
    ['0 8 * * *', 'Mars/Olympus_Mons', /"Mars\/Olympus_Mons" is not a known IANA timezone/],
  ])('rejects %s in %s', (cron, tz, message) => {
    expect(() => validateSchedule(cron, tz)).toThrow(ScheduleError);
    expect(() => validateSchedule(cron, tz)).toThrow(message);
  });
});

describe('cron errors a person can act on', () => {
  it.each([
    ['61 8 * * *', '61 is not a valid minute: minutes go from 0 to 59'],
    ['0 25 * * *', '25 is not a valid hour: hours go from 0 to 23'],
    ['0 8 * * 9', '9 is not a valid weekday: weekdays go from 0 to 7 (or sun to sat)'],
  ])('%s', (cron, explanation) => {
    expect(() => parseCronSchedule(cron, 'UTC')).toThrow(explanation);
  });
});
