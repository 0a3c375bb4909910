import { afterEach, describe, expect, it } from 'vitest';
import { PermissionFlagsBits } from 'discord.js';
import { createRecordingHandler, startBot, textReply, type StartedBot } from './discord-test-kit.js';

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
