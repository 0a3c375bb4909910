/**
 * The narrow interfaces between the core and the outside world. Adapters (`adapters/`) implement
 * `ChatPlatform`; stores (`src/store/`) implement `Store`; summarisers implement `Summariser`.
 */
import type { Article, Message, PlatformName, PostTarget, Summary } from './model.js';

/** Structured logger; pino's logger satisfies it. Objects first, message second. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** The current time. Injected so schedules and backoff can be tested without waiting. */
export type Clock = () => Date;

// ---------------------------------------------------------------------------------------------
// Chat platforms

/** A slash command as the core sees it, whatever platform it came from. */
export interface CommandRequest {
  readonly platform: PlatformName;
  /** Top-level command without slash: 'summary', 'digest', 'feeds', 'follow', 'unfollow', 'alerts', 'help'. */
  readonly name: string;
  /** Subcommand, when the command has them ('now', 'schedule', 'off', 'add', 'remove', 'list'). */
  readonly subcommand?: string;
  /** The free text after the (sub)command, untrusted and unparsed. */
  readonly text: string;
  readonly channelId: string;
  readonly userId: string;
  /** Workspace/guild id, when the platform has one. */
  readonly teamId?: string;
  /**
   * Whether the platform says this user may change the channel's setup (Discord: Manage Channels;
   * Slack: admin/owner or configured user). The command layer refuses manager-only commands without it.
   */
  readonly userCanManageChannel: boolean;
}

/** What a command answers. `ephemeral` replies are shown only to the user who asked. */
export interface CommandReply {
  readonly message: Message;
  readonly visibility: 'ephemeral' | 'in_channel';
}

/** An autocomplete request for one option of a command (Discord only today). */
export interface CompletionRequest {
  readonly platform: PlatformName;
  readonly name: string;
  readonly subcommand?: string;
  readonly partial: string;
  readonly channelId: string;
  readonly userId: string;
}

export interface CompletionChoice {
  readonly label: string;
  readonly value: string;
}

/** The platform-neutral command layer (`src/commands/`), called by every adapter. */
export interface CommandHandler {
  handle(request: CommandRequest): Promise<CommandReply>;
  complete(request: CompletionRequest): Promise<readonly CompletionChoice[]>;
}

