import { CommandError } from './command-error.js';

/** Longest command text accepted, after cleaning. Longer input is refused rather than cut. */
export const MAX_COMMAND_TEXT_CHARS = 1000;

// C0/C1 controls, and format characters that reorder or hide text (bidi overrides and isolates,
// zero-width joiners, word joiner, BOM): all untrusted input from chat.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;
const INVISIBLE_FORMATTING =
  /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Turns the untrusted free text of a command into one clean line: controls become spaces,
 * invisible formatting characters and broken surrogates are dropped, whitespace is collapsed.
 * Throws a `CommandError` when the result is longer than `maxChars`.
 */
export function cleanCommandText(raw: unknown, maxChars: number = MAX_COMMAND_TEXT_CHARS): string {
  if (typeof raw !== 'string') return '';
  // Refuse absurd payloads before doing any work on them.
  if (raw.length > maxChars * 8) throw tooLong(raw.length, maxChars);
  const cleaned = raw
    .normalize('NFC')
    .replace(LONE_SURROGATES, '')
    .replace(CONTROL_CHARACTERS, ' ')
    .replace(INVISIBLE_FORMATTING, '')
    .replace(/\s+/gu, ' ')
    .trim();
  if (cleaned.length > maxChars) throw tooLong(cleaned.length, maxChars);
  return cleaned;
}

function tooLong(length: number, maxChars: number): CommandError {
  return new CommandError(
    `That is too long (${length.toLocaleString('en-US')} characters); the limit is ${maxChars.toLocaleString('en-US')}.`,
  );
}
