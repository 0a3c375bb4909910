/**
 * The Slack side of news-digest: a Bolt app that answers `/summary` and `/news`, and a Web API
 * client that posts digests, live cards and alerts (DMs) rendered as Block Kit.
 *
 * HTTP mode (signing secret: Bolt's HTTPReceiver verifies every request's signature and refuses
 * timestamps older than five minutes) or Socket Mode (app token: no public URL needed); both run
 * the same command handlers.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
  App,
  HTTPReceiver,
  LogLevel,
  SocketModeReceiver,
  webApi,
  type RespondFn,
  type SocketModeReceiverOptions,
} from '@slack/bolt';

import type { Message, PostTarget } from '../../src/model.js';
import type {
  ChatPlatform,
  Clock,
  CommandHandler,
  CommandReply,
  CommandRequest,
  Logger,
} from '../../src/ports.js';
import type { SlackSettings } from '../../src/settings.js';
import { createBoltLogger } from './create-bolt-logger.js';
import { DEFAULT_COMMAND_NAMES, parseSlashCommand, type SlashCommandNames } from './parse-slash-command.js';
import { toBlocks, type SlackMessagePart } from './to-blocks.js';

export type SlackPlatformSettings = SlackSettings & {
  readonly botToken: string;
  /** Interface the HTTP endpoint listens on; all interfaces when unset. */
  readonly listenHost?: string;
  /** Slash command names as configured in the app (default `/summary` and `/news`). */
  readonly commandNames?: SlashCommandNames;
  /** How long a users.info answer (admin/owner) is trusted, in milliseconds. Default 5 minutes. */
  readonly managerCacheMs?: number;
  /** Web API request timeout in milliseconds. Default 30 s. */
  readonly requestTimeoutMs?: number;
};

export interface SlackPlatformDeps {
  readonly logger: Logger;
  /** Used for the manager cache only. */
  readonly now?: Clock;
}

export interface SlackPlatform extends ChatPlatform {
  readonly name: 'slack';
  readonly mode: 'http' | 'socket';
  /** HTTP mode, once started: the URL of the events and commands endpoint on the bound address. */
  endpointUrl(): string | undefined;
}

export class SlackSetupError extends Error {
  override readonly name = 'SlackSetupError';
}

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

/** Slack allows five messages through one response_url. */
const MAX_RESPONSES = 5;
const METADATA_EVENT_TYPE = 'news_digest_post';
/** Idempotency keys remembered in memory (posted parts, uncertain failures). */
const MAX_REMEMBERED_KEYS = 5000;
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

type WebClient = InstanceType<typeof webApi.WebClient>;

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: string; data?: { error?: string } };
  if (e.code === webApi.ErrorCode.PlatformError) return e.data?.error;
  if (e.code === webApi.ErrorCode.RateLimitedError || isRateLimitRetry(error)) return 'ratelimited';
  return undefined;
}

/** Slack answered `{ ok: false }`: the call had no effect. */
function isPlatformError(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === webApi.ErrorCode.PlatformError;
}

/**
 * A failure after which the message may or may not have been posted: HTTP 5xx, a dropped
 * connection or a timeout. Rate limits and `{ ok: false }` answers mean Slack did not post it.
 */
function isUncertainFailure(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  if (isRateLimitRetry(error)) return false;
  return code === webApi.ErrorCode.HTTPError || code === webApi.ErrorCode.RequestError;
}

/**
 * WebClient 8 signals "rate limited, Retry-After waited out, try again" by throwing a plain Error
 * with this message into its retry loop, wrapped in a WebAPIRequestError.
 */
function isRateLimitRetry(error: unknown): boolean {
  const e = error as { message?: string; original?: { message?: string } } | null;
  const message = e?.original?.message ?? e?.message ?? '';
  return message.startsWith('A rate limit was exceeded');
}

/**
 * WebClient retry policy: retry rate-limited calls only. WebClient waits out `Retry-After` itself
 * before it throws its "A rate limit was exceeded" error into p-retry, so little extra backoff is
 * needed; anything else (5xx, network) is given back to the caller at once, because retrying a
 * chat.postMessage that may have succeeded would post it twice. (`onFailedAttempt` is p-retry's
 * option, which WebClient passes through; throwing from it stops the retries.)
 */