export interface ChatPlatform {
  readonly name: PlatformName;
  /**
   * Posts one message (split into several when it exceeds platform limits). `idempotencyKey` is
   * stable across retries and restarts; platforms that support it (Discord `nonce` +
   * `enforce_nonce`) use it so a retried send cannot duplicate a post. Resolves to the id of the
   * first platform message.
   */
  post(target: PostTarget, message: Message, options: { readonly idempotencyKey: string }): Promise<string>;
  /** Registers the one handler for all slash commands. Call it before start(). */
  onCommand(handler: CommandHandler): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Summariser

/** What a summariser reads: plain text with paragraph breaks, plus what is known about it. */
export interface SummaryInput {
  readonly text: string;
  readonly title?: string;
  readonly url?: string;
  /** Publication time (ISO 8601), used to resolve "Tuesday" or "in December" when it helps. */
  readonly publishedAt?: string;
  /** Declared language, if any; the summariser detects it otherwise. */
  readonly language?: string;
  /** The byline (feed author or page byline): first-person statements are credited to it. */
  readonly author?: string;
}

/** Any summariser: the extractive default, or a future LLM backend with the same output. */
export interface Summariser {
  summarise(input: SummaryInput): Promise<Summary>;
}

// ---------------------------------------------------------------------------------------------
// Store

/** Fetch state and health of one feed. */
export interface FeedRecord {
  readonly url: string;
  readonly name?: string;
  readonly intervalMinutes: number;
  readonly title?: string;
  readonly siteUrl?: string;
  readonly etag?: string;
  readonly lastModified?: string;
  readonly lastFetchAt?: string;
  readonly lastOkAt?: string;
  readonly nextFetchAt?: string;
  readonly failureCount: number;
  readonly failingSince?: string;
  readonly lastError?: string;
  /** A feed failing for days is paused; `feeds resume` (or re-adding it) clears this. */
  readonly paused: boolean;
  readonly addedAt: string;
}

/** Fetch-state fields that `Store.updateFeedState` may change; `null` clears a field. */
export type FeedStateUpdate = {
  readonly [K in keyof Omit<FeedRecord, 'url' | 'addedAt' | 'intervalMinutes' | 'name'>]?:
    FeedRecord[K] | null;
};

/** The result of storing one article: `new` ones are announced, `updated` ones are not. */
export type UpsertResult = 'new' | 'updated' | 'unchanged';

export interface StoredItem {
  readonly article: Article;
  readonly summary?: Summary;
  /** When this bot first stored the item (ISO 8601 UTC). Digests cover items first seen since the last one. */
  readonly firstSeenAt: string;
  /** Monotonic sequence number, assigned on first store; a cursor for "new since". */
  readonly seq: number;
  /** Every feed that carried this item (the same URL can arrive through several feeds). */
  readonly feedUrls: readonly string[];
}

export interface ChannelRecord {
  readonly platform: PlatformName;
  readonly channelId: string;
  /** `digest`: on a schedule; `live`: a card per new item. */
  readonly mode: 'digest' | 'live';
  /** Five-field cron expression, or undefined when digests are off. */
  readonly cron?: string;
  /** IANA timezone the cron expression is read in. */
  readonly timezone: string;
  readonly maxStories: number;
  /** In live mode, at most this many cards an hour; the rest go into the next digest. */
  readonly liveHourlyCap: number;
  /** When a digest has nothing new: post a short "nothing new" line (false) or stay silent (true). */
  readonly quietWhenEmpty: boolean;
  /** Highest item `seq` covered by the last digest sent to this channel. */
  readonly digestCursor: number;
  readonly lastDigestAt?: string;
}

/** Fields to set on a channel; `cron: undefined` given explicitly turns scheduled digests off. */
export type ChannelUpdate = Pick<ChannelRecord, 'platform' | 'channelId'> &
  Partial<Omit<ChannelRecord, 'platform' | 'channelId' | 'cron'>> & { readonly cron?: string | undefined };

export interface SubscriptionRecord {
  readonly platform: PlatformName;
  readonly channelId: string;
  readonly feedUrl: string;
  /** Overrides the channel's mode for this feed, when set. */
  readonly mode?: 'digest' | 'live';
  /** Include/exclude query in the follow language; only matching items reach the channel. */
  readonly filter?: string;
}

export interface FollowRecord {
  readonly id: number;
  readonly platform: PlatformName;
  /** The follower; undefined when a whole channel follows the query. */
  readonly userId?: string;
  /** Where the follow was made (fallback for closed DMs, or the target of a channel follow). */
  readonly channelId: string;
  readonly query: string;
  /** Limit to these feed URLs; empty means all feeds. */
  readonly feedUrls: readonly string[];
  readonly paused: boolean;
  readonly createdAt: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One message that must be posted exactly once. */
export interface DeliveryRecord {
  /** Stable idempotency key, e.g. `digest:discord:123:2026-11-27T07:00Z` or `alert:slack:U1:<article id>`. */
  readonly key: string;
  readonly platform: PlatformName;
  readonly target: PostTarget;
  readonly kind: 'digest' | 'live' | 'alert' | 'notice';
  readonly message: Message;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt?: string;
  readonly lastError?: string;
  readonly platformMessageId?: string;
  readonly createdAt: string;
  readonly deliveredAt?: string;
}

/**
 * Everything the bot keeps. Asynchronous so that a PostgreSQL implementation can satisfy it; no
 * SQL or driver type crosses it.
 */
export interface Store {
  // feeds
  addFeed(feed: { url: string; name?: string; intervalMinutes: number }, now: Date): Promise<FeedRecord>;
  removeFeed(url: string): Promise<boolean>;
  getFeed(url: string): Promise<FeedRecord | undefined>;
  listFeeds(): Promise<FeedRecord[]>;
  /** Feeds whose next fetch time has come (or never fetched), not paused. */
  dueFeeds(now: Date): Promise<FeedRecord[]>;
  /** Updates the given fields; a field present with `null` or `undefined` is cleared. */
  updateFeedState(url: string, state: FeedStateUpdate): Promise<void>;

