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
  SocketModeReceiver,
  webApi,
  type RespondFn,
  type SocketModeReceiverOptions,
} from '@slack/bolt';

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
import { createSlackPoster } from './create-slack-poster.js';
import { createWebClientOptions } from './create-web-client-options.js';
import { DEFAULT_COMMAND_NAMES, parseSlashCommand, type SlashCommandNames } from './parse-slash-command.js';
import { toBlocks } from './to-blocks.js';

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

export { SlackPostError } from './create-slack-poster.js';

export class SlackSetupError extends Error {
  override readonly name = 'SlackSetupError';
}

/** Slack allows five messages through one response_url. */
const MAX_RESPONSES = 5;
/** Users whose admin/owner status is remembered at once. */
const MAX_CACHED_USERS = 5000;

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
  const client = new webApi.WebClient(settings.botToken, createWebClientOptions(settings, logger));

  let handler: CommandHandler | undefined;
  let app: InstanceType<typeof App> | undefined;
  let server: Server | undefined;
  const inFlight = new Set<Promise<void>>();
  const managerCache = new Map<string, { canManage: boolean; at: number }>();

  async function canManageChannel(userId: string): Promise<boolean> {
    if (managers.has(userId)) return true;
    const cached = managerCache.get(userId);
    const at = now().getTime();
    if (cached !== undefined && at - cached.at < managerCacheMs) return cached.canManage;
    try {
      const info = await client.users.info({ user: userId });
      const user = info.user;
      const canManage = user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true;
      managerCache.delete(userId);
      managerCache.set(userId, { canManage, at });
      if (managerCache.size > MAX_CACHED_USERS) managerCache.delete(managerCache.keys().next().value!);
      return canManage;
    } catch (error) {
      logger.warn({ err: error, userId }, 'users.info failed; treating the user as not a manager');
      return false;
    }
  }

  const poster = createSlackPoster(client, logger);

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
              clientOptions: createWebClientOptions(settings, logger),
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
      clientOptions: createWebClientOptions(settings, logger),
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
    post: poster.post,
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
