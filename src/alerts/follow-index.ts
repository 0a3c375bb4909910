/**
 * Matches one article against many follow queries without looping over every query.
 *
 * Each query is in disjunctive normal form (an OR of AND-clauses, see `parseQuery`). Every clause
 * is filed under one "anchor" token that any matching article must contain: the least common
 * token among the clause's required words and phrases. An article is tokenised once; only the
 * clauses filed under its tokens are candidates, and only those are checked in full (phrases by
 * token positions, exclusions, feed limits). Cost grows with the number of candidates, not with
 * the number of follows.
 *
 * Query tokens are interned as small integers, and "is this token in the article" and "was this
 * follow already matched" are typed-array lookups stamped with the match number: checking a
 * candidate touches a few compact arrays instead of chasing strings through maps.
 */
import { termKey, type FollowQuery, type MatchDocument, type QueryClause, type QueryTerm } from './query.js';
import { isStopWord } from './stop-words.js';
import { holdsSequence, tokeniseDocument, type DocumentTokens } from './tokenise-text.js';

export interface FollowMatch {
  readonly followId: number;
  /** The query's words and phrases found in the article (as the follower wrote them), for highlighting. */
  readonly terms: readonly string[];
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
   * Estimated share (0..1) of articles that contain a folded token, when known (see
   * `countDocumentFrequency`). Without it, anchors are chosen by a heuristic: common words and
   * short tokens are assumed frequent, long ones rare.
   */
  readonly documentFrequency?: (token: string) => number | undefined;
}

/** A word or phrase with its tokens interned. */
interface CompiledTerm {
  readonly text: string;
  readonly ids: readonly number[];
  /** Position of each token relative to the first, for phrases. */
  readonly offsets: readonly number[];
}

interface CompiledClause {
  /** Single words that must all be present. */
  readonly words: readonly number[];
  readonly phrases: readonly CompiledTerm[];
  /** Single words that must all be absent. */
  readonly excludedWords: readonly number[];
  readonly excludedPhrases: readonly CompiledTerm[];
}

interface Entry {
  readonly id: number;
  /** Index into the `seen` stamps; slots of removed follows are reused. */
  readonly slot: number;
  readonly feeds: ReadonlySet<string> | undefined;
  /** The query's words and phrases when it has several; for a one-term query, `onlyTerm` instead. */
  readonly terms: readonly CompiledTerm[];
  /** Parallel to `terms`: the token id of a one-word term (checked without touching the term), or -1. */
  readonly termWords: readonly number[];
  readonly onlyTerm: readonly string[] | undefined;
  readonly refs: Ref[];
}

/** One clause filed under its anchor. */
interface Ref {
  readonly entry: Entry;
  readonly feeds: ReadonlySet<string> | undefined;
  /** The full check, when the anchor and the second token do not settle the clause alone. */
  readonly clause: CompiledClause | undefined;
  readonly anchor: number;
  /** Position in the anchor's posting list. */
  index: number;
}

/**
 * The clauses filed under one token. What a candidate check needs first sits in `cells`, three
 * integers per clause: the follow's slot, a second required token (or -1), and 1 when the ref
 * must be consulted (feed limit or a full check), else 0. Most candidates are settled by these
 * contiguous integers without touching any object.
 */
interface Posting {
  cells: Int32Array;
  readonly refs: Ref[];
  /** Parallel to `refs`, read only for matches. */
  readonly entries: Entry[];
}

const CELL = 3;

