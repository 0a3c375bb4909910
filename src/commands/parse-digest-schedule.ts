/**
 * Reads the text of `digest schedule <cron> [timezone]`. The checks on the schedule itself (five
 * valid fields, fires at all, not more often than every 15 minutes) are the scheduler's
 * `validateSchedule`, so the command accepts exactly what the scheduler can run.
 */
import { ScheduleError } from '../scheduler/cron-schedule.js';
import type { CronSchedule } from '../scheduler/cron-schedule.js';
import { validateSchedule } from '../scheduler/validate-schedule.js';
import { CommandError } from './command-error.js';

const MACROS: Readonly<Record<string, string>> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
};

const FIVE_FIELDS_HINT =
  'minute hour day-of-month month day-of-week, e.g. "0 8 * * 1-5" for 08:00 on weekdays';

/**
 * Parses and validates the text of `digest schedule`. `fallbackTimezone` applies when none is
 * given. Macros (`@daily`, `@weekly`, …) are expanded to five fields. Throws a `CommandError`
 * naming the problem: wrong number of fields, seconds, an invalid field, a schedule that fires too
 * often or never, or an unknown timezone.
 */
export function parseDigestSchedule(text: string, fallbackTimezone: string): CronSchedule {
  const tokens = text.split(/\s+/u).filter((t) => t !== '');
  if (tokens.length === 0) throw new CommandError(`Give a schedule: ${FIVE_FIELDS_HINT}.`);

  let fields: readonly string[];
  let zoneToken: string | undefined;
  const first = tokens[0] ?? '';
  if (first.startsWith('@')) {
    const expanded = MACROS[first.toLowerCase()];
    if (expanded === undefined)
      throw new CommandError(`Unknown schedule ${first}; use five cron fields: ${FIVE_FIELDS_HINT}.`);
    if (tokens.length > 2)
      throw new CommandError('After the schedule, give at most one timezone, e.g. Europe/Paris.');
    fields = expanded.split(' ');
    zoneToken = tokens[1];
  } else if (tokens.length < 5) {
    throw new CommandError(`A schedule needs five fields: ${FIVE_FIELDS_HINT}.`);
  } else if (tokens.length === 5) {
    fields = tokens;
  } else {
    const last = tokens[tokens.length - 1] ?? '';
    const lastIsZone = resolveTimeZone(last) !== undefined;
    if (tokens.length === 6 && !lastIsZone && looksLikeCronField(last)) {
      throw new CommandError(`Seconds are not supported; a schedule has five fields: ${FIVE_FIELDS_HINT}.`);
    }
    if (tokens.length === 7 && lastIsZone && tokens.slice(0, 6).every(looksLikeCronField)) {
      throw new CommandError(`Seconds are not supported; a schedule has five fields: ${FIVE_FIELDS_HINT}.`);
    }
    if (tokens.length > 6) {
      throw new CommandError(
        `Too many fields: give five cron fields (${FIVE_FIELDS_HINT}), then optionally a timezone.`,
      );
    }
    fields = tokens.slice(0, 5);
    zoneToken = last;
  }

  let timezone = fallbackTimezone;
  if (zoneToken !== undefined) {
    const resolved = resolveTimeZone(zoneToken);
    if (resolved === undefined) {
      throw new CommandError(
        `Unknown timezone "${zoneToken}"; use an IANA name such as Europe/Paris, America/New_York or UTC.`,
      );
    }
    timezone = resolved;
  }
  try {
    return validateSchedule(fields.join(' '), timezone);
  } catch (err) {
    if (err instanceof ScheduleError) throw new CommandError(`${capitalise(err.message)}.`, { cause: err });
    throw err;
  }
}

/**
 * The canonical name of an IANA timezone (any letter case: `europe/paris` → `Europe/Paris`), or
 * undefined when the runtime does not know it. UTC offsets such as `+01:00` are refused: a
 * schedule follows a place, so that daylight-saving changes apply.
 */
export function resolveTimeZone(name: string): string | undefined {
  if (name.length === 0 || name.length > 64) return undefined;
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/u.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const CRON_NAMES = /^(?:sun|mon|tue|wed|thu|fri|sat|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)$/iu;

/** Numbers, `*`, `?`, `,`, `-`, `/`, `L`, `W`, `#`, or day and month names: cron syntax. */
function looksLikeCronField(token: string): boolean {
  return token
    .split(/[,\-/#]/u)
    .every((part) => /^(?:[\d*?]+|L|W|\d+[LW]|LW)?$/iu.test(part) || CRON_NAMES.test(part));
}

/** Every IANA timezone the runtime knows, UTC first. */
export function listTimeZones(): readonly string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return ['UTC', ...zones.filter((zone) => zone !== 'UTC')];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
