/**
 * Finds the channels whose digest slot has come and not been served, and runs their digests. The
 * same check serves the cron tick, the catch-up after a restart (a slot missed while the bot was
 * down is sent once, the latest one only) and schedules changed by a command.
 */
import type { PlatformName } from '../model.js';
import type { ChannelRecord } from '../ports.js';
import { runChannelDigest, type DigestDeps, type DigestResult } from '../digest/run-digest.js';
import { findPreviousSlot, parseCronSchedule } from './cron-schedule.js';

export interface DueDigestOptions {
  /**
   * A channel that never had a digest gets slots from this instant on (the scheduler's start),
   * rather than one for a slot long before it was set up.
   */
  readonly notBefore?: Date;
  /** Only this channel (a cron tick). */
  readonly only?: { readonly platform: PlatformName; readonly channelId: string };
  /** Lets a cron tick that fires a little early still count as its slot. */
  readonly toleranceMs?: number;
}

/** The slot a channel's digest is due for now, if any. Pure: exported for tests. */
export function findDueSlot(
  channel: ChannelRecord,
  now: Date,
  options: DueDigestOptions = {},
): Date | undefined {
  if (channel.cron === undefined) return undefined;
  const schedule = parseCronSchedule(channel.cron, channel.timezone);
  const slot = findPreviousSlot(schedule, new Date(now.getTime() + (options.toleranceMs ?? 0)));
  if (!slot) return undefined;
  if (channel.lastDigestAt !== undefined)
    return Date.parse(channel.lastDigestAt) >= slot.getTime() ? undefined : slot;
  if (options.notBefore === undefined || slot.getTime() < options.notBefore.getTime()) return undefined;
  return slot;
}

/** Records the due digests (delivery is left to the caller's `deliverPending`). */
export async function runDueDigests(
  deps: DigestDeps,
  options: DueDigestOptions = {},
): Promise<DigestResult[]> {
  const channels = options.only
    ? [await deps.store.getChannel(options.only.platform, options.only.channelId)].filter(
        (channel): channel is ChannelRecord => channel !== undefined,
      )
    : await deps.store.listChannels();
  const results: DigestResult[] = [];
  for (const channel of channels) {
    const log = {
      job: 'digest',
      platform: channel.platform,
      channelId: channel.channelId,
      cron: channel.cron,
      timezone: channel.timezone,
    };
    try {
      const slot = findDueSlot(channel, deps.now(), options);
      if (!slot) continue;
      results.push(
        await runChannelDigest(deps, channel.platform, channel.channelId, { slot, deliver: false }),
      );
    } catch (err) {
      deps.logger.error(
        { ...log, err },
        `digest for ${channel.platform} channel ${channel.channelId} failed`,
      );
    }
  }
  return results;
}
