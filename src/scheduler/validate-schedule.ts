import {
  findNextSlot,
  findShortestIntervalMinutes,
  parseCronSchedule,
  ScheduleError,
} from './cron-schedule.js';
import type { CronSchedule } from './cron-schedule.js';

/** Digests run at most this often; anything denser floods a channel. */
export const minimumDigestIntervalMinutes = 15;

/** A fixed reference instant for the "does it ever fire" check (no clock needed). */
const reference = new Date(Date.UTC(2024, 0, 1));

/**
 * Checks a digest schedule before it is saved (command layer, config): five-field cron, a known
 * IANA timezone, firing at all, and not more often than every 15 minutes. Returns the parsed
 * schedule; throws `ScheduleError` with a message meant for the person who typed it.
 */
export function validateSchedule(cron: string, timezone: string): CronSchedule {
  const schedule = parseCronSchedule(cron, timezone);
  const shortest = findShortestIntervalMinutes(schedule);
  if (shortest < minimumDigestIntervalMinutes) {
    throw new ScheduleError(
      cron,
      timezone,
      `"${cron}" would post a digest every ${formatMinutes(shortest)}; digests can run at most every ${minimumDigestIntervalMinutes} minutes (e.g. "0 8 * * *" for 08:00 daily, "0 */4 * * *" every four hours)`,
    );
  }
  if (findNextSlot(schedule, reference) === undefined) {
    throw new ScheduleError(
      cron,
      timezone,
      `"${cron}" never fires: check its day-of-month, month and day-of-week fields`,
    );
  }
  return schedule;
}

function formatMinutes(minutes: number): string {
  return minutes === 1 ? 'minute' : `${minutes} minutes`;
}
