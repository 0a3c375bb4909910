import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateArticle, aggregateScores } from '../../bench/summary-evaluate.js';
import { GoldFileError, loadBenchCases, parseGoldAnnotation } from '../../bench/summary-gold.js';
import { selectBodyParagraphs, splitSentences } from '../../bench/summary-lead3.js';
import { checkGrounding } from '../../bench/summary-grounding.js';
import { CLAIM_COVERAGE_THRESHOLD, contentRecall } from '../../bench/summary-metrics.js';
import { normaliseWrittenForm, tokeniseWords } from '../../bench/summary-text.js';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const goldDir = join(repositoryRoot, 'bench', 'gold');
const heldOutDir = join(goldDir, 'held-out');
const blindDir = join(goldDir, 'blind');
const corpusDir = resolve(repositoryRoot, '..', 'shared', 'corpus');
const articlesDir = join(corpusDir, 'articles');
const corpus = { articles: articlesDir, feeds: join(corpusDir, 'feeds') };

/**
 * Every gold case of the three sets alike: the same rules hold for all. Only the gold and the
 * item text are checked here; the summariser is never run, so nothing of its output on the blind
 * set is seen.
 */
async function loadAllCases() {
  return [
    ...(await loadBenchCases(goldDir, corpus)),
    ...(await loadBenchCases(heldOutDir, corpus)),
    ...(await loadBenchCases(blindDir, corpus)),
  ];
}

async function listGoldFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((file) => file.endsWith('.json'));
}

