/**
 * Digest schedules as pure functions of time: when does a five-field cron expression fire in an
 * IANA timezone, before or after a given instant? The scheduler uses these to name digest slots
 * (the slot is part of the delivery key) and to catch up a slot missed while the bot was down;
 * node-cron only triggers. Field parsing is node-cron's own, so both agree on what matches.
 *
 * Daylight-saving rules (the same as Temporal's "compatible" disambiguation):
 * - a wall-clock time that occurs twice (clocks go back) fires once, at its first occurrence;
 * - a wall-clock time that does not exist (clocks go forward) fires once, shifted forward by the
 *   length of the gap (02:30 on the spring-forward night in Paris fires at 03:30 CEST), so a daily
 *   digest is not lost that day.
 */
import { parse as parseCronFields } from 'node-cron';

/** A schedule that cannot be used: not five fields, not valid cron, or an unknown timezone. */
export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
  constructor(
    readonly cron: string,
    readonly timezone: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const fieldRanges: Readonly<Record<string, string>> = {
  minute: 'minutes go from 0 to 59',
  hour: 'hours go from 0 to 23',
  day: 'days of the month go from 1 to 31',
  month: 'months go from 1 to 12 (or jan to dec)',
  weekday: 'weekdays go from 0 to 7 (or sun to sat)',
};

/** node-cron's "61 is a invalid expression for minute" → "61 is not a valid minute: minutes go from 0 to 59". */
function explainCronError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const match = /^(.+?) is a invalid expression for (minute|hour|day|month|week ?day)/iu.exec(message);
  if (!match) return message;
  const field = (match[2] as string).toLowerCase().replace(' ', '');
  const range = fieldRanges[field];
  return `${match[1]} is not a valid ${field}${range === undefined ? '' : `: ${range}`}`;
}

/** A parsed schedule: the expanded fields of a five-field cron expression and its timezone. */
export interface CronSchedule {
  readonly cron: string;
  readonly timezone: string;
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: readonly (number | string)[];
  readonly months: readonly number[];
  readonly daysOfWeek: readonly (number | string)[];
  /** Formats instants as wall-clock parts in `timezone`. */
  readonly formatter: Intl.DateTimeFormat;
}

/** How far to search for a slot: a schedule that matches nothing in 8 years never fires. */
const searchDays = 366 * 8;
const dayMs = 86_400_000;

/** Parses `cron` (five fields: minute hour day-of-month month day-of-week) for `timezone`. */
export function parseCronSchedule(cron: string, timezone: string): CronSchedule {
  const fields = cron.trim().split(/\s+/);
  if (fields.length === 6) {
    throw new ScheduleError(
      cron,
      timezone,
      `"${cron}" has a seconds field: schedules use five fields (minute hour day-of-month month day-of-week) and digests run at most every 15 minutes, e.g. "0 8 * * *"`,
    );
  }
  if (fields.length !== 5 || fields[0] === '') {
    throw new ScheduleError(
      cron,
      timezone,
      `"${cron}" is not a five-field cron expression (minute hour day-of-month month day-of-week), e.g. "0 8 * * 1-5" for 08:00 on weekdays`,
    );
  }
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch (err) {
    throw new ScheduleError(
      cron,
      timezone,
      `"${timezone}" is not a known IANA timezone (e.g. "Europe/Paris", "America/New_York", "UTC")`,
      { cause: err },
    );
  }
  let parsed: ReturnType<typeof parseCronFields>;
  try {
    parsed = parseCronFields(fields.join(' '));
  } catch (err) {
    throw new ScheduleError(
      cron,
      timezone,
      `"${cron}" is not a valid cron expression: ${explainCronError(err)}`,
      {
        cause: err,
      },
    );
  }
  return {
    cron,
    timezone,
    minutes: [...parsed.minute].sort((a, b) => a - b),
    hours: [...parsed.hour].sort((a, b) => a - b),
    daysOfMonth: parsed.dayOfMonth,
    months: parsed.month,
    daysOfWeek: parsed.dayOfWeek,
    formatter,
  };
}

/** The first instant strictly after `after` at which the schedule fires, or undefined if never. */
export function findNextSlot(schedule: CronSchedule, after: Date): Date | undefined {
  const afterMs = after.getTime();
  // Start one day early: a wall-clock time of the previous local day can map past `after` near DST.
  let day = addDays(localDate(schedule, new Date(afterMs)), -1);
  for (let i = 0; i < searchDays; i++, day = addDays(day, 1)) {
    if (!matchesDay(schedule, day)) continue;
    const resolve = createDayResolver(schedule, day);
    for (const hour of schedule.hours) {
      for (const minute of schedule.minutes) {
        const at = resolve(hour, minute);
        if (at > afterMs) return new Date(at);
      }
    }
  }
  return undefined;
}

/** The last instant at or before `atOrBefore` at which the schedule fires, or undefined if never. */
export function findPreviousSlot(schedule: CronSchedule, atOrBefore: Date): Date | undefined {
  const limitMs = atOrBefore.getTime();
  let day = addDays(localDate(schedule, new Date(limitMs)), 1);
  for (let i = 0; i < searchDays; i++, day = addDays(day, -1)) {
    if (!matchesDay(schedule, day)) continue;
    const resolve = createDayResolver(schedule, day);
    for (let h = schedule.hours.length - 1; h >= 0; h--) {
      for (let m = schedule.minutes.length - 1; m >= 0; m--) {
        const at = resolve(schedule.hours[h] as number, schedule.minutes[m] as number);
        if (at <= limitMs) return new Date(at);
      }
    }
  }
  return undefined;
}

