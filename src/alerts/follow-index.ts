/**
 * Matches one article against many follow queries without looping over every query.
 *
 * Each query is in disjunctive normal form (an OR of AND-clauses, see `parseQuery`). Every clause
 * is filed under one "anchor" token that any matching article must contain: the least common
 * token among the clause's required words and phrases. An article is tokenised once; only the
 * clauses filed under its tokens are candidates, and only those are checked in full (phrases by
 * token positions, exclusions, feed limits). Cost grows with the number of candidates, not with
 * the number of follows.
 */
import { isStopWord } from './stop-words.js';
import { containsSequence, tokeniseDocument, type DocumentTokens } from './tokenise-text.js';
import { termKey, type FollowQuery, type MatchDocument, type QueryClause, type QueryTerm } from './query.js';

export interface FollowMatch {
  readonly followId: number;
  /** The query's words and phrases found in the article (as the follower wrote them), for highlighting. */
  readonly terms: string[];
}

export interface FollowIndex {
  /** Adds a follow, replacing any earlier one with the same id. Empty `feedUrls` means every feed. */
  add(id: number, query: FollowQuery, feedUrls: readonly string[]): void;
  /** Removes a follow; false when the id is unknown. */
  remove(id: number): boolean;
  /** Follows whose query matches the document and whose feed limit allows its feed, in no particular order. */
  match(doc: MatchDocument): FollowMatch[];
  /**
   * `match` on a document already tokenised with `tokeniseDocument([title, text])`, carried by
   * one or several feeds (a follow limited to feeds matches when any of them is allowed).
   */
  matchTokens(tokens: DocumentTokens, feedUrls: readonly string[]): FollowMatch[];
  readonly size: number;
}

export interface FollowIndexOptions {
  /**
   * Estimated share (0..1) of articles that contain a folded token, when known (e.g. counted over
   * recent articles). Without it, anchors are chosen by a heuristic: common words and short
   * tokens are assumed frequent, long ones rare.
   */
  readonly documentFrequency?: (token: string) => number | undefined;
}

interface Entry {
  readonly id: number;
  readonly feeds: ReadonlySet<string> | undefined;
  readonly terms: readonly QueryTerm[];
  readonly refs: Ref[];
  /** Number of the last `match` call that looked at this follow; avoids a per-call Set. */
  stamp: number;
}

interface Ref {
  readonly entry: Entry;
  readonly clause: QueryClause;
  readonly anchor: string;
  readonly anchorOnly: boolean;
  readonly list: Ref[];
  index: number;
}

export function createFollowIndex(options: FollowIndexOptions = {}): FollowIndex {
  const entries = new Map<number, Entry>();
  const postings = new Map<string, Ref[]>();
  let stamp = 0;

  const estimate = (token: string): number => {
    const known = options.documentFrequency?.(token);
    if (known !== undefined) return known;
    if (isStopWord(token)) return 0.9;
    // Rough prior: a two-letter token is in about a quarter of articles, a twelve-letter one in few.
    const length = Math.min(token.length, 14);
    return (/^\d+$/u.test(token) ? 0.3 : 0.25) * Math.pow(0.7, length - 2);
  };

  const chooseAnchor = (clause: QueryClause): string => {
    let best: string | undefined;
    let bestScore = Infinity;
    for (const term of clause.include) {
      for (const token of term.tokens) {
        // Ties go to the token fewer follows are filed under, to keep posting lists short.
        const score = estimate(token) + (postings.get(token)?.length ?? 0) * 1e-9;
        if (score < bestScore) {
          bestScore = score;
          best = token;
        }
      }
    }
    if (best === undefined)
      throw new Error('A follow query clause has no required term; parseQuery prevents this');
    return best;
  };

  const remove = (id: number): boolean => {
    const entry = entries.get(id);
    if (entry === undefined) return false;
    for (const ref of entry.refs) {
      const last = ref.list.pop() as Ref;
      if (last !== ref) {
        ref.list[ref.index] = last;
        last.index = ref.index;
      }
      if (ref.list.length === 0) postings.delete(ref.anchor);
    }
    entries.delete(id);
    return true;
  };

  const matchTokens = (tokens: DocumentTokens, feedUrls: readonly string[]): FollowMatch[] => {
    stamp += 1;
    const matches: FollowMatch[] = [];
    for (const token of tokens.positions.keys()) {
      const list = postings.get(token);
      if (list === undefined) continue;
      for (const ref of list) {
        const entry = ref.entry;
        if (entry.stamp === stamp) continue;
        if (entry.feeds !== undefined && !allowsAny(entry.feeds, feedUrls)) {
          entry.stamp = stamp;
          continue;
        }
        // A clause that is just its anchor word holds as soon as the anchor is in the article.
        if (!ref.anchorOnly && !holdsClause(ref.clause, tokens)) continue;
        entry.stamp = stamp;
        matches.push({ followId: entry.id, terms: foundTerms(entry.terms, tokens) });
      }
    }
    return matches;
  };

  return {
    add(id, query, feedUrls) {
      remove(id);
      const seenTerms = new Map<string, QueryTerm>();
      for (const clause of query.clauses) {
        for (const term of clause.include) seenTerms.set(termKey(term), term);
      }
      const entry: Entry = {
        id,
        feeds: feedUrls.length === 0 ? undefined : new Set(feedUrls),
        terms: [...seenTerms.values()],
        refs: [],
        stamp: 0,
      };
      for (const clause of query.clauses) {
        const anchor = chooseAnchor(clause);
        let list = postings.get(anchor);
        if (list === undefined) {
          list = [];
          postings.set(anchor, list);
        }
        const only =
          clause.include.length === 1 && clause.exclude.length === 0 ? clause.include[0] : undefined;
        const anchorOnly = only !== undefined && only.tokens.length === 1 && only.tokens[0] === anchor;
        const ref: Ref = { entry, clause, anchor, anchorOnly, list, index: list.length };
        list.push(ref);
        entry.refs.push(ref);
      }
      entries.set(id, entry);
    },
    remove,
    match(doc) {
      return matchTokens(tokeniseDocument([doc.title, doc.text]), [doc.feedUrl]);
    },
    matchTokens,
    get size() {
      return entries.size;
    },
  };
}

function allowsAny(feeds: ReadonlySet<string>, feedUrls: readonly string[]): boolean {
  for (const url of feedUrls) if (feeds.has(url)) return true;
  return false;
}

function foundTerms(terms: readonly QueryTerm[], tokens: DocumentTokens): string[] {
  if (terms.length === 1) return [(terms[0] as QueryTerm).text];
  const found: string[] = [];
  for (const term of terms) if (containsSequence(tokens, term.tokens, term.offsets)) found.push(term.text);
  return found;
}

function holdsClause(clause: QueryClause, tokens: DocumentTokens): boolean {
  for (const term of clause.include) {
    if (!containsSequence(tokens, term.tokens, term.offsets)) return false;
  }
  for (const term of clause.exclude) {
    if (containsSequence(tokens, term.tokens, term.offsets)) return false;
  }
  return true;
}
