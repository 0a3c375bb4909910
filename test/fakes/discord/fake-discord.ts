/**
 * A protocol-level fake Discord on 127.0.0.1: the REST routes the bot calls (gateway discovery,
 * command registration, channel messages with nonce enforcement, DMs, interaction callbacks and
 * webhooks, 429 rate limits with the headers @discordjs/rest reads) plus a WebSocket gateway.
 * Point discord.js at it with `rest: { api: fake.apiUrl }`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIEmbed } from 'discord.js';
import { FakeGateway } from './fake-gateway.js';
import { answerInteractionCallback, answerInteractionWebhook } from './fake-interaction-routes.js';
import {
  channelPayload,
  guildPayload,
  messagePayload,
  readyPayload,
  userPayload,
  type FakeChannel,
  type FakeGuild,
  type FakeMessage,
  type FakeUser,
} from './discord-payloads.js';
import { buildInteractionPayload, type CommandInput, type FakeInteraction } from './fake-interactions.js';
import { invalidForm, validateMessageBody, type MessageBody } from './validate-message-body.js';

export type { FakeChannel, FakeGuild, FakeMessage, FakeUser } from './discord-payloads.js';
export type { CommandInput, FakeInteraction } from './fake-interactions.js';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authorization: string | undefined;
  readonly body: unknown;
  status: number;
}

export interface RateLimitRule {
  readonly method: string;
  readonly path: RegExp;
  /** How many matching requests get a 429 before requests pass again. */
  remaining: number;
  readonly retryAfterSeconds: number;
  readonly global?: boolean;
}

export interface RegisteredCommands {
  readonly scope: 'global' | string;
  readonly commands: Array<Record<string, unknown> & { id: string; name: string }>;
}

export interface FakeDiscordOptions {
  readonly heartbeatIntervalMs?: number;
  /** How long an interaction accepts its first response (Discord: 3000 ms). */
  readonly interactionDeadlineMs?: number;
  /** How long `enforce_nonce` deduplicates (Discord: "a few minutes"). */
  readonly nonceWindowMs?: number;
}

export const discordEpochMs = 1420070400000n;

