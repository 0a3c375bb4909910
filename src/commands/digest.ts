/**
 * `digest now | schedule <cron> [timezone] | off`: post this channel's digest now, or set or stop
 * its schedule. All three change what the channel receives, so they need a manager.
 */
import { ChannelNotFoundError } from '../digest/run-digest.js';
import { findNextSlot } from '../scheduler/cron-schedule.js';
import type { CommandReply } from '../ports.js';
import { formatCommandUsage, formatUsageLine } from './command-catalogue.js';
import type { CommandContext } from './command-deps.js';
import { CommandError } from './command-error.js';
import { replyText } from './command-reply.js';
import { parseDigestSchedule } from './parse-digest-schedule.js';

export async function runDigestNow(context: CommandContext): Promise<CommandReply> {
  const { deps, request } = context;
  const notSetUp = `This channel is not set up yet: add a feed with ${formatUsageLine(request.platform, 'feeds', 'add')}.`;
  const channel = await deps.store.getChannel(request.platform, request.channelId);
  if (channel === undefined) return replyText(notSetUp);
  let stories: number;
  try {
    ({ stories } = await deps.runDigestNow(request.platform, request.channelId));
  } catch (err) {
    // The channel can disappear between the check above and the run.
    if (err instanceof ChannelNotFoundError) throw new CommandError(notSetUp, { cause: err });
    throw err;
  }
  if (stories > 0) return replyText(`Posted a digest of ${stories} ${stories === 1 ? 'story' : 'stories'}.`);
  const subscriptions = await deps.store.subscriptions({
    platform: request.platform,
    channelId: request.channelId,
  });
  if (subscriptions.length === 0) {
    return replyText(
      `Nothing to post: this channel has no feeds yet. Add one with ${formatUsageLine(request.platform, 'feeds', 'add')}.`,
    );
  }
  // The channel itself was told (unless it stays quiet): say what happened, not the same line again.
  return replyText(
    channel.quietWhenEmpty
      ? 'Nothing new since the last digest; nothing was posted (this channel stays quiet when there is nothing new).'
      : 'Nothing new since the last digest: the channel was told so.',
  );
}

export async function runDigestSchedule(context: CommandContext): Promise<CommandReply> {
  const { deps, request, text } = context;
  if (text === '') {
    return replyText(
      `Usage: ${formatUsageLine(request.platform, 'digest', 'schedule')}, e.g. 0 8 * * 1-5 Europe/Paris for 08:00 on weekdays.`,
    );
  }
  const channel = await deps.store.getChannel(request.platform, request.channelId);
  // A channel that never had a schedule carries the store's default zone, not a choice.
  const fallbackTimezone = channel?.cron === undefined ? deps.defaults.timezone : channel.timezone;
  const schedule = parseDigestSchedule(text, fallbackTimezone);
  await deps.store.saveChannel({
    platform: request.platform,
    channelId: request.channelId,
    cron: schedule.cron,
    timezone: schedule.timezone,
    mode: 'digest',
  });
  const next = findNextSlot(schedule, deps.now());
  const nextLine = next === undefined ? '' : ` Next digest: ${formatLocalTime(next, schedule.timezone)}.`;
  const subscriptions = await deps.store.subscriptions({
    platform: request.platform,
    channelId: request.channelId,
  });
  const feedsLine =
    subscriptions.length === 0
      ? ` This channel has no feeds yet: add one with ${formatUsageLine(request.platform, 'feeds', 'add')}.`
      : '';
  return replyText(`Digests scheduled: "${schedule.cron}" in ${schedule.timezone}.${nextLine}${feedsLine}`);
}

export async function runDigestOff(context: CommandContext): Promise<CommandReply> {
  const { deps, request } = context;
  const channel = await deps.store.getChannel(request.platform, request.channelId);
  if (channel?.cron === undefined) {
    return replyText(
      `This channel has no digest schedule. Set one with ${formatCommandUsage(request.platform, 'digest', 'schedule')}.`,
    );
  }
  await deps.store.saveChannel({ platform: request.platform, channelId: request.channelId, cron: undefined });
  return replyText(
    `Scheduled digests are off in this channel (the schedule was "${channel.cron}" in ${channel.timezone}). ${formatCommandUsage(request.platform, 'digest', 'now')} still works.`,
  );
}

/** "Mon 30 Nov 2026, 08:00 (Europe/Paris)". */
function formatLocalTime(at: Date, timezone: string): string {
  const formatted = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return `${formatted} (${timezone})`;
}
