import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { latestSchemaVersion, migrations } from '../../src/store/migrations.js';
import {
  availableSqliteDrivers,
  defaultSqliteDriver,
  openSqlConnection,
} from '../../src/store/sql-connection.js';
import { migrateDatabase, openSqliteStore, StoreOpenError } from '../../src/store/sqlite-store.js';
import { makeArticle, storeContract } from '../contracts/store-contract.js';

const drivers = availableSqliteDrivers();
for (const driver of drivers)
  storeContract(`sqlite with ${driver} (memory)`, () => openSqliteStore(':memory:', driver));

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'news-digest-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

for (const driver of drivers) {
  storeContract(`sqlite with ${driver} (file)`, () =>
    openSqliteStore(join(tempDir(), 'data', 'news.db'), driver),
  );
}

describe('sqlite driver choice', () => {
  it('uses the built-in node:sqlite on Node 24 and later, better-sqlite3 before', () => {
    const major = Number(process.versions.node.split('.')[0]);
    expect(defaultSqliteDriver()).toBe(major >= 24 ? 'node:sqlite' : 'better-sqlite3');
  });

  it.runIf(drivers.length > 1).each(drivers)(
    'reads a database written with either driver (%s)',
    async (driver) => {
      const path = join(tempDir(), 'shared.db');
      const writer = await openSqliteStore(path, driver);
      await writer.upsertArticle(makeArticle({ id: 'portable' }), new Date('2026-11-27T08:00:00Z'));
      await writer.close();
      for (const other of drivers) {
        const reader = await openSqliteStore(path, other);
        expect((await reader.getItem('portable'))?.article.title).toBe('Story portable');
        await reader.close();
      }
    },
  );
});

describe('sqlite store on a real file', () => {
  it('creates the data directory and the database in WAL mode at the latest schema version', async () => {
    const path = join(tempDir(), 'nested', 'data', 'news.db');
    const store = await openSqliteStore(path);
    expect(store.schemaVersion).toBe(latestSchemaVersion);
    await store.close();
    expect(existsSync(path)).toBe(true);
    const db = openSqlConnection(path);
    expect(db.pragmaValue('journal_mode')).toBe('wal');
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
      const db = openSqlConnection(path);
      migrateDatabase(db, path, from);
      expect(db.pragmaValue('user_version')).toBe(from);
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
    const db = openSqlConnection(path);
    db.exec('CREATE TABLE keep_me (x INTEGER); INSERT INTO keep_me VALUES (42);');
    db.exec(`PRAGMA user_version = ${latestSchemaVersion + 5}`);
    db.close();
    const sizeBefore = statSync(path).size;
    await expect(openSqliteStore(path)).rejects.toThrow(/newer news-digest.*Upgrade news-digest/);
    const check = openSqlConnection(path);
    expect({ ...check.prepare('SELECT x FROM keep_me').get() }).toEqual({ x: 42 });
    expect(check.pragmaValue('user_version')).toBe(latestSchemaVersion + 5);
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
