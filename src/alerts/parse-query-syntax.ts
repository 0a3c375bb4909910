/**
 * The syntax of follow queries: terms, the error type, and the lexer and recursive-descent parser
 * that turn query text into a tree. `query.ts` builds on it (common words, normal form, matching).
 */
import { tokeniseText } from './tokenise-text.js';

/** A word or phrase: folded tokens and their relative positions (gaps mark sentence breaks). */
export interface QueryTerm {
  readonly kind: 'term';
  /** As the user wrote it, whitespace collapsed; shown back in `describeQuery` and alerts. */
  readonly text: string;
  readonly quoted: boolean;
  readonly tokens: readonly string[];
  /** Position of each token relative to the first (0, 1, 2, … unless the phrase spans a break). */
  readonly offsets: readonly number[];
  /** Identity for deduplication: tokens and their spacing, not the spelling ("Élysée" = "elysee"). */
  readonly key: string;
}

export type QueryNode =
  | QueryTerm
  | { readonly kind: 'and'; readonly children: readonly QueryNode[] }
  | { readonly kind: 'or'; readonly children: readonly QueryNode[] }
  | { readonly kind: 'not'; readonly child: QueryNode };

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

// Any of these opens a phrase, and any of them closes it.
const OPEN_QUOTES = '"“”„‟«»';
const QUOTE = /["“”„‟«»]/gu;
// A bare word ends at a space, a parenthesis or a quote.
const WORD_END = /[\s()"“”„‟«»]/gu;

/**
 * Parses query text into a tree. `source` is the trimmed query, `shown` its abbreviated form for
 * messages. Throws `QueryError` for quotes or parentheses that do not balance and misplaced operators.
 */
export function parseQuerySyntax(source: string, shown: string): ParsedNode {
  return new QueryParser(lexQuery(source, shown), source, shown).parseAll();
}

/** How many words and phrases the query text has, before common words are dropped. */
export function countQueryTerms(source: string, shown: string): number {
  return lexQuery(source, shown).filter((l) => l.type === 'term').length;
}

export function isAcronym(text: string): boolean {
  return text.length >= 2 && /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
}

function isSpace(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code === 32 || (code < 32 && code >= 9) || (code > 127 && /\s/u.test(text[at] as string));
}

function lexQuery(source: string, shown: string): Lexeme[] {
  const lexemes: Lexeme[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (isSpace(source, i)) {
      i += 1;
    } else if (c === '(' || c === ')') {
      lexemes.push({ type: c === '(' ? 'open' : 'close', at: i });
      i += 1;
    } else if (OPEN_QUOTES.includes(c)) {
      QUOTE.lastIndex = i + 1;
      const end = QUOTE.exec(source)?.index ?? source.length;
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
    } else if ((c === '-' || c === '+') && i + 1 < source.length && !isSpace(source, i + 1)) {
      if (c !== '+') lexemes.push({ type: 'not', at: i });
      i += 1;
    } else {
      WORD_END.lastIndex = i;
      const end = WORD_END.exec(source)?.index ?? source.length;
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
  const offsets = tokens.map((t) => t.position - first.position);
  return {
    kind: 'term',
    text: text.replace(/\s+/gu, ' '),
    quoted,
    tokens: tokens.map((t) => t.text),
    offsets,
    key: tokens.map((t, i) => `${offsets[i] ?? 0}:${t.text}`).join(' '),
  };
}

/** Recursive descent: or := and (OR and)* ; and := unary ([AND] unary)* ; unary := NOT unary | primary. */
class QueryParser {
  private next = 0;

  constructor(
    private readonly lexemes: readonly Lexeme[],
    private readonly source: string,
    private readonly shown: string,
  ) {}

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
        return { kind: 'term', term: lexeme.term, acronym: lexeme.acronym };
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

export type ParsedNode =
  | { readonly kind: 'term'; readonly term: QueryTerm; readonly acronym: boolean }
  | { readonly kind: 'and' | 'or'; readonly children: readonly ParsedNode[] }
  | { readonly kind: 'not'; readonly child: ParsedNode };
