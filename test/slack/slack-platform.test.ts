import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Card } from '../../src/model.js';
import type { CommandHandler, CommandReply, CommandRequest } from '../../src/ports.js';
import { silentLogger } from '../../src/log.js';
import {
  createSlackPlatform,
  SlackSetupError,
  type SlackPlatform,
} from '../../adapters/slack/slack-platform.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.js';

/** A recording CommandHandler: answers each request with what `answer` returns. */
function createRecordingHandler(answer: (request: CommandRequest) => Promise<CommandReply> | CommandReply) {
  const requests: CommandRequest[] = [];
  const handler: CommandHandler = {
    async handle(request) {
      requests.push(request);
      return answer(request);
    },
    async complete() {
      return [];
    },
  };
  return { handler, requests };
}

const summaryCard: Card = {
  title: 'Rates held at 4% <!channel>',
  url: 'https://news.example/rates',
  source: 'Example News',
  body: 'The central bank kept rates at 4%, its governor said.',
  fields: [{ name: 'Rate', value: '4 %', inline: true }],
};

let fake: FakeSlack;
let platform: SlackPlatform | undefined;

async function startPlatform(
  handler: CommandHandler,
  extra: { managerUserIds?: string[]; managerCacheMs?: number } = {},
): Promise<{ platform: SlackPlatform; url: string }> {
  const started = createSlackPlatform(
    {
      botToken: fake.botToken,
      signingSecret: fake.signingSecret,
      apiUrl: fake.apiUrl,
      port: 0,
      path: '/slack/events',
      listenHost: '127.0.0.1',
      managerUserIds: extra.managerUserIds ?? [],
      ...(extra.managerCacheMs !== undefined ? { managerCacheMs: extra.managerCacheMs } : {}),
    },
    { logger: silentLogger },
  );
  started.onCommand(handler);
  await started.start();
  platform = started;
  return { platform: started, url: started.endpointUrl()! };
}

beforeEach(async () => {
  fake = await startFakeSlack();
  fake.setUser({ id: 'U0MEMBER' });
  fake.setUser({ id: 'U0ADMIN', isAdmin: true });
  fake.setUser({ id: 'U0OWNER', isOwner: true });
});

afterEach(async () => {
  await platform?.stop();
  platform = undefined;
  await fake.close();
});

