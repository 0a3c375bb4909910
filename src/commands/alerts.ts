/**
 * `alerts [list] | pause <follow> | resume <follow>`: the asker's own follows, with ids (for
 * `unfollow`) and paused state.
 */
import type { CommandReply } from '../ports.js';
import { formatCommandUsage, formatUsageLine } from './command-catalogue.js';
import type { CommandContext } from './command-deps.js';
import { replyText } from './command-reply.js';
import { findOwnFollow, listOwnFollows } from './follow.js';

export async function runAlertsList(context: CommandContext): Promise<CommandReply> {
  const { deps, request } = context;
  const follows = await listOwnFollows(deps, request);
  if (follows.length === 0) {
    return replyText(
      `You follow nothing yet. Try ${formatUsageLine(request.platform, 'follow')}, e.g. "climate summit".`,
    );
  }
  const feedNames = new Map<string, string>();
  for (const url of new Set(follows.flatMap((f) => f.feedUrls))) {
    const feed = await deps.store.getFeed(url);
    feedNames.set(url, feed?.name ?? feed?.title ?? url);
  }
  const lines = follows.map((f) => {
    const feeds =
      f.feedUrls.length === 0 ? '' : `  · only in ${f.feedUrls.map((u) => feedNames.get(u) ?? u).join(', ')}`;
    return `#${f.id}  ${f.query}${f.paused ? '  (paused)' : ''}${feeds}`;
  });
  const hint = `Stop one with ${formatCommandUsage(request.platform, 'unfollow')} <id>; pause with ${formatCommandUsage(request.platform, 'alerts', 'pause')} <id>.`;
  return {
    message: { title: `Your follows (${follows.length})`, text: lines.join('\n'), cards: [], footer: hint },
    visibility: 'ephemeral',
  };
}

export async function runAlertsPause(context: CommandContext): Promise<CommandReply> {
  return setPaused(context, true);
}

export async function runAlertsResume(context: CommandContext): Promise<CommandReply> {
  return setPaused(context, false);
}

async function setPaused(context: CommandContext, paused: boolean): Promise<CommandReply> {
  const { deps, request, text } = context;
  const sub = paused ? 'pause' : 'resume';
  if (text === '') return replyText(`Usage: ${formatUsageLine(request.platform, 'alerts', sub)}`);
  const follow = await findOwnFollow(context);
  if (follow.paused === paused)
    return replyText(`"${follow.query}" (#${follow.id}) is already ${paused ? 'paused' : 'active'}.`);
  await deps.store.setFollowPaused(follow.id, paused);
  return replyText(
    paused
      ? `Paused "${follow.query}" (#${follow.id}). Resume it with ${formatCommandUsage(request.platform, 'alerts', 'resume')} ${follow.id}.`
      : `Resumed "${follow.query}" (#${follow.id}).`,
  );
}
