/**
 * Scores one system's output for one article against its gold annotation, and pools the scores
 * of many articles into the benchmark's headline figures.
 */
import {
  collectOutputTexts,
  coverClaims,
  matchFigures,
  scoreRouge,
  type ClaimCoverage,
  type FigureMatching,
  type GoldAnnotation,
  type OutputSummary,
  type RougeSet,
} from './summary-metrics.js';
import { checkGrounding } from './summary-grounding.js';
import { countWords } from './summary-text.js';

export interface ArticleEvaluation {
  readonly name: string;
  readonly articleWords: number;
  /** Words in the gist and claims (without exact repeats): the text ROUGE reads. */
  readonly textWords: number;
  /** Text words plus each figure's number, what it counts and its source, as a card shows them. */
  readonly cardWords: number;
  readonly goldFigures: number;
  readonly outputFigures: number;
  readonly figureMatching: FigureMatching;
  readonly claimCoverage: readonly ClaimCoverage[];
  readonly rouge: RougeSet;
  readonly grounding: { readonly checked: number; readonly ungrounded: readonly string[] };
  /** The output, kept for the verbose report. */
  readonly output: OutputSummary;
  readonly error?: string;
}

export function evaluateArticle(
  name: string,
  source: string,
  gold: GoldAnnotation,
  output: OutputSummary,
  error?: string,
): ArticleEvaluation {
  const texts = collectOutputTexts(output);
  const textWords = texts.reduce((sum, text) => sum + countWords(text), 0);
  const figureWords = output.figures.reduce(
    (sum, figure) => sum + countWords(`${figure.text} ${figure.counts} ${figure.attribution ?? ''}`),
    0,
  );
  return {
    name,
    articleWords: countWords(source),
    textWords,
    cardWords: textWords + figureWords,
    goldFigures: gold.keyFigures.length,
    outputFigures: output.figures.length,
    figureMatching: matchFigures(output.figures, gold.keyFigures),
    claimCoverage: coverClaims(output, gold.claims),
    rouge: scoreRouge(
      texts,
      gold.claims.map((claim) => claim.text),
    ),
    grounding: checkGrounding(output, source),
    output,
    ...(error === undefined ? {} : { error }),
  };
}

export interface SystemScores {
  readonly articles: number;
  readonly figureRecall: number;
  readonly figurePrecision: number;
  readonly figureAttribution: number;
  readonly claimAttribution: number;
  /** Matched figures and claims with a gold date whose output date agrees (not a target). */
  readonly dates: number;
  readonly datesJudged: number;
  /** Figures and claims pooled: the share of judged items whose attribution agrees with gold. */
  readonly attribution: number;
  readonly claimsCovered: number;
  readonly grounding: number;
  readonly ungrounded: number;
  readonly rouge1: number;
  readonly rouge2: number;
  readonly rougeL: number;
  readonly textWords: number;
  readonly cardWords: number;
  readonly compression: number;
  readonly errors: number;
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/**
 * Pools article scores: figures, attribution, coverage and grounding are micro-averaged (every item
 * counts once); ROUGE F1 is the mean over articles; word counts are totals.
 */
export function aggregateScores(evaluations: readonly ArticleEvaluation[]): SystemScores {
  const matched = sum(evaluations.map((e) => e.figureMatching.matches.length));
  const figureAttributionOk = sum(
    evaluations.map((e) => e.figureMatching.matches.filter((match) => match.attributionOk).length),
  );
  const judgedClaims = evaluations.flatMap((e) =>
    e.claimCoverage.filter((c) => c.attributionOk !== undefined),
  );
  const claimAttributionOk = judgedClaims.filter((c) => c.attributionOk === true).length;
  const dateJudgements = evaluations.flatMap((e) => [
    ...e.figureMatching.matches.map((match) => match.dateOk),
    ...e.claimCoverage.map((coverage) => coverage.dateOk),
  ]);
  const datesJudged = dateJudgements.filter((ok) => ok !== undefined).length;
  const checked = sum(evaluations.map((e) => e.grounding.checked));
  const ungrounded = sum(evaluations.map((e) => e.grounding.ungrounded.length));
  const textWords = sum(evaluations.map((e) => e.textWords));
  const mean = (pick: (e: ArticleEvaluation) => number): number =>
    ratio(sum(evaluations.map(pick)), evaluations.length);
  return {
    articles: evaluations.length,
    figureRecall: ratio(matched, sum(evaluations.map((e) => e.goldFigures))),
    figurePrecision: ratio(matched, sum(evaluations.map((e) => e.outputFigures))),
    figureAttribution: ratio(figureAttributionOk, matched),
    claimAttribution: ratio(claimAttributionOk, judgedClaims.length),
    dates: ratio(dateJudgements.filter((ok) => ok === true).length, datesJudged),
    datesJudged,
    attribution: ratio(figureAttributionOk + claimAttributionOk, matched + judgedClaims.length),
    claimsCovered: ratio(
      sum(evaluations.map((e) => e.claimCoverage.filter((c) => c.covered).length)),
      sum(evaluations.map((e) => e.claimCoverage.length)),
    ),
    grounding: checked === 0 ? 1 : (checked - ungrounded) / checked,
    ungrounded,
    rouge1: mean((e) => e.rouge.rouge1.f1),
    rouge2: mean((e) => e.rouge.rouge2.f1),
    rougeL: mean((e) => e.rouge.rougeL.f1),
    textWords,
    cardWords: sum(evaluations.map((e) => e.cardWords)),
    compression: ratio(textWords, sum(evaluations.map((e) => e.articleWords))),
    errors: evaluations.filter((e) => e.error !== undefined).length,
  };
}