describe('gold annotations', () => {
  it('rejects a file with a missing field and names the file and the field', () => {
    const json = JSON.stringify({
      article: 'a.txt',
      keyFigures: [{ value: 3, attribution: null }],
      claims: [],
    });
    expect(() => parseGoldAnnotation('a.json', json)).toThrow(GoldFileError);
    expect(() => parseGoldAnnotation('a.json', json)).toThrow(/a\.json.*keyFigures\.0\.counts/u);
    expect(() => parseGoldAnnotation('b.json', '{')).toThrow(/b\.json is invalid: not JSON/u);
  });

  it('keeps optional fields only when present', () => {
    const gold = parseGoldAnnotation(
      'c.json',
      JSON.stringify({
        article: 'c.txt',
        keyFigures: [{ value: 5, counts: 'x', attribution: ['Kyiv'], attributionOptional: true }],
        claims: [{ text: 'A claim.', attribution: null }],
      }),
    );
    expect(gold.keyFigures[0]).toEqual({
      value: 5,
      counts: 'x',
      attribution: ['Kyiv'],
      attributionOptional: true,
    });
    expect(gold.claims[0]).toEqual({ text: 'A claim.', attribution: null });
  });

  it('needs exactly one of an article and a feed item', () => {
    const claims = [{ text: 'A claim.', attribution: null }];
    const both = { article: 'a.txt', feedItem: { file: 'f.xml', guid: 'g' }, keyFigures: [], claims };
    expect(() => parseGoldAnnotation('d.json', JSON.stringify(both))).toThrow(/d\.json.*either/u);
    const neither = { keyFigures: [], claims };
    expect(() => parseGoldAnnotation('e.json', JSON.stringify(neither))).toThrow(/e\.json.*either/u);
    const item = { feedItem: { file: 'f.xml', guid: 'g' }, keyFigures: [], claims };
    expect(parseGoldAnnotation('f.json', JSON.stringify(item))).toEqual(item);
  });

  it('reads a feed item through the feed parser and names a GUID the feed lacks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'summary-gold-'));
    try {
      await mkdir(join(dir, 'feeds'));
      await mkdir(join(dir, 'gold'));
      await writeFile(
        join(dir, 'feeds', 'wire.rss'),
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>' +
          '<item><title>Bridge reopens</title><guid isPermaLink="false">7</guid>' +
          '<pubDate>Tue, 05 Apr 2022 10:00:00 GMT</pubDate>' +
          '<description>&lt;p&gt;The bridge &lt;b&gt;reopened&lt;/b&gt; on Monday.&lt;/p&gt;&lt;p&gt;Traffic was light.&lt;/p&gt;</description>' +
          '</item></channel></rss>',
      );
      const gold = (guid: string): string =>
        JSON.stringify({
          feedItem: { file: 'wire.rss', guid },
          keyFigures: [],
          claims: [{ text: 'The bridge reopened on Monday.', attribution: null }],
        });
      await writeFile(join(dir, 'gold', 'bridge.json'), gold('7'));
      const folders = { articles: join(dir, 'articles'), feeds: join(dir, 'feeds') };
      const [bridge] = await loadBenchCases(join(dir, 'gold'), folders);
      // Markup becomes text with paragraph breaks, as the bot reads feed content.
      expect(bridge).toMatchObject({
        name: 'bridge',
        title: 'Bridge reopens',
        text: 'The bridge reopened on Monday.\n\nTraffic was light.',
        publishedAt: '2022-04-05T10:00:00.000Z',
      });
      await writeFile(join(dir, 'gold', 'bridge.json'), gold('8'));
      await expect(loadBenchCases(join(dir, 'gold'), folders)).rejects.toThrow(
        /bridge\.json is invalid: its feed wire\.rss has no item with GUID 8/u,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('has a valid file for every article of the benchmark', async () => {
    const files = await listGoldFiles(goldDir);
    expect(files.length).toBeGreaterThanOrEqual(9);
    for (const file of files) {
      const gold = parseGoldAnnotation(file, await readFile(join(goldDir, file), 'utf8'));
      expect(gold.claims.length).toBeGreaterThan(0);
    }
  });

  it.each([
    { set: 'validation', dir: heldOutDir, atLeast: 10 },
    { set: 'blind', dir: blindDir, atLeast: 12 },
  ])('has a $set set of feed items, each with four to six claims', async ({ dir, atLeast }) => {
    const files = await listGoldFiles(dir);
    expect(files.length).toBeGreaterThanOrEqual(atLeast);
    for (const file of files) {
      const gold = parseGoldAnnotation(file, await readFile(join(dir, file), 'utf8'));
      expect({ file, feedItem: 'feedItem' in gold }).toEqual({ file, feedItem: true });
      expect(gold.claims.length, file).toBeGreaterThanOrEqual(4);
      expect(gold.claims.length, file).toBeLessThanOrEqual(6);
    }
  });

  it('never uses one feed item in both the validation set and the blind set', async () => {
    const itemsOf = async (dir: string): Promise<string[]> =>
      Promise.all(
        (await listGoldFiles(dir)).map(async (file) => {
          const gold = parseGoldAnnotation(file, await readFile(join(dir, file), 'utf8'));
          return 'feedItem' in gold ? `${gold.feedItem.file} ${gold.feedItem.guid}` : gold.article;
        }),
      );
    const validation = new Set(await itemsOf(heldOutDir));
    const shared = (await itemsOf(blindDir)).filter((item) => validation.has(item));
    expect(shared).toEqual([]);
  });

  // The corpus lives outside the repository; without it there is nothing to check against.
  it.skipIf(!existsSync(articlesDir))('only uses figures that occur in each article', async () => {
    const cases = await loadAllCases();
    for (const benchCase of cases) {
      const report = checkGrounding(
        {
          gist: '',
          claims: [],
          figures: benchCase.gold.keyFigures.map((figure) => ({
            text: figure.accept?.[0] ?? String(figure.value),
            value: figure.value,
            counts: '',
          })),
        },
        benchCase.text,
      );
      expect({ article: benchCase.name, ungrounded: report.ungrounded }).toEqual({
        article: benchCase.name,
        ungrounded: [],
      });
    }
  });

  it.skipIf(!existsSync(articlesDir))(
    'lists written forms and dates as each article writes them',
    async () => {
      const cases = await loadAllCases();
      for (const benchCase of cases) {
        const text = normaliseWrittenForm(benchCase.text);
        const missing = benchCase.gold.keyFigures
          .flatMap((figure) => figure.accept ?? [])
          .filter((form) => !text.includes(normaliseWrittenForm(form)));
        const dates = [...benchCase.gold.keyFigures, ...benchCase.gold.claims].flatMap((item) =>
          item.date === undefined ? [] : [item.date],
        );
        const articleWords = new Set(tokeniseWords(benchCase.text));
        missing.push(...dates.filter((date) => !tokeniseWords(date).every((word) => articleWords.has(word))));
        expect({ article: benchCase.name, missing }).toEqual({ article: benchCase.name, missing: [] });
      }
    },
  );

  // Coverage is judged one output sentence at a time, so each gold claim must be one sentence's fact.
  it.skipIf(!existsSync(articlesDir))(
    'words each claim so that one article sentence can cover it',
    async () => {
      const cases = await loadAllCases();
      for (const benchCase of cases) {
        const sentences = selectBodyParagraphs(benchCase.text, benchCase.title).flatMap(splitSentences);
        const uncoverable = benchCase.gold.claims
          .map((claim) => claim.text)
          .filter(
            (claim) =>
              !sentences.some((sentence) => contentRecall(sentence, claim) >= CLAIM_COVERAGE_THRESHOLD),
          );
        expect({ article: benchCase.name, uncoverable }).toEqual({
          article: benchCase.name,
          uncoverable: [],
        });
      }
    },
  );

  it.skipIf(!existsSync(articlesDir))(
    'gives a perfect score to an output made from the gold itself',
    async () => {
      const cases = await loadAllCases();
      const evaluations = cases.map((benchCase) =>
        evaluateArticle(benchCase.name, benchCase.text, benchCase.gold, {
          gist: '',
          claims: benchCase.gold.claims.map((claim) => ({
            text: claim.text,
            ...(claim.attribution === null ? {} : { attribution: claim.attribution[0] ?? '' }),
          })),
          figures: benchCase.gold.keyFigures.map((figure) => ({
            text: String(figure.value),
            value: figure.value,
            counts: figure.counts,
            ...(figure.attribution === null ? {} : { attribution: figure.attribution[0] ?? '' }),
          })),
        }),
      );
      const scores = aggregateScores(evaluations);
      expect(scores.figureRecall).toBe(1);
      expect(scores.figurePrecision).toBe(1);
      expect(scores.attribution).toBe(1);
      expect(scores.claimsCovered).toBe(1);
      expect(scores.rouge1).toBeCloseTo(1);
    },
  );
});
