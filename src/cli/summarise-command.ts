/**
 * `news-digest summarise <url|file|->` (alias `summarize`): one article to a readable card or,
 * with `--json`, to the summary as JSON. `--batch FILE|-` streams JSON lines in and out so that
 * thousands of articles go through one process.
 */
import { formatFigureAmount } from '../text/format-figure.js';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { unsaidContext } from '../commands/render-summary-card.js';
import { extractArticle, type ExtractedArticle } from '../extract/extract-article.js';
import { fetchArticlePage } from '../extract/fetch-article-page.js';
import type { Summary } from '../model.js';
import { createHttpClient, type HttpClient } from '../net/http-client.js';
import type { SummaryInput } from '../ports.js';
import { summariseArticle, type SummariseOptions } from '../summarise/summarise-article.js';
import { UsageError, type CliRuntime } from './cli-runtime.js';

/** Largest article read from a file or standard input. */
const MAX_INPUT_BYTES = 20 * 1024 * 1024;
/** URLs fetched at once in batch mode; output keeps the input order. */
const BATCH_CONCURRENCY = 4;

interface SummariseFlags {
  readonly json?: boolean;
  readonly batch?: string;
  readonly title?: string;
  readonly language?: string;
  readonly maxClaims?: string;
  readonly maxFigures?: string;
}

export function registerSummariseCommand(program: Command, runtime: CliRuntime): void {
  program
    .command('summarise')
    .alias('summarize')
    .description(
      'reduce an article (URL, .html file, text file, or - for standard input) to key claims and figures',
    )
    .argument('[source]', 'http(s) URL, file path, or - to read standard input')
    .option('--json', 'print the summary as JSON')
    .option(
      '--batch <file>',
      'read JSON lines ({"id", "text"|"html"|"url"}) from FILE or -, write one JSON line each',
    )
    .option('--title <text>', 'headline, when the text does not start with one')
    .option('--language <code>', 'language of the text (ISO 639-1), instead of detecting it')
    .option('--max-claims <n>', 'claims besides the gist')
    .option('--max-figures <n>', 'key figures at most')
    .action(async (source: string | undefined, flags: SummariseFlags) => {
      const options = parseOptions(flags);
      const network = lazyHttpClient(runtime);
      if (flags.batch !== undefined) {
        if (source !== undefined)
          throw new UsageError('summarise: give either a source or --batch, not both');
        const input = flags.batch === '-' ? runtime.io.stdin : undefined;
        await runBatch(input ?? (await openFileStream(flags.batch)), runtime, options, network);
        return;
      }
      if (source === undefined)
        throw new UsageError('summarise: missing source (a URL, a file, or - for standard input)');
      const article = await readSource(source, runtime, network);
      const summary = summariseArticle(
        {
          ...toSummaryInput(article),
          ...(flags.title === undefined ? {} : { title: flags.title }),
          ...(flags.language === undefined ? {} : { language: flags.language }),
        },
        options,
      );
      const out = runtime.io.stdout;
      out.write(
        flags.json ? `${JSON.stringify(summary, null, 2)}\n` : renderCard(summary, Boolean(out.isTTY)),
      );
    });
}

function parseOptions(flags: SummariseFlags): SummariseOptions {
  const count = (name: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0 || parsed > 100) {
      throw new UsageError(`summarise: ${name} expects a whole number from 0 to 100, got "${value}"`);
    }
    return parsed;
  };
  const maxClaims = count('--max-claims', flags.maxClaims);
  const maxFigures = count('--max-figures', flags.maxFigures);
  return {
    ...(maxClaims === undefined ? {} : { maxClaims }),
    ...(maxFigures === undefined ? {} : { maxFigures }),
  };
}

/** The HTTP client is built on first use: summarising files needs no configuration. */
function lazyHttpClient(runtime: CliRuntime): () => Promise<HttpClient> {
  let client: Promise<HttpClient> | undefined;
  return () => (client ??= runtime.settings().then((settings) => createHttpClient(settings.network)));
}

function isUrl(source: string): boolean {
  return /^https?:\/\//iu.test(source);
}

function looksLikeHtml(text: string): boolean {
  return /^\s*<(?:!doctype|html|head|body|article|div|p)\b/iu.test(text);
}

async function readSource(
  source: string,
  runtime: CliRuntime,
  network: () => Promise<HttpClient>,
): Promise<ExtractedArticle> {
  if (isUrl(source)) return fetchArticlePage(source, await network());
  const raw =
    source === '-' ? await readStream(runtime.io.stdin, 'standard input') : await readTextFile(source);
  return /\.x?html?$/iu.test(source) || looksLikeHtml(raw) ? extractArticle(raw) : { text: raw };
}

