/**
 * Feed health in the channels: when a subscribed feed has been failing for six hours, each channel
 * that takes it gets one notice (which feed, since when, why); when it works again, one more; when
 * it has been failing for three days it is paused and the channels are told how to resume it.
 * Each notice has a delivery key made of the channel, the feed and the start of the failure, so
 * running this every poll cycle sends each notice once.
 */
import type { Message } from '../model.js';
import type { Clock, FeedRecord, Logger, Store, SubscriptionRecord } from '../ports.js';

export interface FeedHealthDeps {
  readonly store: Store;
  readonly now: Clock;
  readonly logger: Logger;
}

export interface FeedHealthOptions {
  readonly noticeAfterHours?: number;
  readonly pauseAfterHours?: number;
  /** Feed records as they were before this poll cycle's fetches, to see which ones recovered. */
  readonly before?: readonly FeedRecord[];
}

export interface FeedHealthReport {
  readonly failingNotices: number;
  readonly recoveredNotices: number;
  readonly pausedFeeds: readonly string[];
}

const hourMs = 3_600_000;

export async function runFeedHealthNotices(
  deps: FeedHealthDeps,
  options: FeedHealthOptions = {},
): Promise<FeedHealthReport> {
  const noticeAfterMs = (options.noticeAfterHours ?? 6) * hourMs;
  const pauseAfterMs = (options.pauseAfterHours ?? 72) * hourMs;
  const now = deps.now();
  const report = { failingNotices: 0, recoveredNotices: 0, pausedFeeds: [] as string[] };
  const subscriptions = await deps.store.subscriptions();
  const byFeed = new Map<string, SubscriptionRecord[]>();
  for (const subscription of subscriptions) {
    const list = byFeed.get(subscription.feedUrl) ?? [];
    list.push(subscription);
    byFeed.set(subscription.feedUrl, list);
  }
  const before = new Map((options.before ?? []).map((feed) => [feed.url, feed]));

  for (const feed of await deps.store.listFeeds()) {
    const channels = byFeed.get(feed.url) ?? [];
    const failingSince = feed.failingSince;
    if (failingSince === undefined) {
      const previous = before.get(feed.url)?.failingSince;
      if (previous === undefined) continue;
      for (const subscription of channels) {
        const announced = await deps.store.getDelivery(
          noticeKey('failing', subscription, feed.url, previous),
        );
        if (!announced) continue;
        if (
          await enqueueNotice(
            deps,
            'recovered',
            subscription,
            feed,
            previous,
            now,
            recoveredMessage(feed, previous, now),
          )
        )
          report.recoveredNotices++;
      }
      continue;
    }
    const failingMs = now.getTime() - Date.parse(failingSince);
    if (!(failingMs >= noticeAfterMs)) continue;
    for (const subscription of channels) {
      if (
        await enqueueNotice(
          deps,
          'failing',
          subscription,
          feed,
          failingSince,
          now,
          failingMessage(feed, failingSince),
        )
      )
        report.failingNotices++;
    }
    if (failingMs >= pauseAfterMs) {
      if (!feed.paused) {
        await deps.store.updateFeedState(feed.url, { paused: true });
        report.pausedFeeds.push(feed.url);
        deps.logger.warn(
          { job: 'feed-health', feedUrl: feed.url, failingSince, lastError: feed.lastError },
          'feed paused after failing for days',
        );
      }
      for (const subscription of channels) {
        await enqueueNotice(
          deps,
          'paused',
          subscription,
          feed,
          failingSince,
          now,
          pausedMessage(feed, failingSince, failingMs),
        );
      }
    }
  }
  return report;
}

type NoticeKind = 'failing' | 'recovered' | 'paused';

function noticeKey(
  kind: NoticeKind,
  subscription: SubscriptionRecord,
  feedUrl: string,
  failingSince: string,
): string {
  return `notice:${subscription.platform}:${subscription.channelId}:feed-${kind}:${feedUrl}:${failingSince}`;
}

async function enqueueNotice(
  deps: FeedHealthDeps,
  kind: NoticeKind,
  subscription: SubscriptionRecord,
  feed: FeedRecord,
  failingSince: string,
  now: Date,
  message: Message,
): Promise<boolean> {
  const { created } = await deps.store.enqueueDelivery(
    {
      key: noticeKey(kind, subscription, feed.url, failingSince),
      platform: subscription.platform,
      target: { kind: 'channel', channelId: subscription.channelId },
      kind: 'notice',
      message,
    },
    now,
  );
  return created;
}

function feedLabel(feed: FeedRecord): string {
  return feed.name ?? feed.title ?? feed.url;
}

function formatDuration(ms: number): string {
  const hours = Math.floor(ms / hourMs);
  if (hours < 48) return `${hours} hours`;
  return `${Math.floor(hours / 24)} days`;
}

function failingMessage(feed: FeedRecord, failingSince: string): Message {
  return {
    title: `Feed not updating: ${feedLabel(feed)}`,
    text:
      `${feed.url} has failed on every fetch since ${failingSince} (${feed.failureCount} attempts). ` +
      `Last error: ${feed.lastError ?? 'unknown'}. Its stories are missing from this channel until it recovers; ` +
      'it is retried automatically.',
    cards: [],
  };
}

function recoveredMessage(feed: FeedRecord, failingSince: string, now: Date): Message {
  return {
    title: `Feed working again: ${feedLabel(feed)}`,
    text: `${feed.url} is fetched again (it had been failing since ${failingSince}, for ${formatDuration(now.getTime() - Date.parse(failingSince))}).`,
    cards: [],
  };
}

function pausedMessage(feed: FeedRecord, failingSince: string, failingMs: number): Message {
  return {
    title: `Feed paused: ${feedLabel(feed)}`,
    text:
      `${feed.url} has been failing for ${formatDuration(failingMs)} (since ${failingSince}; last error: ${feed.lastError ?? 'unknown'}), ` +
      `so it is no longer fetched. To resume it: /feeds resume ${feed.url} (or remove it: /feeds remove ${feed.url}).`,
    cards: [],
  };
}
