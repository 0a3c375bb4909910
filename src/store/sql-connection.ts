/**
 * The small synchronous SQLite API the SQLite store needs, over one of two drivers:
 *
 * - Node.js 24 and later: the built-in `node:sqlite`. better-sqlite3 12 (the last major that runs
 *   on Node 20) aborts the process on Node 24 when the garbage collector finalises one of its
 *   statements (`Assertion failed: (env) != nullptr` in `RemoveEnvironmentCleanupHook`): seen
 *   here in the test suite, and reported upstream as better-sqlite3 issue 1515, closed without a
 *   fix for 12.x.
 * - Node.js 20 and 22: better-sqlite3 12 (`node:sqlite` does not exist on 20).
 *
 * Both run the same SQL (SQLite 3.x, `@name` and `?` parameters), and the store contract suite
 * runs against each driver the Node.js in use offers.
 */
import { createRequire } from 'node:module';

/** Positional values, or one object of named values (`@name` in the SQL, bare keys). */
export type SqlParameters = unknown[];

export interface SqlStatement {
  run(...parameters: SqlParameters): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(...parameters: SqlParameters): Record<string, unknown> | undefined;
  all(...parameters: SqlParameters): Record<string, unknown>[];
}

export interface SqlConnection {
  readonly driver: SqliteDriver;
  prepare(sql: string): SqlStatement;
  exec(sql: string): void;
  /** Wraps `work` in a transaction (a savepoint when nested); rolls back if it throws. */
  transaction<T>(work: () => T): () => T;
  /** Reads a pragma's single value, e.g. `user_version`. */
  pragmaValue(name: string): unknown;
  readonly isOpen: boolean;
  close(): void;
}

export type SqliteDriver = 'node:sqlite' | 'better-sqlite3';

interface NodeSqliteModule {
  DatabaseSync: new (path: string) => {
    prepare(sql: string): SqlStatement;
    exec(sql: string): void;
    close(): void;
    readonly isOpen: boolean;
  };
}

function loadNodeSqlite(): NodeSqliteModule | undefined {
  try {
    return process.getBuiltinModule?.('node:sqlite') as NodeSqliteModule | undefined;
  } catch {
    return undefined;
  }
}

/** The driver this Node.js should use (see the file comment for why). */
export function defaultSqliteDriver(): SqliteDriver {
  const major = Number(process.versions.node.split('.')[0]);
  return major >= 24 && loadNodeSqlite() ? 'node:sqlite' : 'better-sqlite3';
}

/**
 * The drivers that work on this Node.js: better-sqlite3 alone on 20, both on 22, node:sqlite
 * alone on 24 and later (where better-sqlite3 12 aborts).
 */
export function availableSqliteDrivers(): SqliteDriver[] {
  const major = Number(process.versions.node.split('.')[0]);
  const drivers: SqliteDriver[] = [];
  if (loadNodeSqlite()) drivers.push('node:sqlite');
  if (major < 24) drivers.push('better-sqlite3');
  return drivers;
}

/** Opens (creating if needed) the database file at `path`, or `:memory:`. */
export function openSqlConnection(path: string, driver: SqliteDriver = defaultSqliteDriver()): SqlConnection {
  return driver === 'node:sqlite' ? openWithNodeSqlite(path) : openWithBetterSqlite(path);
}

function withTransactions(
  driver: SqliteDriver,
  raw: { prepare(sql: string): SqlStatement; exec(sql: string): void; close(): void },
  isOpen: () => boolean,
): SqlConnection {
  let depth = 0;
  return {
    driver,
    prepare: (sql) => raw.prepare(sql),
    exec: (sql) => raw.exec(sql),
    transaction:
      <T>(work: () => T) =>
      (): T => {
        const savepoint = `nested_${depth}`;
        raw.exec(depth === 0 ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
        depth += 1;
        try {
          const result = work();
          depth -= 1;
          raw.exec(depth === 0 ? 'COMMIT' : `RELEASE ${savepoint}`);
          return result;
        } catch (err) {
          depth -= 1;
          raw.exec(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
          throw err;
        }
      },
    pragmaValue: (name) => Object.values(raw.prepare(`PRAGMA ${name}`).get() ?? {})[0],
    get isOpen() {
      return isOpen();
    },
    close: () => raw.close(),
  };
}

function openWithNodeSqlite(path: string): SqlConnection {
  const sqlite = loadNodeSqlite();
  if (!sqlite) throw new Error(`node:sqlite is not available in Node.js ${process.versions.node}`);
  const db = new sqlite.DatabaseSync(path);
  return withTransactions('node:sqlite', db, () => db.isOpen);
}

function openWithBetterSqlite(path: string): SqlConnection {
  // Loaded only when chosen, so Node 24 never loads the native module that aborts there.
  const Database = createRequire(import.meta.url)('better-sqlite3') as new (path: string) => {
    prepare(sql: string): SqlStatement;
    exec(sql: string): void;
    close(): void;
    readonly open: boolean;
  };
  const db = new Database(path);
  return withTransactions('better-sqlite3', db, () => db.open);
}
