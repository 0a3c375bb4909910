/**
 * `news-digest discord invite-url`: prints the OAuth2 link a server admin opens to add the bot,
 * with the two scopes it needs and exactly the channel permissions it uses.
 */
import type { Command } from 'commander';
import { UsageError, type CliRuntime } from './cli-runtime.js';

export interface DiscordPermission {
  readonly name: string;
  /** Bit in Discord's permission integer (see discord.js `PermissionFlagsBits`). */
  readonly bit: bigint;
  readonly why: string;
}

/**
 * What the bot does in a server: post digests, live cards, alert fall-backs and notices as embeds.
 * Slash commands and their replies need no permission (the `applications.commands` scope covers
 * them); direct messages need none either. Nothing here is privileged.
 */
export const discordBotPermissions: readonly DiscordPermission[] = [
  { name: 'View Channels', bit: 1n << 10n, why: 'see the channels it is asked to post digests in' },
  { name: 'Send Messages', bit: 1n << 11n, why: 'post digests, live cards and alert fall-backs' },
  { name: 'Embed Links', bit: 1n << 14n, why: 'stories are embeds; without it Discord drops them' },
  {
    name: 'Send Messages in Threads',
    bit: 1n << 38n,
    why: 'post digests in a thread when /digest was set up there',
  },
];

export const discordScopes = ['bot', 'applications.commands'] as const;

export function computeDiscordPermissions(
  permissions: readonly DiscordPermission[] = discordBotPermissions,
): bigint {
  return permissions.reduce((sum, permission) => sum | permission.bit, 0n);
}

/** The invite link; with `guildId`, Discord pre-selects that server. */
export function buildDiscordInviteUrl(applicationId: string, options: { guildId?: string } = {}): string {
  const url = new URL('https://discord.com/oauth2/authorize');
  url.searchParams.set('client_id', applicationId);
  url.searchParams.set('scope', discordScopes.join(' '));
  url.searchParams.set('permissions', computeDiscordPermissions().toString());
  if (options.guildId) {
    url.searchParams.set('guild_id', options.guildId);
    url.searchParams.set('disable_guild_select', 'true');
  }
  // Discord documents the scopes space-separated (%20), not with '+'.
  return url.toString().replace(/\+/g, '%20');
}

const snowflake = /^\d{17,20}$/;

export function registerDiscordCommand(program: Command, runtime: CliRuntime): void {
  const discord = program.command('discord').description('Discord set-up helpers');
  discord
    .command('invite-url')
    .description('print the link that adds the bot to a server, with the scopes and permissions it needs')
    .option(
      '--application-id <id>',
      'application id (default: the DISCORD_APPLICATION_ID environment variable)',
    )
    .option('--guild <id>', 'pre-select this server in the invite dialog (default: discord.guildId)')
    .option('--explain', 'also list each permission and why the bot needs it')
    .action(async (flags: { applicationId?: string; guild?: string; explain?: boolean }) => {
      const settings = await runtime.settings();
      const applicationId = flags.applicationId ?? settings.discord.applicationId;
      if (!applicationId) {
        throw new UsageError(
          'discord invite-url: no application id; pass --application-id or set DISCORD_APPLICATION_ID ' +
            '(Developer Portal → your application → General Information → Application ID)',
        );
      }
      if (!snowflake.test(applicationId)) {
        throw new UsageError(
          `discord invite-url: "${applicationId}" is not a Discord application id (17 to 20 digits)`,
        );
      }
      const guildId = flags.guild ?? settings.discord.guildId;
      if (guildId !== undefined && !snowflake.test(guildId)) {
        throw new UsageError(`discord invite-url: "${guildId}" is not a Discord server id (17 to 20 digits)`);
      }
      const out = runtime.io.stdout;
      out.write(`${buildDiscordInviteUrl(applicationId, guildId === undefined ? {} : { guildId })}\n`);
      if (flags.explain) {
        out.write(`\nScopes: ${discordScopes.join(', ')}\nPermissions (${computeDiscordPermissions()}):\n`);
        for (const permission of discordBotPermissions)
          out.write(`  ${permission.name}: ${permission.why}\n`);
      }
    });
}
