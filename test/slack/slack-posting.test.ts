import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Card, Message } from '../../src/model.js';
import { silentLogger } from '../../src/log.js';
import {
  createSlackPlatform,
  SlackPostError,
  type SlackPlatform,
} from '../../adapters/slack/slack-platform.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.js';

const summaryCard: Card = {
  title: 'Rates held at 4% <!channel>',
  url: 'https://news.example/rates',
  source: 'Example News',
  body: 'The central bank kept rates at 4%, its governor said.',
  fields: [{ name: 'Rate', value: '4 %', inline: true }],
};

let fake: FakeSlack;
let platform: SlackPlatform | undefined;

beforeEach(async () => {
  fake = await startFakeSlack();
  fake.setUser({ id: 'U0MEMBER' });
});

afterEach(async () => {
  await platform?.stop();
  platform = undefined;
  await fake.close();
});

describe('Slack platform: posting', () => {
  function createPoster(): SlackPlatform {
    // Posting needs no started app: it is plain Web API.
    platform = createSlackPlatform(
      {
        botToken: fake.botToken,
        signingSecret: fake.signingSecret,
        apiUrl: fake.apiUrl,
        port: 0,
        path: '/slack/events',
        managerUserIds: [],
      },
      { logger: silentLogger },
    );
    return platform;
  }
  const message: Message = { title: 'Digest', cards: [summaryCard] };

  it('posts a channel message with blocks, fallback text and the idempotency key as metadata', async () => {
    const poster = createPoster();
    const ts = await poster.post({ kind: 'channel', channelId: 'C0NEWS' }, message, {
      idempotencyKey: 'digest:slack:C0NEWS:1',
    });
    const posts = fake.postsTo('C0NEWS');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.ts).toBe(ts);
    expect(posts[0]!.text).toContain('Digest');
    expect(posts[0]!.blocks[0]).toMatchObject({ type: 'header' });
    expect(posts[0]!.metadata).toEqual({
      event_type: 'news_digest_post',
      event_payload: { idempotency_key: 'digest:slack:C0NEWS:1', part: 0, parts: 1 },
    });
    // The same key again (the caller could not record the first success) does not post twice.
    expect(
      await poster.post({ kind: 'channel', channelId: 'C0NEWS' }, message, {
        idempotencyKey: 'digest:slack:C0NEWS:1',
      }),
    ).toBe(ts);
    expect(fake.postsTo('C0NEWS')).toHaveLength(1);
  });

  it('posts once when two deliveries post the same key at the same time', async () => {
    const poster = createPoster();
    const target = { kind: 'channel', channelId: 'C0NEWS' } as const;
    const [first, second] = await Promise.all([
      poster.post(target, message, { idempotencyKey: 'k-concurrent' }),
      poster.post(target, message, { idempotencyKey: 'k-concurrent' }),
    ]);
    expect(second).toBe(first);
    expect(fake.postsTo('C0NEWS')).toHaveLength(1);
  });

  it('retries a rate-limited post after Retry-After and posts the message exactly once', async () => {
    // Retry-After 0 keeps this fast; the end-to-end digest test waits out a real 1 s.
    const poster = createPoster();
    fake.script('chat.postMessage', { kind: 'rate-limit', retryAfterSeconds: 0 }, 2);
    await poster.post({ kind: 'channel', channelId: 'C0NEWS' }, message, { idempotencyKey: 'k-429' });
    expect(fake.callsOf('chat.postMessage').map((c) => c.status)).toEqual([429, 429, 200]);
    expect(fake.postsTo('C0NEWS')).toHaveLength(1);
  });

  it('does not retry a 5xx by itself, and a retry of an uncertain post finds it instead of posting again', async () => {
    const poster = createPoster();
    fake.script('chat.postMessage', { kind: 'http-error-after-effect', status: 503 });
    const target = { kind: 'channel', channelId: 'C0NEWS' } as const;
    const error = await poster
      .post(target, message, { idempotencyKey: 'k-uncertain' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackPostError);
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
    expect(fake.postsTo('C0NEWS')).toHaveLength(1); // Slack did post it

    const ts = await poster.post(target, message, { idempotencyKey: 'k-uncertain' });
    expect(fake.postsTo('C0NEWS')).toHaveLength(1);
    expect(ts).toBe(fake.postsTo('C0NEWS')[0]!.ts);
    expect(fake.callsOf('conversations.history')).toHaveLength(1);
  });

  it('reposts after a 5xx that did not post, and only once', async () => {
    const poster = createPoster();
    fake.script('chat.postMessage', { kind: 'http-error', status: 500 });
    const target = { kind: 'channel', channelId: 'C0NEWS' } as const;
    await expect(poster.post(target, message, { idempotencyKey: 'k-lost' })).rejects.toThrow(SlackPostError);
    await poster.post(target, message, { idempotencyKey: 'k-lost' });
    expect(fake.postsTo('C0NEWS')).toHaveLength(1);
  });

  it('splits a long digest into several messages and resumes after the part that failed', async () => {
    const poster = createPoster();
    const cards = Array.from({ length: 30 }, (_, i) => ({
      ...summaryCard,
      title: `Story ${i}`,
      url: `https://news.example/${i}`,
    }));
    const long: Message = { title: 'Big digest', cards };
    const target = { kind: 'channel', channelId: 'C0NEWS' } as const;
    // The first part goes through; the second is lost with an HTTP 500 (nothing posted).
    fake.script('chat.postMessage', { kind: 'http-error', status: 500 }, 1, 1);
    await expect(poster.post(target, long, { idempotencyKey: 'k-long' })).rejects.toThrow(SlackPostError);
    expect(fake.postsTo('C0NEWS')).toHaveLength(1);

    const first = await poster.post(target, long, { idempotencyKey: 'k-long' });
    const parts = fake.postsTo('C0NEWS');
    expect(parts.length).toBeGreaterThan(2);
    expect(first).toBe(parts[0]!.ts);
    expect(parts.map((p) => p.metadata!.event_payload.part)).toEqual(parts.map((_, i) => i));
    for (const part of parts) expect(part.blocks.length).toBeLessThanOrEqual(50);
    const titles = parts.flatMap((p) =>
      p.blocks.map((b) => /\|(Story \d+)>/.exec(JSON.stringify(b))?.[1]).filter(Boolean),
    );
    expect(titles).toEqual(cards.map((c) => c.title));
  });

  it("reports a refused channel with Slack's error code", async () => {
    const poster = createPoster();
    fake.refuseChannel('C0OTHER', 'not_in_channel');
    await expect(
      poster.post({ kind: 'channel', channelId: 'C0OTHER' }, message, { idempotencyKey: 'k-other' }),
    ).rejects.toMatchObject({ name: 'SlackPostError', code: 'not_in_channel' });
  });

  it('sends a user target as a DM and falls back to the channel with a notice when DMs are refused', async () => {
    const poster = createPoster();
    await poster.post({ kind: 'user', userId: 'U0MEMBER', fallbackChannelId: 'C0NEWS' }, message, {
      idempotencyKey: 'a1',
    });
    expect(fake.callsOf('conversations.open').map((c) => c.params.users)).toEqual(['U0MEMBER']);
    expect(fake.postsTo('DU0MEMBER')).toHaveLength(1);
    expect(fake.postsTo('C0NEWS')).toHaveLength(0);

    fake.setUser({ id: 'U0CLOSED', dmError: 'cannot_dm_user' });
    await poster.post({ kind: 'user', userId: 'U0CLOSED', fallbackChannelId: 'C0NEWS' }, message, {
      idempotencyKey: 'a2',
    });
    const fallback = fake.postsTo('C0NEWS');
    expect(fallback).toHaveLength(1);
    expect((fallback[0]!.blocks[0] as { text: { text: string } }).text.text).toMatch(
      /^<@U0CLOSED>: I could not send you a direct message/,
    );

    await expect(
      poster.post({ kind: 'user', userId: 'U0CLOSED' }, message, { idempotencyKey: 'a3' }),
    ).rejects.toMatchObject({
      code: 'cannot_dm_user',
    });
  });
});
