/**
 * An amount named by the noun before it: "revenue of $32.2 billion for the quarter", "a fine of
 * €40 million", "a healthy-looking record surplus of £74m".
 */
import { ENGLISH_REPORTING_VERBS } from './attribution-words.js';
import { PHRASE_END } from './count-phrase-words.js';
import type { Word } from './phrase-words.js';

/** What may follow an amount named before it: a time, a place, a purpose, or the clause's end. */
export const AFTER_NAMED_AMOUNT =
  /^(?:|for|in|on|at|to|from|with|over|during|since|this|last|and|or|but|[,.;:!?)”"»—–-])$/iu;
/** Words before a figure noun that say which figure of it: "net loss", "annual revenue". */
const FIGURE_ADJECTIVES = new Set(
  'net gross total annual yearly quarterly monthly operating combined estimated average median'.split(' '),
);
/** Nouns that name a figure of their own, even with no article: "reported revenue of $32.2 billion". */
const FIGURE_NOUNS = new Set(
  'revenue revenues sales profit profits income earnings turnover loss losses debt debts spending funding investment fine fines'.split(
    ' ',
  ),
);
const OF_DETERMINER = /^(?:a|an|the|its|their|his|her|our|this|that)$/iu;

/**
 * The noun phrase just before "of" in "… a net loss of" at the end of `before`: from its article
 * ("a healthy-looking record surplus of"), or a figure noun on its own ("revenue of").
 */
export function nounBeforeOf(before: readonly Word[]): string[] | undefined {
  const n = before.length;
  if (before[n - 1]?.text.toLowerCase() !== 'of') return undefined;
  const words: string[] = [];
  for (let k = n - 2; k >= 0 && k >= n - 5; k--) {
    const text = before[k]?.text ?? '';
    if (OF_DETERMINER.test(text)) return words.length > 0 ? words : undefined;
    // A verb ends the phrase: "The company reported revenue of".
    if (!/^\p{Ll}[\p{Ll}-]*$/u.test(text) || PHRASE_END.has(text) || ENGLISH_REPORTING_VERBS.has(text)) break;
    words.unshift(text);
  }
  const noun = words.at(-1);
  if (noun === undefined || !FIGURE_NOUNS.has(noun)) return undefined;
  const qualifier = words.at(-2) ?? '';
  return FIGURE_ADJECTIVES.has(qualifier) ? [qualifier, noun] : [noun];
}
