/**
 * The extractive summariser's core: article text in, structured summary out (gist, key claims
 * with their sources and dates, key figures with what they count). Pure and synchronous: no
 * I/O, no clock other than `performance.now()` for `stats.ms`.
 */
import { performance } from 'node:perf_hooks';
import type { Summary } from '../model.js';
import type { SummaryInput } from '../ports.js';
import { analyseSentences, type AnalysedSentence } from './analyse-sentences.js';
import { detectLanguage, refuseUnsupportedScript } from './detect-language.js';
import { typicalYear } from './article-year.js';
import { findFigures } from './find-figures.js';
import { prepareText, type PreparedText } from './prepare-text.js';
import { contentWords, rankSentences } from './rank-sentences.js';
import { selectClaims } from './select-claims.js';
import { SummariseError } from './summarise-error.js';

export interface SummariseOptions {
  /** Claims besides the gist (default 5). */
  readonly maxClaims?: number;
  /** Key figures at most (default 14); fewer when fewer numbers matter. */
  readonly maxFigures?: number;
  /**
   * Word budget of the gist and claims together. By default the length of the article's first three
   * sentences (within 45 to 90 words): never longer to read than its lead, and denser.
   */
  readonly maxClaimWords?: number;
}

/** Input beyond this many characters is not read (about 80,000 words): bounded time and memory. */
const MAX_INPUT_CHARS = 500_000;
/** Sentences kept in `Summary.sentences` at most. */
const MAX_SENTENCES = 3_000;

function leadWordBudget(sentences: readonly AnalysedSentence[]): number {
  const lead = sentences.filter((sentence) => !sentence.isHeading).slice(0, 3);
  const words = lead.reduce((total, sentence) => total + sentence.wordCount, 0);
  return Math.min(90, Math.max(65, words));
}

/** A byline longer than this is a list of authors (a paper's), not one voice to credit. */
const MAX_BYLINE_WORDS = 5;

/**
 * The writer to credit with first-person statements: "Ana Lind", "The Cloud blog team", or the
 * name in "noreply@example.org (Ana Lind)"; nothing from an address, a list of names or a handle.
 */
export function bylineName(author: string | undefined): string | undefined {
  if (author === undefined) return undefined;
  const inBrackets = /\(([^()]+)\)\s*$/u.exec(author)?.[1];
  const name = (inBrackets ?? author)
    .replace(/^\s*by:?\s+/iu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  if (!/^\p{Lu}/u.test(name) || /[@,;:/<>|]|\d/u.test(name)) return undefined;
  return name.split(' ').length <= MAX_BYLINE_WORDS ? name : undefined;
}

/** A title made from a sentence is cut at a word boundary after this many characters. */
const MAX_DERIVED_TITLE_CHARS = 160;

/** A headline-length title from the article's first sentence when the article has none. */
function shortTitle(sentence: string): string {
  if (sentence.length <= MAX_DERIVED_TITLE_CHARS) return sentence;
  const cut = sentence.lastIndexOf(' ', MAX_DERIVED_TITLE_CHARS);
  return `${sentence.slice(0, cut > MAX_DERIVED_TITLE_CHARS / 2 ? cut : MAX_DERIVED_TITLE_CHARS).replace(/[\s,;:–—-]+$/u, '')}…`;
}

function prepareWithReason(input: SummaryInput): PreparedText {
  const text = input.text ?? '';
  try {
    return prepareText(text, {
      ...(input.title === undefined ? {} : { title: input.title }),
      maxChars: MAX_INPUT_CHARS,
    });
  } catch (error) {
    // A short text in another script (no spaces, other punctuation) reads as page furniture to
    // the Latin-script rules; the script is the real reason it cannot be summarised.
    if (error instanceof SummariseError && error.reason === 'no-text') refuseUnsupportedScript(text);
    throw error;
  }
}

export function summariseArticle(input: SummaryInput, options: SummariseOptions = {}): Summary {
  const started = performance.now();
  const prepared = prepareWithReason(input);
  const language = detectLanguage(prepared.paragraphs.join('\n'), input.language);
  const sentences = analyseSentences(prepared.paragraphs, language, MAX_SENTENCES, bylineName(input.author));
  if (sentences.length === 0) throw new SummariseError('no-text', 'no sentences were found');
  const centrality = rankSentences(sentences.map((sentence) => sentence.contentWords));
  const titleWords = new Set(contentWords(prepared.title ?? ''));
  const publishedYear = Number(/^(\d{4})-/u.exec(input.publishedAt ?? '')?.[1]);
  const articleYear = Number.isFinite(publishedYear) ? publishedYear : typicalYear(sentences);
  const figures = findFigures(sentences, centrality, {
    maxFigures: options.maxFigures ?? 14,
    // The article's year, from its date or else the years it mentions: worked out once for both.
    ...(articleYear === undefined ? {} : { publishedYear: articleYear }),
  });
  const selection = selectClaims(sentences, centrality, titleWords, {
    maxClaims: options.maxClaims ?? 5,
    maxWords: options.maxClaimWords ?? leadWordBudget(sentences),
    figureSentences: new Set(figures.map((figure) => figure.sentence)),
    ledeIndex: prepared.standfirst ? sentences.filter((sentence) => sentence.paragraph === 0).length : 0,
    ...(articleYear === undefined ? {} : { articleYear }),
  });
  const gistSentence = selection?.gist ?? sentences[0];
  const title = shortTitle(prepared.title ?? gistSentence?.text ?? '');
  const words = sentences.reduce((total, sentence) => total + sentence.wordCount, 0);
  return {
    title,
    ...(input.url === undefined ? {} : { url: input.url }),
    language,
    gist: selection?.gistText ?? gistSentence?.text ?? '',
    claims: selection?.claims ?? [],
    figures,
    sentences: sentences.map((sentence) => sentence.text),
    stats: { words, ms: Math.round((performance.now() - started) * 100) / 100 },
  };
}
