/**
 * The tokens the attribution finder reads: words with their inner full stops, apostrophes,
 * ampersands and hyphens ("U.S.", "AT&T", "O’Brien"), numbers with their separators ("12,000"),
 * and each other character that is not a space; a full stop that ends a sentence is its own token.
 */
import { QUOTE_OR_PUNCTUATION } from './attribution-names.js';
import { isLetterOrNumber } from './letter-class.js';

export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Characters that may follow the first of a word: letters, numbers and `.'’&-`. */
function continuesWord(code: number): boolean {
  return (
    code === 0x2e ||
    code === 0x27 ||
    code === 0x2019 ||
    code === 0x26 ||
    code === 0x2d ||
    isLetterOrNumber(code)
  );
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Whitespace as `\s` matches it. */
const WHITESPACE = /^\s$/u;

/**
 * The end of the token that starts at `start`, as
 * `/\d[\d,.]*\d|[\p{L}\p{N}][\p{L}\p{N}.'’&-]*|[^\s\p{L}\p{N}]/u` would match it (`start` for none),
 * by a character scan: this runs on every sentence with a reporting word, where the Unicode
 * regular expression costs several times more.
 */
function tokenEnd(text: string, start: number): number {
  const code = text.codePointAt(start) ?? 0;
  const width = code > 0xffff ? 2 : 1;
  if (isDigit(code)) {
    // "12,000", "3.5": digits joined by commas and points, ending on a digit.
    let lastDigit = -1;
    for (let i = start + 1; i < text.length; i++) {
      const next = text.charCodeAt(i);
      if (isDigit(next)) lastDigit = i;
      else if (next !== 0x2c && next !== 0x2e) break;
    }
    if (lastDigit > start) return lastDigit + 1;
  }
  if (isLetterOrNumber(code)) {
    let i = start + width;
    while (i < text.length) {
      const next = text.codePointAt(i) ?? 0;
      if (!continuesWord(next)) break;
      i += next > 0xffff ? 2 : 1;
    }
    return i;
  }
  // A plain space, the most common character here, needs no look-up.
  return code === 0x20 || WHITESPACE.test(String.fromCodePoint(code)) ? start : start + width;
}

export function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  for (let start = 0; start < text.length;) {
    const end = tokenEnd(text, start);
    if (end === start) {
      start++;
      continue;
    }
    const word = text.slice(start, end);
    // A full stop glued to the last word of a sentence is punctuation, not part of an abbreviation.
    if (
      word.length > 2 &&
      word.endsWith('.') &&
      !/^(?:\p{L}\.)+$/u.test(word) &&
      !/^(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Col|Lt|Prof)\.$/u.test(word)
    ) {
      tokens.push({ text: word.slice(0, -1), start, end: end - 1 });
      tokens.push({ text: '.', start: end - 1, end });
    } else {
      tokens.push({ text: word, start, end });
    }
    start = end;
  }
  return tokens;
}

/** Whether the token at `index` stands inside a quotation (curly quotes and guillemets), in this sentence or run on from one before. */
export function insideQuotation(tokens: readonly Token[], index: number): boolean {
  // "… a hit piece, we can sue them,” Trump said.": a quotation opened in an earlier sentence runs
  // up to the first closing mark that no opening one precedes.
  for (let i = 0; i < tokens.length; i++) {
    const text = tokens[i]?.text;
    if (text === '“' || text === '«') break;
    if (text === '”' || text === '»') {
      if (index < i) return true;
      break;
    }
  }
  let depth = 0;
  for (let i = 0; i < index; i++) {
    const text = tokens[i]?.text;
    if (text === '“' || text === '«') depth++;
    else if ((text === '”' || text === '»') && depth > 0) depth--;
  }
  return depth > 0;
}

/** The words after token `index`, as one string (at most a dozen). */
export function sentenceAfter(tokens: readonly Token[], index: number): string {
  return tokens
    .slice(index + 1, index + 13)
    .map((token) => token.text)
    .join(' ');
}

/** Fewer words than this between quotation marks name a term rather than quote a statement. */
export const MIN_QUOTED_WORDS = 5;

/** Words inside the quotation that closes at `close`, counting back to its opening mark (or the sentence start). */
export function quotedWordsBefore(tokens: readonly Token[], close: number): number {
  let words = 0;
  for (let i = close - 1; i >= 0; i--) {
    const text = tokens[i]?.text ?? '';
    if (text === '“' || text === '«') break;
    if (/^[\p{L}\p{N}]/u.test(text)) words++;
  }
  return words;
}

/** Subordinators and prepositions that open a clause whose verb is not the sentence's report. */
const LEADING_CLAUSE_OPENERS = new Set(
  'since after when although though while if because before until once following despite in'.split(' '),
);

/**
 * "In the years since Tim Cook pledged to …, Rice’s team has …": a verb in an opening clause that
 * ends with a comma is background, not the report the sentence makes.
 */
export function inLeadingClause(tokens: readonly Token[], verbIndex: number): boolean {
  if (!LEADING_CLAUSE_OPENERS.has((tokens[0]?.text ?? '').toLowerCase())) return false;
  for (let i = 1; i < verbIndex; i++) if (QUOTE_OR_PUNCTUATION.test(tokens[i]?.text ?? '')) return false;
  for (let i = verbIndex + 1; i < tokens.length; i++) {
    const text = tokens[i]?.text ?? '';
    if (text === ',') return true;
    if (QUOTE_OR_PUNCTUATION.test(text)) return false;
  }
  return false;
}
