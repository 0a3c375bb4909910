/**
 * `feeds add <url> [filter] | remove <feed> | resume <feed> | list`: a channel's feed
 * subscriptions. Adding and removing change the channel's setup and need a manager; listing
 * shows each feed's health (ok, failing since when and why, or paused).
 */
import { parseQuery, QueryError } from '../alerts/query.js';
import type { FeedRecord, SubscriptionRecord } from '../ports.js';
import type { CommandReply, CompletionChoice } from '../ports.js';
import { formatUsageLine } from './command-catalogue.js';
import type { CommandContext, CommandDeps } from './command-deps.js';
import { CommandError } from './command-error.js';
import { replyText } from './command-reply.js';
import { parseHttpUrl } from './parse-http-url.js';

/** Most feeds one channel may subscribe to. */
export const MAX_FEEDS_PER_CHANNEL = 100;

export async function runFeedsAdd(context: CommandContext): Promise<CommandReply> {
  const { deps, request, text } = context;
  if (text === '')
    return replyText(`Usage: ${formatUsageLine(request.platform, 'feeds', 'add')} [filter query]`);
  const [urlText = '', ...rest] = text.split(' ');
  const url = parseHttpUrl(urlText).href;
  const filterText = rest.join(' ').trim();
  if (filterText !== '') {
    try {
      parseQuery(filterText);
    } catch (err) {
      if (err instanceof QueryError) throw new CommandError(`Filter: ${err.message}`, { cause: err });
      throw err;
    }
  }

  const subscriptions = await channelSubscriptions(deps, context);
  const existing = subscriptions.find((s) => s.feedUrl === url);
  if (existing === undefined && subscriptions.length >= MAX_FEEDS_PER_CHANNEL) {
    throw new CommandError(`This channel already has ${MAX_FEEDS_PER_CHANNEL} feeds; remove one first.`);
  }
  let feed = await deps.store.getFeed(url);
  let checkedTitle: string | undefined;
  if (feed === undefined && deps.checkFeed) {
    // A new URL is read once now, so a web page or a typo is refused here, not hours later.
    const check = await deps.checkFeed(url);
    if (check.error !== undefined) throw new CommandError(`Cannot add ${url}: ${check.error}`);
    checkedTitle = check.title;
  }
  const now = deps.now();
  if (feed === undefined) {
    feed = await deps.store.addFeed({ url, intervalMinutes: deps.defaults.feedIntervalMinutes }, now);
    if (checkedTitle) {
      await deps.store.updateFeedState(url, { title: checkedTitle });
      feed = { ...feed, title: checkedTitle };
    }
  } else if (feed.paused) {
    // Re-adding a paused feed resumes it.
    await deps.store.updateFeedState(url, { paused: false, nextFetchAt: now.toISOString() });
  }
  if (existing !== undefined && filterText === (existing.filter ?? '')) {
    const resumed = feed.paused ? ' It was paused and is resumed: it will be fetched on the next poll.' : '';
    return replyText(`This channel already gets ${describeFeed(feed)}.${resumed}`);
  }
  await deps.store.subscribe({
    platform: request.platform,
    channelId: request.channelId,
    feedUrl: url,
    ...(existing?.mode === undefined ? {} : { mode: existing.mode }),
    ...(filterText === '' ? {} : { filter: filterText }),
  });
  const channel = await deps.store.getChannel(request.platform, request.channelId);
  if (channel === undefined) {
    await deps.store.saveChannel({
      platform: request.platform,
      channelId: request.channelId,
      timezone: deps.defaults.timezone,
    });
  }
  const filterLine = filterText === '' ? '' : ` Only items matching "${filterText}" will be posted here.`;
  if (existing !== undefined) return replyText(`Updated the filter of ${describeFeed(feed)}.${filterLine}`);
  const fetchLine =
    feed.lastOkAt === undefined
      ? ' Its first fetch happens on the next poll; new items then arrive here.'
      : ' New items will arrive here from the next poll on.';
  const scheduleLine =
    channel?.cron === undefined && channel?.mode !== 'live'
      ? ` No digest is scheduled in this channel yet: set one with ${formatUsageLine(context.request.platform, 'digest', 'schedule')}.`
      : '';
  return replyText(`Added ${describeFeed(feed)}.${fetchLine}${filterLine}${scheduleLine}`);
}

