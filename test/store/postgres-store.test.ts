/**
 * The store contract against a real PostgreSQL server. Set NEWS_DIGEST_TEST_POSTGRES_URL (CI sets
 * it) to run these; each store gets a schema of its own, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { describeDatabaseUrl, openPostgresStore } from '../../src/store/postgres-store.js';
import { StoreOpenError } from '../../src/store/sqlite-store.js';
import { makeArticle, storeContract } from '../contracts/store-contract.js';

const url = process.env.NEWS_DIGEST_TEST_POSTGRES_URL;
const schemas: string[] = [];
function freshSchema(): string {
  const schema = `news_digest_test_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  return schema;
}

if (url) {
  afterAll(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  storeContract('postgresql', () => openPostgresStore(url, { schema: freshSchema() }));

  describe('postgresql store', () => {
    it('migrates once even when two processes open the same schema at once', async () => {
      const schema = freshSchema();
      const [a, b] = await Promise.all([
        openPostgresStore(url, { schema }),
        openPostgresStore(url, { schema }),
      ]);
      const results = await Promise.all([
        a.upsertArticle(makeArticle({ id: 'race' }), new Date()),
        b.upsertArticle(makeArticle({ id: 'race' }), new Date()),
      ]);
      expect(results.map((r) => r.result).sort()).toEqual(['new', 'unchanged']);
      await Promise.all([a.close(), b.close()]);
    });

    it('refuses a schema written by a newer version', async () => {
      const schema = freshSchema();
      const first = await openPostgresStore(url, { schema });
      await first.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`INSERT INTO ${schema}.schema_version VALUES (999, 'later')`);
      await client.end();
      await expect(openPostgresStore(url, { schema })).rejects.toThrow(/newer news-digest/);
    });
  });
} else {
  describe.skip('postgresql store (set NEWS_DIGEST_TEST_POSTGRES_URL to run)', () => {
    it('is skipped', () => undefined);
  });
}

describe('postgresql store without a server', () => {
  it('explains an unreachable server without showing the password', async () => {
    const error = await openPostgresStore('postgres://bot:hunter2hunter2@127.0.0.1:1/news').catch(
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toMatch(
      /Cannot open the PostgreSQL database postgres:\/\/bot:\*\*\*@127\.0\.0\.1:1\/news/,
    );
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('hides passwords in descriptions', () => {
    expect(describeDatabaseUrl('postgresql://u:secret@db.example:5432/x')).toBe(
      'postgresql://u:***@db.example:5432/x',
    );
  });
});
