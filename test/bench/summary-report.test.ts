import { describe, expect, it } from 'vitest';
import type { SystemScores } from '../../bench/summary-evaluate.js';
import { formatQualityTable, formatTargets, judgeTargets } from '../../bench/summary-report.js';
import type { SpeedReport } from '../../bench/summary-speed.js';

const scores = (overrides: Partial<SystemScores>): SystemScores => ({
  articles: 9,
  figureRecall: 0.9,
  figurePrecision: 0.8,
  figureAttribution: 0.9,
  claimAttribution: 0.9,
  dates: 0.5,
  datesJudged: 10,
  attribution: 0.9,
  claimsCovered: 0.7,
  grounding: 1,
  ungrounded: 0,
  rouge1: 0.5,
  rouge2: 0.3,
  rougeL: 0.5,
  textWords: 600,
  cardWords: 800,
  compression: 0.08,
  errors: 0,
  ...overrides,
});

const speed = (overrides: Partial<SpeedReport>): SpeedReport => ({
  runs: 100,
  meanWords: 1000,
  articlesPerSecond: 400,
  wordsPerSecond: 400_000,
  cpuArticlesPerSecond: 400,
  cpuArticlesPerSecondAt1000Words: 400,
  p50Ms: 2,
  p99Ms: 5,
  maxMs: 6,
  peakRssMb: 100,
  maxRssMb: 100,
  ...overrides,
});

const verdicts = (results: ReturnType<typeof judgeTargets>): Record<string, boolean> =>
  Object.fromEntries(results.map((result) => [result.name, result.pass]));

describe('judgeTargets', () => {
  const lead = scores({ rouge2: 0.28, textWords: 687 });

  it('passes a summariser that meets every target', () => {
    expect(Object.values(verdicts(judgeTargets(scores({}), lead, speed({}))))).toEqual(Array(7).fill(true));
  });

  it('fails ROUGE-2 when the summariser needs more words than Lead-3', () => {
    const results = verdicts(judgeTargets(scores({ rouge2: 0.35, textWords: 700 }), lead, speed({})));
    expect(results['ROUGE-2 above Lead-3, words <= Lead-3']).toBe(false);
  });

  it('fails grounding on a single ungrounded token', () => {
    const results = verdicts(judgeTargets(scores({ grounding: 0.999, ungrounded: 1 }), lead, speed({})));
    expect(results['grounding']).toBe(false);
  });

  it('does not count speed when runs failed', () => {
    const name = 'speed (one core, 1,000-word articles)';
    expect(verdicts(judgeTargets(scores({}), lead, speed({ failures: 3 })))[name]).toBe(false);
    expect(verdicts(judgeTargets(scores({ errors: 1 }), lead, speed({})))[name]).toBe(false);
    expect(
      verdicts(judgeTargets(scores({}), lead, speed({ cpuArticlesPerSecondAt1000Words: 299 })))[name],
    ).toBe(false);
  });
});

describe('formatTargets', () => {
  const lead = scores({ rouge2: 0.28, textWords: 687 });

  it('adds the value of each target on the other sets without judging it', () => {
    const development = judgeTargets(scores({}), lead, speed({}));
    const validation = judgeTargets(
      scores({ figureRecall: 0.5 }),
      scores({ rouge2: 0.2, textWords: 900 }),
      undefined,
    );
    const blind = judgeTargets(scores({ figureRecall: 0.7 }), lead, undefined);
    const lines = formatTargets(development, [
      { label: 'validation (not judged)', results: validation },
      { label: 'blind (not judged)', results: blind },
    ]).split('\n');
    expect(lines[0]).toMatch(/validation \(not judged\)\s+blind \(not judged\)$/u);
    // The development verdict stands; each other set's value sits beside it, in the given order.
    expect(lines.find((line) => line.startsWith('key-figure recall'))).toMatch(
      /0\.900\s+PASS\s+0\.500\s+0\.700$/u,
    );
    // Measured against each set's own Lead-3, so a different reference is shown with the value.
    expect(lines.find((line) => line.startsWith('ROUGE-2'))).toMatch(
      /PASS\s+0\.300, 600 words \(wanted > 0\.200, <= 900 words\)\s+0\.300, 600 words$/u,
    );
    // Speed is measured on the development set only.
    expect(lines.find((line) => line.startsWith('speed'))).toMatch(/PASS\s+-\s+-$/u);
  });

  it('leaves the other columns out when there are no other sets', () => {
    expect(formatTargets(judgeTargets(scores({}), lead, speed({})))).not.toMatch(/not judged/u);
  });
});

describe('formatQualityTable', () => {
  it('shows dashes for a system that was not measured', () => {
    const table = formatQualityTable([
      { label: 'summariser', scores: undefined },
      { label: 'lead-3', scores: scores({ figureRecall: 0.114 }) },
    ]);
    expect(table).toMatch(/key-figure recall\s+-\s+0\.114/u);
  });
});
