import { afterEach, describe, expect, it } from 'vitest';
import type { CommandReply } from '../../src/ports.js';
import { manageChannelsPermission, memberDefaultPermissions } from '../fakes/discord/fake-interactions.js';
import { createRecordingHandler, startBot, textReply, type StartedBot } from './discord-test-kit.js';

let bot: StartedBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const summaryReply: CommandReply = {
  visibility: 'in_channel',
  message: {
    cards: [
      {
        title: 'Council approves budget',
        url: 'https://news.example/budget',
        source: 'Example News',
        body: 'The council approved a budget of 12 million euros, officials said.',
        fields: [{ name: 'Key figures', value: '12 million EUR: budget (officials)' }],
      },
    ],
  },
};

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('Discord interactions', () => {
  it('defers /summary publicly at once, then edits in the embed', async () => {
    const handler = createRecordingHandler(async () => {
      await delay(200);
      return summaryReply;
    });
    bot = await startBot(handler);
    const { fake } = bot;
    const interaction = fake.sendCommand({
      name: 'summary',
      options: { 'url-or-query': 'https://news.example/budget' },
    });
    await fake.waitFor(() => (interaction.edits ?? 0) > 0, 5000, 'the edited reply');
    expect(interaction.callbacks.map((callback) => callback.type)).toEqual([5]);
    expect(interaction.callbacks[0]!.atMs - interaction.createdAtMs).toBeLessThan(3000);
    expect(interaction.original?.flags).toBe(0);
    expect(interaction.original?.embeds[0]).toMatchObject({
      title: 'Council approves budget',
      url: 'https://news.example/budget',
      author: { name: 'Example News' },
    });
    expect(handler.requests[0]).toMatchObject({ name: 'summary', text: 'https://news.example/budget' });
  });

  it('defers a slow ordinary command ephemerally and completes it with an edit', async () => {
    const handler = createRecordingHandler(async () => {
      await delay(400);
      return textReply('Your follows: none');
    });
    bot = await startBot(handler, { deferAfterMs: 50 });
    const interaction = bot.fake.sendCommand({ name: 'alerts', subcommand: 'list' });
    await bot.fake.waitFor(() => (interaction.edits ?? 0) > 0, 5000, 'the edited reply');
    expect(interaction.callbacks.map((callback) => callback.type)).toEqual([5]);
    expect(interaction.original).toMatchObject({ flags: 64, content: 'Your follows: none' });
  });

  it('shows a failure as a short ephemeral message, never public and never a stack trace, and logs it', async () => {
    const handler = createRecordingHandler(() => {
      throw new Error('database is locked\n    at Store.get (store.ts:1:1)');
    });
    bot = await startBot(handler);
    const { fake, logger } = bot;
    const interaction = fake.sendCommand({ name: 'summary', options: { 'url-or-query': 'budget' } });
    await fake.waitFor(() => interaction.followUps.length > 0, 5000, 'the follow-up');
    expect(interaction.original?.deleted).toBe(true);
    const [notice] = interaction.followUps;
    expect(notice?.flags).toBe(64);
    expect(notice?.content).toBe('Sorry, /summary failed. Please try again in a moment.');
    expect(
      fake.messagesIn(fake.channel.id).filter((message) => !message.deleted && message.flags !== 64),
    ).toEqual([]);
    const logged = logger.entries.find((entry) => entry.level === 'error');
    expect(logged?.obj).toMatchObject({ command: 'summary', err: expect.any(Error) });
  });

  it('refuses a manager-only command to a member without Manage Channels', async () => {
    const handler = createRecordingHandler(() => textReply('scheduled', 'in_channel'));
    bot = await startBot(handler);
    const interaction = bot.fake.sendCommand({
      name: 'digest',
      subcommand: 'schedule',
      options: { cron: '0 8 * * 1-5', timezone: 'Europe/Paris' },
      permissions: memberDefaultPermissions,
    });
    await bot.fake.waitFor(() => interaction.original, 5000, 'the refusal');
    expect(interaction.original).toMatchObject({ flags: 64 });
    expect(interaction.original?.content).toMatch(/Manage Channels/);
    expect(handler.requests).toEqual([]);
  });

  it('passes a manager command on, with its options joined in order', async () => {
    const handler = createRecordingHandler(() => textReply('Digests at 08:00 on weekdays', 'in_channel'));
    bot = await startBot(handler);
    const interaction = bot.fake.sendCommand({
      name: 'digest',
      subcommand: 'schedule',
      options: { timezone: 'Europe/Paris', cron: '0 8 * * 1-5' },
      permissions: memberDefaultPermissions | manageChannelsPermission,
    });
    await bot.fake.waitFor(() => interaction.original, 5000, 'the reply');
    expect(handler.requests[0]).toMatchObject({
      name: 'digest',
      subcommand: 'schedule',
      text: '0 8 * * 1-5 Europe/Paris',
      userCanManageChannel: true,
      teamId: bot.fake.guild.id,
    });
    expect(interaction.original).toMatchObject({ flags: 0, content: 'Digests at 08:00 on weekdays' });
  });

  it('treats Administrator as able to manage the channel', async () => {
    const handler = createRecordingHandler(() => textReply('ok'));
    bot = await startBot(handler);
    const interaction = bot.fake.sendCommand({ name: 'feeds', subcommand: 'list', permissions: 1n << 3n });
    await bot.fake.waitFor(() => interaction.original, 5000, 'the reply');
    expect(handler.requests[0]?.userCanManageChannel).toBe(true);
  });

  it('answers autocomplete from the command layer within Discord limits', async () => {
    const handler = createRecordingHandler(
      () => textReply('unused'),
      (request) => [
        { label: `Match for ${request.partial}`, value: 'https://feeds.example/rss' },
        { label: 'Too long', value: `https://feeds.example/${'x'.repeat(120)}` },
        ...Array.from({ length: 40 }, (_, index) => ({
          label: `Feed ${index} ${'y'.repeat(120)}`,
          value: `feed-${index}`,
        })),
      ],
    );
    bot = await startBot(handler);
    const interaction = bot.fake.sendCommand({
      name: 'feeds',
      subcommand: 'remove',
      options: { feed: 'feeds.ex' },
      focused: 'feed',
      permissions: memberDefaultPermissions | manageChannelsPermission,
    });
    await bot.fake.waitFor(() => interaction.choices, 5000, 'the choices');
    expect(interaction.callbacks[0]?.type).toBe(8);
    expect(handler.completions[0]).toMatchObject({
      name: 'feeds',
      subcommand: 'remove',
      partial: 'feeds.ex',
    });
    expect(interaction.choices).toHaveLength(25);
    expect(interaction.choices?.[0]).toEqual({
      name: 'Match for feeds.ex',
      value: 'https://feeds.example/rss',
    });
    expect(
      interaction.choices?.every((choice) => choice.name.length <= 100 && choice.value.length <= 100),
    ).toBe(true);
  });

  it('maps a command from a DM without a guild', async () => {
    const handler = createRecordingHandler(() => textReply('Following "solar"'));
    bot = await startBot(handler, { guildCommands: false });
    const interaction = bot.fake.sendCommand({ name: 'follow', options: { query: 'solar' }, dm: true });
    await bot.fake.waitFor(() => interaction.original, 5000, 'the reply');
    const request = handler.requests[0]!;
    expect(request).toMatchObject({ name: 'follow', text: 'solar', userCanManageChannel: true });
    expect(request.teamId).toBeUndefined();
    expect(request.channelId).toBe(bot.fake.dmChannelOf(bot.fake.member.id)?.id);
  });

  it('sends a reply too long for one message as follow-ups', async () => {
    const cards = Array.from({ length: 14 }, (_, index) => ({ title: `Feed ${index}`, fields: [] }));
    const handler = createRecordingHandler(() => ({
      visibility: 'ephemeral',
      message: { title: 'Feeds', cards },
    }));
    bot = await startBot(handler);
    const interaction = bot.fake.sendCommand({ name: 'help' });
    await bot.fake.waitFor(() => interaction.followUps.length > 0, 5000, 'the follow-up');
    expect(interaction.original?.embeds).toHaveLength(10);
    expect(interaction.followUps[0]).toMatchObject({ flags: 64 });
    expect(interaction.followUps[0]?.embeds).toHaveLength(4);
  });

  it('lets an interaction in progress finish on stop', async () => {
    const handler = createRecordingHandler(async () => {
      await delay(300);
      return summaryReply;
    });
    bot = await startBot(handler);
    const { fake, platform } = bot;
    const interaction = fake.sendCommand({ name: 'summary', options: { 'url-or-query': 'budget' } });
    await fake.waitFor(() => interaction.callbacks.length > 0, 5000, 'the deferral');
    await platform.stop();
    expect(interaction.edits).toBe(1);
    expect(fake.gateway.readySessions).toBe(0);
  });
});

