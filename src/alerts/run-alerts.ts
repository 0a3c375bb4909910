/**
 * The alerts job: matches new articles against every unpaused follow, and records one alert per
 * (follower, article) in the delivery log. It does not post; the delivery worker does.
 *
 * Once only: each (follower, article) pair is claimed in the store before its message is
 * enqueued, so an article reaching a follower through several follows, several feeds or a later
 * run is alerted once. Delivery keys are stable (`alert:<follower>:<article id>`, and for a batch
 * the hash of its sorted article ids), so enqueuing again after a crash creates nothing new. The
 * claim comes first because it is what keeps an article out of both a single alert and a later
 * batch; a crash between a claim and its enqueue (one store write apart) loses that alert rather
 * than risking a duplicate.
 *
 * Rate limit: a follower gets at most `perFollowerHourlyCap` alert messages an hour (counted in
 * the delivery log); the matches of a run beyond that are folded into one batched message.
 */
import { createHash } from 'node:crypto';
import type { Message, PlatformName, PostTarget } from '../model.js';
import { targetKey } from '../model.js';
import type { Clock, FollowRecord, Logger, Store, StoredItem } from '../ports.js';
import { buildAlertBatchMessage, buildAlertMessage, type AlertMatch } from './build-alert-message.js';
import { countDocumentFrequency, createFollowIndex } from './follow-index.js';
import { planAlertDelivery } from './plan-alert-delivery.js';
import { describeQuery, parseQuery, QueryError } from './query.js';
import { tokeniseDocument, type DocumentTokens } from './tokenise-text.js';

export const DEFAULT_ALERT_HOURLY_CAP = 5;
const HOUR_MS = 60 * 60 * 1000;

export interface AlertReport {
  /** Unpaused follows matched against. */
  readonly follows: number;
  readonly items: number;
  /** (follower, article) pairs that matched, before the once-only check. */
  readonly matched: number;
  /** Pairs skipped because the follower was already alerted about the article. */
  readonly alreadyAlerted: number;
  /** Individual alert messages newly enqueued. */
  readonly enqueued: number;
  /** Articles folded into batched messages, and how many batched messages were enqueued. */
  readonly batched: number;
  readonly batches: number;
  /** Follows whose stored query no longer parses; they are skipped and logged. */
  readonly invalidFollowIds: readonly number[];
  readonly ms: number;
}

interface Follower {
  readonly key: string;
  readonly platform: PlatformName;
  readonly target: PostTarget;
  /** Matches by article id, in the order the items were given. */
  readonly matches: Map<string, { item: StoredItem; terms: Set<string>; follows: Map<number, string> }>;
}