export class FakeDiscord {
  readonly token = `fake.${randomBytes(12).toString('base64url')}.token`;
  readonly applicationId = '1100000000000000001';
  readonly bot: FakeUser = { id: '1100000000000000001', username: 'news-digest', bot: true };
  readonly guild: FakeGuild = { id: '1200000000000000001', name: 'Newsroom', ownerId: '1300000000000000001' };
  readonly channel: FakeChannel = {
    id: '1400000000000000001',
    type: 0,
    guildId: this.guild.id,
    name: 'news',
  };
  readonly member: FakeUser = { id: '1300000000000000002', username: 'reader' };
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, FakeChannel>();
  readonly guilds = new Map<string, FakeGuild>();
  readonly messages: FakeMessage[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly interactions = new Map<string, FakeInteraction>();
  readonly registrations: RegisteredCommands[] = [];
  readonly rateLimits: RateLimitRule[] = [];
  readonly dmClosed = new Set<string>();
  /** Channels where the bot lacks Send Messages / Embed Links. */
  readonly postingDenied = new Set<string>();
  rateLimitedResponses = 0;
  /** The next N channel messages are created but answered with a 502, as when a proxy drops the response. */
  lostResponses = 0;
  readonly interactionDeadlineMs: number;
  readonly gateway: FakeGateway;
  private readonly server: Server;
  private port = 0;
  private idCounter = 0n;
  private readonly joinedAt = new Date().toISOString();

  constructor(private readonly options: FakeDiscordOptions = {}) {
    this.interactionDeadlineMs = options.interactionDeadlineMs ?? 3000;
    for (const user of [this.bot, this.member, { id: this.guild.ownerId, username: 'owner' }]) {
      this.users.set(user.id, user);
    }
    this.guilds.set(this.guild.id, this.guild);
    this.channels.set(this.channel.id, this.channel);
    this.gateway = new FakeGateway(
      {
        token: this.token,
        gatewayUrl: () => this.gatewayUrl,
        readyPayload: (sessionId) => this.readyPayload(sessionId),
        guildPayloads: () =>
          [...this.guilds.values()].map((guild) =>
            guildPayload(guild, [...this.channels.values()], this.bot, this.users, this.joinedAt),
          ),
      },
      options.heartbeatIntervalMs ?? 41250,
    );
    this.server = createServer((request, response) => {
      void this.route(request, response);
    });
    this.server.on('upgrade', (request, socket, head) => this.gateway.handleUpgrade(request, socket, head));
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  nextId(): string {
    this.idCounter += 1n;
    return (((BigInt(Date.now()) - discordEpochMs) << 22n) | (this.idCounter & 0x3fffffn)).toString();
  }

  addUser(username: string): FakeUser {
    const user = { id: this.nextId(), username };
    this.users.set(user.id, user);
    return user;
  }

  addChannel(name: string, guildId = this.guild.id): FakeChannel {
    const channel: FakeChannel = { id: this.nextId(), type: 0, guildId, name };
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** The next `times` requests matching `method` and `path` get a 429 with Discord's rate-limit headers. */
  rateLimit(rule: Omit<RateLimitRule, 'remaining'> & { times: number }): void {
    const { times, ...rest } = rule;
    this.rateLimits.push({ ...rest, remaining: times });
  }

  /** Messages visible in a channel (not deleted), oldest first. */
  messagesIn(channelId: string): FakeMessage[] {
    return this.messages.filter((message) => message.channelId === channelId && !message.deleted);
  }

  dmChannelOf(userId: string): FakeChannel | undefined {
    return [...this.channels.values()].find(
      (channel) => channel.type === 1 && channel.recipientId === userId,
    );
  }

  /** The latest registration (global when `guildId` is undefined). */
  registeredCommands(guildId?: string): RegisteredCommands['commands'] {
    const scope = guildId ?? 'global';
    return this.registrations.filter((entry) => entry.scope === scope).at(-1)?.commands ?? [];
  }

  /** Dispatches an INTERACTION_CREATE for a registered slash command (or its autocomplete). */
  sendCommand(input: CommandInput): FakeInteraction {
    const registered = [...this.registeredCommands(this.guild.id), ...this.registeredCommands()];
    const command = registered.find((entry) => entry.name === input.name);
    if (!command) throw new Error(`fake Discord: /${input.name} is not registered`);
    const id = this.nextId();
    const token = `aW50ZXJhY3Rpb24.${randomBytes(24).toString('base64url')}`;
    const guildId = input.dm ? undefined : (input.guildId ?? this.guild.id);
    const userId = input.userId ?? this.member.id;
    const channel = input.dm ? this.openDm(userId) : this.channels.get(input.channelId ?? this.channel.id);
    if (!channel) throw new Error(`fake Discord: unknown channel ${input.channelId}`);
    const user = this.users.get(userId) ?? { id: userId, username: `user-${userId}` };
    const interaction: FakeInteraction = {
      id,
      token,
      kind: input.focused ? 'autocomplete' : 'command',
      createdAtMs: Date.now(),
      channelId: channel.id,
      callbacks: [],
      followUps: [],
    };
    this.interactions.set(id, interaction);
    const payload = buildInteractionPayload({
      id,
      token,
      applicationId: this.applicationId,
      command,
      input,
      user: userPayload(user),
      channel: channelPayload(channel, this.users),
      guildId,
      joinedAt: this.joinedAt,
    });
    if (this.gateway.dispatch('INTERACTION_CREATE', payload) === 0) {
      throw new Error('fake Discord: no gateway session is ready to receive the interaction');
    }
    return interaction;
  }

  /** Polls `predicate` until it holds (every 10 ms), failing after `timeoutMs`. */
  async waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`fake Discord: timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private readyPayload(sessionId: string): Record<string, unknown> {
    return readyPayload({
      sessionId,
      bot: this.bot,
      applicationId: this.applicationId,
      guilds: [...this.guilds.values()],
      resumeUrl: this.gatewayUrl,
    });
  }

  private openDm(userId: string): FakeChannel {
    const existing = this.dmChannelOf(userId);
    if (existing) return existing;
    const channel: FakeChannel = { id: this.nextId(), type: 1, recipientId: userId };
    this.channels.set(channel.id, channel);
    return channel;
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, '');
    const method = request.method ?? 'GET';
    const raw = await readBody(request);
    let body: unknown;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      body = raw;
    }
    const record: RecordedRequest = {
      method,
      path,
      query: url.searchParams,
      authorization: request.headers.authorization,
      body,
      status: 0,
    };
    this.requests.push(record);
    const reply = (status: number, payload?: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      // Like Discord, a 204 has no body and no content type (a JSON type would make clients parse it).
      response.writeHead(status, {
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      });
      response.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    const limited = this.rateLimits.find(
      (rule) => rule.remaining > 0 && rule.method === method && rule.path.test(path),
    );
    if (limited) {
      limited.remaining -= 1;
      this.rateLimitedResponses += 1;
      const seconds = String(limited.retryAfterSeconds);
      reply(
        429,
        {
          message: 'You are being rate limited.',
          retry_after: limited.retryAfterSeconds,
          global: limited.global ?? false,
        },
        {
          'retry-after': seconds,
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': seconds,
          'x-ratelimit-bucket': 'fake-bucket',
          'x-ratelimit-scope': limited.global ? 'global' : 'user',
          ...(limited.global ? { 'x-ratelimit-global': 'true' } : {}),
        },
      );
      return;
    }
    const unauthenticated = /^\/(interactions|webhooks)\//.test(path);
    if (!unauthenticated && request.headers.authorization !== `Bot ${this.token}`) {
      reply(401, { message: '401: Unauthorized', code: 0 });
      return;
    }
    this.handle(method, path, url.searchParams, body, reply);
  }

  private handle(
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    reply: (status: number, payload?: unknown) => void,
  ): void {
    let match: RegExpMatchArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      reply(200, {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    } else if (method === 'GET' && path === '/gateway') {
      reply(200, { url: this.gatewayUrl });
    } else if (method === 'GET' && path === '/users/@me') {
      reply(200, userPayload(this.bot));
    } else if ((match = path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      this.handleCommands(method, match[1] ?? '', match[2], body, reply);
    } else if (method === 'POST' && path === '/users/@me/channels') {
      const recipient = (body as { recipient_id?: string } | undefined)?.recipient_id;
      if (!recipient) return reply(400, invalidForm('recipient_id', 'This field is required'));
      reply(200, channelPayload(this.openDm(recipient), this.users));
    } else if ((match = path.match(/^\/channels\/(\d+)$/)) && method === 'GET') {
      const channel = this.channels.get(match[1] ?? '');
      if (!channel) reply(404, { message: 'Unknown Channel', code: 10003 });
      else reply(200, channelPayload(channel, this.users));
    } else if ((match = path.match(/^\/channels\/(\d+)\/messages$/)) && method === 'POST') {
      this.createChannelMessage(match[1] ?? '', body as MessageBody, reply);
    } else if ((match = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/)) && method === 'POST') {
      answerInteractionCallback(
        this,
        match[1] ?? '',
        match[2] ?? '',
        query,
        body as { type: number; data?: MessageBody },
        reply,
      );
    } else if ((match = path.match(/^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/))) {
      answerInteractionWebhook(this, method, match[2] ?? '', match[3], body as MessageBody, reply);
    } else {
      reply(404, { message: '404: Not Found', code: 0 });
    }
  }

  private handleCommands(
    method: string,
    applicationId: string,
    guildId: string | undefined,
    body: unknown,
    reply: (status: number, payload?: unknown) => void,
  ): void {
    if (applicationId !== this.applicationId) return reply(403, { message: 'Missing Access', code: 50001 });
    if (guildId !== undefined && !this.guilds.has(guildId))
      return reply(403, { message: 'Missing Access', code: 50001 });
    const scope = guildId ?? 'global';
    if (method === 'GET') return reply(200, this.registeredCommands(guildId));
    if (method !== 'PUT' || !Array.isArray(body))
      return reply(405, { message: '405: Method Not Allowed', code: 0 });
    const commands = (body as Array<Record<string, unknown>>).map((command) => ({
      ...command,
      id: this.nextId(),
      application_id: this.applicationId,
      version: this.nextId(),
      name: String(command.name),
      default_member_permissions: command.default_member_permissions ?? null,
      ...(guildId ? { guild_id: guildId } : {}),
    }));
    this.registrations.push({ scope, commands });
    reply(200, commands);
  }

  private createChannelMessage(
    channelId: string,
    body: MessageBody,
    reply: (status: number, payload?: unknown) => void,
  ): void {
    const channel = this.channels.get(channelId);
    if (!channel) return reply(404, { message: 'Unknown Channel', code: 10003 });
    if (channel.type === 1 && channel.recipientId && this.dmClosed.has(channel.recipientId)) {
      return reply(403, { message: 'Cannot send messages to this user', code: 50007 });
    }
    if (this.postingDenied.has(channelId)) return reply(403, { message: 'Missing Permissions', code: 50013 });
    const invalid = validateMessageBody(body);
    if (invalid) return reply(400, invalid);
    if (body.enforce_nonce && body.nonce !== undefined) {
      const window = this.options.nonceWindowMs ?? 5 * 60_000;
      const existing = this.messages.find(
        (message) =>
          message.channelId === channelId &&
          message.nonce === body.nonce &&
          message.authorId === this.bot.id &&
          Date.now() - message.createdAtMs < window,
      );
      if (existing) return reply(200, messagePayload(existing, this.bot, this.applicationId));
    }
    const message = this.storeMessage(channelId, body, undefined);
    if (this.lostResponses > 0) {
      // The message exists, but the client never hears so: it must retry without duplicating.
      this.lostResponses -= 1;
      return reply(502, { message: '502: Bad Gateway', code: 0 });
    }
    reply(200, messagePayload(message, this.bot, this.applicationId));
  }

  storeMessage(channelId: string, body: MessageBody, interactionId: string | undefined): FakeMessage {
    const message: FakeMessage = {
      id: this.nextId(),
      channelId,
      content: body.content ?? '',
      embeds: (body.embeds ?? []) as APIEmbed[],
      allowedMentions: body.allowed_mentions,
      ...(body.nonce === undefined ? {} : { nonce: body.nonce }),
      flags: Number(body.flags ?? 0),
      createdAtMs: Date.now(),
      authorId: this.bot.id,
      ...(interactionId ? { interactionId } : {}),
      deleted: false,
    };
    this.messages.push(message);
    return message;
  }
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return new FakeDiscord(options).listen();
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