export function createFollowIndex(options: FollowIndexOptions = {}): FollowIndex {
  const entries = new Map<number, Entry>();
  const tokenIds = new Map<string, number>();
  const tokenTexts: string[] = [];
  const postings: Array<Posting | undefined> = [];
  const freeSlots: number[] = [];
  let slotCount = 0;
  // present[tokenId] === stamp: the token is in the article being matched.
  // seen[slot] === stamp: the follow was already decided for this article.
  let present: Uint32Array = new Uint32Array(1024);
  let seen: Uint32Array = new Uint32Array(1024);
  let stamp = 0;
  // Positions in the article being matched, by token id; valid where present[id] === stamp.
  const positionsById: Array<readonly number[] | undefined> = [];

  const internToken = (token: string): number => {
    let id = tokenIds.get(token);
    if (id === undefined) {
      id = tokenTexts.length;
      tokenIds.set(token, id);
      tokenTexts.push(token);
      if (id >= present.length) present = grow(present, id);
    }
    return id;
  };

  const compileTerm = (term: QueryTerm): CompiledTerm => ({
    text: term.text,
    ids: term.tokens.map(internToken),
    offsets: term.offsets,
  });

  const compileClause = (clause: QueryClause): CompiledClause => {
    const words = clause.include.filter((t) => t.tokens.length === 1).map(compileTerm);
    const excluded = clause.exclude.filter((t) => t.tokens.length === 1).map(compileTerm);
    return {
      words: words.map((t) => t.ids[0] as number),
      phrases: clause.include.filter((t) => t.tokens.length > 1).map(compileTerm),
      excludedWords: excluded.map((t) => t.ids[0] as number),
      excludedPhrases: clause.exclude.filter((t) => t.tokens.length > 1).map(compileTerm),
    };
  };

  const estimate = (token: string): number => {
    const known = options.documentFrequency?.(token);
    // The prior still breaks ties between tokens with the same observed frequency (often 0).
    return known === undefined ? estimatePrior(token) : known + 0.001 * estimatePrior(token);
  };

  const chooseAnchor = (clause: QueryClause): number => {
    let best: number | undefined;
    let bestScore = Infinity;
    for (const term of clause.include) {
      for (const token of term.tokens) {
        const id = internToken(token);
        // Ties go to the token fewer follows are filed under, to keep posting lists short.
        const score = estimate(token) + (postings[id]?.refs.length ?? 0) * 1e-9;
        if (score < bestScore) {
          bestScore = score;
          best = id;
        }
      }
    }
    if (best === undefined)
      throw new Error('A follow query clause has no required term; parseQuery prevents this');
    return best;
  };

  /** The rarest required token besides the anchor (-1 if none), and how many distinct others there are. */
  const chooseSecond = (clause: QueryClause, anchor: number): { second: number; others: number } => {
    const seenIds: number[] = [];
    let second = -1;
    let secondScore = Infinity;
    for (const term of clause.include) {
      for (const token of term.tokens) {
        const id = internToken(token);
        if (id === anchor || seenIds.includes(id)) continue;
        seenIds.push(id);
        const score = estimate(token);
        if (score < secondScore) {
          secondScore = score;
          second = id;
        }
      }
    }
    return { second, others: seenIds.length };
  };

  const remove = (id: number): boolean => {
    const entry = entries.get(id);
    if (entry === undefined) return false;
    for (const ref of entry.refs) {
      const posting = postings[ref.anchor] as Posting;
      const lastIndex = posting.refs.length - 1;
      const last = posting.refs[lastIndex] as Ref;
      if (last !== ref) {
        posting.refs[ref.index] = last;
        posting.entries[ref.index] = last.entry;
        posting.cells.copyWithin(ref.index * CELL, lastIndex * CELL, lastIndex * CELL + CELL);
        last.index = ref.index;
      }
      posting.refs.pop();
      posting.entries.pop();
      if (posting.refs.length === 0) postings[ref.anchor] = undefined;
    }
    entries.delete(id);
    freeSlots.push(entry.slot);
    return true;
  };

  const isPresent = (term: CompiledTerm): boolean => {
    const ids = term.ids;
    for (let i = 0; i < ids.length; i++) if (present[ids[i] as number] !== stamp) return false;
    if (ids.length === 1) return true;
    // Every token is present, so its positions were recorded for this article.
    return holdsSequence(
      ids.map((id) => positionsById[id] as readonly number[]),
      term.offsets,
    );
  };

  const holdsClause = (clause: CompiledClause): boolean => {
    const { words, excludedWords, phrases, excludedPhrases } = clause;
    for (let i = 0; i < words.length; i++) if (present[words[i] as number] !== stamp) return false;
    for (let i = 0; i < excludedWords.length; i++)
      if (present[excludedWords[i] as number] === stamp) return false;
    for (let i = 0; i < phrases.length; i++) if (!isPresent(phrases[i] as CompiledTerm)) return false;
    for (let i = 0; i < excludedPhrases.length; i++) {
      if (isPresent(excludedPhrases[i] as CompiledTerm)) return false;
    }
    return true;
  };

  const foundTerms = (entry: Entry): string[] => {
    const found: string[] = [];
    const words = entry.termWords;
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as number;
      const term = entry.terms[i] as CompiledTerm;
      if (word >= 0 ? present[word] === stamp : isPresent(term)) found.push(term.text);
    }
    return found;
  };

  const matchTokens = (tokens: DocumentTokens, feedUrls: readonly string[]): FollowMatch[] => {
    stamp += 1;
    if (stamp === 0xffffffff) {
      // After four billion matches, start the stamps again rather than overflow.
      present.fill(0);
      seen.fill(0);
      stamp = 1;
    }
    const anchors: number[] = [];
    for (const [token, positions] of tokens.positions) {
      const id = tokenIds.get(token);
      if (id === undefined) continue;
      present[id] = stamp;
      positionsById[id] = positions;
      if (postings[id] !== undefined) anchors.push(id);
    }
    const matches: FollowMatch[] = [];
    for (const anchor of anchors) {
      const posting = postings[anchor] as Posting;
      const cells = posting.cells;
      const count = posting.refs.length;
      for (let i = 0, cell = 0; i < count; i++, cell += CELL) {
        const slot = cells[cell] as number;
        if (seen[slot] === stamp) continue;
        const second = cells[cell + 1] as number;
        if (second >= 0 && present[second] !== stamp) continue;
        if (cells[cell + 2] !== 0) {
          const ref = posting.refs[i] as Ref;
          if (ref.feeds !== undefined && !allowsAny(ref.feeds, feedUrls)) {
            seen[slot] = stamp;
            continue;
          }
          if (ref.clause !== undefined && !holdsClause(ref.clause)) continue;
        }
        seen[slot] = stamp;
        const entry = posting.entries[i] as Entry;
        const terms = entry.onlyTerm ?? foundTerms(entry);
        matches.push({ followId: entry.id, terms });
      }
    }
    return matches;
  };

  return {
    add(id, query, feedUrls) {
      remove(id);
      const uniqueTerms = new Map<string, QueryTerm>();
      for (const clause of query.clauses) {
        for (const term of clause.include) uniqueTerms.set(termKey(term), term);
      }
      const slot = freeSlots.pop() ?? slotCount++;
      if (slot >= seen.length) seen = grow(seen, slot);
      seen[slot] = 0;
      const terms = [...uniqueTerms.values()];
      const entry: Entry = {
        id,
        slot,
        feeds: feedUrls.length === 0 ? undefined : new Set(feedUrls),
        terms: terms.length === 1 ? [] : terms.map(compileTerm),
        termWords:
          terms.length === 1
            ? []
            : terms.map((t) => (t.tokens.length === 1 ? internToken(t.tokens[0] as string) : -1)),
        onlyTerm: terms.length === 1 ? Object.freeze([(terms[0] as QueryTerm).text]) : undefined,
        refs: [],
      };
      for (const clause of query.clauses) {
        const anchor = chooseAnchor(clause);
        let posting = postings[anchor];
        if (posting === undefined) {
          posting = { cells: new Int32Array(CELL * 2), refs: [], entries: [] };
          postings[anchor] = posting;
        }
        const { second, others } = chooseSecond(clause, anchor);
        const settled =
          clause.exclude.length === 0 && others <= 1 && clause.include.every((t) => t.tokens.length === 1);
        const index = posting.refs.length;
        const ref: Ref = {
          entry,
          feeds: entry.feeds,
          clause: settled ? undefined : compileClause(clause),
          anchor,
          index,
        };
        if ((index + 1) * CELL > posting.cells.length) {
          const larger = new Int32Array(posting.cells.length * 2);
          larger.set(posting.cells);
          posting.cells = larger;
        }
        posting.cells[index * CELL] = slot;
        posting.cells[index * CELL + 1] = second;
        posting.cells[index * CELL + 2] = ref.feeds === undefined && ref.clause === undefined ? 0 : 1;
        posting.refs.push(ref);
        posting.entries.push(entry);
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

function grow(array: Uint32Array, index: number): Uint32Array {
  const larger = new Uint32Array(Math.max(array.length * 2, index + 1));
  larger.set(array);
  return larger;
}

/** Rough prior: a two-letter token is in about a quarter of articles, a twelve-letter one in few. */
function estimatePrior(token: string): number {
  if (isStopWord(token)) return 0.9;
  const length = Math.min(token.length, 14);
  return (/^\d+$/u.test(token) ? 0.3 : 0.25) * Math.pow(0.7, length - 2);
}

/**
 * Document frequencies observed in a sample of articles (recent ones, or the batch about to be
 * matched), for `FollowIndexOptions.documentFrequency`. Tokens absent from the sample get 0.
 */
export function countDocumentFrequency(samples: readonly DocumentTokens[]): (token: string) => number {
  const counts = new Map<string, number>();
  for (const sample of samples) {
    for (const token of sample.positions.keys()) counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  const size = Math.max(1, samples.length);
  return (token) => (counts.get(token) ?? 0) / size;
}

function allowsAny(feeds: ReadonlySet<string>, feedUrls: readonly string[]): boolean {
  for (const url of feedUrls) if (feeds.has(url)) return true;
  return false;
}
