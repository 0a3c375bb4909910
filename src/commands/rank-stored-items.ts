/**
 * Finds the stored articles that best match a few search words (`/summary <words>`): term
 * overlap weighted by rarity (IDF over the candidates), a title match counting three times a
 * body match. Words are tokenised exactly as follow queries are (case- and accent-insensitive,
 * whole words), with a light plural folding so "elections" finds "election".
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
const MAX_BODY_CHARS = 20_000;

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
  if (terms.length === 0 || items.length === 0) return [];
  const indexed = items.map((item) => ({ item, ...indexItem(item) }));
  const documentFrequency = new Map<string, number>();
  for (const doc of indexed) {
    for (const term of terms) {
      if (doc.title.has(term) || doc.body.has(term))
        documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  const ranked: RankedItem[] = [];
  for (const doc of indexed) {
    let score = 0;
    const matched: string[] = [];
    for (const term of terms) {
      const inTitle = doc.title.has(term);
      const inBody = doc.body.has(term);
      if (!inTitle && !inBody) continue;
      matched.push(term);
      const idf = Math.log(1 + indexed.length / (documentFrequency.get(term) ?? 1));
      score += idf * ((inTitle ? TITLE_WEIGHT : 0) + (inBody ? BODY_WEIGHT : 0));
    }
    if (matched.length > 0) ranked.push({ item: doc.item, score, matched });
  }
  ranked.sort((a, b) => b.matched.length - a.matched.length || b.score - a.score || b.item.seq - a.item.seq);
  const best = ranked[0]?.matched.length ?? 0;
  const floor = best === terms.length && terms.length > 1 ? Math.ceil((terms.length * 2) / 3) : 1;
  return ranked.filter((r) => r.matched.length >= floor).slice(0, Math.max(0, limit));
}

function indexItem(item: StoredItem): { title: Set<string>; body: Set<string> } {
  const summary = item.summary;
  const bodyParts = [
    item.article.summary ?? '',
    summary?.gist ?? '',
    item.article.content.slice(0, MAX_BODY_CHARS),
  ];
  return { title: toTermSet(item.article.title), body: toTermSet(bodyParts.join('\n\n')) };
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
