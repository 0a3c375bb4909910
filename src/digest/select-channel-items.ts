/**
 * Which stored items a channel has not had yet: items after its digest cursor in the feeds it
 * subscribes to, passing each subscription's include/exclude filter, minus those already posted to
 * it live. Also returns how far the cursor may move once these items are covered.
 */
import { parseQuery, matchesQuery, type FollowQuery } from '../alerts/query.js';
import type { PlatformName } from '../model.js';
import type { ChannelRecord, Logger, Store, StoredItem, SubscriptionRecord } from '../ports.js';
import { gistOf } from './build-digest.js';

export interface ChannelItems {
  /** Items to cover, oldest first. */
  readonly items: readonly StoredItem[];
  /** The highest `seq` looked at (covered, filtered out or sent live); the next cursor. */
  readonly cursor: number;
}

/** Delivery key of a live card: one per channel and article, whatever the retries. */
export function liveDeliveryKey(platform: PlatformName, channelId: string, articleId: string): string {
  return `live:${platform}:${channelId}:${articleId}`;
}

/** The mode a subscription runs in: its own, else the channel's. */
export function subscriptionMode(
  channel: ChannelRecord,
  subscription: SubscriptionRecord,
): 'digest' | 'live' {
  return subscription.mode ?? channel.mode;
}

export async function selectChannelItems(
  deps: { readonly store: Store; readonly logger: Logger },
  channel: ChannelRecord,
  options: {
    /** Items first seen after this instant are left for the next run (keeps re-runs reproducible). */
    readonly upTo: Date;
    readonly subscriptions?: readonly SubscriptionRecord[];
  },
): Promise<ChannelItems> {
  const subscriptions =
    options.subscriptions ??
    (await deps.store.subscriptions({ platform: channel.platform, channelId: channel.channelId }));
  if (subscriptions.length === 0) return { items: [], cursor: channel.digestCursor };
  const matcher = createSubscriptionMatcher(channel, subscriptions, deps.logger);
  const raw = await deps.store.itemsAfter(channel.digestCursor, {
    feedUrls: subscriptions.map((subscription) => subscription.feedUrl),
  });
  const upToIso = options.upTo.toISOString();
  const items: StoredItem[] = [];
  let cursor = channel.digestCursor;
  for (const item of raw) {
    // Stop at the first item stored after `upTo`: everything before it is covered, nothing after.
    if (item.firstSeenAt > upToIso) break;
    cursor = item.seq;
    const subscription = matcher.match(item);
    if (!subscription) continue;
    if (subscriptionMode(channel, subscription) === 'live') {
      const sent = await deps.store.getDelivery(
        liveDeliveryKey(channel.platform, channel.channelId, item.article.id),
      );
      if (sent) continue;
    }
    items.push(item);
  }
  return { items, cursor };
}

export interface SubscriptionMatcher {
  /** The subscription through which the item reaches the channel, or undefined when filtered out. */
  match(item: StoredItem): SubscriptionRecord | undefined;
}

/**
 * Parses each subscription's filter once. A filter that no longer parses (saved by an older
 * version, edited in the database) lets everything through and is logged: a channel that silently
 * receives nothing is worse than one that receives too much.
 */
export function createSubscriptionMatcher(
  channel: ChannelRecord,
  subscriptions: readonly SubscriptionRecord[],
  logger: Logger,
): SubscriptionMatcher {
  const filters = new Map<SubscriptionRecord, FollowQuery | undefined>();
  for (const subscription of subscriptions) {
    if (!subscription.filter?.trim()) {
      filters.set(subscription, undefined);
      continue;
    }
    try {
      filters.set(subscription, parseQuery(subscription.filter));
    } catch (err) {
      logger.warn(
        {
          platform: channel.platform,
          channelId: channel.channelId,
          feedUrl: subscription.feedUrl,
          filter: subscription.filter,
          err,
        },
        'subscription filter does not parse; letting every item of the feed through',
      );
      filters.set(subscription, undefined);
    }
  }
  const byFeed = new Map(subscriptions.map((subscription) => [subscription.feedUrl, subscription]));
  return {
    match(item) {
      const feeds = item.feedUrls.length > 0 ? item.feedUrls : [item.article.feedUrl];
      for (const feedUrl of feeds) {
        const subscription = byFeed.get(feedUrl);
        if (!subscription) continue;
        const query = filters.get(subscription);
        if (!query) return subscription;
        const text = [gistOf(item), item.article.summary ?? '', item.article.content].join('\n\n');
        if (matchesQuery(query, { feedUrl, title: item.article.title, text })) return subscription;
      }
      return undefined;
    },
  };
}
