/**
 * Finds the stored articles that best match a few search words (`/summary <words>`): term
 * overlap weighted by rarity (IDF over the candidates), a title match counting three times a
 * body match. Words are tokenised exactly as follow queries are (case- and accent-insensitive,
 * whole words), with a light plural folding so "elections" finds "election".
 *
 * Tokenising a week of a busy install (thousands of articles) per search would take seconds, so
 * ranking runs in two passes: a fast accent-insensitive substring scan scores every candidate
 * approximately, then only the best `VERIFY_WINDOW` are tokenised and scored exactly.
 */
import { isStopWord } from '../alerts/stop-words.js';
import { tokeniseText } from '../alerts/tokenise-text.js';
import type { StoredItem } from '../ports.js';

export interface RankedItem {
  readonly item: StoredItem;
  readonly score: number;
  /** Search terms found in the item. */
  readonly matched: readonly string[];
}

const TITLE_WEIGHT = 3;
const BODY_WEIGHT = 1;
/** Body text read per item: the lede and first paragraphs carry what an article is about. */
const MAX_BODY_CHARS = 4_000;
/** Candidates checked word by word after the substring pass. */
const VERIFY_WINDOW = 40;

/** The folded, de-pluralised search terms of `text`; stop words are dropped unless nothing else is left. */
export function extractSearchTerms(text: string): string[] {
  const all = tokeniseText(text).map((token) => token.text);
  const meaningful = all.filter((term) => !isStopWord(term));
  return [...new Set((meaningful.length > 0 ? meaningful : all).map(foldPlural))];
}

/**
 * Ranks `items` against `text`, best first: more matched terms first, then the weighted score,
 * then the newest. Items that match no term are left out; so are those matching fewer than two
 * thirds of the terms when another item matches them all. At most `limit` results.
 */
export function rankStoredItems(items: readonly StoredItem[], text: string, limit: number): RankedItem[] {
  const terms = extractSearchTerms(text);
  if (terms.length === 0 || items.length === 0 || limit <= 0) return [];
  const probes = terms.map(compileProbe);

  // Pass 1: substring presence, a superset of whole-word presence.
  const approximate = items.map((item) => {
    const title = findTerms(item.article.title, probes);
    const body = findTerms(bodyText(item), probes);
    return { item, title, body };
  });
  const frequency = terms.map(
    (_, i) => approximate.filter((a) => a.title[i] === true || a.body[i] === true).length,
  );
  const idf = frequency.map((df) => Math.log(1 + items.length / Math.max(1, df)));
  const firstPass = approximate
    .map(({ item, title, body }) =>
      score(
        item,
        terms,
        idf,
        (i) => title[i] === true,
        (i) => body[i] === true,
      ),
    )
    .filter((r) => r.matched.length > 0);
  sortRanked(firstPass);

  // Pass 2: whole words, on the best candidates only.
  const verified = firstPass
    .slice(0, VERIFY_WINDOW)
    .map(({ item }) => {
      const title = toTermSet(item.article.title);
      const body = toTermSet(bodyText(item));
      return score(
        item,
        terms,
        idf,
        (i) => title.has(terms[i] ?? ''),
        (i) => body.has(terms[i] ?? ''),
      );
    })
    .filter((r) => r.matched.length > 0);
  sortRanked(verified);
  const best = verified[0]?.matched.length ?? 0;
  const floor = best === terms.length && terms.length > 1 ? Math.ceil((terms.length * 2) / 3) : 1;
  return verified.filter((r) => r.matched.length >= floor).slice(0, limit);
}

function score(
  item: StoredItem,
  terms: readonly string[],
  idf: readonly number[],
  inTitle: (i: number) => boolean,
  inBody: (i: number) => boolean,
): RankedItem {
  let total = 0;
  const matched: string[] = [];
  terms.forEach((term, i) => {
    const title = inTitle(i);
    const body = inBody(i);
    if (!title && !body) return;
    matched.push(term);
    total += (idf[i] ?? 1) * ((title ? TITLE_WEIGHT : 0) + (body ? BODY_WEIGHT : 0));
  });
  return { item, score: total, matched };
}

