/** `news-digest config check`: validates the configuration and says what it found. */
import type { Command } from 'commander';
import type { Settings } from '../settings.js';
import { ExitCode, type CliRuntime } from './cli-runtime.js';

function describePlatforms(settings: Settings): string[] {
  const platforms = ['console'];
  if (settings.discord.token && settings.discord.applicationId) platforms.push('discord');
  if (settings.slack.botToken && (settings.slack.signingSecret || settings.slack.appToken))
    platforms.push('slack');
  return platforms;
}

/** Warnings: valid settings that probably do not do what the operator wants. */
function warningsFor(settings: Settings): string[] {
  const warnings: string[] = [];
  const active = new Set(describePlatforms(settings));
  for (const channel of settings.channels) {
    if (!active.has(channel.platform)) {
      warnings.push(
        `channel ${channel.platform}:${channel.id} needs ${channel.platform === 'discord' ? 'DISCORD_TOKEN and DISCORD_APPLICATION_ID' : 'SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET or SLACK_APP_TOKEN'}; it is skipped until they are set`,
      );
    }
  }
  if (settings.discord.token && !settings.discord.applicationId) {
    warnings.push('DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is not: Discord stays off');
  }
  if (settings.slack.botToken && !settings.slack.signingSecret && !settings.slack.appToken) {
    warnings.push(
      'SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET nor SLACK_APP_TOKEN: Slack stays off',
    );
  }
  if (settings.network.allowPrivateAddresses) {
    warnings.push(
      'network.allowPrivateAddresses is true: chat users can make the bot fetch addresses on your network',
    );
  }
  return warnings;
}

export function registerConfigCommand(
  program: Command,
  runtime: CliRuntime,
  options: { environment: Readonly<Record<string, string | undefined>> },
): void {
  const config = program.command('config').description('inspect the configuration');
  config
    .command('check')
    .description('validate the configuration file and environment, then summarise them (exit 2 when invalid)')
    .option('--json', 'print the result as JSON')
    .action(async (flags: { json?: boolean }) => {
      const settings = await runtime.settings();
      const summary = {
        ok: true,
        configFile: program.opts<{ config: string }>().config,
        feeds: settings.feeds.length,
        channels: settings.channels.map((c) => `${c.platform}:${c.id}`),
        follows: settings.follows.length,
        platforms: describePlatforms(settings),
        store: settings.store.url ? 'postgresql' : settings.store.path,
        secretsFromEnvironment: [
          'DISCORD_TOKEN',
          'SLACK_BOT_TOKEN',
          'SLACK_SIGNING_SECRET',
          'SLACK_APP_TOKEN',
        ].filter((name) => Boolean(options.environment[name])),
        warnings: warningsFor(settings),
      };
      if (flags.json) {
        runtime.io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      } else {
        const lines = [
          `Configuration OK: ${summary.configFile}`,
          `  feeds: ${summary.feeds}`,
          `  channels: ${summary.channels.join(', ') || 'none'}`,
          `  follows: ${summary.follows}`,
          `  platforms: ${summary.platforms.join(', ')}`,
          `  store: ${summary.store}`,
          ...summary.warnings.map((w) => `  warning: ${w}`),
        ];
        runtime.io.stdout.write(`${lines.join('\n')}\n`);
      }
      process.exitCode = ExitCode.ok;
    });
}
