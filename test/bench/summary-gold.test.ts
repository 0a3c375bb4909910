import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
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
const articlesDir = resolve(repositoryRoot, '..', 'shared', 'corpus', 'articles');

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

  it('has a valid file for every article of the benchmark', async () => {
    const files = (await readdir(goldDir)).filter((file) => file.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(9);
    for (const file of files) {
      const gold = parseGoldAnnotation(file, await readFile(join(goldDir, file), 'utf8'));
      expect(gold.claims.length).toBeGreaterThan(0);
    }
  });

  // The corpus lives outside the repository; without it there is nothing to check against.
  it.skipIf(!existsSync(articlesDir))('only uses figures that occur in each article', async () => {
    const cases = await loadBenchCases(goldDir, articlesDir);
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
      const cases = await loadBenchCases(goldDir, articlesDir);
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
      const cases = await loadBenchCases(goldDir, articlesDir);
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
      const cases = await loadBenchCases(goldDir, articlesDir);
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
