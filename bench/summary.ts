/**
 * `npm run bench:summary`: quality and speed of the summariser against hand-written gold
 * annotations (bench/gold/), side by side with a Lead-3 baseline (and TextRank for reference).
 *
 *   --json        print the numbers as JSON instead of tables
 *   --verbose     per-article detail of the development and validation sets: missed key figures,
 *                 figures that are not key, wrong attributions (never of the blind set)
 *   --runs N      timed summaries for the speed figures (default 2000; 0 skips speed)
 *   --corpus DIR  corpus folder (default: ../shared/corpus next to the repository)
 *   --gold DIR    gold annotations of the development set (default: bench/gold)
 *   --held-out DIR  gold annotations of the validation set (default: held-out/ in the gold folder)
 *   --blind DIR   gold annotations of the blind set (default: blind/ in the gold folder)
 *
 * The validation and blind sets are scored and printed apart; targets are judged on the development
 * set. Of the blind set only aggregate figures are printed, so nobody tunes on it item by item.
 *
 * For a one-core figure, pin the process: `taskset -c 0 npm run bench:summary`.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Summary } from '../src/model.js';
import type { SummaryInput } from '../src/ports.js';
import {
  aggregateScores,
  evaluateArticle,
  type ArticleEvaluation,
  type SystemScores,
} from './summary-evaluate.js';
import { describeGoldSource, loadBenchCases, type BenchCase, type CorpusFolders } from './summary-gold.js';
import { summariseLeadThree } from './summary-lead3.js';
import { CLAIM_COVERAGE_THRESHOLD, FIGURE_VALUE_TOLERANCE, type OutputSummary } from './summary-metrics.js';
import {
  formatArticleDetail,
  formatQualityTable,
  formatSpeed,
  formatTargets,
  judgeTargets,
  type TargetColumn,
  type TargetResult,
} from './summary-report.js';
import { measureSpeed, type SpeedReport } from './summary-speed.js';
import { summariseTextRank } from './summary-textrank.js';
import { countWords } from './summary-text.js';

type SummariseArticle = (input: SummaryInput) => Summary;

interface BenchOptions {
  readonly json: boolean;
  readonly verbose: boolean;
  readonly runs: number;
  readonly corpus: string;
  readonly gold: string;
  readonly heldOut: string;
  readonly blind: string;
}

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseOptions(argv: readonly string[]): BenchOptions {
  let runs = 2000;
  let corpus = resolve(repositoryRoot, '..', 'shared', 'corpus');
  let gold = join(repositoryRoot, 'bench', 'gold');
  let heldOut: string | undefined;
  let blind: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--runs') {
      runs = Number(argv[(i += 1)]);
      if (!Number.isInteger(runs) || runs < 0) throw new Error('--runs needs a whole number >= 0');
    } else if (arg === '--corpus') {
      corpus = resolve(argv[(i += 1)] ?? '');
    } else if (arg === '--gold') {
      gold = resolve(argv[(i += 1)] ?? '');
    } else if (arg === '--held-out') {
      heldOut = resolve(argv[(i += 1)] ?? '');
    } else if (arg === '--blind') {
      blind = resolve(argv[(i += 1)] ?? '');
    } else if (arg !== '--json' && arg !== '--verbose') {
      throw new Error(
        `Unknown option ${arg}; use --json, --verbose, --runs N, --corpus DIR, --gold DIR, --held-out DIR or --blind DIR`,
      );
    }
  }
  return {
    json: argv.includes('--json'),
    verbose: argv.includes('--verbose'),
    runs,
    corpus,
    gold,
    heldOut: heldOut ?? join(gold, 'held-out'),
    blind: blind ?? join(gold, 'blind'),
  };
}

/** Loads the summariser; the benchmark still reports the baseline when it is missing or broken. */
async function loadSummariser(): Promise<{ summarise?: SummariseArticle; problem?: string }> {
  const modulePath = '../src/summarise/summarise-article.js';
  try {
    const loaded = (await import(modulePath)) as { summariseArticle?: unknown };
    if (typeof loaded.summariseArticle !== 'function') return { problem: 'summariseArticle is not exported' };
    return { summarise: loaded.summariseArticle as SummariseArticle };
  } catch (error) {
    return {
      problem: `cannot load ${modulePath}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

function inputOf(benchCase: BenchCase): SummaryInput {
  return {
    text: benchCase.text,
    ...(benchCase.title === undefined ? {} : { title: benchCase.title }),
    ...(benchCase.publishedAt === undefined ? {} : { publishedAt: benchCase.publishedAt }),
  };
}

function runSummariser(
  summarise: SummariseArticle,
  benchCase: BenchCase,
): { output: OutputSummary; error?: string } {
  try {
    return { output: summarise(inputOf(benchCase)) };
  } catch (error) {
    // One failing article is reported and scored as empty, so the other articles still count.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { output: { gist: '', claims: [], figures: [] }, error: message };
  }
}

function roundNumbers(value: unknown): unknown {
  if (typeof value === 'number') return Math.round(value * 10000) / 10000;
  if (Array.isArray(value)) return value.map(roundNumbers);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, roundNumbers(inner)]));
  }
  return value;
}

/** One set of gold cases scored for the three systems. */
interface SetReport {
  readonly cases: readonly BenchCase[];
  readonly summariser: readonly ArticleEvaluation[];
  readonly leadThree: readonly ArticleEvaluation[];
  readonly textRank: readonly ArticleEvaluation[];
  readonly summariserScores?: SystemScores;
  readonly leadScores: SystemScores;
  readonly textRankScores: SystemScores;
}

function scoreSet(cases: readonly BenchCase[], summarise: SummariseArticle | undefined): SetReport {
  const textRank: ArticleEvaluation[] = [];
  const leadThree: ArticleEvaluation[] = [];
  const summariser: ArticleEvaluation[] = [];
  for (const benchCase of cases) {
    const { name, text, gold, title } = benchCase;
    leadThree.push(evaluateArticle(name, text, gold, summariseLeadThree(text, title)));
    textRank.push(evaluateArticle(name, text, gold, summariseTextRank(text, title)));
    if (summarise !== undefined) {
      const { output, error } = runSummariser(summarise, benchCase);
      summariser.push(evaluateArticle(name, text, gold, output, error));
    }
  }
  return {
    cases,
    summariser,
    leadThree,
    textRank,
    ...(summarise === undefined ? {} : { summariserScores: aggregateScores(summariser) }),
    leadScores: aggregateScores(leadThree),
    textRankScores: aggregateScores(textRank),
  };
}

function describeCases(cases: readonly BenchCase[]): {
  articles: number;
  words: number;
  goldFigures: number;
  goldClaims: number;
} {
  return {
    articles: cases.length,
    words: cases.reduce((n, c) => n + countWords(c.text), 0),
    goldFigures: cases.reduce((n, c) => n + c.gold.keyFigures.length, 0),
    goldClaims: cases.reduce((n, c) => n + c.gold.claims.length, 0),
  };
}

function listUngrounded(evaluations: readonly ArticleEvaluation[]): string[] {
  return evaluations.flatMap((e) => e.grounding.ungrounded.map((token) => `${e.name}: ${token}`));
}

function perArticle(evaluations: readonly ArticleEvaluation[]): unknown {
  return evaluations.map((e) => ({
    name: e.name,
    figuresFound: e.figureMatching.matches.length,
    goldFigures: e.goldFigures,
    outputFigures: e.outputFigures,
    claimsCovered: e.claimCoverage.filter((c) => c.covered).length,
    goldClaims: e.claimCoverage.length,
    rouge1: e.rouge.rouge1.f1,
    rouge2: e.rouge.rouge2.f1,
    rougeL: e.rouge.rougeL.f1,
    textWords: e.textWords,
    ungrounded: e.grounding.ungrounded,
    ...(e.error === undefined ? {} : { error: e.error }),
  }));
}

function printQuality(set: SetReport): void {
  console.log(
    formatQualityTable([
      { label: 'summariser', scores: set.summariserScores },
      { label: 'lead-3', scores: set.leadScores },
      { label: 'textrank-3', scores: set.textRankScores },
    ]),
  );
}

/** Articles the summariser failed on and names it did not find in the article, for one set. */
function printProblems(label: string, set: SetReport): void {
  const failed = set.summariser.filter((e) => e.error !== undefined);
  if (failed.length > 0) {
    console.log('');
    console.log(
      `The summariser failed on ${failed.length} of ${set.cases.length} ${label} articles (scored as empty):`,
    );
    for (const e of failed) console.log(`  ${e.name}: ${e.error}`);
  }
  const ungrounded = listUngrounded(set.summariser);
  if (ungrounded.length > 0) {
    console.log('');
    console.log(`Ungrounded in the summariser's output, ${label} set (not found in the article):`);
    for (const line of ungrounded) console.log(`  ${line}`);
  }
}

/** The aggregate scores of a set, for --json; the blind set gets nothing more. */
function aggregateJson(set: SetReport): Record<string, unknown> {
  return {
    corpus: describeCases(set.cases),
    summariser: set.summariserScores ?? null,
    leadThree: set.leadScores,
    textRank: set.textRankScores,
  };
}

function printDetail(set: SetReport): void {
  for (const [index, benchCase] of set.cases.entries()) {
    console.log('');
    console.log(`== ${benchCase.name} (${describeGoldSource(benchCase.gold)})`);
    const mine = set.summariser[index];
    if (mine !== undefined) console.log(formatArticleDetail('summariser', mine, benchCase.gold));
    const lead = set.leadThree[index];
    if (lead !== undefined) console.log(formatArticleDetail('lead-3', lead, benchCase.gold));
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const corpus: CorpusFolders = {
    articles: join(options.corpus, 'articles'),
    feeds: join(options.corpus, 'feeds'),
  };
  if (!existsSync(corpus.articles)) {
    console.log(`Summary benchmark skipped: no corpus at ${corpus.articles} (pass --corpus DIR).`);
    return;
  }
  const cases = await loadBenchCases(options.gold, corpus);
  // The validation set ("held-out") was written blind, but its per-item output has been studied since.
  const heldOutCases = existsSync(options.heldOut) ? await loadBenchCases(options.heldOut, corpus) : [];
  // The blind set was written before any summariser output on it was seen and is never shown item by item.
  const blindCases = existsSync(options.blind) ? await loadBenchCases(options.blind, corpus) : [];
  const { summarise, problem } = await loadSummariser();

  const development = scoreSet(cases, summarise);
  const heldOut = heldOutCases.length === 0 ? undefined : scoreSet(heldOutCases, summarise);
  const blind = blindCases.length === 0 ? undefined : scoreSet(blindCases, summarise);
  const { summariserScores, leadScores, textRankScores } = development;

  // Speed is measured on the development articles only, so its figures stay comparable over time.
  let speed: SpeedReport | undefined;
  let leadSpeed: SpeedReport | undefined;
  if (options.runs > 0 && cases.length > 0) {
    const wordsOf = (benchCase: BenchCase): number => countWords(benchCase.text);
    const warmup = Math.min(200, options.runs);
    if (summarise !== undefined) {
      let failures = 0;
      const timed = (c: BenchCase): unknown => {
        const result = runSummariser(summarise, c);
        if (result.error !== undefined) failures += 1;
        return result;
      };
      speed = { ...measureSpeed(cases, wordsOf, timed, { runs: options.runs, warmup }), failures };
    }
    leadSpeed = measureSpeed(cases, wordsOf, (c) => summariseLeadThree(c.text, c.title), {
      runs: options.runs,
      warmup,
    });
  }
  const targets = summariserScores === undefined ? [] : judgeTargets(summariserScores, leadScores, speed);
  // The same targets on the validation and blind sets, shown for information; speed is not measured there.
  const targetsOn = (set: SetReport | undefined): TargetResult[] | undefined =>
    set?.summariserScores === undefined
      ? undefined
      : judgeTargets(set.summariserScores, set.leadScores, undefined);
  const heldOutTargets = targetsOn(heldOut);
  const blindTargets = targetsOn(blind);
  const developmentCorpus = describeCases(cases);

  if (options.json) {
    const report = {
      corpus: developmentCorpus,
      settings: {
        claimCoverageThreshold: CLAIM_COVERAGE_THRESHOLD,
        figureValueTolerance: FIGURE_VALUE_TOLERANCE,
      },
      summariser: summariserScores ?? null,
      ...(problem === undefined ? {} : { summariserProblem: problem }),
      leadThree: leadScores,
      textRank: textRankScores,
      speed: { summariser: speed ?? null, leadThree: leadSpeed ?? null },
      targets: targets.map((target) => {
        const beside = (
          others: readonly TargetResult[] | undefined,
        ): { target: string; actual: string } | undefined => {
          const other = others?.find((candidate) => candidate.name === target.name);
          return other === undefined ? undefined : { target: other.target, actual: other.actual };
        };
        const heldOutValue = beside(heldOutTargets);
        const blindValue = beside(blindTargets);
        return {
          ...target,
          ...(heldOutValue === undefined ? {} : { heldOut: heldOutValue }),
          ...(blindValue === undefined ? {} : { blind: blindValue }),
        };
      }),
      ungrounded: {
        summariser: listUngrounded(development.summariser),
        leadThree: listUngrounded(development.leadThree),
      },
      heldOut:
        heldOut === undefined
          ? null
          : {
              ...aggregateJson(heldOut),
              ungrounded: {
                summariser: listUngrounded(heldOut.summariser),
                leadThree: listUngrounded(heldOut.leadThree),
              },
              ...(options.verbose
                ? {
                    perArticle: {
                      summariser: perArticle(heldOut.summariser),
                      leadThree: perArticle(heldOut.leadThree),
                    },
                  }
                : {}),
            },
      // Aggregates only, even with --verbose: no per-item scores, failures or ungrounded words.
      blind: blind === undefined ? null : aggregateJson(blind),
      ...(options.verbose
        ? {
            perArticle: {
              summariser: perArticle(development.summariser),
              leadThree: perArticle(development.leadThree),
            },
          }
        : {}),
    };
    console.log(JSON.stringify(roundNumbers(report), null, 2));
    return;
  }

  const describeGold = (corpusFigures: ReturnType<typeof describeCases>): string =>
    `${corpusFigures.articles} articles, ${corpusFigures.words} words; gold: ${corpusFigures.goldFigures} key figures, ` +
    `${corpusFigures.goldClaims} claims`;
  console.log(
    `Summary benchmark, development set: ${describeGold(developmentCorpus)}. ` +
      `Claim covered = content-word recall >= ${CLAIM_COVERAGE_THRESHOLD}; ` +
      `figure value tolerance ${FIGURE_VALUE_TOLERANCE * 100}%.`,
  );
  if (problem !== undefined) console.log(`Summariser not measured: ${problem}`);
  console.log('');
  printQuality(development);
  if (heldOut !== undefined) {
    console.log('');
    console.log(
      `Validation set (written blind; its per-item output has been studied since its first run): ` +
        `${describeGold(describeCases(heldOut.cases))}.`,
    );
    console.log('');
    printQuality(heldOut);
  }
  if (blind !== undefined) {
    console.log('');
    console.log(
      `Blind set (written before any summariser output on it was seen; never studied item by item): ` +
        `${describeGold(describeCases(blind.cases))}.`,
    );
    console.log('');
    printQuality(blind);
  }
  console.log('');
  if (speed !== undefined) console.log(formatSpeed('speed, summariser (development set)', speed));
  if (leadSpeed !== undefined) console.log(formatSpeed('speed, lead-3 (development set)', leadSpeed));
  printProblems('development', development);
  if (heldOut !== undefined) printProblems('validation', heldOut);
  // The blind set's failures and ungrounded words are counted in its table, never listed by item.
  if (targets.length > 0) {
    const columns: TargetColumn[] = [
      ...(heldOutTargets === undefined
        ? []
        : [{ label: 'validation (not judged)', results: heldOutTargets }]),
      ...(blindTargets === undefined ? [] : [{ label: 'blind (not judged)', results: blindTargets }]),
    ];
    console.log('');
    console.log(formatTargets(targets, columns));
  }
  if (options.verbose) {
    printDetail(development);
    if (heldOut !== undefined) {
      console.log('');
      console.log('== validation set');
      printDetail(heldOut);
    }
    // The blind set has no detail on purpose: only its aggregate table is printed.
  }
}

// Piping into `head` closes stdout early; that is not a failure of the benchmark.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
