import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../cli/run-cli.js';
import { startTestServer, type TestServer } from '../net/start-test-server.js';
import { rssDocument } from '../scheduler/scheduler-test-kit.js';

const dir = mkdtempSync(join(tmpdir(), 'news-digest-serve-'));
let server: TestServer;

beforeAll(async () => {
  const published = new Date(Date.now() - 3_600_000).toUTCString();
  server = await startTestServer((req, res) => {
    if (req.url !== '/wire.xml') {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(
      rssDocument('Wire', server.url, [
        {
          id: 'ferry',
          title: 'Ferry service resumes after the storm',
          text:
            'Ferries sailed again on Friday, the operator said. About 2,000 passengers had been stranded, officials said. ' +
            'The port authority said the timetable would be back to normal on Monday after the inspections of the piers.',
          date: published,
        },
      ]),
    );
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs `serve` until `stopWhen` appears on stdout or in the log (then SIGTERM), or a time limit
 * passes. On SIGTERM the bot finishes the jobs it has queued (the start-up poll included) first.
 */
function serveUntil(
  config: string,
  stopWhen: string,
  beforeStop: () => void = () => undefined,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(repositoryRoot, 'bin', 'news-digest.js'), '--config', config, 'serve'],
      {
        cwd: repositoryRoot,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    const limit = setTimeout(() => child.kill('SIGTERM'), 45_000);
    let stopping = false;
    const check = () => {
      // One SIGTERM only: a second one would end the process before its clean shutdown.
      if (stopping || !(stdout + stderr).includes(stopWhen)) return;
      stopping = true;
      beforeStop();
      child.kill('SIGTERM');
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      check();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      check();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(limit);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('news-digest serve with the console platform (real process)', () => {
  it('prints a live card for a new item as it arrives, with its key figure and claim, and exits cleanly', async () => {
    const config = join(dir, 'serve.yaml');
    writeFileSync(
      config,
      `feeds:
  - url: ${server.url}/wire.xml
    name: Wire
channels:
  - platform: console
    id: terminal
    mode: live
    feeds: all
store:
  path: ${join(dir, 'serve.sqlite')}
network:
  allowPrivateAddresses: true
log:
  level: info
`,
    );
    const heartbeatFile = join(dir, 'news-digest.heartbeat.json');
    let heartbeatWhileRunning: { pid: number } | undefined;
    const first = await serveUntil(config, 'Claims:', () => {
      heartbeatWhileRunning = JSON.parse(readFileSync(heartbeatFile, 'utf8')) as { pid: number };
    });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('--- #terminal ---');
    expect(first.stdout).toContain('* Ferry service resumes after the storm');
    expect(first.stdout).toContain('About 2,000 — passengers stranded (officials)');
    expect(first.stdout).toContain('The port authority said the timetable would be back to normal on Monday');
    expect(first.stdout.match(/Ferry service resumes/g)).toHaveLength(1);
    expect(first.stderr).not.toMatch(/\n\s+at /);
    // While it runs, serve keeps a heartbeat next to the database for `news-digest health`, and
    // removes it on a clean shutdown.
    expect(heartbeatWhileRunning?.pid).toBeGreaterThan(0);
    expect(existsSync(heartbeatFile)).toBe(false);

    // A restart (stopped once it runs: its start-up poll still completes) posts nothing again.
    const second = await serveUntil(config, 'news-digest is running');
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('Ferry service resumes');
  }, 120_000);
});
