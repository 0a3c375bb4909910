/**
 * The Discord chat platform: a discord.js client (Guilds intent only) that registers the slash
 * commands, answers interactions through the command layer, and posts messages over REST with
 * nonce-based idempotency and no mentions.
 */
import { createHash } from 'node:crypto';
import {
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  RESTEvents,
  RESTJSONErrorCodes,
  Routes,
  type APIChannel,
  type APIMessage,
  type Interaction,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord.js';
import { targetKey, type Message, type PostTarget } from '../../src/model.js';
import type { ChatPlatform, CommandHandler, Logger } from '../../src/ports.js';
import type { DiscordSettings } from '../../src/settings.js';
import { answerAutocomplete, answerCommand } from './answer-interaction.js';
import { buildCommandDefinitions } from './command-definitions.js';
import { discordLimits, toEmbeds, type DiscordMessagePart } from './to-embeds.js';

export interface DiscordPlatformSettings extends DiscordSettings {
  readonly token: string;
  readonly applicationId: string;
}

export interface DiscordPlatformDeps {
  readonly logger: Logger;
  /** Fast commands not answered within this time are deferred (default 1500 ms; Discord allows 3000). */
  readonly deferAfterMs?: number;
  /** On stop, how long to let interactions in progress finish (default 5000 ms). */
  readonly shutdownTimeoutMs?: number;
}

export class DiscordPostError extends Error {
  override readonly name = 'DiscordPostError';
  constructor(
    readonly target: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`Posting to Discord ${target} failed: ${reason}`, options);
  }
}

export class DiscordStartError extends Error {
  override readonly name = 'DiscordStartError';
}

/** Discord nonces are at most 25 characters: a hash of the idempotency key and the part number. */
export function deriveNonce(idempotencyKey: string, part: number): string {
  return createHash('sha256').update(`${idempotencyKey}\u0000${part}`).digest('base64url').slice(0, 25);
}

/** Discord's answers when a user does not accept direct messages from the bot. */
const dmClosedCodes: ReadonlySet<unknown> = new Set([
  RESTJSONErrorCodes.CannotSendMessagesToThisUser,
  RESTJSONErrorCodes.CannotSendMessagesToThisUserDueToHavingNoMutualGuilds,
]);

function isDmClosed(err: unknown): boolean {
  return err instanceof DiscordAPIError && dmClosedCodes.has(err.code);
}

/** The bot cannot see the channel (50001) or may not post what it sends there (50013). */
function isMissingPermission(err: unknown): boolean {
  return (
    err instanceof DiscordAPIError &&
    (err.code === RESTJSONErrorCodes.MissingAccess || err.code === RESTJSONErrorCodes.MissingPermissions)
  );
}

export function createDiscordPlatform(
  settings: DiscordPlatformSettings,
  deps: DiscordPlatformDeps,
): ChatPlatform {
  return new DiscordPlatform(settings, deps);
}

class DiscordPlatform implements ChatPlatform {
  readonly name = 'discord' as const;
  private readonly client: Client;
  private readonly logger: Logger;
  private handler: CommandHandler | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly dmChannels = new Map<string, string>();
  private state: 'new' | 'starting' | 'started' | 'stopped' = 'new';

  constructor(
    private readonly settings: DiscordPlatformSettings,
    private readonly deps: DiscordPlatformDeps,
  ) {
    this.logger = deps.logger.child({ platform: 'discord' });
    this.client = new Client({
      intents: [GatewayIntentBits.Guilds],
      // Applied to every message and interaction reply: no feed title can ping anyone.
      allowedMentions: { parse: [] },
      ...(settings.apiUrl ? { rest: { api: settings.apiUrl } } : {}),
    });
    // REST works before the gateway connects, so deliveries can go out while the client logs in.
    this.client.rest.setToken(settings.token);
    this.client.rest.on(RESTEvents.RateLimited, (info) => {
      this.logger.warn(
        {
          route: info.route,
          method: info.method,
          retryAfterMs: info.retryAfter,
          global: info.global,
          scope: info.scope,
        },
        'Discord rate limit reached; the request waits and is retried',
      );
    });
    this.client.on(Events.Error, (err) => this.logger.error({ err }, 'Discord client error'));
    this.client.on(Events.Warn, (message) => this.logger.warn({ detail: message }, 'Discord client warning'));
    this.client.on(Events.InteractionCreate, (interaction) => this.track(this.dispatch(interaction)));
  }

  onCommand(handler: CommandHandler): void {
    this.handler = handler;
  }

