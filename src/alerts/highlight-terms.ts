/**
 * Finds the sentence of an article that best shows why it matched a follow, and marks the matched
 * words in it as strong text spans. Uses the same tokeniser as matching, so "Élysée" is
 * highlighted for the query `elysee` and "said" is never highlighted for `ai`.
 */
import type { TextSpan } from '../model.js';
import { tokeniseText, type TextToken } from './tokenise-text.js';

/** Longest body shown in an alert; longer sentences are cut around the first highlight. */
export const MAX_SENTENCE_CHARS = 320;

export interface HighlightedSentence {
  readonly text: string;
  readonly spans: readonly TextSpan[];
  /** Index into the candidates, so figures from the same sentence can be preferred. */
  readonly index: number;
  /** How many distinct terms the sentence contains. */
  readonly found: number;
}

/**
 * Picks the candidate containing the most distinct terms (earliest on ties) and highlights them.
 * When no candidate contains any, returns the first non-empty candidate without highlights.
 */
export function pickMatchingSentence(
  candidates: readonly string[],
  terms: readonly string[],
): HighlightedSentence | undefined {
  const patterns = toPatterns(terms);
  let best: { index: number; ranges: Array<[number, number]>; found: number } | undefined;
  candidates.forEach((candidate, index) => {
    if (candidate.trim() === '') return;
    const { ranges, found } = findRanges(tokeniseText(candidate), patterns);
    if (best === undefined || found > best.found) best = { index, ranges, found };
  });
  if (best === undefined) return undefined;
  const text = candidates[best.index] as string;
  const cut = cutAround(text, best.ranges);
  return { ...cut, index: best.index, found: best.found };
}

/** Splits `text` into spans with every occurrence of the terms marked `strong`. */
export function highlightTerms(text: string, terms: readonly string[]): TextSpan[] {
  const { ranges } = findRanges(tokeniseText(text), toPatterns(terms));
  return toSpans(text, ranges, 0, text.length);
}

interface Pattern {
  readonly tokens: readonly string[];
  readonly offsets: readonly number[];
}

function toPatterns(terms: readonly string[]): Pattern[] {
  const patterns: Pattern[] = [];
  for (const term of terms) {
    const tokens = tokeniseText(term);
    const first = tokens[0];
    if (first === undefined) continue;
    patterns.push({
      tokens: tokens.map((t) => t.text),
      offsets: tokens.map((t) => t.position - first.position),
    });
  }
  return patterns;
}

function findRanges(
  tokens: readonly TextToken[],
  patterns: readonly Pattern[],
): { ranges: Array<[number, number]>; found: number } {
  const byPosition = new Map<number, TextToken>();
  for (const token of tokens) byPosition.set(token.position, token);
  const ranges: Array<[number, number]> = [];
  let found = 0;
  for (const pattern of patterns) {
    let seen = false;
    for (const token of tokens) {
      if (token.text !== pattern.tokens[0]) continue;
      let last: TextToken | undefined = token;
      for (let i = 1; i < pattern.tokens.length && last !== undefined; i++) {
        const next = byPosition.get(token.position + (pattern.offsets[i] as number));
        last = next !== undefined && next.text === pattern.tokens[i] ? next : undefined;
      }
      if (last === undefined) continue;
      ranges.push([token.start, last.end]);
      seen = true;
    }
    if (seen) found += 1;
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const previous = merged[merged.length - 1];
    if (previous !== undefined && range[0] <= previous[1]) previous[1] = Math.max(previous[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return { ranges: merged, found };
}

function cutAround(
  text: string,
  ranges: ReadonlyArray<[number, number]>,
): { text: string; spans: TextSpan[] } {
  const trimmed = text.trim();
  const shift = text.indexOf(trimmed);
  const local = ranges.map(([a, b]): [number, number] => [a - shift, b - shift]);
  if (trimmed.length <= MAX_SENTENCE_CHARS) {
    return { text: trimmed, spans: toSpans(trimmed, local, 0, trimmed.length) };
  }
  const firstHit = local[0]?.[0] ?? 0;
  let start = Math.max(0, Math.min(firstHit - 80, trimmed.length - MAX_SENTENCE_CHARS));
  let end = Math.min(trimmed.length, start + MAX_SENTENCE_CHARS);
  // Cut at spaces so no word is split.
  if (start > 0) {
    const space = trimmed.indexOf(' ', start);
    if (space >= 0 && space < firstHit) start = space + 1;
  }
  if (end < trimmed.length) {
    const space = trimmed.lastIndexOf(' ', end);
    if (space > start) end = space;
  }
  const spans = toSpans(trimmed, local, start, end);
  const withEllipses: TextSpan[] = [];
  if (start > 0) withEllipses.push({ text: '…' });
  withEllipses.push(...spans);
  if (end < trimmed.length) withEllipses.push({ text: '…' });
  return { text: trimmed.slice(start, end), spans: mergePlain(withEllipses) };
}

function toSpans(
  text: string,
  ranges: ReadonlyArray<[number, number]>,
  from: number,
  to: number,
): TextSpan[] {
  const spans: TextSpan[] = [];
  let at = from;
  for (const [a, b] of ranges) {
    const start = Math.max(a, from);
    const end = Math.min(b, to);
    if (end <= start) continue;
    if (start > at) spans.push({ text: text.slice(at, start) });
    spans.push({ text: text.slice(start, end), strong: true });
    at = end;
  }
  if (at < to) spans.push({ text: text.slice(at, to) });
  return spans;
}

function mergePlain(spans: readonly TextSpan[]): TextSpan[] {
  const merged: TextSpan[] = [];
  for (const span of spans) {
    const previous = merged[merged.length - 1];
    if (previous !== undefined && !previous.strong && !span.strong) {
      merged[merged.length - 1] = { text: previous.text + span.text };
    } else merged.push(span);
  }
  return merged;
}
