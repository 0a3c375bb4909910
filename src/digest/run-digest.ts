/**
 * The digest job for one channel: select what it has not had yet, build and render the digest,
 * record it in the delivery log under `digest:<platform>:<channel>:<slot>` while moving the
 * channel's cursor in the same transaction, then let the delivery worker post it.
 *
 * Re-running the same slot (a crash before the post, a cron tick and a catch-up racing) finds the
 * existing record by its key and delivers that one: a slot is built once and posted once.
 */
import type { Message, PlatformName } from '../model.js';
import type { ChatPlatform, Clock, Logger, Store } from '../ports.js';
import { deliverPending, type DeliveryReport } from '../delivery/deliver-pending.js';
import { buildDigest } from './build-digest.js';
import { loadSourceNames } from './load-source-names.js';
import { formatDigestDate, renderDigest } from './render-digest.js';
import { selectChannelItems } from './select-channel-items.js';

export interface DigestDeps {
  readonly store: Store;
  readonly platforms: ReadonlyMap<PlatformName, ChatPlatform>;
  readonly now: Clock;
  readonly logger: Logger;
}

export interface DigestResult {
  readonly key: string;
  /**
   * `enqueued`: built and recorded now; `existing`: this slot was recorded before (delivered or
   * pending); `silent`: nothing new and the channel prefers silence (cursor still moved).
   */
  readonly status: 'enqueued' | 'existing' | 'silent';
  /** Stories shown (cards), and items covered. */
  readonly stories: number;
  readonly items: number;
  /** The delivery worker's report, when `deliver` was not false. */
  readonly delivery?: DeliveryReport;
}

/** The channel has no record in the store (never configured, or removed). */
export class ChannelNotFoundError extends Error {
  override readonly name = 'ChannelNotFoundError';
  constructor(
    readonly platform: PlatformName,
    readonly channelId: string,
  ) {
    super(`Channel ${channelId} on ${platform} is not set up: add a feed to it first`);
  }
}

/** The delivery key of a channel's digest for one slot. */
export function digestDeliveryKey(platform: PlatformName, channelId: string, slot: Date): string {
  return `digest:${platform}:${channelId}:${slot.toISOString()}`;
}

export async function runChannelDigest(
  deps: DigestDeps,
  platform: PlatformName,
  channelId: string,
  options: { readonly slot: Date | 'now'; readonly deliver?: boolean },
): Promise<DigestResult> {
  const now = deps.now();
  const slot = options.slot === 'now' ? now : options.slot;
  const key = digestDeliveryKey(platform, channelId, slot);
  const deliver = async (): Promise<{ delivery?: DeliveryReport }> =>
    options.deliver === false ? {} : { delivery: await deliverPending(deps, { platform }) };

  const existing = await deps.store.getDelivery(key);
  if (existing) {
    return {
      key,
      status: 'existing',
      stories: existing.message.cards.length,
      items: 0,
      ...(await deliver()),
    };
  }
  const channel = await deps.store.getChannel(platform, channelId);
  if (!channel) throw new ChannelNotFoundError(platform, channelId);

  const subscriptions = await deps.store.subscriptions({ platform, channelId });
  const { items, cursor } = await selectChannelItems(deps, channel, { upTo: now, subscriptions });
  const digest = buildDigest(items, {
    now,
    maxStories: channel.maxStories,
    sourceNames: await loadSourceNames(deps.store),
  });
  const log = { job: 'digest', platform, channelId, slot: slot.toISOString(), items: items.length };

  if (digest.stories.length === 0 && channel.quietWhenEmpty) {
    await deps.store.saveChannel({
      platform,
      channelId,
      digestCursor: Math.max(cursor, channel.digestCursor),
      lastDigestAt: slot.toISOString(),
    });
    deps.logger.info(log, 'nothing new for the digest; channel prefers silence');
    return { key, status: 'silent', stories: 0, items: 0, ...(await deliver()) };
  }
  const message: Message = renderDigest(digest, {
    dateLabel: formatDigestDate(slot, channel.timezone),
    ...(subscriptions.length === 0
      ? { emptyText: 'This channel has no feeds yet: add one with /feeds add <url>.' }
      : {}),
  });
  const { record, created } = await deps.store.enqueueDelivery(
    { key, platform, target: { kind: 'channel', channelId }, kind: 'digest', message },
    now,
    { advanceDigestCursor: { platform, channelId, cursor, digestAt: slot } },
  );
  deps.logger.info({ ...log, key, stories: digest.stories.length, created }, 'digest recorded');
  return {
    key,
    status: created ? 'enqueued' : 'existing',
    stories: record.message.cards.length,
    items: created ? items.length : 0,
    ...(await deliver()),
  };
}