function sortRanked(ranked: RankedItem[]): void {
  ranked.sort((a, b) => b.matched.length - a.matched.length || b.score - a.score || b.item.seq - a.item.seq);
}

function bodyText(item: StoredItem): string {
  return [
    item.article.summary ?? '',
    item.summary?.gist ?? '',
    item.article.content.slice(0, MAX_BODY_CHARS),
  ].join('\n\n');
}

function toTermSet(text: string): Set<string> {
  return new Set(tokeniseText(text).map((token) => foldPlural(token.text)));
}

/** "elections" → "election", "countries" → "country"; short words and "-ss" words are kept. */
function foldPlural(term: string): string {
  if (term.length <= 3 || !/^[a-z]+$/u.test(term)) return term;
  if (term.endsWith('ies') && term.length > 4) return `${term.slice(0, -3)}y`;
  if (term.endsWith('ss') || term.endsWith('us') || term.endsWith('is')) return term;
  if (term.endsWith('s')) return term.slice(0, -1);
  return term;
}

/** How a term is looked for in raw text: a lower-case substring, and a pattern for accented text. */
interface Probe {
  readonly lower: string;
  /** Undefined when no simple pattern covers every spelling: then the term counts as present. */
  readonly pattern: RegExp | undefined;
}

/** Latin letters with accents and the like: only texts that have some need the pattern. */
const NON_ASCII_LATIN = /[\u00c0-\u024f]/u;

/** For each probe, whether the text may contain the term (never false when it does). */
function findTerms(text: string, probes: readonly Probe[]): boolean[] {
  const lower = text.toLowerCase();
  const accented = NON_ASCII_LATIN.test(text);
  return probes.map(
    (probe) =>
      probe.pattern === undefined || lower.includes(probe.lower) || (accented && probe.pattern.test(text)),
  );
}

/**
 * The probe for a folded, de-pluralised term. Every text whose tokens fold to the term contains
 * the probe's substring or matches its pattern. Terms a ligature may fold into ("ss" from "ß",
 * "ae", "oe", "th") or outside Latin letters and digits get no pattern and always pass.
 */
function compileProbe(term: string): Probe {
  // "countries" folds to "country": probe the part both spellings share.
  const stem = term.length > 4 && term.endsWith('y') ? term.slice(0, -1) : term;
  if (!/^[a-z0-9]+$/u.test(stem) || /ss|ae|oe|th/u.test(stem)) return { lower: stem, pattern: undefined };
  return {
    lower: stem,
    pattern: new RegExp([...stem].map((c) => LETTER_VARIANTS.get(c) ?? c).join(''), 'iu'),
  };
}

/**
 * For each ASCII letter, a character class of itself and the Latin letters that fold to it
 * ("e" → "[eèéêë…]"), built once from Unicode decompositions plus the letters NFKD leaves alone.
 */
const LETTER_VARIANTS: ReadonlyMap<string, string> = (() => {
  const variants = new Map<string, Set<string>>();
  const add = (base: string, char: string): void => {
    const set = variants.get(base) ?? new Set<string>([base]);
    set.add(char);
    set.add(char.toUpperCase());
    variants.set(base, set);
  };
  for (let code = 0xc0; code <= 0x24f; code++) {
    const char = String.fromCharCode(code).toLowerCase();
    const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
    if (/^[a-z]$/u.test(base)) add(base, char);
  }
  const unfolded = [
    ['ø', 'o'],
    ['đ', 'd'],
    ['ð', 'd'],
    ['ł', 'l'],
    ['ı', 'i'],
    ['ŀ', 'l'],
    ['ħ', 'h'],
  ] as const;
  for (const [char, base] of unfolded) add(base, char);
  return new Map([...variants].map(([base, set]) => [base, `[${[...set].join('')}]`]));
})();
