/**
 * Loads the hand-written gold annotations (bench/gold/*.json) and the corpus articles they describe.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { GoldAnnotation } from './summary-metrics.js';

const GoldFigureSchema = z.object({
  value: z.number().finite(),
  accept: z.array(z.string().min(1)).optional(),
  counts: z.string().min(1),
  attribution: z.array(z.string().min(1)).min(1).nullable(),
  attributionOptional: z.boolean().optional(),
  date: z.string().min(1).optional(),
});

const GoldClaimSchema = z.object({
  text: z.string().min(1),
  attribution: z.array(z.string().min(1)).min(1).nullable(),
  attributionOptional: z.boolean().optional(),
  date: z.string().min(1).optional(),
});

const GoldAnnotationSchema = z.object({
  article: z.string().min(1),
  keyFigures: z.array(GoldFigureSchema),
  claims: z.array(GoldClaimSchema).min(1),
});

export class GoldFileError extends Error {
  override readonly name = 'GoldFileError';
  constructor(
    readonly file: string,
    problem: string,
    options?: ErrorOptions,
  ) {
    super(`Gold annotation ${file} is invalid: ${problem}`, options);
  }
}

/** Parses and validates one gold file's JSON text. */
export function parseGoldAnnotation(file: string, json: string): GoldAnnotation {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new GoldFileError(file, 'not JSON', { cause: error });
  }
  const parsed = GoldAnnotationSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`,
    );
    throw new GoldFileError(file, problems.join('; '));
  }
  const { article, keyFigures, claims } = parsed.data;
  return {
    article,
    claims: claims.map((claim) => ({
      text: claim.text,
      attribution: claim.attribution,
      ...(claim.attributionOptional === undefined ? {} : { attributionOptional: claim.attributionOptional }),
      ...(claim.date === undefined ? {} : { date: claim.date }),
    })),
    keyFigures: keyFigures.map((figure) => ({
      value: figure.value,
      counts: figure.counts,
      attribution: figure.attribution,
      ...(figure.accept === undefined ? {} : { accept: figure.accept }),
      ...(figure.attributionOptional === undefined
        ? {}
        : { attributionOptional: figure.attributionOptional }),
      ...(figure.date === undefined ? {} : { date: figure.date }),
    })),
  };
}

/** One benchmark case: the gold annotation, the article text and what a feed would say about it. */
export interface BenchCase {
  readonly name: string;
  readonly gold: GoldAnnotation;
  readonly text: string;
  readonly title?: string;
  readonly publishedAt?: string;
  /** Language the page declares (only reported: the summariser is left to detect it). */
  readonly declaredLanguage?: string;
}

const MetadataSchema = z
  .object({
    title: z.string().nullish(),
    publishedTime: z.string().nullish(),
    lang: z.string().nullish(),
  })
  .passthrough();

async function readMetadata(articlePath: string): Promise<z.infer<typeof MetadataSchema> | undefined> {
  const metadataPath = join(articlePath, '..', 'metadata.json');
  let json: string;
  try {
    json = await readFile(metadataPath, 'utf8');
  } catch (error) {
    // Articles without a metadata.json (the seed text) take their title from the first line.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return MetadataSchema.parse(JSON.parse(json));
}

/** Reads every gold file in `goldDir` and the article each names under `articlesDir`, sorted by name. */
export async function loadBenchCases(goldDir: string, articlesDir: string): Promise<BenchCase[]> {
  const files = (await readdir(goldDir)).filter((file) => file.endsWith('.json')).sort();
  const cases: BenchCase[] = [];
  for (const file of files) {
    const gold = parseGoldAnnotation(file, await readFile(join(goldDir, file), 'utf8'));
    const articlePath = join(articlesDir, gold.article);
    let text: string;
    try {
      text = await readFile(articlePath, 'utf8');
    } catch (error) {
      throw new GoldFileError(file, `its article ${gold.article} cannot be read`, { cause: error });
    }
    const metadata = await readMetadata(articlePath);
    const firstLine = text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim();
    const title = metadata?.title ?? firstLine;
    cases.push({
      name: file.replace(/\.json$/u, ''),
      gold,
      text,
      ...(title ? { title } : {}),
      ...(metadata?.publishedTime ? { publishedAt: metadata.publishedTime } : {}),
      ...(metadata?.lang ? { declaredLanguage: metadata.lang } : {}),
    });
  }
  return cases;
}