describe('Discord channel set-up', () => {
  it('warns a manager when the bot lacks the permissions to post in the channel', async () => {
    const handler = createRecordingHandler(() => textReply('Added Coast Times.'));
    bot = await startBot(handler);
    const interaction = bot.fake.sendCommand({
      name: 'feeds',
      subcommand: 'add',
      options: { url: 'https://coast.example/feed' },
      permissions: memberDefaultPermissions | manageChannelsPermission,
      appPermissions: (1n << 10n) | (1n << 11n),
    });
    await bot.fake.waitFor(() => interaction.original, 5000, 'the reply');
    expect(interaction.original?.content).toBe(
      'Added Coast Times.\n\nNote: I cannot post in this channel yet. Please give me Embed Links here, or digests will fail.',
    );
  });

  it('adds no warning when the bot may post', async () => {
    const handler = createRecordingHandler(() => textReply('Added Coast Times.'));
    bot = await startBot(handler);
    const interaction = bot.fake.sendCommand({
      name: 'feeds',
      subcommand: 'add',
      options: { url: 'https://coast.example/feed' },
      permissions: memberDefaultPermissions | manageChannelsPermission,
    });
    await bot.fake.waitFor(() => interaction.original, 5000, 'the reply');
    expect(interaction.original?.content).toBe('Added Coast Times.');
  });
});
