import { afterEach, describe, expect, it } from 'vitest';
import type { Card, Message } from '../../src/model.js';
import { DiscordPostError, deriveNonce } from '../../adapters/discord/discord-platform.js';
import { createRecordingHandler, startBot, textReply, type StartedBot } from './discord-test-kit.js';

let bot: StartedBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const story = (index: number): Card => ({
  title: `Story ${index}: @everyone council approves <@&42> budget`,
  url: `https://news.example/story-${index}`,
  source: 'Example News',
  timestamp: '2026-11-27T07:00:00Z',
  body: `${'The council said the budget grows by 4 per cent. '.repeat(8)}`,
  fields: [{ name: 'Key figures', value: '4 per cent budget growth (council)' }],
});

const digest = (cards: number): Message => ({
  title: `Morning digest: ${cards} stories`,
  cards: Array.from({ length: cards }, (_, index) => story(index)),
});

async function startQuietBot(): Promise<StartedBot> {
  return startBot(createRecordingHandler(() => textReply('unused')));
}

describe('Discord post', () => {
  it('posts a digest as embeds within limits, with no mentions allowed and a nonce enforced', async () => {
    bot = await startQuietBot();
    const { fake, platform } = bot;
    const id = await platform.post({ kind: 'channel', channelId: fake.channel.id }, digest(12), {
      idempotencyKey: 'digest:discord:news:2026-11-27T07:00Z',
    });
    const posted = fake.messagesIn(fake.channel.id);
    expect(posted.length).toBe(2);
    expect(posted[0]!.id).toBe(id);
    expect(posted.flatMap((message) => message.embeds)).toHaveLength(12);
    expect(posted[0]!.content).toBe('**Morning digest: 12 stories**');
    for (const message of posted) {
      expect(message.allowedMentions).toEqual({ parse: [] });
      expect(String(message.nonce).length).toBeLessThanOrEqual(25);
      expect(message.embeds.every((embed) => !String(embed.title).includes('@everyone'))).toBe(true);
    }
    const bodies = fake.requests.filter((request) => request.path.endsWith('/messages'));
    expect(
      bodies.every((request) => (request.body as { enforce_nonce?: boolean }).enforce_nonce === true),
    ).toBe(true);
    expect(new Set(posted.map((message) => message.nonce)).size).toBe(2);
    expect(posted[0]!.nonce).toBe(deriveNonce('digest:discord:news:2026-11-27T07:00Z', 0));
  });

  it('does not duplicate a post when the same delivery is retried', async () => {
    bot = await startQuietBot();
    const { fake, platform } = bot;
    const target = { kind: 'channel', channelId: fake.channel.id } as const;
    const first = await platform.post(target, digest(15), { idempotencyKey: 'digest:retry' });
    const second = await platform.post(target, digest(15), { idempotencyKey: 'digest:retry' });
    expect(second).toBe(first);
    expect(fake.messagesIn(fake.channel.id)).toHaveLength(2);
    await platform.post(target, digest(1), { idempotencyKey: 'digest:other' });
    expect(fake.messagesIn(fake.channel.id)).toHaveLength(3);
  });

  it('waits out a 429 and delivers the message exactly once', async () => {
    bot = await startQuietBot();
    const { fake, platform, logger } = bot;
    fake.rateLimit({ method: 'POST', path: /^\/channels\/\d+\/messages$/, times: 2, retryAfterSeconds: 0.2 });
    const started = Date.now();
    await platform.post({ kind: 'channel', channelId: fake.channel.id }, digest(3), {
      idempotencyKey: 'alert:429',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(fake.rateLimitedResponses).toBe(2);
    expect(fake.messagesIn(fake.channel.id)).toHaveLength(1);
    expect(
      logger.entries.some((entry) => entry.level === 'warn' && /rate limit/i.test(entry.msg ?? '')),
    ).toBe(true);
  });

  it('does not duplicate a message whose response was lost and that the client resent', async () => {
    bot = await startQuietBot();
    const { fake, platform } = bot;
    fake.lostResponses = 1;
    const id = await platform.post({ kind: 'channel', channelId: fake.channel.id }, digest(2), {
      idempotencyKey: 'lost',
    });
    const posts = fake.requests.filter(
      (request) => request.method === 'POST' && request.path.endsWith('/messages'),
    );
    expect(posts.map((request) => request.status)).toEqual([502, 200]);
    expect(fake.messagesIn(fake.channel.id).map((message) => message.id)).toEqual([id]);
  });

  it('sends a user target as a direct message', async () => {
    bot = await startQuietBot();
    const { fake, platform } = bot;
    const reader = fake.addUser('alice');
    await platform.post({ kind: 'user', userId: reader.id, fallbackChannelId: fake.channel.id }, digest(1), {
      idempotencyKey: 'alert:discord:alice:1',
    });
    const dm = fake.dmChannelOf(reader.id);
    expect(dm).toBeDefined();
    expect(fake.messagesIn(dm!.id)).toHaveLength(1);
    expect(fake.messagesIn(fake.channel.id)).toHaveLength(0);
  });

  it('falls back to the channel with a notice when the user has closed DMs', async () => {
    bot = await startQuietBot();
    const { fake, platform } = bot;
    const reader = fake.addUser('bob');
    fake.dmClosed.add(reader.id);
    await platform.post({ kind: 'user', userId: reader.id, fallbackChannelId: fake.channel.id }, digest(1), {
      idempotencyKey: 'alert:discord:bob:1',
    });
    const [fallback] = fake.messagesIn(fake.channel.id);
    expect(fallback?.content).toMatch(new RegExp(`^<@${reader.id}> I could not send you a direct message`));
    expect(fallback?.content).toContain('**Morning digest: 1 stories**');
    expect(fallback?.embeds).toHaveLength(1);
    expect(fallback?.allowedMentions).toEqual({ parse: [], users: [reader.id] });
    expect(fake.messagesIn(fake.dmChannelOf(reader.id)!.id)).toHaveLength(0);
  });

  it('fails with context when DMs are closed and there is no fallback channel', async () => {
    bot = await startQuietBot();
    const { fake, platform } = bot;
    const reader = fake.addUser('carol');
    fake.dmClosed.add(reader.id);
    const posting = platform.post({ kind: 'user', userId: reader.id }, digest(1), {
      idempotencyKey: 'alert:x',
    });
    await expect(posting).rejects.toThrow(DiscordPostError);
    await expect(posting).rejects.toThrow(`user:${reader.id}`);
  });

  it('says which permissions to grant when the bot may not post in a channel', async () => {
    bot = await startQuietBot();
    const locked = bot.fake.addChannel('locked');
    bot.fake.postingDenied.add(locked.id);
    const posting = bot.platform.post({ kind: 'channel', channelId: locked.id }, digest(1), {
      idempotencyKey: 'k',
    });
    await expect(posting).rejects.toThrow(
      /Missing Permissions .*give the bot View Channel, Send Messages and Embed Links/,
    );
  });

  it('names the channel when a post is refused', async () => {
    bot = await startQuietBot();
    const posting = bot.platform.post({ kind: 'channel', channelId: '999' }, digest(1), {
      idempotencyKey: 'k',
    });
    await expect(posting).rejects.toThrow(/channel:999.*Unknown Channel/);
  });
});
