/**
 * Every command the bot offers, as plain data: adapters read it to register slash commands
 * (names, descriptions, options, autocomplete, default permissions) and `help` renders it.
 *
 * Options are all free text. An adapter that collects several options (Discord) joins their
 * values, in the order listed here and separated by one space, into `CommandRequest.text`.
 */
import type { PlatformName } from '../model.js';

export interface CommandOptionSpec {
  /** Lower-case option name, at most 32 characters (Discord's limit). */
  readonly name: string;
  /** At most 100 characters (Discord's limit). */
  readonly description: string;
  readonly required: boolean;
  /** The handler's `complete` offers choices for this option. */
  readonly autocomplete: boolean;
  readonly maxLength: number;
}

export interface SubcommandSpec {
  readonly name: string;
  readonly description: string;
  /** Changes the channel's setup: only people who can manage the channel may run it. */
  readonly managerOnly: boolean;
  readonly options: readonly CommandOptionSpec[];
}

export interface CommandSpec {
  readonly name: string;
  readonly description: string;
  /**
   * True when every use of the command needs a manager, so an adapter may hide it from others
   * by default (Discord `default_member_permissions`). Subcommands carry their own flag.
   */
  readonly managerOnly: boolean;
  /** Options of a command without subcommands. */
  readonly options: readonly CommandOptionSpec[];
  /** Empty for commands without subcommands. */
  readonly subcommands: readonly SubcommandSpec[];
}

function option(
  name: string,
  description: string,
  extra: { required?: boolean; autocomplete?: boolean; maxLength?: number } = {},
): CommandOptionSpec {
  return {
    name,
    description,
    required: extra.required ?? true,
    autocomplete: extra.autocomplete ?? false,
    maxLength: extra.maxLength ?? 1000,
  };
}

export const commandCatalogue: readonly CommandSpec[] = [
  {
    name: 'summary',
    description: 'Summarise an article from its link, or the best recent stored articles for some words',
    managerOnly: false,
    options: [
      option('url-or-words', 'An article link (http or https), or search words', { maxLength: 1000 }),
    ],
    subcommands: [],
  },
  {
    name: 'digest',
    description: "Post this channel's digest now, or set or stop its schedule",
    managerOnly: true,
    options: [],
    subcommands: [
      {
        name: 'now',
        description: 'Post a digest of what is new in this channel now',
        managerOnly: true,
        options: [],
      },
      {
        name: 'schedule',
        description: 'Post digests on a schedule (five-field cron, e.g. 0 8 * * 1-5) in a timezone',
        managerOnly: true,
        options: [
          option('cron', 'minute hour day-of-month month day-of-week, e.g. 0 8 * * 1-5', { maxLength: 100 }),
          option('timezone', 'IANA timezone, e.g. Europe/Paris (default: the current one)', {
            required: false,
            autocomplete: true,
            maxLength: 64,
          }),
        ],
      },
      { name: 'off', description: 'Stop scheduled digests in this channel', managerOnly: true, options: [] },
    ],
  },
  {
    name: 'feeds',
    description: "Add, remove, resume or list this channel's news feeds",
    managerOnly: false,
    options: [],
    subcommands: [
      {
        name: 'add',
        description: 'Subscribe this channel to a feed (RSS, Atom or JSON Feed link)',
        managerOnly: true,
        options: [
          option('url', 'Feed link (http or https)', { maxLength: 1000 }),
          option('filter', 'Only post items matching this query (same language as follow)', {
            required: false,
            maxLength: 200,
          }),
        ],
      },
      {
        name: 'remove',
        description: 'Unsubscribe this channel from a feed',
        managerOnly: true,
        options: [option('feed', 'Feed link or name', { autocomplete: true, maxLength: 1000 })],
      },
      {
        name: 'resume',
        description: 'Resume a feed that was paused after failing for days',
        managerOnly: true,
        options: [option('feed', 'Feed link or name', { autocomplete: true, maxLength: 1000 })],
      },
      {
        name: 'list',
        description: "List this channel's feeds and their health",
        managerOnly: false,
        options: [],
      },
    ],
  },
  {
    name: 'follow',
    description: 'Get an alert when a new article matches a query',
    managerOnly: false,
    options: [
      option('query', 'Words, "quoted phrases", AND, OR, NOT, -word; feed:<name> limits it to one feed', {
        maxLength: 500,
      }),
    ],
    subcommands: [],
  },
  {
    name: 'unfollow',
    description: 'Stop one of your follows',
    managerOnly: false,
    options: [
      option('follow', 'The follow id (see alerts) or its query', { autocomplete: true, maxLength: 500 }),
    ],
    subcommands: [],
  },
  {
    name: 'alerts',
    description: 'List, pause or resume your follows',
    managerOnly: false,
    options: [],
    subcommands: [
      { name: 'list', description: 'List your follows', managerOnly: false, options: [] },
      {
        name: 'pause',
        description: 'Pause one of your follows',
        managerOnly: false,
        options: [option('follow', 'The follow id or its query', { autocomplete: true, maxLength: 500 })],
      },
      {
        name: 'resume',
        description: 'Resume one of your paused follows',
        managerOnly: false,
        options: [option('follow', 'The follow id or its query', { autocomplete: true, maxLength: 500 })],
      },
    ],
  },
  { name: 'help', description: 'What this bot can do', managerOnly: false, options: [], subcommands: [] },
];

/** The catalogue entry for a command name, if there is one. */
export function findCommandSpec(name: string): CommandSpec | undefined {
  return commandCatalogue.find((spec) => spec.name === name);
}

/**
 * How a user types a command on a platform. Slack apps own few commands, so there everything but
 * `/summary` lives under `/news`.
 */
export function formatCommandUsage(platform: PlatformName, name: string, subcommand?: string): string {
  const words = subcommand === undefined ? [name] : [name, subcommand];
  if (platform === 'slack' && name !== 'summary') return `/news ${words.join(' ')}`;
  return `/${words.join(' ')}`;
}

/** The usage line of a command or subcommand: `/digest schedule <cron> [timezone]`. */
export function formatUsageLine(platform: PlatformName, name: string, subcommand?: string): string {
  const spec = findCommandSpec(name);
  const sub = subcommand === undefined ? undefined : spec?.subcommands.find((s) => s.name === subcommand);
  const options = sub?.options ?? (subcommand === undefined ? (spec?.options ?? []) : []);
  const args = options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`));
  return [formatCommandUsage(platform, name, subcommand), ...args].join(' ');
}