export async function runFeedsRemove(context: CommandContext): Promise<CommandReply> {
  const { deps, request, text } = context;
  if (text === '') return replyText(`Usage: ${formatUsageLine(request.platform, 'feeds', 'remove')}`);
  const { subscription, feed } = await findChannelFeed(context);
  await deps.store.unsubscribe(request.platform, request.channelId, subscription.feedUrl);
  const stillWanted =
    deps.configuredFeedUrls?.has(subscription.feedUrl) === true ||
    (await deps.store.subscriptions({ feedUrl: subscription.feedUrl })).length > 0;
  // Stored items stay (alerts and /summary searches may still point at them); polling stops.
  if (!stillWanted) await deps.store.removeFeed(subscription.feedUrl);
  return replyText(
    `Removed ${feed === undefined ? subscription.feedUrl : describeFeed(feed)} from this channel.`,
  );
}

export async function runFeedsResume(context: CommandContext): Promise<CommandReply> {
  const { deps, request, text } = context;
  if (text === '') return replyText(`Usage: ${formatUsageLine(request.platform, 'feeds', 'resume')}`);
  const { subscription, feed } = await findChannelFeed(context);
  if (feed === undefined || !feed.paused) {
    return replyText(`${feed === undefined ? subscription.feedUrl : describeFeed(feed)} is not paused.`);
  }
  await deps.store.updateFeedState(feed.url, { paused: false, nextFetchAt: deps.now().toISOString() });
  return replyText(`Resumed ${describeFeed(feed)}: it will be fetched on the next poll.`);
}

export async function runFeedsList(context: CommandContext): Promise<CommandReply> {
  const { deps, request } = context;
  const subscriptions = await channelSubscriptions(deps, context);
  if (subscriptions.length === 0) {
    return replyText(
      `This channel has no feeds. Add one with ${formatUsageLine(request.platform, 'feeds', 'add')}.`,
    );
  }
  const now = deps.now();
  const lines: string[] = [];
  for (const subscription of subscriptions) {
    const feed = await deps.store.getFeed(subscription.feedUrl);
    const name = feed === undefined ? subscription.feedUrl : describeFeed(feed);
    const label = name === subscription.feedUrl ? name : `${name} — ${subscription.feedUrl}`;
    const filter = subscription.filter === undefined ? '' : ` · filter: ${subscription.filter}`;
    const mode = subscription.mode === undefined ? '' : ` · ${subscription.mode}`;
    lines.push(`• ${label}\n  ${describeHealth(feed, now)}${mode}${filter}`);
  }
  const count = subscriptions.length;
  const channel = await deps.store.getChannel(request.platform, request.channelId);
  const footer =
    channel?.mode === 'live'
      ? `Live: a card per new item, at most ${channel.liveHourlyCap} an hour.`
      : channel?.cron === undefined
        ? `No digest is scheduled: set one with ${formatUsageLine(request.platform, 'digest', 'schedule')}.`
        : `Digests: "${channel.cron}" in ${channel.timezone}.`;
  return {
    message: { title: `Feeds in this channel (${count})`, text: lines.join('\n'), cards: [], footer },
    visibility: 'ephemeral',
  };
}

/** Autocomplete for `feeds remove` and `feeds resume`: this channel's feeds matching what was typed. */
export async function completeChannelFeeds(
  deps: CommandDeps,
  where: { platform: CommandContext['request']['platform']; channelId: string },
  partial: string,
): Promise<CompletionChoice[]> {
  const subscriptions = await deps.store.subscriptions({
    platform: where.platform,
    channelId: where.channelId,
  });
  const needle = partial.toLowerCase();
  const choices: CompletionChoice[] = [];
  for (const subscription of subscriptions) {
    const feed = await deps.store.getFeed(subscription.feedUrl);
    const name = feed === undefined ? undefined : (feed.name ?? feed.title);
    const haystack = `${name ?? ''} ${subscription.feedUrl}`.toLowerCase();
    if (needle !== '' && !haystack.includes(needle)) continue;
    const label = name === undefined ? subscription.feedUrl : `${name} — ${subscription.feedUrl}`;
    // Choice values are capped at 100 characters (Discord); `remove` accepts a unique prefix.
    choices.push({ label: truncate(label, 100), value: subscription.feedUrl.slice(0, 100) });
  }
  return choices;
}