export async function runAlerts(
  deps: { store: Store; now: Clock; logger: Logger },
  newItems: readonly StoredItem[],
  options: { perFollowerHourlyCap?: number } = {},
): Promise<AlertReport> {
  const started = performance.now();
  const cap = options.perFollowerHourlyCap ?? DEFAULT_ALERT_HOURLY_CAP;
  const logger = deps.logger.child({ job: 'alerts' });
  const follows = newItems.length === 0 ? [] : (await deps.store.listFollows()).filter((f) => !f.paused);

  // Tokenise the new articles once; their own token counts pick each clause's anchor, so a
  // clause is filed under the token that is rarest in exactly the articles about to be matched.
  const documents =
    follows.length === 0
      ? []
      : newItems.map((item) => tokeniseDocument([item.article.title, alertText(item)]));
  const index = createFollowIndex({ documentFrequency: countDocumentFrequency(documents) });
  const byId = new Map<number, { record: FollowRecord; shown: string }>();
  const invalidFollowIds: number[] = [];
  for (const follow of follows) {
    try {
      const query = parseQuery(follow.query);
      index.add(follow.id, query, follow.feedUrls);
      byId.set(follow.id, { record: follow, shown: describeQuery(query) });
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      invalidFollowIds.push(follow.id);
      logger.warn(
        { followId: follow.id, query: follow.query, err: error },
        'skipping a follow whose query no longer parses',
      );
    }
  }

  const followers = new Map<string, Follower>();
  let matched = 0;
  for (const [n, item] of (index.size === 0 ? [] : newItems).entries()) {
    const { article } = item;
    const tokens = documents[n] as DocumentTokens;
    const feedUrls = item.feedUrls.length > 0 ? item.feedUrls : [article.feedUrl];
    for (const found of index.matchTokens(tokens, feedUrls)) {
      const follow = byId.get(found.followId);
      if (follow === undefined) continue;
      const follower = followerOf(followers, follow.record);
      let entry = follower.matches.get(article.id);
      if (entry === undefined) {
        entry = { item, terms: new Set(), follows: new Map() };
        follower.matches.set(article.id, entry);
        matched += 1;
      }
      for (const term of found.terms) entry.terms.add(term);
      entry.follows.set(follow.record.id, follow.shown);
    }
  }

  const now = deps.now();
  let alreadyAlerted = 0;
  let enqueued = 0;
  let batched = 0;
  let batches = 0;
  for (const follower of [...followers.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    const fresh: AlertMatch[] = [];
    for (const [articleId, entry] of follower.matches) {
      if (!(await deps.store.claimAlert(follower.key, articleId, now))) {
        alreadyAlerted += 1;
        continue;
      }
      fresh.push({
        item: entry.item,
        terms: [...entry.terms],
        follows: [...entry.follows].sort((a, b) => a[0] - b[0]).map(([id, query]) => ({ id, query })),
      });
    }
    if (fresh.length === 0) continue;
    const sentLastHour = await deps.store.countDeliveries({
      kind: 'alert',
      targetKey: targetKey(follower.target),
      since: new Date(now.getTime() - HOUR_MS),
    });
    const plan = planAlertDelivery(fresh.length, sentLastHour, cap);
    const enqueue = async (key: string, message: Message): Promise<boolean> => {
      const { created } = await deps.store.enqueueDelivery(
        { key, platform: follower.platform, target: follower.target, kind: 'alert', message },
        now,
      );
      return created;
    };
    for (const alert of fresh.slice(0, plan.single)) {
      if (
        await enqueue(
          alertKey(follower.key, alert.item.article.id),
          buildAlertMessage(alert, { platform: follower.platform }),
        )
      )
        enqueued += 1;
    }
    const overflow = fresh.slice(plan.single);
    if (overflow.length > 0) {
      const key = batchKey(
        follower.key,
        overflow.map((alert) => alert.item.article.id),
      );
      if (
        await enqueue(key, buildAlertBatchMessage(overflow, { hourlyCap: cap, platform: follower.platform }))
      ) {
        batches += 1;
        batched += overflow.length;
      }
      logger.info(
        { follower: follower.key, sentLastHour, batched: overflow.length },
        'alert rate limit reached; batching',
      );
    }
  }

  const report: AlertReport = {
    follows: follows.length,
    items: newItems.length,
    matched,
    alreadyAlerted,
    enqueued,
    batched,
    batches,
    invalidFollowIds,
    ms: Math.round(performance.now() - started),
  };
  if (newItems.length > 0) logger.info({ ...report }, 'alerts matched');
  return report;
}

/** The text an article is matched on besides its title: gist, teaser (when not in the text) and full text. */
export function alertText(item: StoredItem): string {
  const { article, summary } = item;
  const parts = [summary?.gist ?? ''];
  const teaser = article.summary?.trim() ?? '';
  if (teaser !== '' && !article.content.includes(teaser)) parts.push(teaser);
  parts.push(article.content);
  return parts.filter((part) => part.trim() !== '').join('\n\n');
}

/** `discord:user:123` for a person, `slack:channel:C1` for a channel that follows a query. */
export function followerKeyOf(follow: Pick<FollowRecord, 'platform' | 'userId' | 'channelId'>): string {
  return follow.userId === undefined
    ? `${follow.platform}:channel:${follow.channelId}`
    : `${follow.platform}:user:${follow.userId}`;
}

export function alertKey(followerKey: string, articleId: string): string {
  return `alert:${followerKey}:${articleId}`;
}

/** Same articles, same key: a batch enqueued again after a crash is not duplicated. */
export function batchKey(followerKey: string, articleIds: readonly string[]): string {
  const digest = createHash('sha256')
    .update([...articleIds].sort().join('\n'))
    .digest('hex')
    .slice(0, 24);
  return `alert:${followerKey}:batch:${digest}`;
}

function followerOf(followers: Map<string, Follower>, follow: FollowRecord): Follower {
  const key = followerKeyOf(follow);
  let follower = followers.get(key);
  if (follower === undefined) {
    const target: PostTarget =
      follow.userId === undefined
        ? { kind: 'channel', channelId: follow.channelId }
        : { kind: 'user', userId: follow.userId, fallbackChannelId: follow.channelId };
    follower = { key, platform: follow.platform, target, matches: new Map() };
    followers.set(key, follower);
  }
  return follower;
}
