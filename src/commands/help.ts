/** `help`: every command with one line each, as the asker's platform spells them. */
import type { CommandReply } from '../ports.js';
import type { PlatformName } from '../model.js';
import { commandCatalogue, formatUsageLine } from './command-catalogue.js';
import type { CommandContext } from './command-deps.js';

export function runHelp(context: CommandContext): CommandReply {
  return { message: renderHelp(context.request.platform), visibility: 'ephemeral' };
}

export function renderHelp(platform: PlatformName): {
  title: string;
  text: string;
  cards: [];
  footer: string;
} {
  const lines: string[] = [];
  for (const command of commandCatalogue) {
    if (command.subcommands.length === 0) {
      lines.push(`${formatUsageLine(platform, command.name)} — ${command.description}`);
      continue;
    }
    for (const sub of command.subcommands) {
      const manager = sub.managerOnly ? ' (channel managers)' : '';
      lines.push(`${formatUsageLine(platform, command.name, sub.name)} — ${sub.description}${manager}`);
    }
  }
  return {
    title: 'news-digest commands',
    text: lines.join('\n'),
    cards: [],
    footer: 'Follow queries: words, "quoted phrases", AND, OR, NOT or -word; case and accents are ignored.',
  };
}
