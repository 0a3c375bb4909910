import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion, migrations } from '../../src/store/migrations.js';
import { migrateDatabase, openSqliteStore, StoreOpenError } from '../../src/store/sqlite-store.js';
import { makeArticle, storeContract } from '../contracts/store-contract.js';

storeContract('sqlite (memory)', () => openSqliteStore(':memory:'));

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'news-digest-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

storeContract('sqlite (file)', () => openSqliteStore(join(tempDir(), 'data', 'news.db')));

describe('sqlite store on a real file', () => {
  it('creates the data directory and the database in WAL mode at the latest schema version', async () => {
    const path = join(tempDir(), 'nested', 'data', 'news.db');
    const store = await openSqliteStore(path);
    expect(store.schemaVersion).toBe(latestSchemaVersion);
    await store.close();
    expect(existsSync(path)).toBe(true);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('keeps data across reopening', async () => {
    const path = join(tempDir(), 'news.db');
    const store = await openSqliteStore(path);
    await store.upsertArticle(makeArticle({ id: 'kept' }), new Date('2026-11-27T08:00:00Z'));
    await store.close();
    const reopened = await openSqliteStore(path);
    expect((await reopened.getItem('kept'))?.article.title).toBe('Story kept');
    await reopened.close();
  });

  it.each(migrations.map((m) => m.version - 1))(
    'upgrades a database from schema version %i keeping its data',
    async (from) => {
      const path = join(tempDir(), 'news.db');
      const db = new Database(path);
      migrateDatabase(db, path, from);
      expect(db.pragma('user_version', { simple: true })).toBe(from);
      db.close();
      const store = await openSqliteStore(path);
      expect(store.schemaVersion).toBe(latestSchemaVersion);
      await store.upsertArticle(makeArticle({ id: 'after-upgrade' }), new Date());
      expect(await store.getItem('after-upgrade')).toBeDefined();
      await store.close();
    },
  );

  it('refuses a database from a newer version and leaves it untouched', async () => {
    const path = join(tempDir(), 'news.db');
    const db = new Database(path);
    db.exec('CREATE TABLE keep_me (x INTEGER); INSERT INTO keep_me VALUES (42);');
    db.pragma(`user_version = ${latestSchemaVersion + 5}`);
    db.close();
    const sizeBefore = statSync(path).size;
    await expect(openSqliteStore(path)).rejects.toThrow(/newer news-digest.*Upgrade news-digest/);
    const check = new Database(path, { readonly: true });
    expect(check.prepare('SELECT x FROM keep_me').get()).toEqual({ x: 42 });
    expect(check.pragma('user_version', { simple: true })).toBe(latestSchemaVersion + 5);
    check.close();
    expect(statSync(path).size).toBe(sizeBefore);
  });

  it('explains an unwritable data directory', async () => {
    const blocker = join(tempDir(), 'not-a-directory');
    writeFileSync(blocker, 'x');
    const error = await openSqliteStore(join(blocker, 'news.db')).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toMatch(/Cannot create the data directory .*store\.path/);
  });

  it('explains a file that is not a database', async () => {
    const path = join(tempDir(), 'garbage.db');
    writeFileSync(path, 'this is not sqlite '.repeat(100));
    chmodSync(path, 0o644);
    await expect(openSqliteStore(path)).rejects.toThrow(StoreOpenError);
  });
});
