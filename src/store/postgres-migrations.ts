/**
 * Versioned schema for the PostgreSQL store: the same tables, columns and encodings as the SQLite
 * schema (ISO 8601 text times, 0/1 flags, JSON text), so both share one row mapping.
 */
import type { Migration } from './migrations.js';

export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'feeds, items, channels, subscriptions, follows, delivery log, alert claims',
    sql: `
      CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        name TEXT,
        interval_minutes INTEGER NOT NULL,
        title TEXT,
        site_url TEXT,
        etag TEXT,
        last_modified TEXT,
        last_fetch_at TEXT,
        last_ok_at TEXT,
        next_fetch_at TEXT,
        failure_count INTEGER NOT NULL DEFAULT 0,
        failing_since TEXT,
        last_error TEXT,
        paused SMALLINT NOT NULL DEFAULT 0,
        added_at TEXT NOT NULL
      );

      CREATE TABLE items (
        seq SERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        url TEXT,
        feed_url TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        article_json TEXT NOT NULL,
        summary_json TEXT,
        published_at TEXT NOT NULL,
        first_seen_at TEXT NOT NULL,
        changed_at TEXT
      );
      CREATE UNIQUE INDEX items_by_url ON items(url) WHERE url IS NOT NULL;
      CREATE INDEX items_by_first_seen ON items(first_seen_at);

      CREATE TABLE item_feeds (
        item_seq INTEGER NOT NULL REFERENCES items(seq) ON DELETE CASCADE,
        feed_url TEXT NOT NULL,
        added SERIAL,
        PRIMARY KEY (item_seq, feed_url)
      );
      CREATE INDEX item_feeds_by_feed ON item_feeds(feed_url, item_seq);

      CREATE TABLE channels (
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        mode TEXT NOT NULL,
        cron TEXT,
        timezone TEXT NOT NULL,
        max_stories INTEGER NOT NULL,
        live_hourly_cap INTEGER NOT NULL,
        quiet_when_empty SMALLINT NOT NULL,
        digest_cursor INTEGER NOT NULL,
        last_digest_at TEXT,
        PRIMARY KEY (platform, channel_id)
      );

      CREATE TABLE subscriptions (
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        feed_url TEXT NOT NULL,
        mode TEXT,
        filter TEXT,
        PRIMARY KEY (platform, channel_id, feed_url)
      );
      CREATE INDEX subscriptions_by_feed ON subscriptions(feed_url);

      CREATE TABLE follows (
        id SERIAL PRIMARY KEY,
        platform TEXT NOT NULL,
        user_id TEXT,
        channel_id TEXT NOT NULL,
        query TEXT NOT NULL,
        feed_urls_json TEXT NOT NULL,
        paused SMALLINT NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );
      CREATE INDEX follows_by_user ON follows(platform, user_id);

      CREATE TABLE deliveries (
        key TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        target_json TEXT NOT NULL,
        target_key TEXT NOT NULL,
        kind TEXT NOT NULL,
        message_json TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error TEXT,
        platform_message_id TEXT,
        created_at TEXT NOT NULL,
        delivered_at TEXT,
        added SERIAL
      );
      CREATE INDEX deliveries_due ON deliveries(status, next_attempt_at);
      CREATE INDEX deliveries_by_target ON deliveries(target_key, kind, created_at);

      CREATE TABLE alert_claims (
        follower_key TEXT NOT NULL,
        article_id TEXT NOT NULL,
        claimed_at TEXT NOT NULL,
        PRIMARY KEY (follower_key, article_id)
      );
    `,
  },
];

export const latestPostgresSchemaVersion = postgresMigrations.reduce((max, m) => Math.max(max, m.version), 0);
