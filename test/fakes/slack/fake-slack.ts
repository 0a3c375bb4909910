/**
 * A small working fake of the Slack side of a Slack app, on 127.0.0.1:
 * - the Web API methods the adapter uses (`POST /api/<method>`, form-encoded like WebClient sends,
 *   or JSON): auth.test, chat.postMessage, conversations.open, conversations.history, users.info;
 * - `response_url` endpoints that record what `respond()` posts;
 * - scripted failures: 429 with Retry-After, HTTP 5xx after the effect, `{ ok: false }` errors;
 * - `sendSlashCommand`, which delivers a slash command to the app's endpoint the way Slack does:
 *   form-encoded and signed (HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret).
 * - Socket Mode: apps.connections.open (app token) hands out a WebSocket URL on this server, which
 *   greets with `hello`; `sendSocketCommand` delivers a slash command envelope and waits for its ack.
 * chat.postMessage checks Block Kit limits like Slack and refuses oversize blocks with `invalid_blocks`.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { WebSocketServer, type WebSocket } from 'ws';

import { findBlockKitViolation } from './find-block-kit-violation.js';
import { parseWebApiParams, readBody } from './parse-web-api-params.js';

export { findBlockKitViolation };

export interface FakeSlackUser {
  readonly id: string;
  readonly isAdmin?: boolean;
  readonly isOwner?: boolean;
  /** conversations.open for this user fails with this error (e.g. DMs closed or user deactivated). */
  readonly dmError?: string;
}

export interface PostedMessage {
  readonly channel: string;
  readonly ts: string;
  readonly text?: string;
  readonly blocks: readonly Record<string, unknown>[];
  readonly metadata?: { event_type: string; event_payload: Record<string, unknown> };
  readonly threadTs?: string;
}

export interface ResponseUrlPost {
  /** The id in the response URL; `sendSlashCommand` returns it. */
  readonly id: string;
  readonly body: Record<string, unknown>;
}

export interface ApiCall {
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly token?: string;
  /** HTTP status the fake answered with. */
  readonly status: number;
}

/** One scripted failure, used by the next call(s) of a method. */
export type ScriptedFailure =
  | { readonly kind: 'rate-limit'; readonly retryAfterSeconds: number }
  /** Performs the call (the message IS posted), then answers with an HTTP error: an uncertain failure. */
  | { readonly kind: 'http-error-after-effect'; readonly status: number }
  | { readonly kind: 'http-error'; readonly status: number }
  | { readonly kind: 'platform-error'; readonly error: string };

export interface SlashCommandOptions {
  /** Sign with a different secret (Bolt must answer 401). */
  readonly badSignature?: boolean;
  /** Request timestamp in seconds since the epoch; defaults to now. */
  readonly timestampSeconds?: number;
}

export interface SlashCommandResult {
  readonly status: number;
  readonly body: string;
  /** Time from sending the request to the app's HTTP answer (the ack). */
  readonly ackMs: number;
  /** Id of this command's response URL, for `responsesFor`. */
  readonly responseId: string;
}

