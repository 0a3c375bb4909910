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
import { isStopWord } from './stop-words.js';
import { containsSequence, tokeniseDocument, tokeniseText, type DocumentTokens } from './tokenise-text.js';

export const MAX_QUERY_CHARS = 200;
export const MAX_QUERY_TERMS = 20;
export const MAX_QUERY_ALTERNATIVES = 32;

/** A word or phrase: folded tokens and their relative positions (gaps mark sentence breaks). */
export interface QueryTerm {
  readonly kind: 'term';
  /** As the user wrote it, whitespace collapsed; shown back in `describeQuery` and alerts. */
  readonly text: string;
  readonly quoted: boolean;
  readonly tokens: readonly string[];
  /** Position of each token relative to the first (0, 1, 2, … unless the phrase spans a break). */
  readonly offsets: readonly number[];
}

export type QueryNode =
  | QueryTerm
  | { readonly kind: 'and'; readonly children: readonly QueryNode[] }
  | { readonly kind: 'or'; readonly children: readonly QueryNode[] }
  | { readonly kind: 'not'; readonly child: QueryNode };

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

export type QueryErrorReason =
  | 'empty'
  | 'too-long'
  | 'too-many-terms'
  | 'too-complex'
  | 'stop-words-only'
  | 'unbalanced-quotes'
  | 'unbalanced-parentheses'
  | 'misplaced-operator'
  | 'only-negations'
  | 'never-matches';

/** A query the user must fix; `message` is shown to them as is. */
export class QueryError extends Error {
  override readonly name = 'QueryError';
  constructor(
    readonly query: string,
    readonly reason: QueryErrorReason,
    message: string,
  ) {
    super(message);
  }
}

type Lexeme =
  | { readonly type: 'open' | 'close' | 'and' | 'or' | 'not'; readonly at: number }
  | { readonly type: 'term'; readonly at: number; readonly term: QueryTerm; readonly acronym: boolean };

const OPEN_QUOTES = '"“”„‟«»';
const SEPARATORS = /[\s()]/u;

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
  const lexemes = lexQuery(source, shown);
  const termCount = lexemes.filter((l) => l.type === 'term').length;
  if (termCount > MAX_QUERY_TERMS) {
    throw new QueryError(
      source,
      'too-many-terms',
      `The query has ${termCount} words or phrases; the limit is ${MAX_QUERY_TERMS}. Split it into several follows.`,
    );
  }
  const parsed = new QueryParser(lexemes, source, shown).parseAll();
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

/** The terms the query looks for (not the excluded ones), deduplicated, in query order. */
export function includedTerms(query: FollowQuery): QueryTerm[] {
  const seen = new Map<string, QueryTerm>();
  for (const clause of query.clauses) {
    for (const term of clause.include) if (!seen.has(termKey(term))) seen.set(termKey(term), term);
  }
  return [...seen.values()];
}

