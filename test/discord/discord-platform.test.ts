import { afterEach, describe, expect, it } from 'vitest';
import { PermissionFlagsBits } from 'discord.js';
import { createDiscordPlatform, DiscordStartError } from '../../adapters/discord/discord-platform.js';
import { startFakeDiscord } from '../fakes/discord/fake-discord.js';
import {
  createRecordingHandler,
  createRecordingLogger,
  startBot,
  textReply,
  type StartedBot,
} from './discord-test-kit.js';

let bot: StartedBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

describe('Discord platform start-up', () => {
  it('identifies with the Guilds intent only and registers the slash commands in the configured guild', async () => {
    bot = await startBot(createRecordingHandler(() => textReply('ok')));
    const { fake } = bot;
    expect(fake.gateway.stats.identifies).toBe(1);
    expect(fake.gateway.stats.identifyPayloads[0]).toMatchObject({ intents: 1 });
    const commands = fake.registeredCommands(fake.guild.id);
    expect(commands.map((command) => command.name).sort()).toEqual(
      ['alerts', 'digest', 'feeds', 'follow', 'help', 'summary', 'unfollow'].sort(),
    );
    expect(fake.registeredCommands()).toEqual([]);
    const manage = PermissionFlagsBits.ManageChannels.toString();
    const byName = new Map(commands.map((command) => [command.name, command]));
    expect(byName.get('digest')?.default_member_permissions).toBe(manage);
    expect(byName.get('feeds')?.default_member_permissions).toBe(manage);
    expect(byName.get('summary')?.default_member_permissions).toBeNull();
    expect(byName.get('summary')?.options).toEqual([
      expect.objectContaining({ type: 3, name: 'url-or-query', required: true }),
    ]);
    const feeds = byName.get('feeds')?.options as Array<{
      name: string;
      options?: Array<{ name: string; autocomplete?: boolean }>;
    }>;
    expect(feeds.find((sub) => sub.name === 'remove')?.options?.[0]).toMatchObject({
      name: 'feed',
      autocomplete: true,
    });
    const unfollow = byName.get('unfollow')?.options as Array<{ name: string; autocomplete?: boolean }>;
    expect(unfollow[0]).toMatchObject({ autocomplete: true });
    for (const command of commands) {
      expect(String(command.description).length).toBeGreaterThan(0);
      expect(String(command.description).length).toBeLessThanOrEqual(100);
    }
  });

  it('registers globally when no guild is configured', async () => {
    bot = await startBot(
      createRecordingHandler(() => textReply('ok')),
      { guildCommands: false },
    );
    expect(bot.fake.registeredCommands().length).toBe(7);
    expect(bot.fake.registeredCommands(bot.fake.guild.id)).toEqual([]);
  });

  it('answers /help directly with the handler reply and maps the request', async () => {
    const handler = createRecordingHandler(() => textReply('How to use me', 'ephemeral'));
    bot = await startBot(handler);
    const interaction = bot.fake.sendCommand({ name: 'help' });
    await bot.fake.waitFor(() => interaction.callbacks.length > 0, 5000, 'the reply');
    expect(interaction.callbacks[0]).toMatchObject({ type: 4 });
    expect(interaction.original?.content).toBe('How to use me');
    expect(interaction.original?.flags).toBe(64);
    expect(handler.requests[0]).toEqual({
      platform: 'discord',
      name: 'help',
      text: '',
      channelId: bot.fake.channel.id,
      userId: bot.fake.member.id,
      teamId: bot.fake.guild.id,
      userCanManageChannel: false,
    });
  });
});

describe('Discord platform lifecycle', () => {
  it('fails to start with a clear error when the token is rejected', async () => {
    const fake = await startFakeDiscord();
    try {
      const platform = createDiscordPlatform(
        { token: 'not-the-token', applicationId: fake.applicationId, apiUrl: fake.apiUrl },
        { logger: createRecordingLogger() },
      );
      platform.onCommand(createRecordingHandler(() => textReply('ok')));
      await expect(platform.start()).rejects.toThrow(DiscordStartError);
      await expect(platform.start()).rejects.toThrow(/cannot start/);
    } finally {
      await fake.close();
    }
  });

  it('names the guild when registering its commands is refused', async () => {
    const fake = await startFakeDiscord();
    try {
      const platform = createDiscordPlatform(
        {
          token: fake.token,
          applicationId: fake.applicationId,
          apiUrl: fake.apiUrl,
          guildId: '1999999999999999999',
        },
        { logger: createRecordingLogger() },
      );
      platform.onCommand(createRecordingHandler(() => textReply('ok')));
      await expect(platform.start()).rejects.toThrow(
        /slash commands in guild 1999999999999999999 failed: Missing Access/,
      );
      expect(fake.gateway.readySessions).toBe(0);
    } finally {
      await fake.close();
    }
  });

  it('posts over REST without connecting to the gateway (one-off CLI runs)', async () => {
    const fake = await startFakeDiscord();
    try {
      const platform = createDiscordPlatform(
        { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl },
        { logger: createRecordingLogger() },
      );
      await platform.post(
        { kind: 'channel', channelId: fake.channel.id },
        { text: 'Nothing new', cards: [] },
        { idempotencyKey: 'k1' },
      );
      await platform.stop();
      expect(fake.messagesIn(fake.channel.id).map((message) => message.content)).toEqual(['Nothing new']);
      expect(fake.gateway.stats.identifies).toBe(0);
    } finally {
      await fake.close();
    }
  });

  it('keeps the session alive with heartbeats the gateway acknowledges', async () => {
    const fake = await startFakeDiscord({ heartbeatIntervalMs: 100 });
    bot = await startBot(
      createRecordingHandler(() => textReply('ok')),
      { fake },
    );
    await fake.waitFor(() => fake.gateway.stats.heartbeats >= 4, 5000, 'four heartbeats');
    expect(fake.gateway.stats.identifies).toBe(1);
    expect(fake.gateway.stats.resumes).toBe(0);
    expect(fake.gateway.readySessions).toBe(1);
  });

  it('reconnects and resumes when heartbeats stop being acknowledged', async () => {
    const fake = await startFakeDiscord({ heartbeatIntervalMs: 100 });
    bot = await startBot(
      createRecordingHandler(() => textReply('back')),
      { fake },
    );
    fake.gateway.acknowledgeHeartbeats = false;
    await fake.waitFor(() => fake.gateway.stats.resumes > 0, 5000, 'a resume after a zombie connection');
    fake.gateway.acknowledgeHeartbeats = true;
    await fake.waitFor(() => fake.gateway.readySessions > 0, 5000, 'the resumed session');
    const interaction = fake.sendCommand({ name: 'help' });
    await fake.waitFor(() => interaction.original, 5000, 'the reply');
    expect(interaction.original?.content).toBe('back');
  });

  it('resumes after the gateway drops the connection and keeps answering commands', async () => {
    const handler = createRecordingHandler(() => textReply('still here'));
    bot = await startBot(handler);
    const { fake } = bot;
    fake.gateway.dropAll(4000);
    await fake.waitFor(
      () => fake.gateway.stats.resumes > 0 && fake.gateway.readySessions > 0,
      10_000,
      'the resume',
    );
    const interaction = fake.sendCommand({ name: 'help' });
    await fake.waitFor(() => interaction.original, 5000, 'the reply');
    expect(interaction.original?.content).toBe('still here');
    expect(fake.gateway.stats.identifies).toBe(1);
  });
});