  // items
  /** Stores an article, deduplicating by id and by canonical URL across feeds. */
  upsertArticle(article: Article, seenAt: Date): Promise<{ result: UpsertResult; seq: number; id: string }>;
  saveSummary(articleId: string, summary: Summary): Promise<void>;
  getItem(articleId: string): Promise<StoredItem | undefined>;
  /** Items with `seq` greater than `afterSeq`, oldest first, optionally limited to some feeds. */
  itemsAfter(
    afterSeq: number,
    options?: { feedUrls?: readonly string[]; limit?: number },
  ): Promise<StoredItem[]>;
  /** Items first seen at or after `since`, newest first (for `/summary <words>`). */
  recentItems(since: Date, limit: number): Promise<StoredItem[]>;
  latestSeq(): Promise<number>;

  // channels and subscriptions
  getChannel(platform: PlatformName, channelId: string): Promise<ChannelRecord | undefined>;
  listChannels(platform?: PlatformName): Promise<ChannelRecord[]>;
  /** Creates the channel with defaults for missing fields, or updates the given fields. */
  saveChannel(channel: ChannelUpdate): Promise<ChannelRecord>;
  subscribe(subscription: SubscriptionRecord): Promise<void>;
  unsubscribe(platform: PlatformName, channelId: string, feedUrl: string): Promise<boolean>;
  subscriptions(filter?: {
    platform?: PlatformName;
    channelId?: string;
    feedUrl?: string;
  }): Promise<SubscriptionRecord[]>;

  // follows
  addFollow(follow: Omit<FollowRecord, 'id' | 'paused' | 'createdAt'>, now: Date): Promise<FollowRecord>;
  removeFollow(id: number): Promise<boolean>;
  setFollowPaused(id: number, paused: boolean): Promise<boolean>;
  listFollows(filter?: {
    platform?: PlatformName;
    userId?: string;
    channelId?: string;
  }): Promise<FollowRecord[]>;

  // delivery log
  /**
   * Records a delivery as pending unless its key exists already. Returns the stored record and
   * whether this call created it; an existing record is never overwritten.
   */
  enqueueDelivery(
    delivery: Pick<DeliveryRecord, 'key' | 'platform' | 'target' | 'kind' | 'message'>,
    now: Date,
    options?: {
      /** Moves the channel's digest cursor in the same transaction, only if the delivery is created. */
      readonly advanceDigestCursor?: {
        readonly platform: PlatformName;
        readonly channelId: string;
        readonly cursor: number;
        readonly digestAt: Date;
      };
    },
  ): Promise<{ record: DeliveryRecord; created: boolean }>;
  markDelivered(key: string, platformMessageId: string, now: Date): Promise<void>;
  markDeliveryFailed(key: string, error: string, nextAttemptAt: Date | undefined): Promise<void>;
  /** Pending deliveries whose next attempt time has come, oldest first. */
  pendingDeliveries(now: Date, platform?: PlatformName): Promise<DeliveryRecord[]>;
  getDelivery(key: string): Promise<DeliveryRecord | undefined>;
  /** Deliveries created since `since`, optionally of one kind and to one target (see `targetKey`). */
  countDeliveries(filter: {
    kind?: DeliveryRecord['kind'];
    targetKey?: string;
    since: Date;
  }): Promise<number>;

  // alerts
  /** Records that `followerKey` was alerted about `articleId`; true the first time, false after. */
  claimAlert(followerKey: string, articleId: string, now: Date): Promise<boolean>;

  close(): Promise<void>;
}