/** Identity of a term for deduplication: its tokens and their spacing, not its spelling. */
export function termKey(term: QueryTerm): string {
  return term.tokens.map((token, i) => `${term.offsets[i] ?? 0}:${token}`).join(' ');
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

function isAcronym(text: string): boolean {
  return text.length >= 2 && /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
}

function lexQuery(source: string, shown: string): Lexeme[] {
  const lexemes: Lexeme[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (/\s/u.test(c)) {
      i += 1;
    } else if (c === '(' || c === ')') {
      lexemes.push({ type: c === '(' ? 'open' : 'close', at: i });
      i += 1;
    } else if (OPEN_QUOTES.includes(c)) {
      let end = i + 1;
      while (end < source.length && !OPEN_QUOTES.includes(source[end] as string)) end += 1;
      if (end >= source.length) {
        throw new QueryError(
          source,
          'unbalanced-quotes',
          `The query “${shown}” opens a quote at character ${i + 1} that is never closed. Close the phrase with another quote mark.`,
        );
      }
      const inner = source.slice(i + 1, end).trim();
      const term = makeTerm(inner, true);
      if (term !== undefined) lexemes.push({ type: 'term', at: i, term, acronym: false });
      i = end + 1;
    } else if ((c === '-' || c === '+') && i + 1 < source.length && !/\s/u.test(source[i + 1] as string)) {
      if (c !== '+') lexemes.push({ type: 'not', at: i });
      i += 1;
    } else {
      let end = i;
      while (
        end < source.length &&
        !SEPARATORS.test(source[end] as string) &&
        !OPEN_QUOTES.includes(source[end] as string)
      ) {
        end += 1;
      }
      const word = source.slice(i, end);
      const upper = word.toUpperCase();
      if (upper === 'AND' || word === '&' || word === '&&') lexemes.push({ type: 'and', at: i });
      else if (upper === 'OR' || word === '|' || word === '||') lexemes.push({ type: 'or', at: i });
      else if (upper === 'NOT') lexemes.push({ type: 'not', at: i });
      else {
        const term = makeTerm(word, false);
        if (term !== undefined) lexemes.push({ type: 'term', at: i, term, acronym: isAcronym(word) });
      }
      i = end;
    }
  }
  return lexemes;
}

function makeTerm(text: string, quoted: boolean): QueryTerm | undefined {
  const tokens = tokeniseText(text);
  const first = tokens[0];
  if (first === undefined) return undefined;
  return {
    kind: 'term',
    text: text.replace(/\s+/gu, ' '),
    quoted,
    tokens: tokens.map((t) => t.text),
    offsets: tokens.map((t) => t.position - first.position),
  };
}

/** Recursive descent: or := and (OR and)* ; and := unary ([AND] unary)* ; unary := NOT unary | primary. */
class QueryParser {
  private next = 0;
  private readonly acronyms = new Set<QueryTerm>();

  constructor(
    private readonly lexemes: readonly Lexeme[],
    private readonly source: string,
    private readonly shown: string,
  ) {
    for (const lexeme of lexemes)
      if (lexeme.type === 'term' && lexeme.acronym) this.acronyms.add(lexeme.term);
  }

  parseAll(): ParsedNode {
    if (this.lexemes.length === 0) {
      throw new QueryError(
        this.source,
        'empty',
        `The query “${this.shown}” has no words to look for (only punctuation). Give a word or "a phrase".`,
      );
    }
    const node = this.parseOr();
    const extra = this.lexemes[this.next];
    if (extra !== undefined) {
      if (extra.type === 'close') {
        throw new QueryError(
          this.source,
          'unbalanced-parentheses',
          `The query “${this.shown}” closes a parenthesis at character ${extra.at + 1} that was never opened.`,
        );
      }
      throw this.misplaced(extra);
    }
    return node;
  }

  private parseOr(): ParsedNode {
    const children = [this.parseAnd()];
    while (this.peek()?.type === 'or') {
      this.next += 1;
      children.push(this.parseAnd());
    }
    return children.length === 1 ? (children[0] as ParsedNode) : { kind: 'or', children };
  }

  private parseAnd(): ParsedNode {
    const children = [this.parseUnary()];
    for (;;) {
      const lexeme = this.peek();
      if (lexeme === undefined || lexeme.type === 'or' || lexeme.type === 'close') break;
      if (lexeme.type === 'and') this.next += 1;
      children.push(this.parseUnary());
    }
    return children.length === 1 ? (children[0] as ParsedNode) : { kind: 'and', children };
  }

  private parseUnary(): ParsedNode {
    const lexeme = this.peek();
    if (lexeme === undefined) {
      const previous = this.lexemes[this.next - 1];
      throw previous === undefined
        ? new QueryError(this.source, 'empty', 'The query is empty.')
        : this.misplaced(previous);
    }
    this.next += 1;
    switch (lexeme.type) {
      case 'not':
        return { kind: 'not', child: this.parseUnary() };
      case 'term':
        return { ...lexeme.term, acronym: this.acronyms.has(lexeme.term) };
      case 'open': {
        if (this.peek()?.type === 'close') {
          throw new QueryError(
            this.source,
            'misplaced-operator',
            `The query “${this.shown}” has empty parentheses "()".`,
          );
        }
        const inner = this.parseOr();
        if (this.peek()?.type !== 'close') {
          throw new QueryError(
            this.source,
            'unbalanced-parentheses',
            `The query “${this.shown}” opens a parenthesis at character ${lexeme.at + 1} that is never closed.`,
          );
        }
        this.next += 1;
        return inner;
      }
      case 'close': {
        const previous = this.lexemes[this.next - 2];
        if (previous !== undefined && previous.type !== 'term' && previous.type !== 'close') {
          throw this.misplaced(previous);
        }
        throw new QueryError(
          this.source,
          'unbalanced-parentheses',
          `The query “${this.shown}” closes a parenthesis at character ${lexeme.at + 1} that was never opened.`,
        );
      }
      case 'and':
      case 'or':
        throw this.misplaced(lexeme);
    }
  }

  private misplaced(lexeme: Lexeme): QueryError {
    const name = lexeme.type === 'not' ? 'NOT' : lexeme.type.toUpperCase();
    const help =
      lexeme.type === 'not'
        ? `NOT (or "-") needs a word or phrase after it`
        : `${name} needs a word or phrase on each side`;
    return new QueryError(
      this.source,
      'misplaced-operator',
      `In the query “${this.shown}”, ${help} (character ${lexeme.at + 1}). To look for the word itself, put it in quotes.`,
    );
  }

  private peek(): Lexeme | undefined {
    return this.lexemes[this.next];
  }
}

type ParsedNode =
  | (QueryTerm & { readonly acronym: boolean })
  | { readonly kind: 'and' | 'or'; readonly children: readonly ParsedNode[] }
  | { readonly kind: 'not'; readonly child: ParsedNode };

/** Removes unquoted single common words (keeping acronyms) and flattens nested AND/OR. */
function dropStopWords(node: ParsedNode, ignored: string[]): QueryNode | undefined {
  switch (node.kind) {
    case 'term': {
      const { acronym, ...term } = node;
      const only = term.tokens.length === 1 ? term.tokens[0] : undefined;
      if (!term.quoted && !acronym && only !== undefined && isStopWord(only)) {
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
