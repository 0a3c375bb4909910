import type { PlatformName } from '../model.js';
import type { Clock, CommandRequest, Logger, Store, Summariser } from '../ports.js';
import type { ExtractedArticle } from '../extract/extract-article.js';
import type { RateLimiter } from './create-rate-limiter.js';

export type { ExtractedArticle } from '../extract/extract-article.js';

/** What the command layer needs, wired by hand in `main.ts`. */
export interface CommandDeps {
  readonly store: Store;
  readonly summariser: Summariser;
  /** Fetches a page and extracts its article (`src/extract/fetch-article-page.ts` with the bot's HTTP client). */
  readonly fetchArticlePage: (url: string) => Promise<ExtractedArticle>;
  /** Builds and posts a channel's digest now; resolves to the number of stories it carried. */
  readonly runDigestNow: (platform: PlatformName, channelId: string) => Promise<{ stories: number }>;
  readonly now: Clock;
  readonly logger: Logger;
  /**
   * Feeds listed in the configuration file: polled even when no channel takes them any more.
   * A feed added by command stops being polled once the last channel removes it.
   */
  readonly configuredFeedUrls?: ReadonlySet<string>;
  /**
   * Fetches and parses a feed once (`feeds add` checks a new URL with it). Resolves with the
   * feed's title, or with `error`, a short reason for the user ("not a feed: an HTML page …").
   */
  readonly checkFeed?: (url: string) => Promise<{ readonly title?: string; readonly error?: string }>;
  readonly defaults: {
    /** Fetch interval for feeds added with `feeds add`. */
    readonly feedIntervalMinutes: number;
    /** Timezone of a digest schedule given without one, when the channel has none yet. */
    readonly timezone: string;
  };
}

/** Limits one handler keeps across commands. */
export interface CommandLimits {
  /** `/summary <url>` fetches per user. */
  readonly linkSummaries: RateLimiter;
}

/** One command invocation: its dependencies, the request, and its cleaned free text. */
export interface CommandContext {
  readonly deps: CommandDeps;
  readonly limits: CommandLimits;
  readonly request: CommandRequest;
  /** `request.text` cleaned by `cleanCommandText` (one line, no controls, within the length cap). */
  readonly text: string;
}
