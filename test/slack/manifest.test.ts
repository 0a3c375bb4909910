import { readFile } from 'node:fs/promises';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { commandCatalogue } from '../../src/commands/command-catalogue.js';
import { DEFAULT_COMMAND_NAMES, parseSlashCommand } from '../../adapters/slack/parse-slash-command.js';

interface Manifest {
  features: {
    slash_commands: { command: string; description: string; usage_hint: string; should_escape: boolean }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { socket_mode_enabled: boolean; event_subscriptions?: unknown };
}

const manifest = parse(
  await readFile(new URL('../../adapters/slack/manifest.yaml', import.meta.url), 'utf8'),
) as Manifest;

describe('Slack app manifest', () => {
  it('declares the two commands the adapter answers, without escaping user text', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([
      DEFAULT_COMMAND_NAMES.summary,
      DEFAULT_COMMAND_NAMES.news,
    ]);
    for (const command of manifest.features.slash_commands) {
      expect(command.should_escape).toBe(false);
      expect(command.description.length).toBeLessThanOrEqual(100);
    }
  });

  it('names in /news usage only commands the adapter can route', () => {
    const hint = manifest.features.slash_commands.find((c) => c.command === '/news')!.usage_hint;
    for (const word of hint.split(/[\s|]+/).filter((w) => /^[a-z]+$/.test(w))) {
      const parsed = parseSlashCommand('/news', word);
      const isSubcommand = commandCatalogue.some((spec) => spec.subcommands.some((s) => s.name === word));
      expect(parsed.ok || isSubcommand, word).toBe(true);
    }
  });

  it('asks for the scopes the adapter uses', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        'chat:write',
        'commands',
        'im:write',
        'users:read',
        'channels:history',
        'im:history',
      ]),
    );
  });

  it('runs in Socket Mode with no event subscriptions', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions).toBeUndefined();
  });
});