describe('Slack platform: slash commands', () => {
  it('acks at once, before the handler finishes, then answers through the response URL', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { handler, requests } = createRecordingHandler(async () => {
      await gate;
      return { message: { cards: [summaryCard] }, visibility: 'ephemeral' };
    });
    const { url } = await startPlatform(handler);

    const result = await fake.sendSlashCommand(url, {
      command: '/summary',
      text: 'https://news.example/rates public',
    });
    expect(result.status).toBe(200);
    expect(result.ackMs).toBeLessThan(3000);
    expect(fake.responsesFor(result.responseId)).toEqual([]);
    release();
    await fake.waitFor(() => fake.responsesFor(result.responseId).length === 1, 5000, 'the summary reply');

    expect(requests).toEqual([
      {
        platform: 'slack',
        name: 'summary',
        text: 'https://news.example/rates',
        channelId: 'C0GENERAL',
        userId: 'U0MEMBER',
        teamId: fake.teamId,
        userCanManageChannel: false,
      },
    ]);
    const body = fake.responsesFor(result.responseId)[0]!.body;
    expect(body.response_type).toBe('in_channel');
    expect(body.text).toContain('Rates held at 4%');
    const blocks = body.blocks as { type: string; text?: { text: string } }[];
    expect(blocks[0]!.text!.text).toContain(
      '*<https://news.example/rates|Rates held at 4% &lt;!channel&gt;>*',
    );
  });

  it('keeps summaries private unless asked, and failures private even when asked', async () => {
    const { handler } = createRecordingHandler((request) =>
      request.text.includes('missing')
        ? { message: { text: 'Nothing found for "missing".', cards: [] }, visibility: 'in_channel' }
        : { message: { cards: [summaryCard] }, visibility: 'in_channel' },
    );
    const { url } = await startPlatform(handler);
    const plain = await fake.sendSlashCommand(url, { command: '/summary', text: 'interest rates' });
    const asked = await fake.sendSlashCommand(url, { command: '/summary', text: 'interest rates --public' });
    const failed = await fake.sendSlashCommand(url, { command: '/summary', text: 'missing --public' });
    await fake.waitFor(() => fake.responses.length === 3, 5000, 'three replies');
    expect(fake.responsesFor(plain.responseId)[0]!.body.response_type).toBe('ephemeral');
    expect(fake.responsesFor(asked.responseId)[0]!.body.response_type).toBe('in_channel');
    expect(fake.responsesFor(failed.responseId)[0]!.body.response_type).toBe('ephemeral');
  });

  it('maps /news subcommands onto command requests and keeps the handler visibility for them', async () => {
    const { handler, requests } = createRecordingHandler((request) => ({
      message: { text: `ok ${request.name}`, cards: [] },
      visibility: request.name === 'digest' ? 'in_channel' : 'ephemeral',
    }));
    const { url } = await startPlatform(handler);
    const sent = [
      await fake.sendSlashCommand(url, { command: '/news', text: 'feeds add https://feeds.example/rss.xml' }),
      await fake.sendSlashCommand(url, {
        command: '/news',
        text: 'digest schedule 0 8 * * 1-5 Europe/Paris',
      }),
      await fake.sendSlashCommand(url, { command: '/news', text: 'follow "central bank" OR inflation' }),
      await fake.sendSlashCommand(url, { command: '/news', text: '' }),
    ];
    await fake.waitFor(() => fake.responses.length === 4, 5000, 'four replies');
    expect(requests.map((r) => [r.name, r.subcommand, r.text])).toEqual([
      ['feeds', 'add', 'https://feeds.example/rss.xml'],
      ['digest', 'schedule', '0 8 * * 1-5 Europe/Paris'],
      ['follow', undefined, '"central bank" OR inflation'],
      ['help', undefined, ''],
    ]);
    expect(fake.responsesFor(sent[1]!.responseId)[0]!.body.response_type).toBe('in_channel');
    expect(fake.responsesFor(sent[0]!.responseId)[0]!.body.response_type).toBe('ephemeral');
  });

  it('answers an unknown subcommand itself, privately', async () => {
    const { handler, requests } = createRecordingHandler(() => ({
      message: { cards: [] },
      visibility: 'ephemeral',
    }));
    const { url } = await startPlatform(handler);
    const result = await fake.sendSlashCommand(url, { command: '/news', text: 'feeds explode now' });
    await fake.waitFor(() => fake.responsesFor(result.responseId).length === 1, 5000, 'the reply');
    expect(requests).toEqual([]);
    const body = fake.responsesFor(result.responseId)[0]!.body;
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('no subcommand');
  });

  it('tells the user privately when the handler fails', async () => {
    const { handler } = createRecordingHandler(() => {
      throw new Error('database is locked');
    });
    const { url } = await startPlatform(handler);
    const result = await fake.sendSlashCommand(url, { command: '/news', text: 'alerts' });
    await fake.waitFor(() => fake.responsesFor(result.responseId).length === 1, 5000, 'the error reply');
    const body = fake.responsesFor(result.responseId)[0]!.body;
    expect(body).toMatchObject({ response_type: 'ephemeral' });
    expect(String(body.text)).toMatch(/failed/);
    expect(String(body.text)).not.toContain('database');
  });

  it('lets admins, owners and configured users manage a channel, and caches users.info', async () => {
    const { handler, requests } = createRecordingHandler(() => ({
      message: { text: 'ok', cards: [] },
      visibility: 'ephemeral',
    }));
    const { url } = await startPlatform(handler, { managerUserIds: ['U0TRUSTED'] });
    for (const userId of ['U0MEMBER', 'U0ADMIN', 'U0OWNER', 'U0TRUSTED', 'U0ADMIN', 'U0UNKNOWN']) {
      const sent = await fake.sendSlashCommand(url, { command: '/news', text: 'digest off', userId });
      await fake.waitFor(
        () => fake.responsesFor(sent.responseId).length === 1,
        5000,
        `the reply to ${userId}`,
      );
    }
    expect(requests.map((r) => [r.userId, r.userCanManageChannel])).toEqual([
      ['U0MEMBER', false],
      ['U0ADMIN', true],
      ['U0OWNER', true],
      ['U0TRUSTED', true],
      ['U0ADMIN', true],
      ['U0UNKNOWN', false],
    ]);
    // U0TRUSTED needs no lookup; the second U0ADMIN comes from the cache.
    expect(fake.callsOf('users.info').map((c) => c.params.user)).toEqual([
      'U0MEMBER',
      'U0ADMIN',
      'U0OWNER',
      'U0UNKNOWN',
    ]);
  });

  it('refuses requests with a bad signature or a stale timestamp (401), without running the handler', async () => {
    const { handler, requests } = createRecordingHandler(() => ({
      message: { text: 'ok', cards: [] },
      visibility: 'ephemeral',
    }));
    const { url } = await startPlatform(handler);
    const nowSeconds = Math.floor(Date.now() / 1000);
    const bad = await fake.sendSlashCommand(url, { command: '/news', text: 'help' }, { badSignature: true });
    const stale = await fake.sendSlashCommand(
      url,
      { command: '/news', text: 'help' },
      { timestampSeconds: nowSeconds - 5 * 60 - 5 },
    );
    const fresh = await fake.sendSlashCommand(
      url,
      { command: '/news', text: 'help' },
      { timestampSeconds: nowSeconds - 60 },
    );
    expect([bad.status, stale.status, fresh.status]).toEqual([401, 401, 200]);
    await fake.waitFor(() => fake.responses.length === 1, 5000, 'the reply to the valid request');
    expect(requests).toHaveLength(1);
    expect(fake.responses.map((r) => r.id)).toEqual([fresh.responseId]);
  });

  it('lets an answer in progress reach its response URL when stopping', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { handler } = createRecordingHandler(async () => {
      await gate;
      return { message: { text: 'done', cards: [] }, visibility: 'ephemeral' };
    });
    const { platform: started, url } = await startPlatform(handler);
    const sent = await fake.sendSlashCommand(url, { command: '/news', text: 'alerts' });
    const stopping = started.stop();
    platform = undefined;
    release();
    await stopping;
    expect(fake.responsesFor(sent.responseId).map((r) => r.body.text)).toEqual(['done']);
  });

  it('stops listening on stop()', async () => {
    const { handler } = createRecordingHandler(() => ({
      message: { text: 'ok', cards: [] },
      visibility: 'ephemeral',
    }));
    const { platform: started, url } = await startPlatform(handler);
    await started.stop();
    platform = undefined;
    await expect(fake.sendSlashCommand(url, { command: '/news', text: 'help' })).rejects.toThrow();
  });
});

