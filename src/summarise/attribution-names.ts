/**
 * Names in the attribution finder's tokens: whether a phrase is a name, and the name before a
 * description fenced by commas ("Eric Reeves, one of the leading voices on Sudan, said").
 */
import { DESCRIPTION_START, FORWARD_BOUNDARIES, INSIDE_NAME, TIME_WORDS } from './attribution-words.js';
import type { Token } from './attribution-tokens.js';

export const QUOTE_OR_PUNCTUATION = /^[,.;:!?()[\]"“”«»—–'‘’]$/u;

/**
 * "Seoul figures", "President Volodymyr Zelensky advanced": a name, in capitals but for linking
 * words, before a verb that reports only after a name ("Forstall led one of the most successful
 * software projects" holds no source).
 */
export function isNamePhrase(phrase: string): boolean {
  const words = phrase.replace(/^(?:The|A|An)\s/u, '').split(/\s+/u);
  return (
    words.some((word) => /^\p{Lu}/u.test(word)) &&
    words.every(
      (word) => /^[\p{Lu}\d(]/u.test(word) || INSIDE_NAME.has(word.toLowerCase()) || /^['’]s$/u.test(word),
    )
  );
}

/**
 * The name before a description fenced by commas that ends just before `end`: "Eric Reeves, one
 * of the leading voices on Sudan, said". The name stands at the start of the sentence or after
 * punctuation or a conjunction, so a clause before the comma is never read as one.
 */
export function nameBeforeAppositive(tokens: readonly Token[], end: number): string | undefined {
  const start = commaBefore(tokens, end) + 1;
  if (tokens[start - 1]?.text !== ',' || !DESCRIPTION_START.test(tokens[start]?.text ?? '')) return undefined;
  const name: string[] = [];
  let k = start - 2;
  for (; k >= 0 && name.length < 4; k--) {
    const text = tokens[k]?.text ?? '';
    if (
      !/^\p{Lu}[\p{L}.'’-]*$/u.test(text) ||
      TIME_WORDS.test(text) ||
      FORWARD_BOUNDARIES.has(text.toLowerCase())
    )
      break;
    name.unshift(text);
  }
  const opensClause = clauseOpensAt(tokens, k) || titleOpensClauseAt(tokens, k);
  return name.length > 0 && opensClause && isNamePhrase(name.join(' ')) ? name.join(' ') : undefined;
}

/** Whether a clause starts right after token `k`: the sentence start, punctuation or a conjunction. */
function clauseOpensAt(tokens: readonly Token[], k: number): boolean {
  const before = tokens[k]?.text;
  return (
    before === undefined ||
    QUOTE_OR_PUNCTUATION.test(before) ||
    /^(?:and|but|so|et|mais|und|aber|y|pero)$/iu.test(before)
  );
}

/**
 * "The Mississippi congressman Bennie Thompson, the committee's chairman, said": a short title
 * ending in a lower-case word at `k`, opened by an article or a capital, stands before the name.
 */
function titleOpensClauseAt(tokens: readonly Token[], k: number): boolean {
  if (!/^\p{Ll}{3,}$/u.test(tokens[k]?.text ?? '')) return false;
  for (let i = k - 1; i >= Math.max(-1, k - MAX_TITLE_WORDS); i--) {
    if (clauseOpensAt(tokens, i)) return /^(?:The|A|An|\p{Lu}[\p{L}.'’-]*)$/u.test(tokens[i + 1]?.text ?? '');
    if (!/^[\p{L}'’-]+$/u.test(tokens[i]?.text ?? '')) return false;
  }
  return false;
}

/** Words of a title before a name at most: "The Mississippi congressman". */
const MAX_TITLE_WORDS = 4;

/** Index of the last comma before `end` within a description's length, or -2 when there is none. */
function commaBefore(tokens: readonly Token[], end: number): number {
  for (let k = end - 1; k >= 0 && k >= end - 14; k--) {
    const text = tokens[k]?.text ?? '';
    if (text === ',') return k;
    if (QUOTE_OR_PUNCTUATION.test(text)) break;
  }
  return -2;
}

/** ", Yoel Roth." closing the phrase after a title: the person who holds it. */
const NAME_AFTER_TITLE = /^,\s(\p{Lu}[\p{L}.'’-]*\p{L}(?:\s\p{Lu}[\p{L}.'’-]*\p{L}){1,2})(?=[.,;:!?"”»]|$)/u;

/**
 * "according to a thread by Twitter’s head of site integrity, Yoel Roth": a source that ends on a
 * title (a lower-case word) takes the name set after it in commas.
 */
export function withNameAfterTitle(source: string, rest: string): string {
  if (!/\p{Ll}$/u.test(source)) return source;
  const at = rest.indexOf(source);
  if (at < 0) return source;
  const name = NAME_AFTER_TITLE.exec(rest.slice(at + source.length))?.[1];
  return name === undefined ? source : `${source}, ${name}`;
}

/** "Twitter’s head of site integrity": a name in the possessive goes on into the noun it owns. */
export function possessive(words: readonly string[]): boolean {
  const owner = words.findLastIndex((word) => /^\p{Lu}.*['’]s$/u.test(word));
  return owner >= 0 && words.slice(owner + 1).every((word) => /^\p{Ll}/u.test(word));
}
