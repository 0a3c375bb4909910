/**
 * `news-digest serve` as a real process with the console platform: it fetches a feed from a local
 * server, posts a live card for each new item, stops cleanly on SIGTERM, and after a restart does
 * not post the same items again.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../net/start-test-server.js';
import { repositoryRoot } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'news-digest-serve-'));
let feedServer: TestServer;

const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>https://gazette.example/</link>
<item><guid>gazette-1</guid><title>Port authority reports record 4.2 million containers</title>
<link>https://gazette.example/port-record</link><pubDate>Thu, 26 Nov 2026 09:00:00 GMT</pubDate>
<description><![CDATA[<p>The port authority said on Thursday that it handled 4.2 million containers this year, up 12% on last year.</p><p>"It is the busiest year we have ever had," its director, Ana Lind, told reporters.</p>]]></description></item>
<item><guid>gazette-2</guid><title>City council approves new ferry line</title>
<link>https://gazette.example/ferry</link><pubDate>Thu, 26 Nov 2026 10:00:00 GMT</pubDate>
<description><![CDATA[<p>The city council approved a new ferry line on Wednesday, according to the transport office.</p><p>The line will carry about 3,000 passengers a day, the office said.</p>]]></description></item>
</channel></rss>`;

function writeConfig(feedUrl: string): string {
  const path = join(dir, 'config.yaml');
  writeFileSync(
    path,
    [
      'feeds:',
      `  - url: ${feedUrl}`,
      '    name: Harbour Gazette',
      'channels:',
      '  - platform: console',
      '    id: terminal',
      '    mode: live',
      '    feeds: all',
      'network:',
      '  allowPrivateAddresses: true',
      `store:`,
      `  path: ${join(dir, 'data', 'news.db')}`,
      'log:',
      '  level: info',
    ].join('\n'),
  );
  return path;
}

interface ServeRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
}

/** Starts `serve`, waits until `ready(stdout)` holds (or a timeout), then sends SIGTERM. */
function runServe(configPath: string, ready: (stdout: string, stderr: string) => boolean): Promise<ServeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(repositoryRoot, 'bin', 'news-digest.js'), '--config', configPath, 'serve'],
      {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    let signalled = false;
    const stop = () => {
      if (signalled) return;
      signalled = true;
      child.kill('SIGTERM');
    };
    const check = () => {
      if (ready(stdout, stderr)) stop();
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      check();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      check();
    });
    const deadline = setTimeout(stop, 15_000);
    const hardDeadline = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(deadline);
      clearTimeout(hardDeadline);
      resolve({ stdout, stderr, code });
    });
  });
}

beforeAll(async () => {
  feedServer = await startTestServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    res.end(rss);
  });
});

afterAll(async () => {
  await feedServer.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('news-digest serve (console)', () => {
  it('posts each new item once, stops on SIGTERM, and posts nothing twice after a restart', async () => {
    const config = writeConfig(`${feedServer.url}/feed.xml`);
    const first = await runServe(
      config,
      (stdout) =>
        stdout.includes('City council approves new ferry line') && stdout.includes('record 4.2 million'),
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Port authority reports record 4.2 million containers');
    expect(first.stdout).toContain('4.2 million');
    expect(first.stdout.split('City council approves new ferry line').length - 1).toBe(1);
    expect(first.stderr).toMatch(/shutting down/);
    expect(first.stderr).not.toMatch(/\n\s+at /);
    const heartbeat = JSON.parse(readFileSync(join(dir, 'data', 'news-digest.heartbeat.json'), 'utf8')) as {
      pid: number;
    };
    expect(heartbeat.pid).toBeGreaterThan(0);

    const second = await runServe(config, (_stdout, stderr) => stderr.includes('news-digest is running'));
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('City council approves new ferry line');
    expect(second.stdout).not.toContain('Port authority reports record');
  }, 60_000);
});
