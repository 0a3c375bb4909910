/**
 * Posts neutral messages to Slack channels and DMs as Block Kit, at most once per idempotency key
 * as far as Slack lets us tell.
 *
 * Each Slack message carries the key in its metadata (`news_digest_post`). Parts already posted for
 * a key are remembered, so a retry after a failure in the middle of a long digest resumes where it
 * stopped. After an uncertain failure (timeout, HTTP 5xx: Slack may have posted it) the next
 * attempt first looks for the key in the channel's recent history. Rate limits are waited out by
 * WebClient and never retried by it otherwise (see `createWebClientOptions`), so its own retries
 * cannot duplicate a post. Posts with the same key run one after the other (two delivery runs can
 * pick up the same pending record at once), so the second finds the first one's parts and skips
 * them. What is remembered lives in memory: across a restart a post whose outcome was uncertain is
 * posted again (at least once).
 */
import type { Message, PostTarget } from '../../src/model.js';
import type { Logger } from '../../src/ports.js';
import {
  isPlatformError,
  isUncertainFailure,
  slackErrorCode,
  type WebClient,
} from './create-web-client-options.js';
import { toBlocks, type SlackMessagePart } from './to-blocks.js';

/** A post that Slack refused or that failed; `code` is Slack's error code when it gave one. */
export class SlackPostError extends Error {
  override readonly name = 'SlackPostError';
  constructor(
    readonly target: string,
    readonly idempotencyKey: string,
    readonly code: string | undefined,
    options?: ErrorOptions,
  ) {
    super(
      `Posting to Slack ${target} (${idempotencyKey}) failed${code === undefined ? '' : `: ${code}`}`,
      options,
    );
  }
}

const METADATA_EVENT_TYPE = 'news_digest_post';
/** Idempotency keys remembered in memory (posted parts, uncertain failures). */
const MAX_REMEMBERED_KEYS = 5000;
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_REMEMBERED_KEYS) map.delete(map.keys().next().value as K);
}

export interface SlackPoster {
  post(target: PostTarget, message: Message, options: { readonly idempotencyKey: string }): Promise<string>;
}

export function createSlackPoster(client: WebClient, logger: Logger): SlackPoster {
  /** Timestamps of the parts already posted per idempotency key (a retry skips them). */
  const postedParts = new Map<string, { channel: string; ts: string[]; parts: number }>();
  /** Keys whose last attempt failed in a way that may have posted anyway. */
  const uncertainKeys = new Set<string>();
  /** The last post started for each key still running; a post with the same key waits for it. */
  const running = new Map<string, Promise<unknown>>();

  /** Runs `work` after any earlier post with the same key has settled (whatever its outcome). */
  function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
    const result = (running.get(key) ?? Promise.resolve()).then(work, work);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    running.set(key, settled);
    void settled.then(() => {
      if (running.get(key) === settled) running.delete(key);
    });
    return result;
  }

  /** Finds parts of `key` already in the channel (after an uncertain failure), via message metadata. */
  async function recoverPostedParts(channel: string, key: string): Promise<Map<number, string>> {
    const found = new Map<number, string>();
    try {
      const history = await client.conversations.history({ channel, limit: 100, include_all_metadata: true });
      for (const message of history.messages ?? []) {
        const metadata = (
          message as { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }
        ).metadata;
        if (metadata?.event_type !== METADATA_EVENT_TYPE || metadata.event_payload?.idempotency_key !== key)
          continue;
        const part = Number(metadata.event_payload.part ?? 0);
        if (message.ts !== undefined && !found.has(part)) found.set(part, message.ts);
      }
    } catch (error) {
      // Without history access (scope missing) the post is retried as is: at least once.
      logger.warn({ err: error, channel, key }, 'could not read channel history to check an uncertain post');
    }
    return found;
  }

  async function postParts(
    channel: string,
    parts: readonly SlackMessagePart[],
    key: string,
  ): Promise<string> {
    let progress = postedParts.get(key);
    if (progress === undefined || progress.channel !== channel) {
      progress = { channel, ts: [], parts: parts.length };
    }
    // Remembered before posting, so that the parts posted before a failure are skipped on retry.
    remember(postedParts, key, progress);
    if (uncertainKeys.has(key)) {
      const recovered = await recoverPostedParts(channel, key);
      for (let i = progress.ts.length; recovered.has(i); i += 1) progress.ts.push(recovered.get(i)!);
      uncertainKeys.delete(key);
      if (recovered.size > 0)
        logger.info({ channel, key, parts: recovered.size }, 'found an uncertain post in history');
    }
    for (let i = progress.ts.length; i < parts.length; i += 1) {
      const part = parts[i]!;
      try {
        const result = await client.chat.postMessage({
          channel,
          text: part.text,
          blocks: part.blocks,
          unfurl_links: false,
          unfurl_media: false,
          metadata: {
            event_type: METADATA_EVENT_TYPE,
            event_payload: { idempotency_key: key, part: i, parts: parts.length },
          },
        });
        progress.ts.push(result.ts ?? '');
      } catch (error) {
        if (isUncertainFailure(error)) uncertainKeys.add(key);
        throw new SlackPostError(`channel ${channel}`, key, slackErrorCode(error), { cause: error });
      }
    }
    remember(postedParts, key, progress);
    return progress.ts[0] ?? '';
  }

  async function openDm(userId: string, key: string): Promise<string> {
    try {
      const opened = await client.conversations.open({ users: userId });
      const id = opened.channel?.id;
      if (id === undefined) throw new Error('conversations.open returned no channel');
      return id;
    } catch (error) {
      throw new SlackPostError(`user ${userId}`, key, slackErrorCode(error), { cause: error });
    }
  }

  function post(target: PostTarget, message: Message, options: { readonly idempotencyKey: string }) {
    return oneAtATime(options.idempotencyKey, () => postOnce(target, message, options.idempotencyKey));
  }

  async function postOnce(target: PostTarget, message: Message, key: string): Promise<string> {
    if (target.kind === 'channel') return postParts(target.channelId, toBlocks(message), key);
    try {
      const dm = await openDm(target.userId, key);
      return await postParts(dm, toBlocks(message), key);
    } catch (error) {
      // Only a refusal (DMs closed, user gone) falls back; a network failure is retried by the caller.
      const refused = error instanceof SlackPostError && isPlatformError(error.cause);
      if (!refused || target.fallbackChannelId === undefined) throw error;
      logger.warn(
        { err: error, userId: target.userId, fallbackChannelId: target.fallbackChannelId, key },
        'direct message refused; posting in the fallback channel',
      );
      const parts = toBlocks(message, { maxBlocks: 49 });
      const who = SLACK_USER_ID.test(target.userId) ? `<@${target.userId}>` : 'Hello';
      const notice = `${who}: I could not send you a direct message, so here it is.`;
      const first = parts[0]!;
      const withNotice = [
        {
          text: first.text,
          blocks: [
            { type: 'section' as const, text: { type: 'mrkdwn' as const, text: notice } },
            ...first.blocks,
          ],
        },
        ...parts.slice(1),
      ];
      return postParts(target.fallbackChannelId, withNotice, `${key}#fallback`);
    }
  }

  return { post };
}
