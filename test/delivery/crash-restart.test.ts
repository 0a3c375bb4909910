import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { addChannelWithFeeds, storeArticle } from '../digest/fixtures/seed-store.js';
import { makeArticle, makeSummary } from '../digest/fixtures/stored-items.js';

const dir = mkdtempSync(join(tmpdir(), 'news-digest-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const worker = join(import.meta.dirname, 'fixtures', 'crash-worker.ts');
const now = '2026-11-27T09:00:00.000Z';

/** Runs the worker; with `killOn`, SIGKILLs it as soon as that text appears on its stderr. */
function runWorker(
  db: string,
  out: string,
  mode: string,
  killOn?: string,
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker, db, out, now, mode], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (killOn && stderr.includes(killOn)) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

describe('crash between pending and delivered', () => {
  it('delivers every due digest and alert exactly once across a kill and two restarts', async () => {
    const db = join(dir, 'bot.sqlite');
    const out = join(dir, 'console.txt');
    const store = await openSqliteStore(db);
    const feed = 'https://wire.example/rss';
    await addChannelWithFeeds(
      store,
      {
        platform: 'console',
        channelId: 'terminal',
        cron: '0 8 * * *',
        timezone: 'UTC',
        lastDigestAt: '2026-11-26T08:00:00.000Z',
        digestCursor: 0,
      },
      [feed],
      new Date('2026-11-26T08:00:00Z'),
    );
    // Not due for a long time: the worker must not fetch.
    await store.updateFeedState(feed, { nextFetchAt: '2100-01-01T00:00:00.000Z' });
    const title = 'Dam repairs finished ahead of schedule';
    await storeArticle(
      store,
      makeArticle({ id: 'a1', feedUrl: feed, title }),
      '2026-11-27T06:00:00Z',
      makeSummary(title, 'Engineers finished the dam repairs, the ministry said.'),
    );
    await store.enqueueDelivery(
      {
        key: 'alert:console:U1:a1',
        platform: 'console',
        target: { kind: 'channel', channelId: 'terminal' },
        kind: 'alert',
        message: { title: 'Alert: dam', cards: [] },
      },
      new Date('2026-11-27T06:01:00Z'),
    );
    await store.close();

    // Start-up delivers the pending alert, records the missed 08:00 digest, and is killed while
    // posting it.
    const crashed = await runWorker(db, out, 'hang:digest:', 'POSTING digest:');
    expect(crashed.signal).toBe('SIGKILL');
    const digestKey = 'digest:console:terminal:2026-11-27T08:00:00.000Z';
    const mid = await openSqliteStore(db);
    expect((await mid.getDelivery('alert:console:U1:a1'))?.status).toBe('delivered');
    expect((await mid.getDelivery(digestKey))?.status).toBe('pending');
    // The cursor moved with the record: a restart cannot build the slot a second time.
    expect((await mid.getChannel('console', 'terminal'))?.lastDigestAt).toBe('2026-11-27T08:00:00.000Z');
    await mid.close();
    expect(readOrEmpty(out)).not.toContain(title);

    expect((await runWorker(db, out, 'normal')).stderr).toContain('IDLE');
    expect((await runWorker(db, out, 'normal')).stderr).toContain('IDLE');

    const printed = readOrEmpty(out);
    expect(printed.match(/== Alert: dam ==/g)).toHaveLength(1);
    expect(printed.match(new RegExp(title, 'g'))).toHaveLength(1);
    const final = await openSqliteStore(db);
    expect((await final.getDelivery(digestKey))?.status).toBe('delivered');
    expect(await final.pendingDeliveries(new Date('2100-01-01T00:00:00Z'))).toEqual([]);
    await final.close();
  }, 120_000);
});
