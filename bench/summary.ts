/**
 * `npm run bench:summary`: quality and speed of the summariser against hand-written gold
 * annotations (bench/gold/), side by side with a Lead-3 baseline (and TextRank for reference).
 *
 *   --json        print the numbers as JSON instead of tables
 *   --verbose     per-article detail: missed key figures, figures that are not key, wrong attributions
 *   --runs N      timed summaries for the speed figures (default 2000; 0 skips speed)
 *   --corpus DIR  corpus folder (default: ../shared/corpus next to the repository)
 *   --gold DIR    gold annotations (default: bench/gold)
 *
 * For a one-core figure, pin the process: `taskset -c 0 npm run bench:summary`.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Summary } from '../src/model.js';
import type { SummaryInput } from '../src/ports.js';
import { aggregateScores, evaluateArticle, type ArticleEvaluation } from './summary-evaluate.js';
import { loadBenchCases, type BenchCase } from './summary-gold.js';
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
}

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseOptions(argv: readonly string[]): BenchOptions {
  let runs = 2000;
  let corpus = resolve(repositoryRoot, '..', 'shared', 'corpus');
  let gold = join(repositoryRoot, 'bench', 'gold');
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--runs') {
      runs = Number(argv[(i += 1)]);
      if (!Number.isInteger(runs) || runs < 0) throw new Error('--runs needs a whole number >= 0');
    } else if (arg === '--corpus') {
      corpus = resolve(argv[(i += 1)] ?? '');
    } else if (arg === '--gold') {
      gold = resolve(argv[(i += 1)] ?? '');
    } else if (arg !== '--json' && arg !== '--verbose') {
      throw new Error(`Unknown option ${arg}; use --json, --verbose, --runs N, --corpus DIR or --gold DIR`);
    }
  }
  return { json: argv.includes('--json'), verbose: argv.includes('--verbose'), runs, corpus, gold };
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

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const articlesDir = join(options.corpus, 'articles');
  if (!existsSync(articlesDir)) {
    console.log(`Summary benchmark skipped: no corpus at ${articlesDir} (pass --corpus DIR).`);
    return;
  }
  const cases = await loadBenchCases(options.gold, articlesDir);
  const { summarise, problem } = await loadSummariser();

  const textRank: ArticleEvaluation[] = [];
  const leadThree: ArticleEvaluation[] = [];
  const summariser: ArticleEvaluation[] = [];
  for (const benchCase of cases) {
    leadThree.push(
      evaluateArticle(
        benchCase.name,
        benchCase.text,
        benchCase.gold,
        summariseLeadThree(benchCase.text, benchCase.title),
      ),
    );
    textRank.push(
      evaluateArticle(
        benchCase.name,
        benchCase.text,
        benchCase.gold,
        summariseTextRank(benchCase.text, benchCase.title),
      ),
    );
    if (summarise !== undefined) {
      const { output, error } = runSummariser(summarise, benchCase);
      summariser.push(evaluateArticle(benchCase.name, benchCase.text, benchCase.gold, output, error));
    }
  }
  const leadScores = aggregateScores(leadThree);
  const textRankScores = aggregateScores(textRank);
  const summariserScores = summarise === undefined ? undefined : aggregateScores(summariser);

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
  const listUngrounded = (evaluations: readonly ArticleEvaluation[]): string[] =>
    evaluations.flatMap((e) => e.grounding.ungrounded.map((token) => `${e.name}: ${token}`));
  const targets = summariserScores === undefined ? [] : judgeTargets(summariserScores, leadScores, speed);
  const goldFigures = cases.reduce((n, c) => n + c.gold.keyFigures.length, 0);
  const goldClaims = cases.reduce((n, c) => n + c.gold.claims.length, 0);
  const articleWords = cases.reduce((n, c) => n + countWords(c.text), 0);

  if (options.json) {
    const perArticle = (evaluations: readonly ArticleEvaluation[]): unknown =>
      evaluations.map((e) => ({
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
    const report = {
      corpus: { articles: cases.length, words: articleWords, goldFigures, goldClaims },
      settings: {
        claimCoverageThreshold: CLAIM_COVERAGE_THRESHOLD,
        figureValueTolerance: FIGURE_VALUE_TOLERANCE,
      },
      summariser: summariserScores ?? null,
      ...(problem === undefined ? {} : { summariserProblem: problem }),
      leadThree: leadScores,
      textRank: textRankScores,
      speed: { summariser: speed ?? null, leadThree: leadSpeed ?? null },
      targets,
      ungrounded: { summariser: listUngrounded(summariser), leadThree: listUngrounded(leadThree) },
      ...(options.verbose
        ? { perArticle: { summariser: perArticle(summariser), leadThree: perArticle(leadThree) } }
        : {}),
    };
    console.log(JSON.stringify(roundNumbers(report), null, 2));
    return;
  }

  console.log(
    `Summary benchmark: ${cases.length} articles, ${articleWords} words; gold: ${goldFigures} key figures, ` +
      `${goldClaims} claims. Claim covered = content-word recall >= ${CLAIM_COVERAGE_THRESHOLD}; ` +
      `figure value tolerance ${FIGURE_VALUE_TOLERANCE * 100}%.`,
  );
  if (problem !== undefined) console.log(`Summariser not measured: ${problem}`);
  console.log('');
  console.log(
    formatQualityTable([
      { label: 'summariser', scores: summariserScores },
      { label: 'lead-3', scores: leadScores },
      { label: 'textrank-3', scores: textRankScores },
    ]),
  );
  console.log('');
  if (speed !== undefined) console.log(formatSpeed('speed, summariser', speed));
  if (leadSpeed !== undefined) console.log(formatSpeed('speed, lead-3', leadSpeed));
  const failed = summariser.filter((e) => e.error !== undefined);
  if (failed.length > 0) {
    console.log('');
    console.log(`The summariser failed on ${failed.length} of ${cases.length} articles (scored as empty):`);
    for (const e of failed) console.log(`  ${e.name}: ${e.error}`);
  }
  const ungrounded = listUngrounded(summariser);
  if (ungrounded.length > 0) {
    console.log('');
    console.log(`Ungrounded in the summariser's output (not found in the article):`);
    for (const line of ungrounded) console.log(`  ${line}`);
  }
  if (targets.length > 0) {
    console.log('');
    console.log(formatTargets(targets));
  }
  if (options.verbose) {
    for (const [index, benchCase] of cases.entries()) {
      console.log('');
      console.log(`== ${benchCase.name} (${benchCase.gold.article})`);
      const mine = summariser[index];
      if (mine !== undefined) console.log(formatArticleDetail('summariser', mine, benchCase.gold));
      const lead = leadThree[index];
      if (lead !== undefined) console.log(formatArticleDetail('lead-3', lead, benchCase.gold));
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
