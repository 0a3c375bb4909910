/**
 * The embedded default store: one SQLite file (WAL mode) through better-sqlite3. Synchronous
 * underneath, asynchronous at the interface so that a networked store can take its place.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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
import { latestSchemaVersion, migrations } from './migrations.js';
import { openSqlConnection, type SqlConnection, type SqliteDriver } from './sql-connection.js';
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

/** The database cannot be opened, created or migrated; the message says what to do. */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
  constructor(
    readonly path: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Opens (creating if needed) the SQLite database at `path` (`:memory:` for tests) and brings its
 * schema up to date. Refuses a database written by a newer version without touching it.
 */
export async function openSqliteStore(path: string, driver?: SqliteDriver): Promise<SqliteStore> {
  const inMemory = path === ':memory:';
  if (!inMemory) {
    const directory = dirname(resolve(path));
    try {
      mkdirSync(directory, { recursive: true });
    } catch (err) {
      throw new StoreOpenError(
        path,
        `Cannot create the data directory ${directory} (${(err as NodeJS.ErrnoException).code ?? String(err)}): set store.path to a writable location.`,
        { cause: err },
      );
    }
  }
  let db: SqlConnection;
  try {
    db = openSqlConnection(path, driver);
    db.exec('PRAGMA busy_timeout = 5000');
    if (!inMemory) db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA foreign_keys = ON');
  } catch (err) {
    throw new StoreOpenError(
      path,
      `Cannot open the database ${path}: ${(err as Error).message}. Check that the file and its directory are writable, or set store.path.`,
      { cause: err },
    );
  }
  try {
    migrateDatabase(db, path);
  } catch (err) {
    db.close();
    throw err;
  }
  return new SqliteStore(db);
}

/** Applies every migration newer than the database's `user_version`, each in its own transaction. */
export function migrateDatabase(
  db: SqlConnection,
  path: string,
  targetVersion = latestSchemaVersion,
): number {
  const current = Number(db.pragmaValue('user_version'));
  if (current > latestSchemaVersion) {
    throw new StoreOpenError(
      path,
      `The database ${path} has schema version ${current}, written by a newer news-digest (this one knows up to ${latestSchemaVersion}). Upgrade news-digest, or set store.path to another file; the database was not changed.`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > targetVersion) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.exec(`PRAGMA user_version = ${migration.version}`);
    })();
  }
  return Number(db.pragmaValue('user_version'));
}

export class SqliteStore implements Store {
  constructor(private readonly db: SqlConnection) {}

  /** The SQLite driver in use (see sql-connection.ts). */
  get driver(): SqliteDriver {
    return this.db.driver;
  }

  /** The schema version of the open database. */
  get schemaVersion(): number {
    return Number(this.db.pragmaValue('user_version'));
  }

  // feeds -------------------------------------------------------------------------------------

  async addFeed(
    feed: { url: string; name?: string; intervalMinutes: number },
    now: Date,
  ): Promise<FeedRecord> {
    this.db
      .prepare(
        `INSERT INTO feeds (url, name, interval_minutes, added_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(url) DO UPDATE SET name = COALESCE(excluded.name, feeds.name),
           interval_minutes = excluded.interval_minutes, paused = 0`,
      )
      .run(feed.url, feed.name ?? null, feed.intervalMinutes, iso(now));
    return toFeed(this.db.prepare('SELECT * FROM feeds WHERE url = ?').get(feed.url) as Row);
  }

