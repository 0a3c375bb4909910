/**
 * The store for deployments that outgrow one machine: PostgreSQL through node-postgres. Same
 * behaviour as the SQLite store (both pass the one store contract suite); several bot processes
 * may share one database, so every read-modify-write runs in a transaction and inserts that can
 * race rely on unique constraints rather than on a prior SELECT.
 */
import pg from 'pg';
import type { Article, PlatformName, Summary } from '../model.js';
import { targetKey } from '../model.js';
import type {
  ChannelRecord,
  ChannelUpdate,
  DeliveryRecord,
  FeedRecord,
  FeedStateUpdate,
  FollowRecord,
  Store,
  StoredItem,
  SubscriptionRecord,
  UpsertResult,
} from '../ports.js';
import { latestPostgresSchemaVersion, postgresMigrations } from './postgres-migrations.js';
import { StoreOpenError } from './sqlite-store.js';
import {
  defined,
  hashArticle,
  iso,
  toChannel,
  toDelivery,
  toFeed,
  toFollow,
  toSubscription,
  type Row,
  applyChannelUpdate,
  channelValues,
  feedStateAssignments,
  mergeChangedArticle,
} from './store-rows.js';

type Queryable = Pick<pg.PoolClient, 'query'>;

/** Hides the password of a connection URL, for messages and logs. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured PostgreSQL URL';
  }
}

/**
 * Connects to PostgreSQL and brings the schema up to date (in `schema`, created if missing;
 * `public` by default). Refuses a schema written by a newer version without touching it.
 */
export async function openPostgresStore(
  url: string,
  options: { schema?: string } = {},
): Promise<PostgresStore> {
  const schema = options.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new StoreOpenError(
      url,
      `Invalid PostgreSQL schema name "${schema}": use lower-case letters, digits and _.`,
    );
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    connectionTimeoutMillis: 10_000,
    options: `-c search_path=${schema}`,
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client, schema, url);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    if (err instanceof StoreOpenError) throw err;
    throw new StoreOpenError(
      url,
      `Cannot open the PostgreSQL database ${describeDatabaseUrl(url)}: ${(err as Error).message}. Check store.url (or NEWS_DIGEST_STORE_URL) and that the server is running.`,
      { cause: err },
    );
  }
  return new PostgresStore(pool);
}

async function migratePostgres(client: pg.PoolClient, schema: string, url: string): Promise<void> {
  // One migrating process at a time, whichever bot instance starts first.
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [`news-digest:${schema}`]);
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)',
    );
    const current = Number(
      (await client.query('SELECT COALESCE(MAX(version), 0) AS v FROM schema_version')).rows[0].v,
    );
    if (current > latestPostgresSchemaVersion) {
      throw new StoreOpenError(
        url,
        `The PostgreSQL schema "${schema}" has version ${current}, written by a newer news-digest (this one knows up to ${latestPostgresSchemaVersion}). Upgrade news-digest; the database was not changed.`,
      );
    }
    for (const migration of postgresMigrations) {
      if (migration.version <= current) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)', [
          migration.version,
          new Date().toISOString(),
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`news-digest:${schema}`]);
  }
}

export class PostgresStore implements Store {
  constructor(private readonly pool: pg.Pool) {}

  private async rows(
    sql: string,
    values: readonly unknown[] = [],
    db: Queryable = this.pool,
  ): Promise<Row[]> {
    return (await db.query(sql, values as unknown[])).rows as Row[];
  }

  private async one(
    sql: string,
    values: readonly unknown[] = [],
    db: Queryable = this.pool,
  ): Promise<Row | undefined> {
    return (await this.rows(sql, values, db))[0];
  }

  private async transaction<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  // feeds -------------------------------------------------------------------------------------

  async addFeed(
    feed: { url: string; name?: string; intervalMinutes: number },
    now: Date,
  ): Promise<FeedRecord> {
    const row = await this.one(
      `INSERT INTO feeds (url, name, interval_minutes, added_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (url) DO UPDATE SET name = COALESCE(excluded.name, feeds.name),
         interval_minutes = excluded.interval_minutes, paused = 0
       RETURNING *`,
      [feed.url, feed.name ?? null, feed.intervalMinutes, iso(now)],
    );
    return toFeed(row!);
  }

  async removeFeed(url: string): Promise<boolean> {
    return this.transaction(async (db) => {
      await db.query('DELETE FROM subscriptions WHERE feed_url = $1', [url]);
      return ((await db.query('DELETE FROM feeds WHERE url = $1', [url])).rowCount ?? 0) > 0;
    });
  }