export interface FakeSlack {
  readonly apiUrl: string;
  readonly botToken: string;
  readonly appToken: string;
  readonly signingSecret: string;
  readonly teamId: string;
  readonly botUserId: string;
  readonly posts: PostedMessage[];
  readonly responses: ResponseUrlPost[];
  readonly calls: ApiCall[];
  setUser(user: FakeSlackUser): void;
  /** Makes the next `times` calls of `method` fail as scripted, after letting `skip` calls through. */
  script(method: string, failure: ScriptedFailure, times?: number, skip?: number): void;
  /** Makes chat.postMessage to `channel` fail with a platform error (e.g. `not_in_channel`). */
  refuseChannel(channel: string, error: string): void;
  postsTo(channel: string): PostedMessage[];
  responsesFor(responseId: string): ResponseUrlPost[];
  callsOf(method: string): ApiCall[];
  sendSlashCommand(
    endpointUrl: string,
    fields: { command: string; text?: string; userId?: string; channelId?: string; teamId?: string },
    options?: SlashCommandOptions,
  ): Promise<SlashCommandResult>;
  /** Socket Mode: delivers a slash command to the connected app and resolves when it acks. */
  sendSocketCommand(fields: {
    command: string;
    text?: string;
    userId?: string;
    channelId?: string;
  }): Promise<{ ackMs: number; responseId: string }>;
  /** Socket Mode connections currently open. */
  socketCount(): number;
  /** Resolves once `predicate` holds (checked after every request the fake handles). */
  waitFor(predicate: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const botToken = `xoxb-fake-${randomBytes(6).toString('hex')}`;
  const appToken = `xapp-fake-${randomBytes(6).toString('hex')}`;
  const signingSecret = randomBytes(16).toString('hex');
  const teamId = 'T0FAKE';
  const botUserId = 'U0BOT';
  const users = new Map<string, FakeSlackUser>();
  const scripted = new Map<string, (ScriptedFailure | undefined)[]>();
  const refusedChannels = new Map<string, string>();
  const posts: PostedMessage[] = [];
  const responses: ResponseUrlPost[] = [];
  const calls: ApiCall[] = [];
  const waiters = new Set<() => void>();
  let tsCounter = 0;
  let responseCounter = 0;
  let base = '';

  const notify = (): void => {
    for (const check of [...waiters]) check();
  };

  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  function perform(method: string, params: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'apps.connections.open':
        return { ok: true, url: `${base.replace('http:', 'ws:')}/socket` };
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake',
          user: 'news-digest',
          team_id: teamId,
          user_id: botUserId,
          bot_id: 'B0BOT',
        };
      case 'users.info': {
        const user = users.get(String(params.user));
        if (user === undefined) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: user.id,
            team_id: teamId,
            name: user.id.toLowerCase(),
            is_admin: user.isAdmin === true,
            is_owner: user.isOwner === true,
            is_primary_owner: false,
            is_bot: false,
          },
        };
      }
      case 'conversations.open': {
        const id = String(params.users ?? '');
        if (id === '' || id.includes(',')) return { ok: false, error: 'invalid_arguments' };
        const user = users.get(id);
        if (user?.dmError !== undefined) return { ok: false, error: user.dmError };
        return { ok: true, channel: { id: `D${id}` } };
      }
      case 'chat.postMessage': {
        const channel = String(params.channel ?? '');
        if (channel === '') return { ok: false, error: 'channel_not_found' };
        const refused = refusedChannels.get(channel);
        if (refused !== undefined) return { ok: false, error: refused };
        const blocks = (params.blocks as Record<string, unknown>[] | undefined) ?? [];
        if (!Array.isArray(blocks)) return { ok: false, error: 'invalid_blocks_format' };
        const violation = findBlockKitViolation(blocks);
        if (violation !== undefined) return { ok: false, error: 'invalid_blocks', errors: [violation] };
        if (blocks.length === 0 && (params.text === undefined || params.text === ''))
          return { ok: false, error: 'no_text' };
        tsCounter += 1;
        const ts = `1700000000.${String(tsCounter).padStart(6, '0')}`;
        const posted: PostedMessage = {
          channel,
          ts,
          blocks,
          ...(typeof params.text === 'string' ? { text: params.text } : {}),
          ...(params.metadata !== undefined
            ? { metadata: params.metadata as PostedMessage['metadata'] & object }
            : {}),
          ...(typeof params.thread_ts === 'string' ? { threadTs: params.thread_ts } : {}),
        };
        posts.push(posted);
        return { ok: true, channel, ts, message: { type: 'message', ts, text: posted.text, blocks } };
      }
      case 'conversations.history': {
        const channel = String(params.channel ?? '');
        const limit = Number(params.limit ?? 100);
        const withMetadata = String(params.include_all_metadata) === 'true';
        const messages = posts
          .filter((p) => p.channel === channel)
          .reverse()
          .slice(0, limit)
          .map((p) => ({
            type: 'message',
            ts: p.ts,
            text: p.text,
            bot_id: 'B0BOT',
            ...(withMetadata && p.metadata ? { metadata: p.metadata } : {}),
          }));
        return { ok: true, messages, has_more: false };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    if (req.method === 'POST' && url.pathname.startsWith('/response/')) {
      responses.push({
        id: url.pathname.slice('/response/'.length),
        body: JSON.parse(raw) as Record<string, unknown>,
      });
      send(res, 200, { ok: true });
      return;
    }
    if (req.method !== 'POST' || !url.pathname.startsWith('/api/')) {
      send(res, 404, { ok: false, error: 'not_found' });
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    const params = parseWebApiParams(raw, req.headers['content-type']);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ')
      ? auth.slice(7)
      : typeof params.token === 'string'
        ? params.token
        : undefined;
    const record = (status: number): void => {
      calls.push({ method, params, ...(token !== undefined ? { token } : {}), status });
    };
    const expectedToken = method === 'apps.connections.open' ? appToken : botToken;
    if (token !== expectedToken) {
      record(200);
      send(res, 200, { ok: false, error: 'invalid_auth' });
      return;
    }
    const failure = scripted.get(method)?.shift();
    if (failure?.kind === 'rate-limit') {
      record(429);
      send(
        res,
        429,
        { ok: false, error: 'ratelimited' },
        { 'retry-after': String(failure.retryAfterSeconds) },
      );
      return;
    }
    if (failure?.kind === 'http-error') {
      record(failure.status);
      send(res, failure.status, { ok: false, error: 'fatal_error' });
      return;
    }
    if (failure?.kind === 'platform-error') {
      record(200);
      send(res, 200, { ok: false, error: failure.error });
      return;
    }
    const result = perform(method, params);
    if (failure?.kind === 'http-error-after-effect') {
      record(failure.status);
      send(res, failure.status, { ok: false, error: 'fatal_error' });
      return;
    }
    record(200);
    send(res, 200, result);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res)
      .catch((error: unknown) => send(res, 500, { ok: false, error: String(error) }))
      .finally(notify);
  });
  const sockets = new Set<WebSocket>();
  const acks = new Map<string, () => void>();
  const wss = new WebSocketServer({ server, path: '/socket' });
  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      notify();
    });
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string };
      if (message.envelope_id !== undefined) acks.get(message.envelope_id)?.();
    });
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0NEWS' } }));
    notify();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function commandPayload(
    fields: { command: string; text?: string; userId?: string; channelId?: string; teamId?: string },
    responseId: string,
  ): Record<string, string> {
    return {
      token: 'deprecated-verification-token',
      team_id: fields.teamId ?? teamId,
      team_domain: 'fake',
      channel_id: fields.channelId ?? 'C0GENERAL',
      channel_name: 'general',
      user_id: fields.userId ?? 'U0MEMBER',
      user_name: 'member',
      command: fields.command,
      text: fields.text ?? '',
      api_app_id: 'A0NEWS',
      is_enterprise_install: 'false',
      response_url: `${base}/response/${responseId}`,
      trigger_id: `${responseCounter}.trigger`,
    };
  }

  return {
    apiUrl: `${base}/api/`,
    botToken,
    appToken,
    signingSecret,
    teamId,
    botUserId,
    posts,
    responses,
    calls,
    setUser(user) {
      users.set(user.id, user);
    },
    script(method, failure, times = 1, skip = 0) {
      const queue = scripted.get(method) ?? [];
      for (let i = 0; i < skip; i += 1) queue.push(undefined);
      for (let i = 0; i < times; i += 1) queue.push(failure);
      scripted.set(method, queue);
    },
    refuseChannel(channel, error) {
      refusedChannels.set(channel, error);
    },
    postsTo(channel) {
      return posts.filter((p) => p.channel === channel);
    },
    responsesFor(responseId) {
      return responses.filter((r) => r.id === responseId);
    },
    callsOf(method) {
      return calls.filter((c) => c.method === method);
    },
    async sendSlashCommand(endpointUrl, fields, options = {}) {
      responseCounter += 1;
      const responseId = `R${responseCounter}`;
      const body = new URLSearchParams(commandPayload(fields, responseId)).toString();
      const timestamp = options.timestampSeconds ?? Math.floor(Date.now() / 1000);
      const secret = options.badSignature === true ? `${signingSecret}-wrong` : signingSecret;
      const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
      const started = performance.now();
      const res = await fetch(endpointUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signature,
        },
        body,
      });
      const text = await res.text();
      return { status: res.status, body: text, ackMs: performance.now() - started, responseId };
    },
    async sendSocketCommand(fields) {
      const socket = [...sockets][0];
      if (socket === undefined) throw new Error('fake Slack: no Socket Mode connection');
      responseCounter += 1;
      const responseId = `R${responseCounter}`;
      const envelopeId = `E${responseCounter}`;
      const started = performance.now();
      const acked = new Promise<void>((resolve) => acks.set(envelopeId, resolve));
      socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type: 'slash_commands',
          accepts_response_payload: true,
          payload: commandPayload(fields, responseId),
        }),
      );
      await acked;
      acks.delete(envelopeId);
      return { ackMs: performance.now() - started, responseId };
    },
    socketCount() {
      return sockets.size;
    },
    waitFor(predicate, timeoutMs = 5000, what = 'condition') {
      if (predicate()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (!predicate()) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`fake Slack: timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    close() {
      for (const socket of sockets) socket.terminate();
      wss.close();
      return new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
