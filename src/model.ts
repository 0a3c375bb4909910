/**
 * Plain data shared by every part of the core. No behaviour here: each shape is produced by one
 * module (named on the type) and read by the others.
 */

/** One feed entry, normalised by `src/feeds/`. Text fields are plain text (no HTML). */
export interface Article {
  /** Stable id: the entry GUID, else its canonical URL, else a hash of title and date. */
  readonly id: string;
  /** URL of the feed this entry came from. */
  readonly feedUrl: string;
  /**
   * Canonical article URL (tracking parameters and fragment removed, except a fragment that is all
   * that tells entries of one feed apart: one page per day, one anchor per post), when there is one.
   */
  readonly url?: string;
  /**
   * True when other entries of the same feed, with other GUIDs, link to this same `url` (a podcast
   * linking every episode to its home page): `url` is shown but does not identify the entry, so
   * stores do not deduplicate by it.
   */
  readonly urlIsShared?: boolean;
  readonly title: string;
  readonly author?: string;
  /** Publication time, ISO 8601 UTC. */
  readonly publishedAt: string;
  /** True when the feed gave no usable date and `publishedAt` is the first-seen time. */
  readonly publishedIsGuess: boolean;
  readonly updatedAt?: string;
  /** Feed title and site, for "source" lines. */
  readonly source: { readonly name: string; readonly siteUrl?: string };
  /** Language as declared by the feed or page (BCP 47 or ISO 639-1), when declared. */
  readonly language?: string;
  /** The feed's teaser or description, plain text. */
  readonly summary?: string;
  /** Full text, plain, paragraphs separated by a blank line. May equal `summary` for teaser feeds. */
  readonly content: string;
  /** True when the feed carries only a teaser and the page should be fetched for the full text. */
  readonly contentIsPartial: boolean;
}

/** A claim: one attributed (or plainly stated) statement, extracted from one sentence. */
export interface Claim {
  readonly text: string;
  /** Who makes the claim, as named in the article ("South Korea's National Intelligence Service"). */
  readonly attribution?: string;
  /** When the claim was made or what time it refers to, as written or resolved ("February 4"). */
  readonly date?: string;
  /** Index into `Summary.sentences`. */
  readonly sentence: number;
}

/** A key figure: one quantity with what it counts. */
export interface Figure {
  /** The number as written in the article ("12,000", "about 1,100", "1,5 million"). */
  readonly text: string;
  /** Numeric value (12000, 1100, 1500000). For ranges, the lower bound. */
  readonly value: number;
  /** Upper bound of a range ("10 to 12 per cent"). */
  readonly valueTo?: number;
  /** Unit or currency ("%", "USD", "km²"; "share" for a fraction such as "half", valued 0.5), when there is one. */
  readonly unit?: string;
  /** What the number counts ("North Korean soldiers sent to Russia"). */
  readonly counts: string;
  readonly attribution?: string;
  readonly date?: string;
  /** True for "about", "around", "some", "nearly", "more than" and the like. */
  readonly approximate?: boolean;
  readonly sentence: number;
}

/** What the summariser produces for one article (`src/summarise/`). */
export interface Summary {
  readonly title: string;
  readonly url?: string;
  /** ISO 639-1 code ("en", "fr", "de", "es") or "und" when unknown. */
  readonly language: string;
  /** One sentence: the lede or top claim with its attribution. */
  readonly gist: string;
  readonly claims: readonly Claim[];
  readonly figures: readonly Figure[];
  /** The cleaned sentences of the article; claims and figures index into it. */
  readonly sentences: readonly string[];
  readonly stats: { readonly words: number; readonly ms: number };
}

/** A run of text, optionally emphasised (a highlighted search term). Adapters escape `text`. */
export interface TextSpan {
  readonly text: string;
  readonly strong?: boolean;
}

/** Plain text or a list of spans. Always untrusted: adapters escape it for their platform. */
export type RichText = string | readonly TextSpan[];

export interface CardField {
  readonly name: string;
  readonly value: RichText;
  readonly inline?: boolean;
}

/** One story, summary or alert, rendered by each adapter (Discord embed, Slack blocks, console). */
export interface Card {
  readonly title: string;
  readonly url?: string;
  /** Source line ("BBC News · The Guardian"). */
  readonly source?: string;
  /** ISO 8601 time shown on the card. */
  readonly timestamp?: string;
  /** Main text: the gist, or the matching sentence of an alert. */
  readonly body?: RichText;
  readonly fields: readonly CardField[];
  readonly footer?: string;
}

/**
 * A platform-neutral message. Every string in it is plain text: adapters escape markup and
 * neutralise mentions, and split a message that exceeds their platform's limits.
 */
export interface Message {
  /** Heading of the whole message ("Morning digest: 8 stories"). */
  readonly title?: string;
  /** Free text before the cards. */
  readonly text?: RichText;
  readonly cards: readonly Card[];
  /** Closing line ("and 12 more stories"). */
  readonly footer?: string;
}

/** Where a message goes. `user` is a direct message; `fallbackChannelId` is used if DMs are closed. */
export type PostTarget =
  | { readonly kind: 'channel'; readonly channelId: string }
  | { readonly kind: 'user'; readonly userId: string; readonly fallbackChannelId?: string };

export type PlatformName = 'discord' | 'slack' | 'console';

/** A stable string for a target, used in delivery keys and rate limits: `channel:<id>` or `user:<id>`. */
export function targetKey(target: PostTarget): string {
  return target.kind === 'channel' ? `channel:${target.channelId}` : `user:${target.userId}`;
}
