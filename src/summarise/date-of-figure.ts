/**
 * The date of a figure: the date of the figure's own clause, or of the reporting clause that
 * gives it, never a date that belongs to another number or clause of the sentence.
 */
import type { DateMention } from './find-dates.js';

/** A reporting clause between a figure and a date after it. */
const REPORTED_BETWEEN =
  /^[^;:()]*,[^,;:()]*\b(?:said|says|told|announced|reported|estimated|according to|a déclaré|a indiqué|a annoncé|selon|sagte|teilte|mitteilte|erklärte|dijo|informó|anunció|señaló)\b[^,;:()]*$/iu;

/** Marks between clauses: a date on the other side of one dates another statement. */
const CLAUSE_BREAK =
  /[;:()]|\s(?:and|but|while|whereas|et|mais|alors que|tandis que|und|aber|während|pero|mientras)\s/iu;

/** A relative or time clause opening between a figure and a date after it: the date is that clause's. */
const RELATIVE_BETWEEN =
  /,\s*(?:who|which|whose|where|when|after|before|although|while|as|qui|dont|où|der|die|das|quien|donde)\b/iu;

/**
 * The date of one figure: the nearest date in the figure's own clause ("4.5% on Thursday, as
 * inflation fell to 2.1% in October" dates 4.5% Thursday and 2.1% October), none when the
 * sentence dates only other clauses. A "since" date starts a period and dates nothing.
 */
export function dateOfFigure(
  sentence: {
    readonly text: string;
    readonly dates: readonly DateMention[];
    readonly numbers: readonly { readonly start: number; readonly end: number }[];
  },
  mention: { readonly start: number; readonly end: number },
): string | undefined {
  const numbers = sentence.numbers.filter((other) => other.start !== mention.start);
  let best: DateMention | undefined;
  let bestDistance = Infinity;
  for (const date of sentence.dates) {
    if (date.since) continue;
    const between =
      date.start >= mention.end
        ? sentence.text.slice(mention.end, date.start)
        : sentence.text.slice(date.end, mention.start);
    if (date.start < mention.end && date.end > mention.start) continue;
    // "On Tuesday, the agency said …": a date that opens the sentence dates all of it.
    const opening =
      date.end <= mention.start && /^\W*(?:\p{L}+\s+)?$/u.test(sentence.text.slice(0, date.start));
    // "nearly 50 percent more than in 2017": the year is the comparison's base, not the figure's.
    if (
      /\b(?:than|que|als)\s+(?:in\s+|en\s+|im\s+)?$/iu.test(
        sentence.text.slice(Math.max(0, date.start - 12), date.start),
      )
    )
      continue;
    // Another number in between takes the date: "13 percent, up from 6.6 percent in 2017".
    const lo = Math.min(mention.end, date.end);
    const hi = Math.max(mention.start, date.start);
    if (
      numbers.some(
        (other) =>
          other.start >= lo && other.end <= hi && !(other.start >= date.start && other.end <= date.end),
      )
    )
      continue;
    // "$390 billion next year, nearly 50 percent …": a date right after another number is that number's.
    if (
      date.end <= mention.start &&
      numbers.some(
        (other) =>
          other.end <= date.start &&
          /^\s*(?:in|on|at|by|en|im|am|el)?\s*$/iu.test(sentence.text.slice(other.end, date.start)),
      )
    )
      continue;
    // "…, the Red Cross said on Tuesday": the day the source gave the figure dates it.
    const reported = date.start >= mention.end && REPORTED_BETWEEN.test(between);
    const relative = date.start >= mention.end && RELATIVE_BETWEEN.test(between);
    if ((CLAUSE_BREAK.test(` ${between} `) || relative) && !opening && !reported) continue;
    // A date after the figure is usually its own ("1.8 GB last month"); one before it, the clause's.
    const distance = opening
      ? 1000
      : reported
        ? 500 + between.length
        : between.length + (date.start >= mention.end ? 0 : 10);
    if (distance < bestDistance) {
      best = date;
      bestDistance = distance;
    }
  }
  return best?.text;
}

/** The text between two offsets with the dates in it (and the word that introduces them) left out. */
export function withoutDates(
  sentence: { readonly text: string; readonly dates: readonly DateMention[] },
  from: number,
  to: number,
): string {
  let text = '';
  let at = from;
  for (const date of sentence.dates) {
    if (date.start < from || date.end > to) continue;
    text += sentence.text.slice(at, date.start).replace(/\b(?:in|on|en|im|am|el)\s*$/iu, '');
    at = date.end;
  }
  return text + sentence.text.slice(at, to);
}
