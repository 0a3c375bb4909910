/**
 * Turns untrusted plain text (or highlighted spans) into Discord markdown: markup escaped, mentions
 * neutralised, `strong` spans in bold, and cut or split only between words so that no word, escape
 * sequence, bold pair or link is ever broken.
 */
import type { RichText, TextSpan } from '../../src/model.js';

interface Piece {
  readonly text: string;
  readonly strong: boolean;
}

/** A run of non-space text (possibly several glued spans) and the whitespace before it. */
interface Unit {
  /** Normalised separator before the unit: '', ' ', '\n' or '\n\n'. */
  readonly sep: string;
  readonly pieces: readonly Piece[];
}

export interface RenderOptions {
  /**
   * Escape markdown and neutralise mentions (default true). Embed author names and footers are
   * shown verbatim by Discord, so escaping there would show the backslashes.
   */
  readonly markdown?: boolean;
}

const ellipsis = '…';
const urlPattern = /^https?:\/\/[^\s<>\\]+$/i;
const specialCharacters = /[\\*_~`|[\]@<]/;

/** Renders the whole text, shortened at a word boundary with `…` when it exceeds `maxLength`. */
export function renderDiscordText(text: RichText, maxLength: number, options: RenderOptions = {}): string {
  const markdown = options.markdown ?? true;
  // Rendering never shortens a word, so text past maxLength + 1 visible characters cannot fit:
  // stop reading there (a whole article body may be passed for a 256-character title).
  const { units, truncated } = tokenise(text, maxLength - ellipsis.length, options, maxLength + 1);
  if (!truncated) {
    const full = renderUnits(units, 0, units.length, markdown);
    if (full.length <= maxLength) return full;
  }
  const end = findLongestFit(units, 0, maxLength - ellipsis.length, markdown);
  return renderUnits(units, 0, end, markdown) + ellipsis;
}

/**
 * Splits the text into chunks of at most `maxLength` characters each, preferring paragraph breaks,
 * then line breaks, then spaces. Every chunk is valid markdown on its own.
 */
export function splitDiscordText(text: RichText, maxLength: number, options: RenderOptions = {}): string[] {
  const markdown = options.markdown ?? true;
  const { units } = tokenise(text, maxLength, options);
  const chunks: string[] = [];
  let start = 0;
  while (start < units.length) {
    let end = findLongestFit(units, start, maxLength, markdown);
    if (end < units.length) end = preferBreak(units, start, end);
    const chunk = renderUnits(units, start, end, markdown);
    if (chunk.trim() !== '') chunks.push(chunk);
    start = end;
  }
  return chunks;
}

/** Escapes one run of article text for Discord markdown and neutralises mentions in it. */
export function escapeDiscordMarkdown(text: string, atLineStart: boolean): string {
  if (!atLineStart && !specialCharacters.test(text)) return text;
  let escaped = text.replace(/[\\*_~`|[\]]/g, '\\$&');
  if (atLineStart) {
    // Headings, block quotes, list items and subtext only take effect at the start of a line.
    if (/^[#>-]/.test(escaped)) escaped = `\\${escaped}`;
    else if (/^\d+\.$/.test(escaped)) escaped = `${escaped.slice(0, -1)}\\.`;
  }
  return neutraliseMentions(escaped);
}

/**
 * Makes mentions inert as text too (allowed_mentions already stops the ping): a zero-width space
 * after `@` in @everyone/@here, and after `<` in user, role, channel, command and timestamp tags.
 */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, '@\u200b$1').replace(/<(?=[@#/:]|a:|t:|id:)/g, '<\u200b');
}

function tokenise(
  text: RichText,
  maxUnitLength: number,
  options: RenderOptions,
  stopAfterChars = Number.POSITIVE_INFINITY,
): { units: Unit[]; truncated: boolean } {
  const spans: readonly TextSpan[] = typeof text === 'string' ? [{ text }] : text;
  const units: Array<{ sep: string; pieces: Piece[] }> = [];
  let pendingSpace = '';
  let visible = 0;
  let truncated = false;
  read: for (const span of spans) {
    for (const token of span.text.split(/(\s+)/)) {
      if (token === '') continue;
      if (/^\s+$/.test(token)) {
        pendingSpace += token;
        continue;
      }
      const piece = { text: token, strong: span.strong === true };
      const last = units.at(-1);
      if (last && pendingSpace === '') last.pieces.push(piece);
      else units.push({ sep: units.length === 0 ? '' : normaliseSpace(pendingSpace), pieces: [piece] });
      pendingSpace = '';
      visible += token.length;
      if (visible > stopAfterChars) {
        truncated = true;
        break read;
      }
    }
  }
  return { units: units.flatMap((unit) => breakLongUnit(unit, maxUnitLength, options)), truncated };
}

function normaliseSpace(space: string): string {
  const newlines = (space.match(/\n/g) ?? []).length;
  return newlines >= 2 ? '\n\n' : newlines === 1 ? '\n' : ' ';
}

/**
 * A single "word" longer than a whole chunk cannot be kept intact: a link that long is dropped
 * (a cut link would lead somewhere else), other text is cut at code-point boundaries.
 */
function breakLongUnit(unit: Unit, maxLength: number, options: RenderOptions): Unit[] {
  const markdown = options.markdown ?? true;
  if (renderUnits([unit], 0, 1, markdown).length <= maxLength) return [unit];
  const plain = unit.pieces.map((piece) => piece.text).join('');
  if (urlPattern.test(plain)) return [{ sep: unit.sep, pieces: [{ text: ellipsis, strong: false }] }];
  const strong = unit.pieces.every((piece) => piece.strong);
  // Neutralised before cutting, so that a cut cannot join `<` and `@1…` (or `@` and `everyone`) later.
  const safe = markdown ? neutraliseMentions(plain) : plain;
  // Escaping at most doubles a character and bold adds 4: keep each slice safely below the limit.
  const sliceLength = Math.max(1, Math.floor((maxLength - 8) / 3));
  const codePoints = Array.from(safe);
  const result: Unit[] = [];
  for (let index = 0; index < codePoints.length; index += sliceLength) {
    const text = codePoints.slice(index, index + sliceLength).join('');
    result.push({ sep: index === 0 ? unit.sep : '', pieces: [{ text, strong }] });
  }
  return result;
}

function renderUnits(units: readonly Unit[], start: number, end: number, markdown: boolean): string {
  return renderGreedy(units, start, end, Number.POSITIVE_INFINITY, markdown).text;
}

/**
 * Renders units from `start` while the result (with a closing bold marker) stays within
 * `maxLength`; the first unit is always taken. Linear in the length of the chunk.
 */
function renderGreedy(
  units: readonly Unit[],
  start: number,
  end: number,
  maxLength: number,
  markdown: boolean,
): { text: string; end: number } {
  let out = '';
  let bold = false;
  let index = start;
  for (; index < end; index += 1) {
    const unit = units[index];
    if (!unit) break;
    const rendered = renderUnit(unit, index === start, bold, markdown);
    if (index > start && out.length + rendered.text.length + (rendered.bold ? 2 : 0) > maxLength) break;
    out += rendered.text;
    bold = rendered.bold;
  }
  if (bold) out += '**';
  return { text: out, end: index };
}

function renderUnit(
  unit: Unit,
  first: boolean,
  boldBefore: boolean,
  markdown: boolean,
): { text: string; bold: boolean } {
  let out = '';
  let bold = boldBefore;
  const sep = first ? '' : unit.sep;
  const firstStrong = unit.pieces[0]?.strong === true;
  if (bold && (!firstStrong || sep.includes('\n'))) {
    out += '**';
    bold = false;
  }
  out += sep;
  const atLineStart = first || sep.includes('\n');
  // A bare link stays as written (escapes would change where it leads) when it stands alone; glued
  // to other spans or in bold, markers around it would be ambiguous, so it is escaped like text.
  const only = unit.pieces.length === 1 ? unit.pieces[0] : undefined;
  const isUrl =
    only !== undefined && !only.strong && urlPattern.test(only.text) && !/\*\*|__|~~|\|\||`/.test(only.text);
  unit.pieces.forEach((piece, pieceIndex) => {
    if (!markdown) {
      out += piece.text;
      return;
    }
    if (piece.strong !== bold) {
      out += '**';
      bold = piece.strong;
    }
    out += isUrl
      ? neutraliseMentions(piece.text)
      : escapeDiscordMarkdown(piece.text, atLineStart && pieceIndex === 0);
  });
  return { text: out, bold };
}

/** The largest `end` such that units[start, end) render within `maxLength` (at least start + 1). */
function findLongestFit(units: readonly Unit[], start: number, maxLength: number, markdown: boolean): number {
  return renderGreedy(units, start, units.length, maxLength, markdown).end;
}

/** Moves a split point back to a paragraph or line break when one lies in the second half of the chunk. */
function preferBreak(units: readonly Unit[], start: number, end: number): number {
  const floor = start + Math.max(1, Math.floor((end - start) / 2));
  for (const wanted of ['\n\n', '\n']) {
    for (let index = end; index > floor; index -= 1) {
      if (units[index]?.sep === wanted) return index;
    }
  }
  return end;
}
