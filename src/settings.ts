/**
 * The validated configuration as the core sees it. `config/schema.ts` parses YAML and environment
 * into this shape; `main.ts` hands each part only the slice it needs.
 */
import type { PlatformName } from './model.js';

export interface FeedSetting {
  readonly url: string;
  readonly name?: string;
  readonly intervalMinutes: number;
}

export interface ChannelSetting {
  readonly platform: PlatformName;
  readonly id: string;
  readonly mode: 'digest' | 'live';
  /** Digest schedule; absent means no scheduled digest (on-demand or live only). */
  readonly schedule?: { readonly cron: string; readonly timezone: string };
  /** Feed URLs this channel takes, or 'all' for every configured feed. */
  readonly feeds: readonly string[] | 'all';
  /** Include/exclude query applied to every feed of this channel (follow query language). */
  readonly filter?: string;
  readonly maxStories: number;
  readonly liveHourlyCap: number;
  readonly quietWhenEmpty: boolean;
}

export interface FollowSetting {
  readonly platform: PlatformName;
  readonly userId?: string;
  readonly channelId: string;
  readonly query: string;
  readonly feeds: readonly string[];
}

/** How the bot reaches the outside world; applies to feeds, article pages and `/summary <url>`. */
export interface NetworkSettings {
  /** Lifts the refusal of loopback, private, link-local and similar addresses (tests, self-hosted feeds). */
  readonly allowPrivateAddresses: boolean;
  /** Total time allowed for one request, headers and body, in milliseconds. */
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  /** Largest response body accepted, after decompression, in bytes. */
  readonly maxBytes: number;
  readonly maxRedirects: number;
  /** Requests in flight at once, over all hosts. */
  readonly concurrency: number;
  /** Requests in flight at once to one host. */
  readonly perHostConcurrency: number;
  readonly userAgent: string;
}

export interface StoreSettings {
  /** SQLite database file. */
  readonly path: string;
  /** PostgreSQL connection URL; when set it is used instead of `path`. */
  readonly url?: string;
}

export interface DiscordSettings {
  readonly token?: string;
  readonly applicationId?: string;
  /** REST base URL without the version, e.g. https://discord.com/api (or a proxy or test server). */
  readonly apiUrl?: string;
  /** Register commands in this guild only (instant), instead of globally. */
  readonly guildId?: string;
}

export interface SlackSettings {
  readonly botToken?: string;
  readonly signingSecret?: string;
  readonly appToken?: string;
  /** Web API base URL, e.g. https://slack.com/api/ (or a proxy or test server). */
  readonly apiUrl?: string;
  /** HTTP mode: port and path of the events/commands endpoint. */
  readonly port: number;
  readonly path: string;
  /** Users allowed to change channel setup besides workspace admins and owners. */
  readonly managerUserIds: readonly string[];
}

export interface LogSettings {
  readonly level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export interface Settings {
  readonly feeds: readonly FeedSetting[];
  readonly channels: readonly ChannelSetting[];
  readonly follows: readonly FollowSetting[];
  readonly network: NetworkSettings;
  readonly store: StoreSettings;
  readonly discord: DiscordSettings;
  readonly slack: SlackSettings;
  readonly log: LogSettings;
}
