/**
 * The platform-neutral command layer: every adapter hands its slash commands to `handle` and its
 * autocomplete requests to `complete`. This is the edge where command errors stop: a
 * `CommandError` becomes its one-line ephemeral message, anything else is logged with the command
 * and answered with a generic line. Nothing thrown escapes, and no stack trace reaches a user.
 */
import type {
  CommandReply,
  CommandRequest,
  CommandHandler,
  CompletionChoice,
  CompletionRequest,
} from '../ports.js';
import { runAlertsList, runAlertsPause, runAlertsResume } from './alerts.js';
import { cleanCommandText } from './clean-command-text.js';
import { commandCatalogue, findCommandSpec, formatCommandUsage } from './command-catalogue.js';
import type { CommandSpec } from './command-catalogue.js';
import type { CommandContext, CommandDeps, CommandLimits } from './command-deps.js';
import { createRateLimiter } from './create-rate-limiter.js';
import { CommandError } from './command-error.js';
import { replyText } from './command-reply.js';
import { runDigestNow, runDigestOff, runDigestSchedule } from './digest.js';
import { completeChannelFeeds, runFeedsAdd, runFeedsList, runFeedsRemove, runFeedsResume } from './feeds.js';
import { completeOwnFollows, runFollow, runUnfollow } from './follow.js';
import { runHelp } from './help.js';
import { listTimeZones } from './parse-digest-schedule.js';
import { runSummaryCommand } from './summary.js';

export type { CommandDeps } from './command-deps.js';
export { commandCatalogue } from './command-catalogue.js';
export type { CommandSpec, SubcommandSpec, CommandOptionSpec } from './command-catalogue.js';

type Run = (context: CommandContext) => Promise<CommandReply> | CommandReply;

/** What runs each command (`name`) or subcommand (`name sub`). */
const routes: Readonly<Record<string, Run>> = {
  summary: runSummaryCommand,
  'digest now': runDigestNow,
  'digest schedule': runDigestSchedule,
  'digest off': runDigestOff,
  'feeds add': runFeedsAdd,
  'feeds remove': runFeedsRemove,
  'feeds resume': runFeedsResume,
  'feeds list': runFeedsList,
  follow: runFollow,
  unfollow: runUnfollow,
  'alerts list': runAlertsList,
  'alerts pause': runAlertsPause,
  'alerts resume': runAlertsResume,
  help: runHelp,
};

/** The subcommand run when none is given. */
const defaultSubcommands: Readonly<Record<string, string>> = { feeds: 'list', alerts: 'list' };

/** Links one person may have summarised per minute. */
const LINK_SUMMARIES_PER_MINUTE = 5;
/** Most autocomplete choices returned (Discord shows 25). */
const MAX_CHOICES = 25;
// eslint-disable-next-line no-control-regex -- platform ids never contain control characters
const CONTROL_CHARACTER = /[\u0000-\u001f]/u;
/** Longest platform id accepted for a channel or user. */
const MAX_ID_CHARS = 200;

export function createCommandHandler(deps: CommandDeps): CommandHandler {
  const limits: CommandLimits = {
    linkSummaries: createRateLimiter({ limit: LINK_SUMMARIES_PER_MINUTE, windowMs: 60_000 }),
  };
  return {
    async handle(request: CommandRequest): Promise<CommandReply> {
      let command = 'unknown';
      try {
        const resolved = resolveCommand(request);
        command = resolved.route;
        return await runResolved(deps, limits, request, resolved);
      } catch (err) {
        if (err instanceof CommandError) return replyText(err.message);
        try {
          deps.logger.error(
            { command, platform: request?.platform, channelId: request?.channelId, err },
            'command failed',
          );
        } catch {
          // A failing logger must not turn a handled error into an escaped one.
        }
        return replyText(
          `Sorry, that command failed unexpectedly; the error has been logged. Please try again later.`,
        );
      }
    },

    async complete(request: CompletionRequest): Promise<readonly CompletionChoice[]> {
      try {
        return (await completeResolved(deps, request)).slice(0, MAX_CHOICES);
      } catch (err) {
        try {
          deps.logger.warn(
            { command: request?.name, subcommand: request?.subcommand, err },
            'autocomplete failed',
          );
        } catch {
          // As above: never let the logger throw out of the edge.
        }
        return [];
      }
    },
  };
}

interface ResolvedCommand {
  readonly spec: CommandSpec;
  /** `name` or `name subcommand`, the key in `routes`. */
  readonly route: string;
  readonly subcommand?: string;
  /** Cleaned free text, without the subcommand word when it came in the text. */
  readonly text: string;
}

/**
 * Works out which command a request means. Adapters may pass the subcommand separately or as the
 * first word of the text (`/news feeds add <url>` on Slack arrives as name `news` or `feeds`).
 */
