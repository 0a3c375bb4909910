/**
 * Live mode: channels (or single subscriptions) in `live` mode get a card per new item as it
 * arrives, at most `liveHourlyCap` cards an hour. Items over the cap are not lost: they stay after
 * the channel's digest cursor and the next digest covers them (digests skip what was sent live).
 * A live-only channel without a digest schedule gets that digest, folding the overflow into one
 * message, at most once an hour once its cap has room again.
 *
 * The cursor moves only over items that need nothing more: once every item after it was sent live
 * or filtered out, it jumps past them, so a live channel's backlog never grows.
 */
import type { PlatformName } from '../model.js';
import { targetKey } from '../model.js';
import type { ChannelRecord, Clock, Logger, Store, StoredItem } from '../ports.js';
import { buildDigest } from './build-digest.js';
import { loadSourceNames } from './load-source-names.js';
import { renderDigest, renderStoryCard } from './render-digest.js';
import {
  createSubscriptionMatcher,
  liveDeliveryKey,
  selectChannelItems,
  subscriptionMode,
} from './select-channel-items.js';

export interface LiveDeps {
  readonly store: Store;
  readonly now: Clock;
  readonly logger: Logger;
}

export interface LiveReport {
  /** Live cards recorded for delivery. */
  readonly cards: number;
  /** New items held back by a channel's hourly cap (they go into its next digest). */
  readonly heldBack: number;
  /** Overflow digests recorded for live-only channels. */
  readonly overflowDigests: number;
}

const hourMs = 3_600_000;

export async function runLiveCards(deps: LiveDeps, newItems: readonly StoredItem[]): Promise<LiveReport> {
  const report = { cards: 0, heldBack: 0, overflowDigests: 0 };
  const ordered = [...newItems].sort((a, b) => a.seq - b.seq);
  const sourceNames = await loadSourceNames(deps.store);
  for (const channel of await deps.store.listChannels()) {
    const subscriptions = await deps.store.subscriptions({
      platform: channel.platform,
      channelId: channel.channelId,
    });
    if (!subscriptions.some((subscription) => subscriptionMode(channel, subscription) === 'live')) continue;
    const now = deps.now();
    const target = { kind: 'channel', channelId: channel.channelId } as const;
    const matcher = createSubscriptionMatcher(channel, subscriptions, deps.logger);
    const candidates = ordered.filter((item) => {
      if (item.seq <= channel.digestCursor) return false;
      const subscription = matcher.match(item);
      return subscription !== undefined && subscriptionMode(channel, subscription) === 'live';
    });
    const sentThisHour = await deps.store.countDeliveries({
      kind: 'live',
      targetKey: targetKey(target),
      since: new Date(now.getTime() - hourMs),
    });
    let room = Math.max(0, channel.liveHourlyCap - sentThisHour);
    for (const item of candidates) {
      if (room === 0) {
        report.heldBack++;
        continue;
      }
      const story = buildDigest([item], { now, maxStories: 1, sourceNames }).stories[0];
      if (!story) continue;
      const { created } = await deps.store.enqueueDelivery(
        {
          key: liveDeliveryKey(channel.platform, channel.channelId, item.article.id),
          platform: channel.platform,
          target,
          kind: 'live',
          message: { cards: [renderStoryCard(story)] },
        },
        now,
      );
      if (created) {
        room--;
        report.cards++;
      }
    }
    report.overflowDigests += await settleCursor(deps, channel, room, now, sourceNames);
  }
  if (report.heldBack > 0)
    deps.logger.info({ job: 'live', ...report }, 'live cards over the hourly cap wait for the next digest');
  return report;
}

/** Moves the cursor past fully handled items; folds a live-only channel's overflow into a digest. */
async function settleCursor(
  deps: LiveDeps,
  channel: ChannelRecord,
  room: number,
  now: Date,
  sourceNames: ReadonlyMap<string, string>,
): Promise<number> {
  const { items, cursor } = await selectChannelItems(deps, channel, { upTo: now });
  if (items.length === 0) {
    if (cursor > channel.digestCursor)
      await deps.store.saveChannel({
        platform: channel.platform,
        channelId: channel.channelId,
        digestCursor: cursor,
      });
    return 0;
  }
  if (channel.cron !== undefined || room === 0) return 0;
  const target = { kind: 'channel', channelId: channel.channelId } as const;
  const recentDigests = await deps.store.countDeliveries({
    kind: 'digest',
    targetKey: targetKey(target),
    since: new Date(now.getTime() - hourMs),
  });
  if (recentDigests > 0) return 0;
  const digest = buildDigest(items, { now, maxStories: channel.maxStories, sourceNames });
  const { created } = await deps.store.enqueueDelivery(
    {
      key: overflowDigestKey(channel.platform, channel.channelId, now),
      platform: channel.platform,
      target,
      kind: 'digest',
      message: renderDigest(digest, {
        title: `Also new: ${digest.stories.length + digest.moreStories} more stories`,
      }),
    },
    now,
    {
      advanceDigestCursor: {
        platform: channel.platform,
        channelId: channel.channelId,
        cursor,
        digestAt: now,
      },
    },
  );
  return created ? 1 : 0;
}

function overflowDigestKey(platform: PlatformName, channelId: string, at: Date): string {
  return `digest:${platform}:${channelId}:${at.toISOString()}`;
}
