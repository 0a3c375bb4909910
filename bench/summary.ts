/**
 * `npm run bench:summary`: quality and speed of the summariser against hand-written gold
 * annotations (bench/gold/), side by side with a Lead-3 baseline (and TextRank for reference).
 *
 *   --json        print the numbers as JSON instead of tables
 *   --verbose     per-article detail: missed key figures, figures that are not key, wrong attributions
 *   --runs N      timed summaries for the speed figures (default 2000; 0 skips speed)
 *   --corpus DIR  corpus folder (default: ../shared/corpus next to the repository)
 *   --gold DIR    gold annotations of the development set (default: bench/gold)
 *   --held-out DIR  gold annotations of the held-out set (default: held-out/ in the gold folder),
 *                 scored and printed separately; targets are judged on the development set
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
}

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseOptions(argv: readonly string[]): BenchOptions {
  let runs = 2000;
  let corpus = resolve(repositoryRoot, '..', 'shared', 'corpus');
  let gold = join(repositoryRoot, 'bench', 'gold');
  let heldOut: string | undefined;
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
    } else if (arg !== '--json' && arg !== '--verbose') {
      throw new Error(
        `Unknown option ${arg}; use --json, --verbose, --runs N, --corpus DIR, --gold DIR or --held-out DIR`,
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
  // The held-out set is scored like the development set but never used to tune the summariser.
  const heldOutCases = existsSync(options.heldOut) ? await loadBenchCases(options.heldOut, corpus) : [];
  const { summarise, problem } = await loadSummariser();

  const development = scoreSet(cases, summarise);
  const heldOut = heldOutCases.length === 0 ? undefined : scoreSet(heldOutCases, summarise);
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
  // The same targets on the held-out set, shown for information; speed is not measured there.
  const heldOutTargets =
    heldOut?.summariserScores === undefined
      ? undefined
      : judgeTargets(heldOut.summariserScores, heldOut.leadScores, undefined);
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
        const other = heldOutTargets?.find((candidate) => candidate.name === target.name);
        return other === undefined
          ? target
          : { ...target, heldOut: { target: other.target, actual: other.actual } };
      }),
      ungrounded: {
        summariser: listUngrounded(development.summariser),
        leadThree: listUngrounded(development.leadThree),
      },
      heldOut:
        heldOut === undefined
          ? null
          : {
              corpus: describeCases(heldOut.cases),
              summariser: heldOut.summariserScores ?? null,
              leadThree: heldOut.leadScores,
              textRank: heldOut.textRankScores,
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
      `Held-out set (annotated before the summariser saw it; not for tuning): ${describeGold(describeCases(heldOut.cases))}.`,
    );
    console.log('');
    printQuality(heldOut);
  }
  console.log('');
  if (speed !== undefined) console.log(formatSpeed('speed, summariser (development set)', speed));
  if (leadSpeed !== undefined) console.log(formatSpeed('speed, lead-3 (development set)', leadSpeed));
  printProblems('development', development);
  if (heldOut !== undefined) printProblems('held-out', heldOut);
  if (targets.length > 0) {
    console.log('');
    console.log(formatTargets(targets, heldOutTargets));
  }
  if (options.verbose) {
    printDetail(development);
    if (heldOut !== undefined) {
      console.log('');
      console.log('== held-out set');
      printDetail(heldOut);
    }
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
