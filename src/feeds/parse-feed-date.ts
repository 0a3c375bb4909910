/**
 * Feed dates as they occur in the wild: RFC 822/1123 (with or without day name, seconds, a
 * four-digit year, a known zone), RFC 3339 and ISO 8601 variants (space instead of "T", no zone,
 * "+0100" offsets, date only), and common broken forms (full month names, wrong day names,
 * "UTC"/"GMT+1" zones, day-month swapped separators). Returns undefined when nothing sane is found.
 */

const monthIndex: Readonly<Record<string, number>> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
  // a few non-English abbreviations seen in feeds
  janv: 0,
  fév: 1,
  fev: 1,
  mär: 2,
  mrz: 2,
  avr: 3,
  mai: 4,
  juin: 5,
  juil: 6,
  aoû: 7,
  aou: 7,
  okt: 9,
  déc: 11,
  dez: 11,
  ene: 0,
  abr: 3,
  ago: 7,
  dic: 11,
  gen: 0,
  giu: 5,
  lug: 6,
  set: 8,
  ott: 9,
};

/** Offsets in minutes for the zone names RFC 822 allows, plus the usual extras. */
const zoneOffsets: Readonly<Record<string, number>> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  wet: 0,
  bst: 60,
  cet: 60,
  cest: 120,
  met: 60,
  mest: 120,
  eet: 120,
  eest: 180,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  akst: -540,
  akdt: -480,
  hst: -600,
  ist: 330,
  jst: 540,
  kst: 540,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
};

function parseOffset(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === '') return 0;
  const named = zoneOffsets[zone.toLowerCase()];
  if (named !== undefined) return named;
  const numeric = /^(?:gmt|utc)?([+-])(\d{1,2}):?(\d{2})?$/i.exec(zone);
  if (numeric === null) {
    // Military single letters other than Z are too ambiguous to trust (RFC 1123 notes they were misused).
    return /^[a-y]$/i.test(zone) ? 0 : undefined;
  }
  const sign = numeric[1] === '-' ? -1 : 1;
  const hours = Number(numeric[2]);
  const minutes = Number(numeric[3] ?? 0);
  if (hours > 14 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
}

function expandYear(year: number): number {
  if (year >= 100) return year;
  return year < 50 ? 2000 + year : 1900 + year;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  offsetMinutes: number,
): Date | undefined {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60)
    return undefined;
  const ms = Date.UTC(year, month, day, hour, minute, Math.min(second, 59)) - offsetMinutes * 60_000;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const isoPattern =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s]+(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5})?$/;
// "2020/1/10 14:33:00": year first with slashes, as some generators write it
const slashedPattern =
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5})?$/;
const rfc822Pattern =
  /^(?:[^\d\s,]+,?\s*)?(\d{1,2})[\s-]+([^\d\s.,-]+)\.?[\s-]+(\d{2,4})(?:[\s,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(?:([A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{1,2}:?\d{2}))?(?:\s*\([^)]*\))?$/;
// "Tue Jan 02 2018 10:00:00 GMT+0100" and "January 2, 2018 10:00 AM" shapes
const monthFirstPattern =
  /^(?:[^\d\s,]+,?\s+)?([^\d\s.,-]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[\s,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?\s*([A-Za-z]{1,5}(?:[+-]\d{1,2}:?\d{2})?|[+-]\d{1,2}:?\d{2})?(?:\s*\([^)]*\))?$/i;

function lookupMonth(name: string): number | undefined {
  const key = name.toLowerCase().replace(/\.$/, '');
  return monthIndex[key] ?? monthIndex[key.slice(0, 3)] ?? monthIndex[key.slice(0, 4)];
}

export function parseFeedDate(raw: unknown): Date | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text === '') return undefined;
  const iso = isoPattern.exec(text) ?? slashedPattern.exec(text);
  if (iso !== null) {
    const offset = parseOffset(iso[7]);
    if (offset === undefined) return undefined;
    return build(
      Number(iso[1]),
      Number(iso[2]) - 1,
      Number(iso[3]),
      Number(iso[4] ?? 0),
      Number(iso[5] ?? 0),
      Number(iso[6] ?? 0),
      offset,
    );
  }
  const rfc = rfc822Pattern.exec(text);
  if (rfc !== null) {
    const month = lookupMonth(rfc[2] ?? '');
    const offset = parseOffset(rfc[7]);
    if (month !== undefined && offset !== undefined) {
      return build(
        expandYear(Number(rfc[3])),
        month,
        Number(rfc[1]),
        Number(rfc[4] ?? 0),
        Number(rfc[5] ?? 0),
        Number(rfc[6] ?? 0),
        offset,
      );
    }
  }
  const monthFirst = monthFirstPattern.exec(text);
  if (monthFirst !== null) {
    const month = lookupMonth(monthFirst[1] ?? '');
    const offset = parseOffset(monthFirst[8]);
    if (month !== undefined && offset !== undefined) {
      let hour = Number(monthFirst[4] ?? 0);
      const meridiem = monthFirst[7]?.toLowerCase().replace(/\./g, '');
      if (meridiem === 'pm' && hour < 12) hour += 12;
      if (meridiem === 'am' && hour === 12) hour = 0;
      return build(
        Number(monthFirst[3]),
        month,
        Number(monthFirst[2]),
        hour,
        Number(monthFirst[5] ?? 0),
        Number(monthFirst[6] ?? 0),
        offset,
      );
    }
  }
  // Unix timestamps (seconds or milliseconds) appear in some generated feeds.
  if (/^\d{9,13}$/.test(text)) {
    const value = Number(text);
    return new Date(text.length > 11 ? value : value * 1000);
  }
  return undefined;
}

/** What the normaliser does with a feed date relative to the time it was fetched. */
export interface DateJudgement {
  readonly date: Date;
  readonly isGuess: boolean;
}

/**
 * Sanity rules: a missing date, a date before 1990 (the 1970 epoch of a broken generator) or more
 * than a day ahead becomes the first-seen time, flagged as a guess; a date a little ahead (clock
 * or zone error) is clamped to now.
 */
export function judgeFeedDate(date: Date | undefined, now: Date): DateJudgement {
  if (date === undefined || date.getUTCFullYear() < 1990) return { date: now, isGuess: true };
  const ahead = date.getTime() - now.getTime();
  if (ahead > 24 * 3_600_000) return { date: now, isGuess: true };
  if (ahead > 0) return { date: now, isGuess: false };
  return { date, isGuess: false };
}