  async start(): Promise<void> {
    if (this.state !== 'new')
      throw new DiscordStartError(`Discord platform cannot start: it is ${this.state}`);
    if (!this.handler) throw new DiscordStartError('Discord platform: call onCommand() before start()');
    this.state = 'starting';
    const ready = new Promise<void>((resolve) => this.client.once(Events.ClientReady, () => resolve()));
    try {
      await this.client.login(this.settings.token);
      await ready;
    } catch (err) {
      await this.client.destroy();
      this.state = 'stopped';
      throw new DiscordStartError(`Discord login failed: ${describe(err)}`, { cause: err });
    }
    const route = this.settings.guildId
      ? Routes.applicationGuildCommands(this.settings.applicationId, this.settings.guildId)
      : Routes.applicationCommands(this.settings.applicationId);
    try {
      await this.client.rest.put(route, { body: buildCommandDefinitions() });
    } catch (err) {
      await this.client.destroy();
      this.state = 'stopped';
      const where = this.settings.guildId ? `in guild ${this.settings.guildId}` : 'globally';
      throw new DiscordStartError(`Registering Discord slash commands ${where} failed: ${describe(err)}`, {
        cause: err,
      });
    }
    this.state = 'started';
    this.logger.info(
      {
        user: this.client.user?.tag,
        guilds: this.client.guilds.cache.size,
        commandsIn: this.settings.guildId ?? 'global',
      },
      'Discord bot connected and slash commands registered',
    );
  }

  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    const timeoutMs = this.deps.shutdownTimeoutMs ?? 5000;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    await this.client.destroy();
  }

  async post(
    target: PostTarget,
    message: Message,
    options: { readonly idempotencyKey: string },
  ): Promise<string> {
    if (this.state === 'stopped')
      throw new DiscordPostError(targetKey(target), 'the Discord platform is stopped');
    const parts = toEmbeds(message);
    if (target.kind === 'channel') {
      return this.sendParts(target, target.channelId, parts, options.idempotencyKey);
    }
    let dmError: unknown;
    try {
      const dmChannelId = await this.openDm(target);
      return await this.sendParts(target, dmChannelId, parts, options.idempotencyKey);
    } catch (err) {
      if (!isDmClosed(err)) throw err;
      dmError = err;
    }
    if (!target.fallbackChannelId) {
      throw new DiscordPostError(
        targetKey(target),
        'the user does not accept direct messages and there is no fallback channel',
        {
          cause: dmError,
        },
      );
    }
    this.logger.info(
      { userId: target.userId, fallbackChannelId: target.fallbackChannelId },
      'Direct messages closed; posting in the fallback channel',
    );
    const notice = `<@${target.userId}> I could not send you a direct message (your DMs are closed), so here it is.`;
    return this.sendParts(
      target,
      target.fallbackChannelId,
      prependNotice(parts, notice),
      `${options.idempotencyKey}\u0000fallback`,
      // Only the follower may be pinged: the notice is addressed to them.
      [target.userId],
    );
  }

  private async openDm(target: PostTarget & { kind: 'user' }): Promise<string> {
    const known = this.dmChannels.get(target.userId);
    if (known) return known;
    try {
      const channel = (await this.client.rest.post(Routes.userChannels(), {
        body: { recipient_id: target.userId },
      })) as APIChannel;
      this.dmChannels.set(target.userId, channel.id);
      return channel.id;
    } catch (err) {
      if (isDmClosed(err)) throw err;
      throw new DiscordPostError(targetKey(target), `opening the direct message channel: ${describe(err)}`, {
        cause: err,
      });
    }
  }

  /**
   * Sends each part with a nonce derived from the idempotency key and `enforce_nonce`, so a retry
   * (after a timeout, a 5xx or a restart) returns the message Discord already created instead of
   * posting it twice. @discordjs/rest waits out 429s and resends the same body.
   */
  private async sendParts(
    target: PostTarget,
    channelId: string,
    parts: readonly DiscordMessagePart[],
    idempotencyKey: string,
    mentionUsers: readonly string[] = [],
  ): Promise<string> {
    const ids: string[] = [];
    for (const [index, part] of parts.entries()) {
      const body: RESTPostAPIChannelMessageJSONBody = {
        ...(part.content === undefined ? {} : { content: part.content }),
        embeds: [...part.embeds],
        allowed_mentions: { parse: [], ...(mentionUsers.length > 0 ? { users: [...mentionUsers] } : {}) },
        nonce: deriveNonce(idempotencyKey, index),
        enforce_nonce: true,
      };
      try {
        const sent = (await this.client.rest.post(Routes.channelMessages(channelId), { body })) as APIMessage;
        ids.push(sent.id);
      } catch (err) {
        if (target.kind === 'user' && isDmClosed(err)) throw err;
        const where = `channel ${channelId}, part ${index + 1} of ${parts.length}`;
        const hint = isMissingPermission(err)
          ? '; give the bot View Channel, Send Messages and Embed Links there (and Send Messages in Threads for a thread)'
          : '';
        throw new DiscordPostError(targetKey(target), `${describe(err)} (${where})${hint}`, { cause: err });
      }
    }
    const first = ids[0];
    if (first === undefined) throw new DiscordPostError(targetKey(target), 'nothing to send');
    return first;
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async dispatch(interaction: Interaction): Promise<void> {
    const handler = this.handler;
    if (!handler) return;
    const answerDeps = { handler, logger: this.logger, deferAfterMs: this.deps.deferAfterMs ?? 1500 };
    try {
      if (interaction.isChatInputCommand()) await answerCommand(interaction, answerDeps);
      else if (interaction.isAutocomplete()) await answerAutocomplete(interaction, answerDeps);
    } catch (err) {
      this.logger.error({ err, interactionId: interaction.id }, 'Handling a Discord interaction failed');
    }
  }
}

/** Adds a notice line at the top of the first part, or as a part of its own when it does not fit. */
function prependNotice(parts: readonly DiscordMessagePart[], notice: string): DiscordMessagePart[] {
  const [first, ...rest] = parts;
  if (!first) return [{ content: notice, embeds: [] }];
  const combined = first.content === undefined ? notice : `${notice}\n${first.content}`;
  if (combined.length <= discordLimits.content) return [{ content: combined, embeds: first.embeds }, ...rest];
  return [{ content: notice, embeds: [] }, ...parts];
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
