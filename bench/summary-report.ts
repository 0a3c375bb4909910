/**
 * Turns the benchmark's scores into the printed table, the PASS/FAIL list and the per-article detail.
 */
import type { ArticleEvaluation, SystemScores } from './summary-evaluate.js';
import type { GoldAnnotation } from './summary-metrics.js';
import type { SpeedReport } from './summary-speed.js';

export interface TargetResult {
  readonly name: string;
  readonly target: string;
  readonly actual: string;
  readonly pass: boolean;
}

/** The targets, judged on the summariser's scores (Lead-3 only as the ROUGE reference). */
export function judgeTargets(
  summariser: SystemScores,
  leadThree: SystemScores,
  speed: SpeedReport | undefined,
): TargetResult[] {
  const fixed = (value: number): string => value.toFixed(3);
  const results: TargetResult[] = [
    {
      name: 'key-figure recall',
      target: '>= 0.85',
      actual: fixed(summariser.figureRecall),
      pass: summariser.figureRecall >= 0.85,
    },
    {
      name: 'key-figure precision',
      target: '>= 0.75',
      actual: fixed(summariser.figurePrecision),
      pass: summariser.figurePrecision >= 0.75,
    },
    {
      name: 'attribution (figures + claims)',
      target: '>= 0.85',
      actual: fixed(summariser.attribution),
      pass: summariser.attribution >= 0.85,
    },
    {
      name: 'gold claims covered',
      target: '>= 0.6',
      actual: fixed(summariser.claimsCovered),
      pass: summariser.claimsCovered >= 0.6,
    },
    {
      name: 'grounding',
      target: '= 1.0',
      actual: `${fixed(summariser.grounding)} (${summariser.ungrounded} ungrounded)`,
      pass: summariser.ungrounded === 0,
    },
    {
      name: 'ROUGE-2 above Lead-3, words <= Lead-3',
      target: `> ${fixed(leadThree.rouge2)}, <= ${leadThree.textWords} words`,
      actual: `${fixed(summariser.rouge2)}, ${summariser.textWords} words`,
      pass: summariser.rouge2 > leadThree.rouge2 && summariser.textWords <= leadThree.textWords,
    },
  ];
  if (speed !== undefined) {
    // Judged per CPU second at 1,000 words an article, so a busy machine or shorter articles do not flatter or sink it.
    results.push({
      name: 'speed (one core, 1,000-word articles)',
      target: '>= 300 articles/s',
      actual:
        `${speed.cpuArticlesPerSecondAt1000Words.toFixed(0)} articles/s` +
        (speed.failures ? `, ${speed.failures} runs failed` : ''),
      pass: speed.cpuArticlesPerSecondAt1000Words >= 300 && !speed.failures && summariser.errors === 0,
    });
  }
  return results;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function formatRows(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => pad(cell, (widths[i] ?? 0) + 2))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

/** The side-by-side quality table; a system without scores (summariser not loaded) shows dashes. */
export function formatQualityTable(
  systems: readonly { readonly label: string; readonly scores: SystemScores | undefined }[],
): string {
  const fixed = (value: number): string => value.toFixed(3);
  const column = (pick: (scores: SystemScores) => string): string[] =>
    systems.map((system) => (system.scores === undefined ? '-' : pick(system.scores)));
  const rows: string[][] = [
    ['metric', ...systems.map((system) => system.label)],
    ['key-figure recall', ...column((s) => fixed(s.figureRecall))],
    ['key-figure precision', ...column((s) => fixed(s.figurePrecision))],
    ['attribution: figures', ...column((s) => fixed(s.figureAttribution))],
    ['attribution: claims', ...column((s) => fixed(s.claimAttribution))],
    ['attribution: pooled', ...column((s) => fixed(s.attribution))],
    ['dates right (of judged)', ...column((s) => `${fixed(s.dates)} (${s.datesJudged})`)],
    ['gold claims covered', ...column((s) => fixed(s.claimsCovered))],
    ['grounding', ...column((s) => `${fixed(s.grounding)} (${s.ungrounded} ungrounded)`)],
    ['ROUGE-1 F1', ...column((s) => fixed(s.rouge1))],
    ['ROUGE-2 F1', ...column((s) => fixed(s.rouge2))],
    ['ROUGE-L F1', ...column((s) => fixed(s.rougeL))],
    ['words (gist + claims)', ...column((s) => String(s.textWords))],
    ['words (card, with figures)', ...column((s) => String(s.cardWords))],
    ['compression (text / article)', ...column((s) => fixed(s.compression))],
    ['articles failed', ...column((s) => String(s.errors))],
  ];
  return formatRows(rows);
}

export function formatSpeed(label: string, speed: SpeedReport): string {
  return [
    `${label}: ${speed.runs} runs, ${speed.meanWords.toFixed(0)} words an article on average`,
    `  ${speed.cpuArticlesPerSecond.toFixed(0)} articles per CPU second ` +
      `(${speed.cpuArticlesPerSecondAt1000Words.toFixed(0)} at 1,000 words); ` +
      `wall clock ${speed.articlesPerSecond.toFixed(0)} articles/s, ${(speed.wordsPerSecond / 1000).toFixed(0)}k words/s`,
    ...(speed.failures ? [`  ${speed.failures} of the timed runs failed`] : []),
    `  per article p50 ${speed.p50Ms.toFixed(2)} ms, p99 ${speed.p99Ms.toFixed(2)} ms, max ${speed.maxMs.toFixed(2)} ms; ` +
      `peak RSS ${speed.peakRssMb.toFixed(0)} MB (process max ${speed.maxRssMb.toFixed(0)} MB)`,
  ].join('\n');
}

/** The same targets computed on another gold set, shown beside the development verdicts. */
export interface TargetColumn {
  readonly label: string;
  readonly results: readonly TargetResult[];
}

/**
 * The PASS/FAIL list. Each of `others` (the same targets computed on the validation or the blind
 * set) adds a column with that set's value, for information only: the verdict stays the
 * development set's.
 */
export function formatTargets(
  results: readonly TargetResult[],
  others: readonly TargetColumn[] = [],
): string {
  const otherValue = (result: TargetResult, column: TargetColumn): string => {
    const other = column.results.find((candidate) => candidate.name === result.name);
    if (other === undefined) return '-';
    // A target measured against Lead-3 has that set's own Lead-3 as its reference.
    return other.target === result.target ? other.actual : `${other.actual} (wanted ${other.target})`;
  };
  return formatRows([
    ['target', 'wanted', 'summariser', '', ...others.map((column) => column.label)],
    ...results.map((result) => [
      result.name,
      result.target,
      result.actual,
      result.pass ? 'PASS' : 'FAIL',
      ...others.map((column) => otherValue(result, column)),
    ]),
  ]);
}

function formatAttribution(value: string | readonly string[] | null | undefined): string {
  if (value === undefined) return '(none)';
  if (value === null) return '(no attribution)';
  return typeof value === 'string' ? value : value.join(' | ');
}

/** What one system got right and wrong on one article, for whoever tunes the summariser. */
export function formatArticleDetail(
  label: string,
  evaluation: ArticleEvaluation,
  gold: GoldAnnotation,
): string {
  const lines: string[] = [];
  const { figureMatching, output } = evaluation;
  const covered = evaluation.claimCoverage.filter((c) => c.covered).length;
  lines.push(
    `  ${label}: figures ${figureMatching.matches.length}/${evaluation.goldFigures} key found, ` +
      `${evaluation.outputFigures} listed; claims ${covered}/${evaluation.claimCoverage.length} covered; ` +
      `ROUGE-2 ${evaluation.rouge.rouge2.f1.toFixed(3)}; ${evaluation.textWords} words`,
  );
  if (evaluation.error !== undefined) lines.push(`    ERROR ${evaluation.error}`);
  lines.push(`    gist: ${output.gist}`);
  for (const index of figureMatching.missedGold) {
    const figure = gold.keyFigures[index];
    if (figure !== undefined) lines.push(`    missed key figure ${figure.value} (${figure.counts})`);
  }
  for (const index of figureMatching.unmatchedOutput) {
    const figure = output.figures[index];
    if (figure !== undefined)
      lines.push(`    not key: "${figure.text}" = ${figure.value} (${figure.counts})`);
  }
  for (const match of figureMatching.matches) {
    if (match.attributionOk) continue;
    const figure = output.figures[match.output];
    const goldFigure = gold.keyFigures[match.gold];
    lines.push(
      `    attribution of "${figure?.text}": got ${formatAttribution(figure?.attribution)}, ` +
        `want ${formatAttribution(goldFigure?.attribution)}`,
    );
  }
  for (const match of figureMatching.matches) {
    if (match.dateOk !== false) continue;
    const figure = output.figures[match.output];
    lines.push(
      `    date of "${figure?.text}": got ${figure?.date ?? '(none)'}, want ${gold.keyFigures[match.gold]?.date}`,
    );
  }
  for (const coverage of evaluation.claimCoverage) {
    const goldClaim = gold.claims[coverage.gold];
    if (goldClaim === undefined) continue;
    if (!coverage.covered) {
      lines.push(`    claim not covered (best recall ${coverage.recall.toFixed(2)}): ${goldClaim.text}`);
    }
    const judged = coverage.judgedClaim === undefined ? undefined : output.claims[coverage.judgedClaim];
    if (judged === undefined) continue;
    if (coverage.dateOk === false) {
      lines.push(`    claim date: got ${judged.date ?? '(none)'}, want ${goldClaim.date}: ${judged.text}`);
    }
    if (coverage.attributionOk === false) {
      lines.push(
        `    claim attribution: got ${formatAttribution(judged.attribution)}, ` +
          `want ${formatAttribution(goldClaim.attribution)}: ${judged.text}`,
      );
    }
  }
  for (const token of evaluation.grounding.ungrounded) lines.push(`    UNGROUNDED ${token}`);
  return lines.join('\n');
}
