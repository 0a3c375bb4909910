/**
 * The follow query language, shared by keyword alerts and subscription filters.
 *
 * - Words match whole words, ignoring case and accents: `élection` matches "Election", `ai` does
 *   not match "said". A word with inner punctuation is a phrase: `covid-19`, `U.S.`, `aujourd'hui`.
 * - `"quoted phrases"` (also “…”, „…“ and «…») match those words in that order, within one sentence.
 * - Terms side by side must all appear (implicit AND). `AND`, `OR` and `NOT` combine terms and
 *   `( … )` groups; the operator words are recognised in any case (`or`, `Or`), and `&`, `|` work too.
 *   To look for the word "or" itself, quote it: `"or"`. Precedence: NOT, then AND, then OR.
 * - `-word`, `-"a phrase"` and `-( … )` exclude; `+word` is the same as `word`.
 * - Very common words ("the", "und", "les") on their own are ignored, unless quoted or written in
 *   capitals as an acronym (`WHO`, `US`, `IT`); a query made only of them is refused.
 * - Limits: 200 characters, 20 terms, 32 alternatives after expanding the ORs.
 * - Feed limits are not part of the query: they are stored on the follow or subscription.
 */
import {
  countQueryTerms,
  isAcronym,
  parseQuerySyntax,
  QueryError,
  type ParsedNode,
  type QueryNode,
  type QueryTerm,
} from './parse-query-syntax.js';
import { isStopWord } from './stop-words.js';
import { containsSequence, tokeniseDocument, type DocumentTokens } from './tokenise-text.js';

export { QueryError, type QueryErrorReason, type QueryNode, type QueryTerm } from './parse-query-syntax.js';

export const MAX_QUERY_CHARS = 200;
export const MAX_QUERY_TERMS = 20;
export const MAX_QUERY_ALTERNATIVES = 32;

/** One alternative of the query in disjunctive normal form: all `include` and none of `exclude`. */
export interface QueryClause {
  readonly include: readonly QueryTerm[];
  readonly exclude: readonly QueryTerm[];
}

export interface FollowQuery {
  readonly source: string;
  readonly root: QueryNode;
  /** The same query as OR of AND-clauses; every clause has at least one `include` term. */
  readonly clauses: readonly QueryClause[];
  /** Common words that were dropped ("the", "les"), for telling the user. */
  readonly ignoredWords: readonly string[];
}

export interface MatchDocument {
  readonly feedUrl: string;
  readonly title: string;
  readonly text: string;
}

/** Parses a follow or filter query; throws `QueryError` with a message for the user. */
export function parseQuery(text: string): FollowQuery {
  const source = text.trim().replace(/\s+/gu, ' ');
  const shown = source.length > 60 ? `${source.slice(0, 57)}…` : source;
  if (source === '') {
    throw new QueryError(source, 'empty', 'The query is empty: give a word or "a phrase" to look for.');
  }
  if (source.length > MAX_QUERY_CHARS) {
    throw new QueryError(
      source,
      'too-long',
      `The query is ${source.length} characters long; the limit is ${MAX_QUERY_CHARS}. Keep the words that matter most.`,
    );
  }
  const termCount = countQueryTerms(source, shown);
  if (termCount > MAX_QUERY_TERMS) {
    throw new QueryError(
      source,
      'too-many-terms',
      `The query has ${termCount} words or phrases; the limit is ${MAX_QUERY_TERMS}. Split it into several follows.`,
    );
  }
  const parsed = parseQuerySyntax(source, shown);
  const ignored: string[] = [];
  const root = dropStopWords(parsed, ignored);
  if (root === undefined || !hasIncludedTerm(root, false)) {
    if (ignored.length > 0 && (root === undefined || hasIncludedTerm(parsed, false))) {
      throw new QueryError(
        source,
        'stop-words-only',
        `The query “${shown}” has only very common words (${[...new Set(ignored)].join(', ')}), which match nearly every article. Add a more specific word, or quote a phrase.`,
      );
    }
    throw new QueryError(
      source,
      'only-negations',
      `The query “${shown}” only excludes words, so it would match nearly every article. Add a word to look for, e.g. "climate -sport".`,
    );
  }
  const clauses = expandClauses(root, false, source, shown).filter((clause) => !isContradiction(clause));
  if (clauses.length === 0) {
    throw new QueryError(
      source,
      'never-matches',
      `The query “${shown}” can never match: it requires and excludes the same words.`,
    );
  }
  const lonely = clauses.find((clause) => clause.include.length === 0);
  if (lonely !== undefined) {
    const excluded = lonely.exclude.map((t) => `-${describeTerm(t)}`).join(' ');
    throw new QueryError(
      source,
      'only-negations',
      `Part of the query “${shown}” only excludes words (${excluded}), so it would match nearly every article. Give each OR alternative a word to look for.`,
    );
  }
  return { source, root, clauses, ignoredWords: [...new Set(ignored)] };
}

/** True when the document (title and text; the feed is not looked at) satisfies the query. */
export function matchesQuery(query: FollowQuery, doc: MatchDocument): boolean {
  return matchesQueryTokens(query, tokeniseDocument([doc.title, doc.text]));
}

