/**
 * Mapping between stored rows and the Store's records, shared by every SQL store. Column names and
 * value encodings (ISO 8601 text times, 0/1 flags, JSON text) are the same in each.
 */
import { createHash } from 'node:crypto';
import type { Article, Message, PlatformName, PostTarget } from '../model.js';
import type {
  ChannelRecord,
  ChannelUpdate,
  DeliveryRecord,
  FeedRecord,
  FeedStateUpdate,
  FollowRecord,
  SubscriptionRecord,
} from '../ports.js';

export type Row = Record<string, unknown>;

export const channelDefaults = {
  mode: 'digest',
  timezone: 'UTC',
  maxStories: 10,
  liveHourlyCap: 10,
  quietWhenEmpty: false,
} as const;

/** Feed-state fields and their columns, for `updateFeedState`. */
export const feedStateColumns: Record<keyof FeedStateUpdate, string> = {
  title: 'title',
  siteUrl: 'site_url',
  etag: 'etag',
  lastModified: 'last_modified',
  lastFetchAt: 'last_fetch_at',
  lastOkAt: 'last_ok_at',
  nextFetchAt: 'next_fetch_at',
  failureCount: 'failure_count',
  failingSince: 'failing_since',
  lastError: 'last_error',
  paused: 'paused',
};

export function iso(date: Date): string {
  return date.toISOString();
}

export function optional<T>(value: T | null | undefined): T | undefined {
  return value === null ? undefined : value;
}

/** `T` with every property allowed to be undefined: the shape of a row before `defined` cleans it. */
export type Loose<T> = { [K in keyof T]: T[K] | undefined };

/** Builds an object without the keys whose value is undefined (exactOptionalPropertyTypes). */
export function defined<T extends object>(value: Loose<T>): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function hashArticle(article: Article): string {
  return createHash('sha256')
    .update(JSON.stringify([article.title, article.content, article.summary ?? '', article.updatedAt ?? '']))
    .digest('hex');
}

export function toFeed(row: Row): FeedRecord {
  return defined<FeedRecord>({
    url: row.url as string,
    name: optional(row.name as string | null),
    intervalMinutes: row.interval_minutes as number,
    title: optional(row.title as string | null),
    siteUrl: optional(row.site_url as string | null),
    etag: optional(row.etag as string | null),
    lastModified: optional(row.last_modified as string | null),
    lastFetchAt: optional(row.last_fetch_at as string | null),
    lastOkAt: optional(row.last_ok_at as string | null),
    nextFetchAt: optional(row.next_fetch_at as string | null),
    failureCount: row.failure_count as number,
    failingSince: optional(row.failing_since as string | null),
    lastError: optional(row.last_error as string | null),
    paused: row.paused === 1,
    addedAt: row.added_at as string,
  });
}

export function toChannel(row: Row): ChannelRecord {
  return defined<ChannelRecord>({
    platform: row.platform as PlatformName,
    channelId: row.channel_id as string,
    mode: row.mode as ChannelRecord['mode'],
    cron: optional(row.cron as string | null),
    timezone: row.timezone as string,
    maxStories: row.max_stories as number,
    liveHourlyCap: row.live_hourly_cap as number,
    quietWhenEmpty: row.quiet_when_empty === 1,
    digestCursor: row.digest_cursor as number,
    lastDigestAt: optional(row.last_digest_at as string | null),
  });
}

export function toSubscription(row: Row): SubscriptionRecord {
  return defined<SubscriptionRecord>({
    platform: row.platform as PlatformName,
    channelId: row.channel_id as string,
    feedUrl: row.feed_url as string,
    mode: optional(row.mode as SubscriptionRecord['mode'] | null),
    filter: optional(row.filter as string | null),
  });
}

export function toFollow(row: Row): FollowRecord {
  return defined<FollowRecord>({
    id: row.id as number,
    platform: row.platform as PlatformName,
    userId: optional(row.user_id as string | null),
    channelId: row.channel_id as string,
    query: row.query as string,
    feedUrls: JSON.parse(row.feed_urls_json as string) as string[],
    paused: row.paused === 1,
    createdAt: row.created_at as string,
  });
}

export function toDelivery(row: Row): DeliveryRecord {
  return defined<DeliveryRecord>({
    key: row.key as string,
    platform: row.platform as PlatformName,
    target: JSON.parse(row.target_json as string) as PostTarget,
    kind: row.kind as DeliveryRecord['kind'],
    message: JSON.parse(row.message_json as string) as Message,
    status: row.status as DeliveryRecord['status'],
    attempts: row.attempts as number,
    nextAttemptAt: optional(row.next_attempt_at as string | null),
    lastError: optional(row.last_error as string | null),
    platformMessageId: optional(row.platform_message_id as string | null),
    createdAt: row.created_at as string,
    deliveredAt: optional(row.delivered_at as string | null),
  });
}

/** The columns and values an `updateFeedState` call sets, in order; `null` clears a column. */
export function feedStateAssignments(state: FeedStateUpdate): Array<{ column: string; value: unknown }> {
  return Object.entries(state).map(([field, value]) => {
    const column = feedStateColumns[field as keyof FeedStateUpdate];
    if (!column) throw new Error(`updateFeedState: unknown field ${field}`);
    return { column, value: value === undefined ? null : typeof value === 'boolean' ? Number(value) : value };
  });
}

/**
 * The channel after `update`: the stored one, or a new one with defaults starting at
 * `newestSeq` (its first digest is then not the whole backlog). `cron: undefined` given
 * explicitly turns scheduled digests off.
 */
export function applyChannelUpdate(
  current: ChannelRecord | undefined,
  update: ChannelUpdate,
  newestSeq: number,
): ChannelRecord {
  const base: ChannelRecord = current ?? {
    platform: update.platform,
    channelId: update.channelId,
    ...channelDefaults,
    digestCursor: newestSeq,
  };
  const next = { ...base, ...update };
  const cron = 'cron' in update ? update.cron : base.cron;
  const { cron: _dropped, ...rest } = next;
  return cron === undefined ? rest : { ...rest, cron };
}

/** A channel's column values, in the column order of the `channels` table. */
export function channelValues(channel: ChannelRecord): unknown[] {
  return [
    channel.platform,
    channel.channelId,
    channel.mode,
    channel.cron ?? null,
    channel.timezone,
    channel.maxStories,
    channel.liveHourlyCap,
    Number(channel.quietWhenEmpty),
    channel.digestCursor,
    channel.lastDigestAt ?? null,
  ];
}

/** A changed article as stored: its id, URL and feed stay, since other records point at them. */
export function mergeChangedArticle(stored: Article, incoming: Article): Article {
  return defined<Article>({ ...incoming, id: stored.id, url: stored.url, feedUrl: stored.feedUrl });
}
