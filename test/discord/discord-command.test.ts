import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../config/schema.js';
import { UsageError, type CliRuntime } from '../../src/cli/cli-runtime.js';
import { computeDiscordPermissions, registerDiscordCommand } from '../../src/cli/discord-command.js';
import { silentLogger } from '../../src/log.js';

async function runDiscordCli(args: string[], env: Record<string, string> = {}): Promise<string> {
  const stdout = new PassThrough();
  let output = '';
  stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const runtime: CliRuntime = {
    io: { stdout, stderr: new PassThrough(), stdin: new PassThrough() },
    settings: async () => loadSettings({}, env),
    openStore: async () => {
      throw new Error('invite-url needs no store');
    },
    logger: () => silentLogger,
    now: () => new Date('2026-11-27T10:00:00Z'),
  };
  const program = new Command('news-digest').exitOverride();
  registerDiscordCommand(program, runtime);
  await program.parseAsync(['node', 'news-digest', 'discord', 'invite-url', ...args]);
  return output;
}

describe('news-digest discord invite-url', () => {
  it('prints the invite link with the bot and applications.commands scopes and only the needed permissions', async () => {
    const output = await runDiscordCli([], { DISCORD_APPLICATION_ID: '112233445566778899' });
    const url = new URL(output.trim());
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe('112233445566778899');
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    expect(output).toContain('scope=bot%20applications.commands');
    const permissions = new PermissionsBitField(BigInt(url.searchParams.get('permissions')!));
    expect(permissions.toArray().sort()).toEqual([
      'EmbedLinks',
      'SendMessages',
      'SendMessagesInThreads',
      'ViewChannel',
    ]);
    expect(permissions.has(PermissionFlagsBits.Administrator, false)).toBe(false);
    expect(permissions.has(PermissionFlagsBits.MentionEveryone, false)).toBe(false);
  });

  it('uses the bits discord.js defines', () => {
    expect(computeDiscordPermissions()).toBe(
      PermissionFlagsBits.ViewChannel |
        PermissionFlagsBits.SendMessages |
        PermissionFlagsBits.EmbedLinks |
        PermissionFlagsBits.SendMessagesInThreads,
    );
  });

  it('takes the id from the command line and pre-selects a server', async () => {
    const output = await runDiscordCli([
      '--application-id',
      '998877665544332211',
      '--guild',
      '123456789012345678',
      '--explain',
    ]);
    const url = new URL(output.split('\n')[0]!);
    expect(url.searchParams.get('client_id')).toBe('998877665544332211');
    expect(url.searchParams.get('guild_id')).toBe('123456789012345678');
    expect(output).toContain('Embed Links: stories are embeds');
  });

  it('explains what is missing when there is no application id', async () => {
    await expect(runDiscordCli([])).rejects.toThrow(UsageError);
    await expect(runDiscordCli(['--application-id', 'my-bot'])).rejects.toThrow(
      /not a Discord application id/,
    );
  });
});