async function channelSubscriptions(
  deps: CommandDeps,
  context: CommandContext,
): Promise<SubscriptionRecord[]> {
  return deps.store.subscriptions({
    platform: context.request.platform,
    channelId: context.request.channelId,
  });
}

/**
 * The channel's subscription that `text` names: its URL (exact, or a unique prefix), or the feed's
 * name or title (exact, or a unique part of it), ignoring case.
 */
async function findChannelFeed(
  context: CommandContext,
): Promise<{ subscription: SubscriptionRecord; feed?: FeedRecord }> {
  const { deps, text } = context;
  const subscriptions = await channelSubscriptions(deps, context);
  if (subscriptions.length === 0) throw new CommandError('This channel has no feeds.');
  const entries = await Promise.all(
    subscriptions.map(async (subscription) => ({
      subscription,
      feed: await deps.store.getFeed(subscription.feedUrl),
    })),
  );
  const wanted = text.toLowerCase();
  let normalisedUrl: string | undefined;
  try {
    normalisedUrl = parseHttpUrl(text).href.toLowerCase();
  } catch {
    normalisedUrl = undefined;
  }
  const names = (e: (typeof entries)[number]): string[] =>
    [e.feed?.name, e.feed?.title].filter((n): n is string => n !== undefined).map((n) => n.toLowerCase());
  const stages: Array<(e: (typeof entries)[number]) => boolean> = [
    (e) =>
      e.subscription.feedUrl.toLowerCase() === wanted ||
      e.subscription.feedUrl.toLowerCase() === normalisedUrl,
    (e) => names(e).includes(wanted),
    (e) => e.subscription.feedUrl.toLowerCase().startsWith(wanted),
    (e) => names(e).some((n) => n.includes(wanted)) || e.subscription.feedUrl.toLowerCase().includes(wanted),
  ];
  for (const matches of stages) {
    const found = entries.filter(matches);
    if (found.length === 1 && found[0] !== undefined) {
      const { subscription, feed } = found[0];
      return feed === undefined ? { subscription } : { subscription, feed };
    }
    if (found.length > 1) {
      const listed = found
        .slice(0, 5)
        .map((e) => e.subscription.feedUrl)
        .join(', ');
      throw new CommandError(
        `Several feeds of this channel match "${truncate(text, 60)}": ${listed}. Give the full link.`,
      );
    }
  }
  throw new CommandError(
    `No feed of this channel matches "${truncate(text, 60)}". See ${formatUsageLine(context.request.platform, 'feeds', 'list')}.`,
  );
}

function describeFeed(feed: FeedRecord): string {
  return feed.name ?? feed.title ?? feed.url;
}

function describeHealth(feed: FeedRecord | undefined, now: Date): string {
  if (feed === undefined) return 'unknown feed';
  const why = feed.lastError === undefined ? '' : ` (${truncate(feed.lastError, 160)})`;
  if (feed.paused) {
    const since =
      feed.failingSince === undefined ? '' : ` after failing since ${formatTime(feed.failingSince, now)}`;
    return `paused${since}${why}`;
  }
  if (feed.failingSince !== undefined) {
    const times = feed.failureCount === 1 ? 'once' : `${feed.failureCount} times`;
    return `failing since ${formatTime(feed.failingSince, now)}, ${times}${why}`;
  }
  if (feed.lastOkAt !== undefined) return `ok, last fetched ${formatTime(feed.lastOkAt, now)}`;
  return 'waiting for its first fetch';
}

/** "2026-11-27 08:00 UTC (6 h ago)". */
function formatTime(iso: string, now: Date): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const stamp = `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `${stamp} (${formatAgo(now.getTime() - at.getTime())})`;
}

function formatAgo(ms: number): string {
  if (ms < 60_000) return 'just now';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
