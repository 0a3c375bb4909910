/**
 * `follow <query>` and `unfollow <id or query>`: a person's keyword alerts. Queries are checked
 * with the alert query parser before anything is saved; people only see and change their own
 * follows.
 */
import { describeQuery, parseQuery, QueryError } from '../alerts/query.js';
import type { FollowQuery } from '../alerts/query.js';
import type { CommandReply, CompletionChoice, FollowRecord } from '../ports.js';
import { formatCommandUsage, formatUsageLine } from './command-catalogue.js';
import type { CommandContext, CommandDeps } from './command-deps.js';
import { CommandError } from './command-error.js';
import { replyText } from './command-reply.js';
import { resolveFeedLimits, splitFeedLimits } from './resolve-feed-limits.js';

/** Most follows one person may have on one platform. */
export const MAX_FOLLOWS_PER_USER = 50;

export async function runFollow(context: CommandContext): Promise<CommandReply> {
  const { deps, request, text } = context;
  if (text === '') {
    return replyText(
      `Usage: ${formatUsageLine(request.platform, 'follow')}, e.g. "interest rates" OR inflation -opinion; add feed:<name or link> to limit it to a feed.`,
    );
  }
  const limited = splitFeedLimits(text);
  const query = parseFollowQuery(limited.query);
  const feedUrls = await resolveFeedLimits(deps.store, limited.feeds);
  const follows = await listOwnFollows(deps, request);
  const normal = describeQuery(query);
  const same = follows.find(
    (follow) => describeStoredQuery(follow.query) === normal && sameFeeds(follow.feedUrls, feedUrls),
  );
  if (same !== undefined) {
    const paused = same.paused
      ? ` It is paused: ${formatCommandUsage(request.platform, 'alerts', 'resume')} ${same.id}.`
      : '';
    return replyText(`You already follow "${same.query}" (#${same.id}).${paused}`);
  }
  if (follows.length >= MAX_FOLLOWS_PER_USER) {
    throw new CommandError(
      `You already have ${MAX_FOLLOWS_PER_USER} follows; remove one with ${formatCommandUsage(request.platform, 'unfollow')} first.`,
    );
  }
  const follow = await deps.store.addFollow(
    {
      platform: request.platform,
      userId: request.userId,
      channelId: request.channelId,
      query: query.source,
      feedUrls,
    },
    deps.now(),
  );
  const ignored =
    query.ignoredWords.length === 0
      ? ''
      : ` Ignored common words: ${query.ignoredWords.slice(0, 8).join(', ')}.`;
  const feedsLine =
    feedUrls.length === 0
      ? ''
      : ` Only articles from ${feedUrls.length === 1 ? 'one feed' : `${feedUrls.length} feeds`} count.`;
  return replyText(
    `Following ${follow.query} (#${follow.id}).${feedsLine} New matching articles are sent to you by direct message (here if your direct messages are closed).${ignored}`,
  );
}

export async function runUnfollow(context: CommandContext): Promise<CommandReply> {
  const { deps, request, text } = context;
  if (text === '')
    return replyText(
      `Usage: ${formatUsageLine(request.platform, 'unfollow')} (see ${formatCommandUsage(request.platform, 'alerts')})`,
    );
  const follow = await findOwnFollow(context);
  await deps.store.removeFollow(follow.id);
  return replyText(`Stopped following "${follow.query}" (#${follow.id}).`);
}

/** The asker's follows on this platform, oldest first. */
export async function listOwnFollows(
  deps: CommandDeps,
  who: { platform: CommandContext['request']['platform']; userId: string },
): Promise<FollowRecord[]> {
  const follows = await deps.store.listFollows({ platform: who.platform, userId: who.userId });
  // The store filters by user; the check is repeated because ownership is what keeps one person
  // from changing another's follows.
  return follows.filter((follow) => follow.userId === who.userId && follow.platform === who.platform);
}

/** The asker's follow named by `context.text`: `7`, `#7`, or the query itself (any spacing or case). */
export async function findOwnFollow(context: CommandContext): Promise<FollowRecord> {
  const { deps, request, text } = context;
  const follows = await listOwnFollows(deps, request);
  const byId = /^#?(\d{1,12})$/u.exec(text);
  if (byId !== null) {
    const id = Number(byId[1]);
    const follow = follows.find((f) => f.id === id);
    if (follow !== undefined) return follow;
    throw new CommandError(
      `You have no follow #${id}. See ${formatCommandUsage(request.platform, 'alerts')}.`,
    );
  }
  // `feed:` limits are not part of the stored query.
  const queryText = splitFeedLimits(text).query;
  const wanted = normaliseQueryText(queryText);
  let parsedNormal: string | undefined;
  try {
    parsedNormal = describeQuery(parseQuery(queryText));
  } catch {
    parsedNormal = undefined;
  }
  const found = follows.filter(
    (f) =>
      normaliseQueryText(f.query) === wanted ||
      (parsedNormal !== undefined && describeStoredQuery(f.query) === parsedNormal),
  );
  const first = found[0];
  if (first !== undefined) return first;
  if (follows.length === 0) throw new CommandError('You do not follow anything.');
  const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  throw new CommandError(
    `You do not follow "${shown}". See ${formatCommandUsage(request.platform, 'alerts')} for your follows and their ids.`,
  );
}

/** Autocomplete for `unfollow` and `alerts pause|resume`: the asker's follows matching what was typed. */
export async function completeOwnFollows(
  deps: CommandDeps,
  who: { platform: CommandContext['request']['platform']; userId: string },
  partial: string,
  filter: (follow: FollowRecord) => boolean = () => true,
): Promise<CompletionChoice[]> {
  const needle = partial.toLowerCase().replace(/^#/u, '');
  return (await listOwnFollows(deps, who))
    .filter(filter)
    .filter((f) => needle === '' || String(f.id).startsWith(needle) || f.query.toLowerCase().includes(needle))
    .map((f) => {
      const label = `#${f.id} ${f.query}${f.paused ? ' (paused)' : ''}`;
      return { label: label.length <= 100 ? label : `${label.slice(0, 99)}…`, value: String(f.id) };
    });
}

function parseFollowQuery(text: string): FollowQuery {
  try {
    return parseQuery(text);
  } catch (err) {
    if (err instanceof QueryError) throw new CommandError(err.message, { cause: err });
    throw err;
  }
}

function describeStoredQuery(query: string): string | undefined {
  try {
    return describeQuery(parseQuery(query));
  } catch {
    return undefined;
  }
}

function sameFeeds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((url) => b.includes(url));
}

function normaliseQueryText(text: string): string {
  return text.toLowerCase().replace(/\s+/gu, ' ').trim();
}
