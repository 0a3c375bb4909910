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

/** A held-out item, read from a feed as the bot reads it: RSS with HTML in the description. */
const FEED = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<rss version="2.0"><channel><title>Harbour news</title><link>https://harbour.example/</link>',
  '<item><title>Port strike ends after nine days</title>',
  '<link>https://harbour.example/strike-ends</link><guid isPermaLink="false">item-42</guid>',
  '<pubDate>Tue, 05 Apr 2022 10:00:00 GMT</pubDate>',
  '<description><![CDATA[<p>Dock workers ended a nine-day strike on Tuesday after accepting a 6 percent raise, ' +
    'the union said. About 2,000 containers are waiting to be unloaded.</p>' +
    '<p>The port authority said ships would be cleared by Sunday.</p>]]></description>',
  '</item></channel></rss>',
].join('\n');

const HELD_OUT_GOLD = {
  feedItem: { file: 'harbour.rss', guid: 'item-42' },
  keyFigures: [
    { value: 6, accept: ['6 percent'], counts: 'percent raise accepted', attribution: ['union'] },
    { value: 2000, accept: ['About 2,000'], counts: 'containers waiting', attribution: null },
  ],
  claims: [
    {
      text: 'Dock workers ended their strike after accepting a 6 percent raise, the union said.',
      attribution: ['union'],
    },
    { text: 'The port authority said ships would be cleared by Sunday.', attribution: ['port authority'] },
  ],
};

/** A blind-set item: only its aggregate scores may ever be printed, never its name or output. */
const BLIND_FEED = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<rss version="2.0"><channel><title>Coast news</title><link>https://coast.example/</link>',
  '<item><title>Lighthouse reopens to visitors</title>',
  '<link>https://coast.example/lighthouse</link><guid isPermaLink="false">lamp-7</guid>',
  '<pubDate>Wed, 06 Apr 2022 09:00:00 GMT</pubDate>',
  '<description><![CDATA[<p>The Kerrow lighthouse reopened to visitors on Wednesday after a repair costing 1.3 million euros, ' +
    'the harbour trust said. About 40,000 visitors are expected this year.</p>' +
    '<p>Tours will run every day until October.</p>]]></description>',
  '</item></channel></rss>',
].join('\n');

const BLIND_GOLD = {
  feedItem: { file: 'coast.rss', guid: 'lamp-7' },
  keyFigures: [
    {
      value: 1.3e6,
      accept: ['1.3 million euros'],
      counts: 'euros of repairs',
      attribution: ['harbour trust'],
    },
    { value: 40000, accept: ['About 40,000'], counts: 'visitors expected this year', attribution: null },
  ],
  claims: [
    {
      text: 'The Kerrow lighthouse reopened after a repair costing 1.3 million euros, the harbour trust said.',
      attribution: ['harbour trust'],
    },
    { text: 'Tours will run every day until October.', attribution: null },
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
    await mkdir(join(dir, 'corpus', 'feeds'));
    await mkdir(join(dir, 'gold', 'held-out'));
    await writeFile(join(dir, 'corpus', 'feeds', 'harbour.rss'), FEED);
    await writeFile(join(dir, 'gold', 'held-out', 'harbour.json'), JSON.stringify(HELD_OUT_GOLD));
    await mkdir(join(dir, 'gold', 'blind'));
    await writeFile(join(dir, 'corpus', 'feeds', 'coast.rss'), BLIND_FEED);
    await writeFile(join(dir, 'gold', 'blind', 'kerrow-lighthouse.json'), JSON.stringify(BLIND_GOLD));
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

  it('scores the validation and blind feed items apart from the development articles', async () => {
    const args = ['--corpus', join(dir, 'corpus'), '--gold', join(dir, 'gold'), '--runs', '0'];
    const { stdout } = await runBench([...args, '--json']);
    const report = JSON.parse(stdout) as {
      corpus: { articles: number };
      heldOut: {
        corpus: { articles: number; goldFigures: number; goldClaims: number };
        leadThree: Record<string, number>;
      };
      blind: {
        corpus: { articles: number; goldFigures: number; goldClaims: number };
        leadThree: Record<string, number>;
      };
      targets: { name: string; heldOut?: { actual: string }; blind?: { actual: string } }[];
    };
    expect(report.corpus.articles).toBe(1);
    expect(report.heldOut.corpus).toMatchObject({ articles: 1, goldFigures: 2, goldClaims: 2 });
    // Lead-3 takes the item's three sentences: both figures are in them, and both claims.
    expect(report.heldOut.leadThree.figureRecall).toBe(1);
    expect(report.heldOut.leadThree.claimsCovered).toBe(1);
    expect(report.blind.corpus).toMatchObject({ articles: 1, goldFigures: 2, goldClaims: 2 });
    // Lead-3 takes the blind item's three sentences: both figures and both claims are in them.
    expect(report.blind.leadThree.figureRecall).toBe(1);
    expect(report.blind.leadThree.claimsCovered).toBe(1);
    for (const target of report.targets) {
      expect(target.heldOut?.actual, target.name).toBeTypeOf('string');
      expect(target.blind?.actual, target.name).toBeTypeOf('string');
    }

    const text = (await runBench(args)).stdout;
    const development = text.indexOf('development set: 1 articles');
    const validation = text.indexOf('Validation set (written blind;');
    const blind = text.indexOf('Blind set (written before any summariser output on it was seen;');
    expect(development).toBeGreaterThanOrEqual(0);
    expect(validation).toBeGreaterThan(development);
    expect(blind).toBeGreaterThan(validation);
    expect(text.match(/^metric\s+summariser\s+lead-3\s+textrank-3$/gmu)).toHaveLength(3);
    expect(text).toMatch(/validation \(not judged\)\s+blind \(not judged\)$/mu);
  });

  it('prints no per-item detail of the blind set, even when asked for detail', async () => {
    const args = ['--corpus', join(dir, 'corpus'), '--gold', join(dir, 'gold'), '--runs', '0', '--verbose'];
    const text = (await runBench(args)).stdout;
    // The other sets get their detail; the blind item is never named and its text never shown.
    expect(text).toMatch(/^== story /mu);
    expect(text).toMatch(/^== harbour /mu);
    expect(text).not.toMatch(/kerrow|lighthouse|lamp-7|coast\.rss/iu);

    const report = JSON.parse((await runBench([...args, '--json'])).stdout) as {
      perArticle?: unknown;
      heldOut: { perArticle?: unknown };
      blind: Record<string, unknown>;
    };
    expect(report.perArticle).toBeDefined();
    expect(report.heldOut.perArticle).toBeDefined();
    expect(Object.keys(report.blind).sort()).toEqual(['corpus', 'leadThree', 'summariser', 'textRank']);
    expect(JSON.stringify(report)).not.toMatch(/kerrow|lighthouse|lamp-7|coast\.rss/iu);
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