  async removeFeed(url: string): Promise<boolean> {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM subscriptions WHERE feed_url = ?').run(url);
      return this.db.prepare('DELETE FROM feeds WHERE url = ?').run(url).changes > 0;
    })();
  }

  async getFeed(url: string): Promise<FeedRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM feeds WHERE url = ?').get(url) as Row | undefined;
    return row && toFeed(row);
  }

  async listFeeds(): Promise<FeedRecord[]> {
    return (this.db.prepare('SELECT * FROM feeds ORDER BY added_at, url').all() as Row[]).map(toFeed);
  }

  async dueFeeds(now: Date): Promise<FeedRecord[]> {
    return (
      this.db
        .prepare(
          `SELECT * FROM feeds WHERE paused = 0 AND (next_fetch_at IS NULL OR next_fetch_at <= ?)
           ORDER BY next_fetch_at IS NOT NULL, next_fetch_at, url`,
        )
        .all(iso(now)) as Row[]
    ).map(toFeed);
  }

  async updateFeedState(url: string, state: FeedStateUpdate): Promise<void> {
    const assignments = feedStateAssignments(state);
    if (assignments.length === 0) return;
    this.db
      .prepare(`UPDATE feeds SET ${assignments.map((a) => `${a.column} = ?`).join(', ')} WHERE url = ?`)
      .run(...assignments.map((a) => a.value), url);
  }

  // items -------------------------------------------------------------------------------------

  async upsertArticle(
    article: Article,
    seenAt: Date,
  ): Promise<{ result: UpsertResult; seq: number; id: string }> {
    // A link shared by several entries of a feed identifies none of them: not matched, not indexed.
    const dedupeUrl = article.urlIsShared === true ? undefined : article.url;
    return this.db.transaction(() => {
      const existing = (this.db
        .prepare('SELECT seq, id, content_hash FROM items WHERE id = ?')
        .get(article.id) ??
        (dedupeUrl === undefined
          ? undefined
          : this.db.prepare('SELECT seq, id, content_hash FROM items WHERE url = ?').get(dedupeUrl))) as
        { seq: number; id: string; content_hash: string } | undefined;
      const hash = hashArticle(article);
      if (existing) {
        this.db
          .prepare('INSERT OR IGNORE INTO item_feeds (item_seq, feed_url) VALUES (?, ?)')
          .run(existing.seq, article.feedUrl);
        if (existing.content_hash === hash)
          return { result: 'unchanged' as const, seq: existing.seq, id: existing.id };
        // The stored id, URL and first-seen time stay: they are what other records point at.
        const stored = JSON.parse(
          (this.db.prepare('SELECT article_json FROM items WHERE seq = ?').get(existing.seq) as Row)
            .article_json as string,
        ) as Article;
        const merged = mergeChangedArticle(stored, article);
        this.db
          .prepare(
            'UPDATE items SET content_hash = ?, article_json = ?, published_at = ?, changed_at = ? WHERE seq = ?',
          )
          .run(hash, JSON.stringify(merged), article.publishedAt, iso(seenAt), existing.seq);
        return { result: 'updated' as const, seq: existing.seq, id: existing.id };
      }
      const info = this.db
        .prepare(
          `INSERT INTO items (id, url, feed_url, content_hash, article_json, published_at, first_seen_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          article.id,
          dedupeUrl ?? null,
          article.feedUrl,
          hash,
          JSON.stringify(article),
          article.publishedAt,
          iso(seenAt),
        );
      const seq = Number(info.lastInsertRowid);
      this.db.prepare('INSERT INTO item_feeds (item_seq, feed_url) VALUES (?, ?)').run(seq, article.feedUrl);
      return { result: 'new' as const, seq, id: article.id };
    })();
  }

  async saveSummary(articleId: string, summary: Summary): Promise<void> {
    this.db.prepare('UPDATE items SET summary_json = ? WHERE id = ?').run(JSON.stringify(summary), articleId);
  }

  private toItem(row: Row): StoredItem {
    const feedUrls = (
      this.db
        .prepare('SELECT feed_url FROM item_feeds WHERE item_seq = ? ORDER BY rowid')
        .all(row.seq) as Row[]
    ).map((r) => r.feed_url as string);
    return defined<StoredItem>({
      article: JSON.parse(row.article_json as string) as Article,
      summary: row.summary_json === null ? undefined : (JSON.parse(row.summary_json as string) as Summary),
      firstSeenAt: row.first_seen_at as string,
      seq: row.seq as number,
      feedUrls,
    });
  }

  async getItem(articleId: string): Promise<StoredItem | undefined> {
    const row = this.db.prepare('SELECT * FROM items WHERE id = ?').get(articleId) as Row | undefined;
    return row && this.toItem(row);
  }

  async itemsAfter(
    afterSeq: number,
    options: { feedUrls?: readonly string[]; limit?: number } = {},
  ): Promise<StoredItem[]> {
    const limit = options.limit ?? -1;
    if (options.feedUrls === undefined) {
      const rows = this.db
        .prepare('SELECT * FROM items WHERE seq > ? ORDER BY seq LIMIT ?')
        .all(afterSeq, limit) as Row[];
      return rows.map((row) => this.toItem(row));
    }
    if (options.feedUrls.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT * FROM items WHERE seq > ? AND seq IN (
           SELECT item_seq FROM item_feeds WHERE feed_url IN (SELECT value FROM json_each(?)))
         ORDER BY seq LIMIT ?`,
      )
      .all(afterSeq, JSON.stringify(options.feedUrls), limit) as Row[];
    return rows.map((row) => this.toItem(row));
  }

  async recentItems(since: Date, limit: number): Promise<StoredItem[]> {
    const rows = this.db
      .prepare('SELECT * FROM items WHERE first_seen_at >= ? ORDER BY seq DESC LIMIT ?')
      .all(iso(since), limit) as Row[];
    return rows.map((row) => this.toItem(row));
  }

  async latestSeq(): Promise<number> {
    const row = this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM items').get() as Row;
    return row.seq as number;
  }

  // channels and subscriptions ------------------------------------------------------------------

  async getChannel(platform: PlatformName, channelId: string): Promise<ChannelRecord | undefined> {
    const row = this.db
      .prepare('SELECT * FROM channels WHERE platform = ? AND channel_id = ?')
      .get(platform, channelId) as Row | undefined;
    return row && toChannel(row);
  }

  async listChannels(platform?: PlatformName): Promise<ChannelRecord[]> {
    const rows = (
      platform === undefined
        ? this.db.prepare('SELECT * FROM channels ORDER BY platform, channel_id').all()
        : this.db.prepare('SELECT * FROM channels WHERE platform = ? ORDER BY channel_id').all(platform)
    ) as Row[];
    return rows.map(toChannel);
  }

  async saveChannel(channel: ChannelUpdate): Promise<ChannelRecord> {
    return this.db.transaction(() => {
      const current = this.db
        .prepare('SELECT * FROM channels WHERE platform = ? AND channel_id = ?')
        .get(channel.platform, channel.channelId) as Row | undefined;
      const newestSeq = (this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM items').get() as Row)
        .seq as number;
      const next = applyChannelUpdate(current && toChannel(current), channel, newestSeq);
      this.db
        .prepare(
          `INSERT INTO channels (platform, channel_id, mode, cron, timezone, max_stories, live_hourly_cap,
             quiet_when_empty, digest_cursor, last_digest_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(platform, channel_id) DO UPDATE SET mode = excluded.mode, cron = excluded.cron,
             timezone = excluded.timezone, max_stories = excluded.max_stories,
             live_hourly_cap = excluded.live_hourly_cap, quiet_when_empty = excluded.quiet_when_empty,
             digest_cursor = excluded.digest_cursor, last_digest_at = excluded.last_digest_at`,
        )
        .run(...channelValues(next));
      return toChannel(
        this.db
          .prepare('SELECT * FROM channels WHERE platform = ? AND channel_id = ?')
          .get(channel.platform, channel.channelId) as Row,
      );
    })();
  }

  async subscribe(subscription: SubscriptionRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO subscriptions (platform, channel_id, feed_url, mode, filter) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(platform, channel_id, feed_url) DO UPDATE SET mode = excluded.mode, filter = excluded.filter`,
      )
      .run(
        subscription.platform,
        subscription.channelId,
        subscription.feedUrl,
        subscription.mode ?? null,
        subscription.filter ?? null,
      );
  }

  async unsubscribe(platform: PlatformName, channelId: string, feedUrl: string): Promise<boolean> {
    return (
      this.db
        .prepare('DELETE FROM subscriptions WHERE platform = ? AND channel_id = ? AND feed_url = ?')
        .run(platform, channelId, feedUrl).changes > 0
    );
  }

  async subscriptions(
    filter: { platform?: PlatformName; channelId?: string; feedUrl?: string } = {},
  ): Promise<SubscriptionRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM subscriptions WHERE (@platform IS NULL OR platform = @platform)
           AND (@channelId IS NULL OR channel_id = @channelId) AND (@feedUrl IS NULL OR feed_url = @feedUrl)
         ORDER BY platform, channel_id, feed_url`,
      )
      .all({
        platform: filter.platform ?? null,
        channelId: filter.channelId ?? null,
        feedUrl: filter.feedUrl ?? null,
      }) as Row[];
    return rows.map(toSubscription);
  }

  // follows -----------------------------------------------------------------------------------

  async addFollow(
    follow: Omit<FollowRecord, 'id' | 'paused' | 'createdAt'>,
    now: Date,
  ): Promise<FollowRecord> {
    const info = this.db
      .prepare(
        'INSERT INTO follows (platform, user_id, channel_id, query, feed_urls_json, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        follow.platform,
        follow.userId ?? null,
        follow.channelId,
        follow.query,
        JSON.stringify(follow.feedUrls),
        iso(now),
      );
    return toFollow(this.db.prepare('SELECT * FROM follows WHERE id = ?').get(info.lastInsertRowid) as Row);
  }

  async removeFollow(id: number): Promise<boolean> {
    return this.db.prepare('DELETE FROM follows WHERE id = ?').run(id).changes > 0;
  }

  async setFollowPaused(id: number, paused: boolean): Promise<boolean> {
    return this.db.prepare('UPDATE follows SET paused = ? WHERE id = ?').run(Number(paused), id).changes > 0;
  }

  async listFollows(
    filter: { platform?: PlatformName; userId?: string; channelId?: string } = {},
  ): Promise<FollowRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM follows WHERE (@platform IS NULL OR platform = @platform)
           AND (@userId IS NULL OR user_id = @userId) AND (@channelId IS NULL OR channel_id = @channelId)
         ORDER BY id`,
      )
      .all({
        platform: filter.platform ?? null,
        userId: filter.userId ?? null,
        channelId: filter.channelId ?? null,
      }) as Row[];
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
    return this.db.transaction(() => {
      const created =
        this.db
          .prepare(
            `INSERT OR IGNORE INTO deliveries (key, platform, target_json, target_key, kind, message_json, status, created_at)
             VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)`,
          )
          .run(
            delivery.key,
            delivery.platform,
            JSON.stringify(delivery.target),
            targetKey(delivery.target),
            delivery.kind,
            JSON.stringify(delivery.message),
            iso(now),
          ).changes > 0;
      const advance = options.advanceDigestCursor;
      if (created && advance) {
        this.db
          .prepare(
            `UPDATE channels SET digest_cursor = MAX(digest_cursor, ?), last_digest_at = ?
             WHERE platform = ? AND channel_id = ?`,
          )
          .run(advance.cursor, iso(advance.digestAt), advance.platform, advance.channelId);
      }
      const record = toDelivery(
        this.db.prepare('SELECT * FROM deliveries WHERE key = ?').get(delivery.key) as Row,
      );
      return { record, created };
    })();
  }

  async markDelivered(key: string, platformMessageId: string, now: Date): Promise<void> {
    this.db
      .prepare(
        `UPDATE deliveries SET status = 'delivered', platform_message_id = ?, delivered_at = ?, attempts = attempts + 1,
           next_attempt_at = NULL WHERE key = ?`,
      )
      .run(platformMessageId, iso(now), key);
  }

  async markDeliveryFailed(key: string, error: string, nextAttemptAt: Date | undefined): Promise<void> {
    this.db
      .prepare(
        `UPDATE deliveries SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
           status = CASE WHEN ? IS NULL THEN 'failed' ELSE 'pending' END
         WHERE key = ? AND status = 'pending'`,
      )
      .run(error, nextAttemptAt ? iso(nextAttemptAt) : null, nextAttemptAt ? iso(nextAttemptAt) : null, key);
  }

  async pendingDeliveries(now: Date, platform?: PlatformName): Promise<DeliveryRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM deliveries WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= @now)
           AND (@platform IS NULL OR platform = @platform)
         ORDER BY created_at, rowid`,
      )
      .all({ now: iso(now), platform: platform ?? null }) as Row[];
    return rows.map(toDelivery);
  }

  async getDelivery(key: string): Promise<DeliveryRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM deliveries WHERE key = ?').get(key) as Row | undefined;
    return row && toDelivery(row);
  }

  async countDeliveries(filter: {
    kind?: DeliveryRecord['kind'];
    targetKey?: string;
    since: Date;
  }): Promise<number> {
    const row = this.db
      .prepare(
        `SELECT COUNT(*) AS n FROM deliveries WHERE created_at >= @since
           AND (@kind IS NULL OR kind = @kind) AND (@targetKey IS NULL OR target_key = @targetKey)`,
      )
      .get({
        since: iso(filter.since),
        kind: filter.kind ?? null,
        targetKey: filter.targetKey ?? null,
      }) as Row;
    return row.n as number;
  }

  // alerts ------------------------------------------------------------------------------------

  async claimAlert(followerKey: string, articleId: string, now: Date): Promise<boolean> {
    return (
      this.db
        .prepare('INSERT OR IGNORE INTO alert_claims (follower_key, article_id, claimed_at) VALUES (?, ?, ?)')
        .run(followerKey, articleId, iso(now)).changes > 0
    );
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }
}