  async getFeed(url: string): Promise<FeedRecord | undefined> {
    const row = await this.one('SELECT * FROM feeds WHERE url = $1', [url]);
    return row && toFeed(row);
  }

  async listFeeds(): Promise<FeedRecord[]> {
    return (await this.rows('SELECT * FROM feeds ORDER BY added_at, url')).map(toFeed);
  }

  async dueFeeds(now: Date): Promise<FeedRecord[]> {
    const rows = await this.rows(
      `SELECT * FROM feeds WHERE paused = 0 AND (next_fetch_at IS NULL OR next_fetch_at <= $1)
       ORDER BY next_fetch_at IS NOT NULL, next_fetch_at, url`,
      [iso(now)],
    );
    return rows.map(toFeed);
  }

  async updateFeedState(url: string, state: FeedStateUpdate): Promise<void> {
    const assignments = feedStateAssignments(state);
    if (assignments.length === 0) return;
    await this.pool.query(
      `UPDATE feeds SET ${assignments.map((a, i) => `${a.column} = $${i + 1}`).join(', ')} WHERE url = $${assignments.length + 1}`,
      [...assignments.map((a) => a.value), url],
    );
  }

  // items -------------------------------------------------------------------------------------

  async upsertArticle(
    article: Article,
    seenAt: Date,
  ): Promise<{ result: UpsertResult; seq: number; id: string }> {
    // A link shared by several entries of a feed identifies none of them: not matched, not indexed.
    const dedupeUrl = article.urlIsShared === true ? undefined : article.url;
    return this.transaction(async (db) => {
      const hash = hashArticle(article);
      const inserted = await this.one(
        `INSERT INTO items (id, url, feed_url, content_hash, article_json, published_at, first_seen_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING seq`,
        [
          article.id,
          dedupeUrl ?? null,
          article.feedUrl,
          hash,
          JSON.stringify(article),
          article.publishedAt,
          iso(seenAt),
        ],
        db,
      );
      if (inserted) {
        await db.query('INSERT INTO item_feeds (item_seq, feed_url) VALUES ($1, $2)', [
          inserted.seq,
          article.feedUrl,
        ]);
        return { result: 'new' as const, seq: inserted.seq as number, id: article.id };
      }
      // Locked, so a concurrent update of the same item waits for this one.
      const existing =
        (await this.one(
          'SELECT seq, id, content_hash, article_json FROM items WHERE id = $1 FOR UPDATE',
          [article.id],
          db,
        )) ??
        (dedupeUrl === undefined
          ? undefined
          : await this.one(
              'SELECT seq, id, content_hash, article_json FROM items WHERE url = $1 FOR UPDATE',
              [dedupeUrl],
              db,
            ));
      if (!existing) throw new Error(`upsertArticle: ${article.id} conflicted but cannot be found`);
      const seq = existing.seq as number;
      await db.query('INSERT INTO item_feeds (item_seq, feed_url) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        seq,
        article.feedUrl,
      ]);
      if (existing.content_hash === hash)
        return { result: 'unchanged' as const, seq, id: existing.id as string };
      const stored = JSON.parse(existing.article_json as string) as Article;
      const merged = mergeChangedArticle(stored, article);
      await db.query(
        'UPDATE items SET content_hash = $1, article_json = $2, published_at = $3, changed_at = $4 WHERE seq = $5',
        [hash, JSON.stringify(merged), article.publishedAt, iso(seenAt), seq],
      );
      return { result: 'updated' as const, seq, id: existing.id as string };
    });
  }

  async saveSummary(articleId: string, summary: Summary): Promise<void> {
    await this.pool.query('UPDATE items SET summary_json = $1 WHERE id = $2', [
      JSON.stringify(summary),
      articleId,
    ]);
  }

  private async toItems(rows: Row[]): Promise<StoredItem[]> {
    if (rows.length === 0) return [];
    const feeds = await this.rows(
      'SELECT item_seq, feed_url FROM item_feeds WHERE item_seq = ANY($1::int[]) ORDER BY added',
      [rows.map((r) => r.seq)],
    );
    return rows.map((row) =>
      defined<StoredItem>({
        article: JSON.parse(row.article_json as string) as Article,
        summary: row.summary_json === null ? undefined : (JSON.parse(row.summary_json as string) as Summary),
        firstSeenAt: row.first_seen_at as string,
        seq: row.seq as number,
        feedUrls: feeds.filter((f) => f.item_seq === row.seq).map((f) => f.feed_url as string),
      }),
    );
  }

  async getItem(articleId: string): Promise<StoredItem | undefined> {
    return (await this.toItems(await this.rows('SELECT * FROM items WHERE id = $1', [articleId])))[0];
  }

  async itemsAfter(
    afterSeq: number,
    options: { feedUrls?: readonly string[]; limit?: number } = {},
  ): Promise<StoredItem[]> {
    const limit = options.limit ?? null;
    if (options.feedUrls === undefined) {
      return this.toItems(
        await this.rows('SELECT * FROM items WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, limit]),
      );
    }
    if (options.feedUrls.length === 0) return [];
    return this.toItems(
      await this.rows(
        `SELECT * FROM items WHERE seq > $1 AND seq IN (SELECT item_seq FROM item_feeds WHERE feed_url = ANY($2::text[]))
         ORDER BY seq LIMIT $3`,
        [afterSeq, options.feedUrls, limit],
      ),
    );
  }

  async recentItems(since: Date, limit: number): Promise<StoredItem[]> {
    return this.toItems(
      await this.rows('SELECT * FROM items WHERE first_seen_at >= $1 ORDER BY seq DESC LIMIT $2', [
        iso(since),
        limit,
      ]),
    );
  }

  async latestSeq(): Promise<number> {
    return (await this.one('SELECT COALESCE(MAX(seq), 0) AS seq FROM items'))!.seq as number;
  }

  // channels and subscriptions ------------------------------------------------------------------

  async getChannel(platform: PlatformName, channelId: string): Promise<ChannelRecord | undefined> {
    const row = await this.one('SELECT * FROM channels WHERE platform = $1 AND channel_id = $2', [
      platform,
      channelId,
    ]);
    return row && toChannel(row);
  }

  async listChannels(platform?: PlatformName): Promise<ChannelRecord[]> {
    const rows = await this.rows(
      'SELECT * FROM channels WHERE ($1::text IS NULL OR platform = $1) ORDER BY platform, channel_id',
      [platform ?? null],
    );
    return rows.map(toChannel);
  }

  async saveChannel(channel: ChannelUpdate): Promise<ChannelRecord> {
    return this.transaction(async (db) => {
      const current = await this.one(
        'SELECT * FROM channels WHERE platform = $1 AND channel_id = $2 FOR UPDATE',
        [channel.platform, channel.channelId],
        db,
      );
      const newestSeq = (await this.one('SELECT COALESCE(MAX(seq), 0) AS seq FROM items', [], db))!
        .seq as number;
      const next = applyChannelUpdate(current && toChannel(current), channel, newestSeq);
      const row = await this.one(
        `INSERT INTO channels (platform, channel_id, mode, cron, timezone, max_stories, live_hourly_cap,
           quiet_when_empty, digest_cursor, last_digest_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (platform, channel_id) DO UPDATE SET mode = $3, cron = $4, timezone = $5, max_stories = $6,
           live_hourly_cap = $7, quiet_when_empty = $8, digest_cursor = $9, last_digest_at = $10
         RETURNING *`,
        channelValues(next),
        db,
      );
      return toChannel(row!);
    });
  }

  async subscribe(subscription: SubscriptionRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO subscriptions (platform, channel_id, feed_url, mode, filter) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (platform, channel_id, feed_url) DO UPDATE SET mode = excluded.mode, filter = excluded.filter`,
      [
        subscription.platform,
        subscription.channelId,
        subscription.feedUrl,
        subscription.mode ?? null,
        subscription.filter ?? null,
      ],
    );
  }

  async unsubscribe(platform: PlatformName, channelId: string, feedUrl: string): Promise<boolean> {
    const result = await this.pool.query(
      'DELETE FROM subscriptions WHERE platform = $1 AND channel_id = $2 AND feed_url = $3',
      [platform, channelId, feedUrl],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async subscriptions(
    filter: { platform?: PlatformName; channelId?: string; feedUrl?: string } = {},
  ): Promise<SubscriptionRecord[]> {
    const rows = await this.rows(
      `SELECT * FROM subscriptions WHERE ($1::text IS NULL OR platform = $1)
         AND ($2::text IS NULL OR channel_id = $2) AND ($3::text IS NULL OR feed_url = $3)
       ORDER BY platform, channel_id, feed_url`,
      [filter.platform ?? null, filter.channelId ?? null, filter.feedUrl ?? null],
    );
    return rows.map(toSubscription);
  }

  // follows -----------------------------------------------------------------------------------

  async addFollow(
    follow: Omit<FollowRecord, 'id' | 'paused' | 'createdAt'>,
    now: Date,
  ): Promise<FollowRecord> {
    const row = await this.one(
      `INSERT INTO follows (platform, user_id, channel_id, query, feed_urls_json, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [
        follow.platform,
        follow.userId ?? null,
        follow.channelId,
        follow.query,
        JSON.stringify(follow.feedUrls),
        iso(now),
      ],
    );
    return toFollow(row!);
  }

  async removeFollow(id: number): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM follows WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  async setFollowPaused(id: number, paused: boolean): Promise<boolean> {
    return (
      ((await this.pool.query('UPDATE follows SET paused = $1 WHERE id = $2', [Number(paused), id]))
        .rowCount ?? 0) > 0
    );
  }

  async listFollows(
    filter: { platform?: PlatformName; userId?: string; channelId?: string } = {},
  ): Promise<FollowRecord[]> {
    const rows = await this.rows(
      `SELECT * FROM follows WHERE ($1::text IS NULL OR platform = $1)
         AND ($2::text IS NULL OR user_id = $2) AND ($3::text IS NULL OR channel_id = $3)
       ORDER BY id`,
      [filter.platform ?? null, filter.userId ?? null, filter.channelId ?? null],
    );
    return rows.map(toFollow);
  }

  // delivery log ------------------------------------------------------------------------------

  async enqueueDelivery(
    delivery: Pick<DeliveryRecord, 'key' | 'platform' | 'target' | 'kind' | 'message'>,
    now: Date,
    options: {
      readonly advanceDigestCursor?: {
        readonly platform: PlatformName;
        readonly channelId: string;
        readonly cursor: number;
        readonly digestAt: Date;
      };
    } = {},
  ): Promise<{ record: DeliveryRecord; created: boolean }> {
    return this.transaction(async (db) => {
      const created =
        ((
          await db.query(
            `INSERT INTO deliveries (key, platform, target_json, target_key, kind, message_json, status, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) ON CONFLICT (key) DO NOTHING`,
            [
              delivery.key,
              delivery.platform,
              JSON.stringify(delivery.target),
              targetKey(delivery.target),
              delivery.kind,
              JSON.stringify(delivery.message),
              iso(now),
            ],
          )
        ).rowCount ?? 0) > 0;
      const advance = options.advanceDigestCursor;
      if (created && advance) {
        await db.query(
          `UPDATE channels SET digest_cursor = GREATEST(digest_cursor, $1), last_digest_at = $2
           WHERE platform = $3 AND channel_id = $4`,
          [advance.cursor, iso(advance.digestAt), advance.platform, advance.channelId],
        );
      }
      const record = toDelivery(
        (await this.one('SELECT * FROM deliveries WHERE key = $1', [delivery.key], db))!,
      );
      return { record, created };
    });
  }

  async markDelivered(key: string, platformMessageId: string, now: Date): Promise<void> {
    await this.pool.query(
      `UPDATE deliveries SET status = 'delivered', platform_message_id = $1, delivered_at = $2,
         attempts = attempts + 1, next_attempt_at = NULL WHERE key = $3`,
      [platformMessageId, iso(now), key],
    );
  }

  async markDeliveryFailed(key: string, error: string, nextAttemptAt: Date | undefined): Promise<void> {
    await this.pool.query(
      `UPDATE deliveries SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2,
         status = CASE WHEN $2::text IS NULL THEN 'failed' ELSE 'pending' END
       WHERE key = $3 AND status = 'pending'`,
      [error, nextAttemptAt ? iso(nextAttemptAt) : null, key],
    );
  }

  async pendingDeliveries(now: Date, platform?: PlatformName): Promise<DeliveryRecord[]> {
    const rows = await this.rows(
      `SELECT * FROM deliveries WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= $1)
         AND ($2::text IS NULL OR platform = $2)
       ORDER BY created_at, added`,
      [iso(now), platform ?? null],
    );
    return rows.map(toDelivery);
  }

  async getDelivery(key: string): Promise<DeliveryRecord | undefined> {
    const row = await this.one('SELECT * FROM deliveries WHERE key = $1', [key]);
    return row && toDelivery(row);
  }

  async countDeliveries(filter: {
    kind?: DeliveryRecord['kind'];
    targetKey?: string;
    since: Date;
  }): Promise<number> {
    const row = await this.one(
      `SELECT COUNT(*)::int AS n FROM deliveries WHERE created_at >= $1
         AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR target_key = $3)`,
      [iso(filter.since), filter.kind ?? null, filter.targetKey ?? null],
    );
    return row!.n as number;
  }

  // alerts ------------------------------------------------------------------------------------

  async claimAlert(followerKey: string, articleId: string, now: Date): Promise<boolean> {
    const result = await this.pool.query(
      'INSERT INTO alert_claims (follower_key, article_id, claimed_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [followerKey, articleId, iso(now)],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