/** `matchesQuery` on a document tokenised once with `tokeniseDocument`. */
export function matchesQueryTokens(query: FollowQuery, doc: DocumentTokens): boolean {
  return evaluateNode(query.root, doc);
}

/** The query in normal form: lower case, one space, explicit OR, `-` for exclusions. */
export function describeQuery(query: FollowQuery): string {
  return describeNode(query.root, 'top');
}

/** Identity of a term for deduplication: its tokens and their spacing, not its spelling. */
export function termKey(term: QueryTerm): string {
  return term.key;
}

/** Shows one term as it would be typed: quoted phrases in quotes, acronyms in capitals. */
export function describeTerm(term: QueryTerm): string {
  const text = isAcronym(term.text) ? term.text : term.text.toLowerCase();
  return term.quoted ? `"${text}"` : text;
}

function evaluateNode(node: QueryNode, doc: DocumentTokens): boolean {
  switch (node.kind) {
    case 'term':
      return containsSequence(doc, node.tokens, node.offsets);
    case 'not':
      return !evaluateNode(node.child, doc);
    case 'and':
      return node.children.every((child) => evaluateNode(child, doc));
    case 'or':
      return node.children.some((child) => evaluateNode(child, doc));
  }
}

type Context = 'top' | 'and' | 'or' | 'not';

function describeNode(node: QueryNode, context: Context): string {
  switch (node.kind) {
    case 'term':
      return describeTerm(node);
    case 'not':
      return `-${describeNode(node.child, 'not')}`;
    case 'and': {
      const text = node.children.map((child) => describeNode(child, 'and')).join(' ');
      return context === 'top' ? text : `(${text})`;
    }
    case 'or': {
      const text = node.children.map((child) => describeNode(child, 'or')).join(' OR ');
      return context === 'top' ? text : `(${text})`;
    }
  }
}

/** Removes unquoted single common words (keeping acronyms) and flattens nested AND/OR. */
function dropStopWords(node: ParsedNode, ignored: string[]): QueryNode | undefined {
  switch (node.kind) {
    case 'term': {
      const term = node.term;
      const only = term.tokens.length === 1 ? term.tokens[0] : undefined;
      if (!term.quoted && !node.acronym && only !== undefined && isStopWord(only)) {
        ignored.push(term.text.toLowerCase());
        return undefined;
      }
      return term;
    }
    case 'not': {
      const child = dropStopWords(node.child, ignored);
      if (child === undefined) return undefined;
      return child.kind === 'not' ? child.child : { kind: 'not', child };
    }
    case 'and':
    case 'or': {
      const children: QueryNode[] = [];
      for (const child of node.children) {
        const kept = dropStopWords(child, ignored);
        if (kept === undefined) continue;
        if (kept.kind === node.kind) children.push(...kept.children);
        else children.push(kept);
      }
      if (children.length <= 1) return children[0];
      return { kind: node.kind, children };
    }
  }
}

function hasIncludedTerm(node: QueryNode | ParsedNode, negated: boolean): boolean {
  switch (node.kind) {
    case 'term':
      return !negated;
    case 'not':
      return hasIncludedTerm(node.child, !negated);
    case 'and':
    case 'or':
      return node.children.some((child) => hasIncludedTerm(child, negated));
  }
}

/** Disjunctive normal form, pushing NOT inwards by De Morgan's laws. */
function expandClauses(node: QueryNode, negated: boolean, source: string, shown: string): QueryClause[] {
  switch (node.kind) {
    case 'term':
      return [negated ? { include: [], exclude: [node] } : { include: [node], exclude: [] }];
    case 'not':
      return expandClauses(node.child, !negated, source, shown);
    case 'and':
    case 'or': {
      const parts = node.children.map((child) => expandClauses(child, negated, source, shown));
      const union = (node.kind === 'or') !== negated;
      if (union) return limitClauses(parts.flat(), source, shown);
      let product: QueryClause[] = [{ include: [], exclude: [] }];
      for (const part of parts) {
        const next: QueryClause[] = [];
        for (const left of product) {
          for (const right of part) {
            next.push({
              include: [...left.include, ...right.include],
              exclude: [...left.exclude, ...right.exclude],
            });
          }
        }
        product = limitClauses(next, source, shown);
      }
      return product.map(dedupeClause);
    }
  }
}

function limitClauses(clauses: QueryClause[], source: string, shown: string): QueryClause[] {
  if (clauses.length > MAX_QUERY_ALTERNATIVES) {
    throw new QueryError(
      source,
      'too-complex',
      `The query “${shown}” expands to more than ${MAX_QUERY_ALTERNATIVES} alternatives. Use fewer ORs inside groups, or split it into several follows.`,
    );
  }
  return clauses;
}

function dedupeClause(clause: QueryClause): QueryClause {
  const unique = (terms: readonly QueryTerm[]): QueryTerm[] => {
    const seen = new Map<string, QueryTerm>();
    for (const term of terms) if (!seen.has(termKey(term))) seen.set(termKey(term), term);
    return [...seen.values()];
  };
  return { include: unique(clause.include), exclude: unique(clause.exclude) };
}

function isContradiction(clause: QueryClause): boolean {
  const included = new Set(clause.include.map(termKey));
  return clause.exclude.some((term) => included.has(termKey(term)));
}