describe('Slack platform: set-up', () => {
  const base = { port: 0, path: '/slack/events', listenHost: '127.0.0.1', managerUserIds: [] };

  it('needs a signing secret or an app token', () => {
    expect(() => createSlackPlatform({ ...base, botToken: 'xoxb-1' }, { logger: silentLogger })).toThrow(
      SlackSetupError,
    );
  });

  it('fails to start with a token Slack refuses', async () => {
    const bad = createSlackPlatform(
      { ...base, botToken: 'xoxb-wrong', signingSecret: fake.signingSecret, apiUrl: fake.apiUrl },
      { logger: silentLogger },
    );
    await expect(bad.start()).rejects.toThrow();
    await bad.stop();
  });

  it('serves commands on the configured path only', async () => {
    const custom = createSlackPlatform(
      {
        ...base,
        path: '/hooks/news',
        botToken: fake.botToken,
        signingSecret: fake.signingSecret,
        apiUrl: fake.apiUrl,
      },
      { logger: silentLogger },
    );
    custom.onCommand({
      handle: async () => ({ message: { text: 'ok', cards: [] }, visibility: 'ephemeral' }),
      complete: async () => [],
    });
    await custom.start();
    platform = custom;
    const endpoint = custom.endpointUrl()!;
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\/news$/);
    expect((await fake.sendSlashCommand(endpoint, { command: '/news', text: 'help' })).status).toBe(200);
    const other = endpoint.replace('/hooks/news', '/slack/events');
    expect((await fake.sendSlashCommand(other, { command: '/news', text: 'help' })).status).toBe(404);
  });
});