/**
 * The smallest gap between two consecutive firings on the wall clock, in minutes: between the
 * times of one day, and from the last time of a day to the first of the next. (A DST change can
 * shorten one gap per transition by its length; that is not counted.)
 */
export function findShortestIntervalMinutes(schedule: CronSchedule): number {
  const times: number[] = [];
  for (const hour of schedule.hours) for (const minute of schedule.minutes) times.push(hour * 60 + minute);
  times.sort((a, b) => a - b);
  const first = times[0];
  const last = times[times.length - 1];
  if (first === undefined || last === undefined) return Number.POSITIVE_INFINITY;
  let shortest = first + 1440 - last;
  for (let i = 1; i < times.length; i++)
    shortest = Math.min(shortest, (times[i] as number) - (times[i - 1] as number));
  return shortest;
}

interface LocalDate {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number;
}

function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function localParts(schedule: CronSchedule, at: Date): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const part of schedule.formatter.formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts;
}

function localDate(schedule: CronSchedule, at: Date): LocalDate {
  const parts = localParts(schedule, at);
  return { year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1 };
}

/** Offset of the timezone from UTC at `atMs`, in milliseconds (Paris in winter: +3 600 000). */
function offsetAt(schedule: CronSchedule, atMs: number): number {
  const p = localParts(schedule, new Date(atMs));
  const wallAsUtc = Date.UTC(
    p.year ?? 1970,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return wallAsUtc - Math.floor(atMs / 1000) * 1000;
}

/**
 * Maps wall-clock times of one local day to instants, with the DST rules stated at the top of the
 * file. When the offset is the same a day before and a day after, the whole day has it (no zone
 * changes its offset twice within three days) and no further lookups are needed.
 */
function createDayResolver(schedule: CronSchedule, day: LocalDate): (hour: number, minute: number) => number {
  const midnightAsUtc = Date.UTC(day.year, day.month - 1, day.day);
  const offsetBefore = offsetAt(schedule, midnightAsUtc - dayMs);
  const offsetAfter = offsetAt(schedule, midnightAsUtc + 2 * dayMs);
  if (offsetBefore === offsetAfter) {
    return (hour, minute) => midnightAsUtc + (hour * 60 + minute) * 60_000 - offsetBefore;
  }
  return (hour, minute) => {
    const wallAsUtc = midnightAsUtc + (hour * 60 + minute) * 60_000;
    const candidates = [wallAsUtc - offsetBefore, wallAsUtc - offsetAfter].filter(
      (at) => offsetAt(schedule, at) === wallAsUtc - at,
    );
    if (candidates.length > 0) return Math.min(...candidates);
    // In a spring-forward gap: read the wall time with the offset in force before the change.
    return wallAsUtc - offsetBefore;
  };
}

function matchesDay(schedule: CronSchedule, date: LocalDate): boolean {
  if (!schedule.months.includes(date.month)) return false;
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  // node-cron requires both day fields to match (not the either-or of classic cron): keep its rule.
  return (
    matchesDayOfMonth(schedule.daysOfMonth, date) && matchesDayOfWeek(schedule.daysOfWeek, date, weekday)
  );
}

function lastDayOfMonth(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month, 0)).getUTCDate();
}

function nearestWeekday(date: LocalDate, target: number): number {
  const last = lastDayOfMonth(date);
  if (target < 1 || target > last) return -1;
  const weekday = new Date(Date.UTC(date.year, date.month - 1, target)).getUTCDay();
  if (weekday === 6) return target === 1 ? target + 2 : target - 1;
  if (weekday === 0) return target === last ? target - 2 : target + 1;
  return target;
}

/** Day-of-month values as node-cron expands them: numbers, `L`, `15W`/`LW`, `L-3`. */
function matchesDayOfMonth(values: readonly (number | string)[], date: LocalDate): boolean {
  const last = lastDayOfMonth(date);
  for (const value of values) {
    if (value === date.day) return true;
    if (typeof value !== 'string') continue;
    if (value === 'L' && date.day === last) return true;
    const weekdayToken = /^(\d{1,2}|L)W$/.exec(value);
    if (weekdayToken) {
      const target = weekdayToken[1] === 'L' ? last : Number(weekdayToken[1]);
      if (nearestWeekday(date, target) === date.day) return true;
    }
    const offsetToken = /^L-(\d{1,2})$/.exec(value);
    if (offsetToken && last - Number(offsetToken[1]) === date.day) return true;
  }
  return false;
}

/** Day-of-week values as node-cron expands them: numbers (0 = Sunday), `5L`, `1#2`. */
function matchesDayOfWeek(values: readonly (number | string)[], date: LocalDate, weekday: number): boolean {
  for (const value of values) {
    if (value === weekday || value === weekday + 7) return true;
    if (typeof value !== 'string') continue;
    const nth = /^([0-7])#([1-5])$/.exec(value);
    if (nth) {
      if (Number(nth[1]) % 7 === weekday && Math.floor((date.day - 1) / 7) + 1 === Number(nth[2]))
        return true;
      continue;
    }
    const lastOf = /^([0-7])L$/i.exec(value);
    if (lastOf && Number(lastOf[1]) % 7 === weekday && date.day + 7 > lastDayOfMonth(date)) return true;
  }
  return false;
}
