import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const ARTICLE = [
  'Ministry says 1,200 homes flooded',
  'Published',
  'Heavy rain flooded 1,200 homes in the river valley on Monday, the interior ministry said. ' +
    'About 300 people were moved to shelters, according to the Red Cross. Two bridges collapsed.',
  'The mayor said repairs would cost €4.5 million. Forecasters expect more rain on Friday.',
].join('\n\n');

const GOLD = {
  article: 'story.txt',
  keyFigures: [
    { value: 1200, counts: 'homes flooded', attribution: ['interior ministry'] },
    { value: 300, accept: ['About 300'], counts: 'people moved to shelters', attribution: ['Red Cross'] },
    { value: 4.5e6, counts: 'euros of repairs', attribution: ['mayor'] },
  ],
  claims: [
    {
      text: 'Rain flooded 1,200 homes in the valley on Monday, the interior ministry said.',
      attribution: ['interior ministry'],
    },
    { text: 'The mayor said the repairs would cost 4.5 million euros.', attribution: ['mayor'] },
  ],
};

function runBench(args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', 'bench/summary.ts', ...args], {
    cwd: repositoryRoot,
    timeout: 60_000,
  });
}

describe('npm run bench:summary', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'summary-bench-'));
    await mkdir(join(dir, 'corpus', 'articles'), { recursive: true });
    await mkdir(join(dir, 'gold'));
    await writeFile(join(dir, 'corpus', 'articles', 'story.txt'), ARTICLE);
    await writeFile(join(dir, 'gold', 'story.json'), JSON.stringify(GOLD));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('scores the Lead-3 baseline against the gold and reports speed as JSON', async () => {
    const { stdout } = await runBench([
      '--corpus',
      join(dir, 'corpus'),
      '--gold',
      join(dir, 'gold'),
      '--runs',
      '20',
      '--json',
    ]);
    const report = JSON.parse(stdout) as {
      corpus: { articles: number; goldFigures: number; goldClaims: number };
      leadThree: Record<string, number>;
      speed: { leadThree: { runs: number; p50Ms: number; peakRssMb: number } };
      summariser: unknown;
    };
    expect(report.corpus).toMatchObject({ articles: 1, goldFigures: 3, goldClaims: 2 });
    // Lead-3 keeps the three sentences of the first paragraph: figures 1,200, 300 and "Two".
    expect(report.leadThree.figureRecall).toBeCloseTo(2 / 3, 3);
    expect(report.leadThree.figurePrecision).toBeCloseTo(2 / 3, 3);
    expect(report.leadThree.figureAttribution).toBe(0);
    expect(report.leadThree.claimsCovered).toBeCloseTo(0.5, 3);
    expect(report.leadThree.grounding).toBe(1);
    expect(report.leadThree.textWords).toBe(30);
    expect(report.speed.leadThree.runs).toBe(20);
    expect(report.speed.leadThree.peakRssMb).toBeGreaterThan(0);
    expect(report).toHaveProperty('summariser');
  });

  it('skips with a note and exit code 0 when the corpus is absent', async () => {
    const { stdout } = await runBench(['--corpus', join(dir, 'missing')]);
    expect(stdout).toMatch(/Summary benchmark skipped: no corpus at/u);
  });

  it('fails with the file name when a gold file is invalid', async () => {
    await mkdir(join(dir, 'bad-gold'));
    await writeFile(
      join(dir, 'bad-gold', 'broken.json'),
      JSON.stringify({ article: 'story.txt', claims: [] }),
    );
    const failure = await runBench(['--corpus', join(dir, 'corpus'), '--gold', join(dir, 'bad-gold')]).then(
      () => undefined,
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/broken\.json is invalid/u);
  });
});