function createRetryConfig(): webApi.RetryOptions {
  const config = {
    retries: 10,
    factor: 2,
    minTimeout: 200,
    maxTimeout: 5000,
    randomize: true,
    onFailedAttempt: (error: Error) => {
      if (!isRateLimitRetry(error)) throw error;
    },
  };
  return config;
}

/** A fresh options object for every WebClient: Bolt mutates the one it is given. */
function createClientOptions(settings: SlackPlatformSettings, logger: Logger): webApi.WebClientOptions {
  return {
    ...(settings.apiUrl !== undefined ? { slackApiUrl: settings.apiUrl } : {}),
    retryConfig: createRetryConfig(),
    timeout: settings.requestTimeoutMs ?? 30_000,
    logger: createBoltLogger(logger.child({ component: 'slack-web-api' }), LogLevel.WARN),
  };
}

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_REMEMBERED_KEYS) map.delete(map.keys().next().value as K);
}

function textReply(text: string): CommandReply {
  return { message: { text, cards: [] }, visibility: 'ephemeral' };
}

export function createSlackPlatform(settings: SlackPlatformSettings, deps: SlackPlatformDeps): SlackPlatform {
  const logger = deps.logger.child({ platform: 'slack' });
  const now = deps.now ?? (() => new Date());
  const mode: 'http' | 'socket' =
    settings.appToken !== undefined && settings.appToken !== '' ? 'socket' : 'http';
  if (settings.botToken === '') throw new SlackSetupError('Slack needs a bot token (xoxb-...)');
  if (mode === 'http' && (settings.signingSecret === undefined || settings.signingSecret === '')) {
    throw new SlackSetupError('Slack needs a signing secret (HTTP mode) or an app token (Socket Mode)');
  }
  const names = settings.commandNames ?? DEFAULT_COMMAND_NAMES;
  const managers = new Set(settings.managerUserIds);
  const managerCacheMs = settings.managerCacheMs ?? 5 * 60_000;
  const client: WebClient = new webApi.WebClient(settings.botToken, createClientOptions(settings, logger));

  let handler: CommandHandler | undefined;
  let app: InstanceType<typeof App> | undefined;
  let server: Server | undefined;
  const inFlight = new Set<Promise<void>>();
  const managerCache = new Map<string, { canManage: boolean; at: number }>();
  /** Timestamps of the parts already posted per idempotency key (a retry skips them). */
  const postedParts = new Map<string, { channel: string; ts: string[]; parts: number }>();
  /** Keys whose last attempt failed in a way that may have posted anyway. */
  const uncertainKeys = new Set<string>();

  async function canManageChannel(userId: string): Promise<boolean> {
    if (managers.has(userId)) return true;
    const cached = managerCache.get(userId);
    const at = now().getTime();
    if (cached !== undefined && at - cached.at < managerCacheMs) return cached.canManage;
    try {
      const info = await client.users.info({ user: userId });
      const user = info.user;
      const canManage = user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true;
      remember(managerCache, userId, { canManage, at });
      return canManage;
    } catch (error) {
      logger.warn({ err: error, userId }, 'users.info failed; treating the user as not a manager');
      return false;
    }
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
        throw new SlackPostError(`channel ${channel}`, key, errorCode(error), { cause: error });
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
      throw new SlackPostError(`user ${userId}`, key, errorCode(error), { cause: error });
    }
  }

  async function post(target: PostTarget, message: Message, options: { readonly idempotencyKey: string }) {
    const key = options.idempotencyKey;
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

  async function answer(
    command: { command: string; text: string; user_id: string; channel_id: string; team_id: string },
    respond: RespondFn,
  ): Promise<void> {
    const parsed = parseSlashCommand(command.command, command.text, names);
    let reply: CommandReply;
    let inChannel = false;
    if (!parsed.ok) {
      reply = textReply(parsed.problem);
    } else if (handler === undefined) {
      reply = textReply('news-digest is starting up; please try again in a moment.');
    } else {
      const request: CommandRequest = {
        platform: 'slack',
        name: parsed.name,
        ...(parsed.subcommand !== undefined ? { subcommand: parsed.subcommand } : {}),
        text: parsed.text,
        channelId: command.channel_id,
        userId: command.user_id,
        teamId: command.team_id,
        userCanManageChannel: await canManageChannel(command.user_id),
      };
      try {
        reply = await handler.handle(request);
      } catch (error) {
        logger.error({ err: error, command: command.command, name: parsed.name }, 'command failed');
        reply = textReply(`Sorry, ${command.command} failed. Please try again later.`);
      }
      // Summaries are private unless the user asked for `public`, and then only a real summary
      // (a card) goes to the channel: an error or "nothing found" stays private.
      inChannel =
        parsed.name === 'summary'
          ? parsed.public && reply.message.cards.length > 0
          : reply.visibility === 'in_channel';
    }
    const parts = toBlocks(reply.message);
    if (parts.length > MAX_RESPONSES) {
      logger.warn(
        { parts: parts.length, command: command.command },
        'reply too long for a response_url; cut',
      );
    }
    for (const part of parts.slice(0, MAX_RESPONSES)) {
      await respond({
        response_type: inChannel ? 'in_channel' : 'ephemeral',
        replace_original: false,
        text: part.text,
        blocks: part.blocks,
      });
    }
  }

  function buildApp(): InstanceType<typeof App> {
    const boltLogger = createBoltLogger(logger.child({ component: 'bolt' }));
    const receiver =
      mode === 'socket'
        ? new SocketModeReceiver({
            appToken: settings.appToken!,
            logger: boltLogger,
            // apps.connections.open goes through this client: it must use the same API base URL.
            installerOptions: {
              clientOptions: createClientOptions(settings, logger),
            } as NonNullable<SocketModeReceiverOptions['installerOptions']>,
          })
        : new HTTPReceiver({
            signingSecret: settings.signingSecret!,
            endpoints: settings.path,
            logger: boltLogger,
            // Keep Bolt's defaults: signatures verified, ack sent as soon as ack() is called.
            signatureVerification: true,
            processBeforeResponse: false,
          });
    const bolt = new App({
      token: settings.botToken,
      receiver,
      logger: boltLogger,
      clientOptions: createClientOptions(settings, logger),
      deferInitialization: true,
    });
    for (const name of [names.summary, names.news]) {
      bolt.command(name, async ({ command, ack, respond }) => {
        // Ack first: Slack shows an error if the app does not answer within 3 seconds.
        await ack();
        const work = answer(command, respond).catch((error: unknown) => {
          logger.error({ err: error, command: command.command }, 'could not answer a slash command');
        });
        inFlight.add(work);
        await work;
        inFlight.delete(work);
      });
    }
    bolt.error(async (error) => {
      logger.error({ err: error }, 'Slack app error');
    });
    return bolt;
  }

  return {
    name: 'slack',
    mode,
    post,
    onCommand(next) {
      handler = next;
    },
    endpointUrl() {
      const address = server?.address();
      if (address === undefined || address === null || typeof address === 'string') return undefined;
      const { port, address: host, family } = address as AddressInfo;
      const shown =
        host === '::' || host === '0.0.0.0' ? '127.0.0.1' : family === 'IPv6' ? `[${host}]` : host;
      return `http://${shown}:${port}${settings.path}`;
    },
    async start() {
      if (app !== undefined) throw new SlackSetupError('the Slack app is already started');
      const bolt = buildApp();
      await bolt.init(); // auth.test: fails here on a bad token
      if (mode === 'http') {
        const listen = {
          port: settings.port,
          ...(settings.listenHost !== undefined ? { host: settings.listenHost } : {}),
        };
        server = (await bolt.start(listen)) as Server;
      } else {
        await bolt.start();
      }
      app = bolt;
      logger.info({ mode, endpoint: mode === 'http' ? this.endpointUrl() : undefined }, 'Slack app started');
    },
    async stop() {
      const bolt = app;
      app = undefined;
      if (bolt !== undefined) {
        try {
          await bolt.stop();
        } catch (error) {
          logger.warn({ err: error }, 'stopping the Slack app failed');
        }
      }
      server = undefined;
      // Let answers already being computed reach their response URLs.
      await Promise.allSettled([...inFlight]);
    },
  };
}