function resolveCommand(request: CommandRequest): ResolvedCommand {
  let text = cleanCommandText(request.text);
  let name = cleanCommandText(request.name, 100).toLowerCase().replace(/^\//u, '');
  if (name === 'news' || name === '') {
    const [first = '', ...rest] = text.split(' ');
    name = first.toLowerCase();
    text = rest.join(' ');
    if (name === '') name = 'help';
  }
  const spec = findCommandSpec(name);
  if (spec === undefined) {
    throw new CommandError(`Unknown command "${name.slice(0, 40)}". ${helpHint(request)}`);
  }
  if (spec.subcommands.length === 0) return { spec, route: spec.name, text };

  let subcommand = cleanCommandText(request.subcommand ?? '', 100).toLowerCase();
  if (subcommand === '') {
    const [first = '', ...rest] = text.split(' ');
    if (spec.subcommands.some((s) => s.name === first.toLowerCase())) {
      subcommand = first.toLowerCase();
      text = rest.join(' ');
    } else if (first === '' && defaultSubcommands[spec.name] !== undefined) {
      subcommand = defaultSubcommands[spec.name] ?? '';
    } else {
      subcommand = first.toLowerCase();
    }
  }
  const sub = spec.subcommands.find((s) => s.name === subcommand);
  if (sub === undefined) {
    const choices = spec.subcommands.map((s) => s.name).join(', ');
    const given = subcommand === '' ? '' : `Unknown subcommand "${subcommand.slice(0, 40)}". `;
    throw new CommandError(
      `${given}Use ${formatCommandUsage(request.platform, spec.name)} with one of: ${choices}.`,
    );
  }
  return { spec, route: `${spec.name} ${sub.name}`, subcommand: sub.name, text };
}

async function runResolved(
  deps: CommandDeps,
  limits: CommandLimits,
  request: CommandRequest,
  resolved: ResolvedCommand,
): Promise<CommandReply> {
  checkId(request.channelId, 'channel');
  checkId(request.userId, 'user');
  const sub = resolved.spec.subcommands.find((s) => s.name === resolved.subcommand);
  const managerOnly = sub?.managerOnly ?? resolved.spec.managerOnly;
  if (managerOnly && request.userCanManageChannel !== true) {
    const usage = formatCommandUsage(request.platform, resolved.spec.name, resolved.subcommand);
    return replyText(`Only people who can manage this channel can use ${usage}.`);
  }
  const run = routes[resolved.route];
  if (run === undefined) throw new Error(`No handler for command ${resolved.route}`);
  deps.logger.debug(
    { command: resolved.route, platform: request.platform, channelId: request.channelId },
    'command',
  );
  return run({ deps, limits, request, text: resolved.text });
}

async function completeResolved(deps: CommandDeps, request: CompletionRequest): Promise<CompletionChoice[]> {
  if (!isUsableId(request.channelId) || !isUsableId(request.userId)) return [];
  const name = cleanCommandText(request.name, 100).toLowerCase().replace(/^\//u, '');
  const subcommand = cleanCommandText(request.subcommand ?? '', 100).toLowerCase();
  const partial = cleanCommandText(request.partial, 200);
  const who = { platform: request.platform, userId: request.userId };
  switch (`${name} ${subcommand}`.trim()) {
    case 'feeds remove':
    case 'feeds resume':
      return completeChannelFeeds(
        deps,
        { platform: request.platform, channelId: request.channelId },
        partial,
      );
    case 'unfollow':
      return completeOwnFollows(deps, who, partial);
    case 'alerts pause':
      return completeOwnFollows(deps, who, partial, (f) => !f.paused);
    case 'alerts resume':
      return completeOwnFollows(deps, who, partial, (f) => f.paused);
    case 'digest schedule': {
      const needle = partial.toLowerCase().replace(/ /gu, '_');
      return listTimeZones()
        .filter((zone) => zone.toLowerCase().includes(needle))
        .slice(0, MAX_CHOICES)
        .map((zone) => ({ label: zone, value: zone }));
    }
    default:
      return [];
  }
}

function checkId(id: unknown, what: 'channel' | 'user'): void {
  if (!isUsableId(id)) throw new CommandError(`I can't tell which ${what} this command came from.`);
}

function isUsableId(id: unknown): id is string {
  return (
    typeof id === 'string' && id.trim() !== '' && id.length <= MAX_ID_CHARS && !CONTROL_CHARACTER.test(id)
  );
}

function helpHint(request: CommandRequest): string {
  return `See ${formatCommandUsage(request.platform, 'help')}.`;
}

/** Names of every command, for adapters that route by name. */
export const commandNames: readonly string[] = commandCatalogue.map((spec) => spec.name);
