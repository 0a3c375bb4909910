/**
 * The `summarise` subcommand as a user runs it: the built executable in a child process, reading
 * a file, standard input, an HTML file, a batch of JSON lines, and a URL served on loopback.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCard } from '../../src/cli/summarise-command.js';
import type { Summary } from '../../src/model.js';
import { repositoryRoot, runCliProcess } from '../cli/run-cli.js';

const ARTICLE = [
  'Port strike halts exports, union says',
  '',
  'Dock workers at the port of Alvera walked out on Monday, halting exports worth about $40 million a day, the union said.',
  '',
  'According to the port authority, 3,500 containers are waiting to be loaded. The strike could last two weeks, a union spokesman told reporters.',
].join('\n');

const PAGE = `<!doctype html><html lang="en"><head><title>Port strike halts exports</title>
<script>window.tracking = "9,999,999 visitors";</script></head><body><header>Menu</header>
<article><h1>Port strike halts exports</h1>
${ARTICLE.split('\n\n')
  .slice(1)
  .map((p) => `<p>${p}</p>`)
  .join('\n')}
<p>Officials said 12 ships were anchored outside the harbour, and that talks would resume on Wednesday afternoon in the capital.</p>
</article><footer>All rights reserved</footer></body></html>`;

const dir = mkdtempSync(join(tmpdir(), 'news-digest-summarise-'));
let server: Server;
let baseUrl = '';

beforeAll(async () => {
  writeFileSync(join(dir, 'article.txt'), ARTICLE);
  writeFileSync(join(dir, 'page.html'), PAGE);
  writeFileSync(join(dir, 'config.yaml'), 'network:\n  allowPrivateAddresses: true\n');
  server = createServer((request, response) => {
    if (request.url === '/story') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(PAGE);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

interface JsonSummary {
  title: string;
  url?: string;
  language: string;
  gist: string;
  claims: Array<{ text: string; attribution?: string; sentence: number }>;
  figures: Array<{
    text: string;
    value: number;
    unit?: string;
    counts: string;
    attribution?: string;
    sentence: number;
  }>;
  sentences: string[];
  stats: { words: number; ms: number };
}

describe('news-digest summarise', () => {
  it('prints the summary of a text file as JSON in the documented shape', async () => {
    const result = await runCliProcess(['summarise', join(dir, 'article.txt'), '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as JsonSummary;
    expect(Object.keys(summary)).toEqual([
      'title',
      'language',
      'gist',
      'claims',
      'figures',
      'sentences',
      'stats',
    ]);
    expect(summary.title).toBe('Port strike halts exports, union says');
    expect(summary.language).toBe('en');
    const containers = summary.figures.find((figure) => figure.value === 3500);
    expect(containers).toMatchObject({ text: '3,500', attribution: 'port authority' });
    expect(summary.sentences[containers?.sentence ?? -1]).toContain('3,500 containers');
    expect(summary.figures.find((figure) => figure.value === 40e6)).toMatchObject({
      unit: 'USD',
      attribution: 'union',
    });
    expect(summary.stats.words).toBeGreaterThan(30);
  });

  it('reads standard input and prints a readable card (alias summarize)', async () => {
    const result = await runCliProcess(['summarize', '-'], { input: ARTICLE });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Port strike halts exports, union says\n/u);
    expect(result.stdout).toMatch(/Key figures\n/u);
    expect(result.stdout).toMatch(/3,500 containers/u);
  });

  it('extracts an .html file before summarising it', async () => {
    const result = await runCliProcess(['summarise', join(dir, 'page.html'), '--json']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as JsonSummary;
    expect(summary.figures.map((figure) => figure.value)).toContain(3500);
    expect(summary.figures.map((figure) => figure.value)).not.toContain(9999999);
  });

  it('fetches a URL through the network policy and extraction', async () => {
    const result = await runCliProcess([
      'summarise',
      `${baseUrl}/story`,
      '--json',
      '--config',
      join(dir, 'config.yaml'),
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as JsonSummary;
    expect(summary.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/story$/u);
    expect(summary.figures.map((figure) => figure.value)).toContain(3500);
  });

  it('refuses a loopback URL under the default network policy, exit 1', async () => {
    const result = await runCliProcess(['summarise', `${baseUrl}/story`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/127\.0\.0\.1/u);
  });

  it('streams a batch of JSON lines, one result or error per input line, in order', async () => {
    const lines = [
      JSON.stringify({ id: 'a', text: ARTICLE }),
      JSON.stringify({ id: 'b', html: PAGE }),
      JSON.stringify({ id: 'c', text: '' }),
      'not json',
      JSON.stringify({ id: 'e', url: `${baseUrl}/missing` }),
      JSON.stringify({ id: 'f', url: `${baseUrl}/story` }),
    ].join('\n');
    const result = await runCliProcess(['summarise', '--batch', '-', '--config', join(dir, 'config.yaml')], {
      input: lines,
    });
    expect(result.code).toBe(0);
    const outputs = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: unknown; error?: string; figures?: unknown[] });
    expect(outputs.map((output) => output.id)).toEqual(['a', 'b', 'c', 4, 'e', 'f']);
    expect(outputs[0]?.figures?.length).toBeGreaterThan(0);
    expect(outputs[1]?.figures?.length).toBeGreaterThan(0);
    expect(outputs[2]?.error).toMatch(/empty/u);
    expect(outputs[3]?.error).toMatch(/not JSON/u);
    expect(outputs[4]?.error).toMatch(/404/u);
    expect(outputs[5]?.figures?.length).toBeGreaterThan(0);
  });

  it('credits the writer given as a batch line’s author with what they say in the first person', async () => {
    const text =
      'The harbour reopened to ferries on Monday after a week of repairs to the quay. ' +
      'I think the repairs were long overdue, and the crews worked through two storms to finish them. ' +
      'The port expects 4,000 passengers a day once the summer timetable starts in June.';
    const result = await runCliProcess(['summarise', '--batch', '-'], {
      input: JSON.stringify({ id: 'w', text, author: 'noreply@example.org (Ana Lind)' }),
    });
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as { claims: Array<{ text: string; attribution?: string }> };
    expect(output.claims.find((claim) => claim.text.startsWith('I think'))?.attribution).toBe('Ana Lind');
  });

  it('exits 2 without a source and 1 for a missing file', async () => {
    const missingSource = await runCliProcess(['summarise']);
    expect(missingSource.code).toBe(2);
    expect(missingSource.stderr).toMatch(/missing source/u);
    const missingFile = await runCliProcess(['summarise', join(dir, 'nope.txt')]);
    expect(missingFile.code).toBe(1);
    expect(missingFile.stderr).toMatch(/cannot read .*nope\.txt \(ENOENT\)/u);
  });

  it('reports an article it cannot summarise with exit 1 and a clear message', async () => {
    const result = await runCliProcess(['summarise', '-'], {
      input: 'Москва заявила об этом в понедельник.',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Cannot summarise this article: text in Cyrillic script is not supported/u);
  });

  it('stops quietly when the reader closes the pipe early (`| head`)', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: String(i), text: ARTICLE }));
    const child = spawn(
      process.execPath,
      [join(repositoryRoot, 'bin', 'news-digest.js'), 'summarise', '--batch', '-'],
      {
        env: { PATH: process.env.PATH ?? '' },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Read one chunk, then close our end as `head -c` does.
    child.stdout.once('data', () => child.stdout.destroy());
    // The child stops reading once it stops: the rest of our input has nowhere to go.
    child.stdin.on('error', () => undefined);
    child.stdin.end(`${lines.join('\n')}\n`);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled|at /u);
    expect(code).toBe(0);
  });
});

describe('the terminal card', () => {
  const summary: Summary = {
    title: 'Port strike halts exports',
    language: 'en',
    gist: 'Dock workers at the port of Alvera walked out on Monday.',
    claims: [
      {
        text: 'The strike could last two weeks, a union spokesman told reporters.',
        attribution: 'a union spokesman',
        sentence: 2,
      },
      { text: 'Talks resume on Wednesday.', attribution: 'Officials', date: 'Wednesday', sentence: 3 },
    ],
    figures: [],
    sentences: [],
    stats: { words: 60, ms: 1 },
  };

  it('names a source or date after a claim only when the claim does not already say it', () => {
    const card = renderCard(summary, false);
    expect(card).toContain('  • The strike could last two weeks, a union spokesman told reporters.\n');
    expect(card).toContain('  • Talks resume on Wednesday. (Officials)\n');
  });
});