async function readTextFile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot read ${path}${code === undefined ? '' : ` (${code})`}`, { cause: error });
  }
  if (bytes.length > MAX_INPUT_BYTES)
    throw new Error(`${path} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB`);
  return bytes.toString('utf8');
}

async function readStream(stream: Readable, name: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_INPUT_BYTES) throw new Error(`${name} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function openFileStream(path: string): Promise<Readable> {
  const { createReadStream } = await import('node:fs');
  const stream = createReadStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (error) =>
      reject(
        new Error(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? error.message})`, {
          cause: error,
        }),
      ),
    );
  });
  return stream;
}

function toSummaryInput(article: ExtractedArticle): SummaryInput {
  return {
    text: article.text,
    ...(article.title === undefined ? {} : { title: article.title }),
    ...(article.url === undefined ? {} : { url: article.url }),
    ...(article.publishedAt === undefined ? {} : { publishedAt: article.publishedAt }),
    ...(article.language === undefined ? {} : { language: article.language }),
    ...(article.byline === undefined ? {} : { author: article.byline }),
  };
}

/** One batch line in: `{ "id", "text" | "html" | "url", "title"?, "language"?, "author"? }`. */
interface BatchRequest {
  readonly id: unknown;
  readonly text?: unknown;
  readonly html?: unknown;
  readonly url?: unknown;
  readonly title?: unknown;
  readonly language?: unknown;
  readonly author?: unknown;
}

async function runBatch(
  input: Readable,
  runtime: CliRuntime,
  options: SummariseOptions,
  network: () => Promise<HttpClient>,
): Promise<void> {
  const out = runtime.io.stdout;
  const lines = createInterface({ input, crlfDelay: Infinity });
  const pending: Promise<string>[] = [];
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    pending.push(summariseBatchLine(line, lineNumber, options, network));
    if (pending.length >= BATCH_CONCURRENCY) await writeLine(out, await (pending.shift() as Promise<string>));
  }
  for (const result of pending) await writeLine(out, await result);
}

/** Writes one output line, waiting when the reader is slower than the summariser. */
async function writeLine(out: CliRuntime['io']['stdout'], line: string): Promise<void> {
  if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}

async function summariseBatchLine(
  line: string,
  lineNumber: number,
  options: SummariseOptions,
  network: () => Promise<HttpClient>,
): Promise<string> {
  let id: unknown = lineNumber;
  try {
    let request: BatchRequest;
    try {
      request = JSON.parse(line) as BatchRequest;
    } catch {
      throw new Error(`line ${lineNumber} is not JSON`);
    }
    if (typeof request !== 'object' || request === null)
      throw new Error(`line ${lineNumber} is not a JSON object`);
    id = request.id ?? lineNumber;
    const article = await readBatchArticle(request, lineNumber, network);
    const summary: Summary = summariseArticle(
      {
        ...toSummaryInput(article),
        ...(typeof request.title === 'string' ? { title: request.title } : {}),
        ...(typeof request.language === 'string' ? { language: request.language } : {}),
        ...(typeof request.author === 'string' ? { author: request.author } : {}),
      },
      options,
    );
    return `${JSON.stringify({ id, ...summary })}\n`;
  } catch (error) {
    return `${JSON.stringify({ id, error: error instanceof Error ? error.message : String(error) })}\n`;
  }
}

async function readBatchArticle(
  request: BatchRequest,
  lineNumber: number,
  network: () => Promise<HttpClient>,
): Promise<ExtractedArticle> {
  if (typeof request.text === 'string') return { text: request.text };
  if (typeof request.html === 'string') return extractArticle(request.html);
  if (typeof request.url === 'string') {
    if (!isUrl(request.url)) throw new Error(`line ${lineNumber}: "url" must be an http(s) URL`);
    return fetchArticlePage(request.url, await network());
  }
  throw new Error(`line ${lineNumber} needs "text", "html" or "url"`);
}

/** A card for a terminal: headline, gist, claims with sources, figures with what they count. */
export function renderCard(summary: Summary, colour: boolean): string {
  const bold = (text: string): string => (colour ? `\u001b[1m${text}\u001b[22m` : text);
  const dim = (text: string): string => (colour ? `\u001b[2m${text}\u001b[22m` : text);
  const lines: string[] = [bold(summary.title)];
  if (summary.url !== undefined) lines.push(dim(summary.url));
  lines.push(
    dim(`${summary.language} · ${summary.stats.words} words · ${summary.stats.ms} ms`),
    '',
    summary.gist,
  );
  if (summary.claims.length > 0) {
    lines.push('', bold('Key claims'));
    for (const claim of summary.claims) {
      const source = unsaidContext(claim);
      lines.push(`  • ${claim.text}${source === '' ? '' : dim(` (${source})`)}`);
    }
  }
  if (summary.figures.length > 0) {
    lines.push('', bold('Key figures'));
    for (const figure of summary.figures) {
      const source = [figure.attribution, figure.date].filter((part) => part !== undefined).join(', ');
      const counts = figure.counts.trim();
      lines.push(
        `  • ${bold(formatFigureAmount(figure))}${counts === '' ? '' : ` — ${counts}`}${source === '' ? '' : dim(` (${source})`)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
