/**
 * Maps Slack's two slash commands onto the platform-neutral command names.
 *
 * A Slack app owns few commands, so the bot offers `/summary <url or words>` and puts everything
 * else under `/news <command> [subcommand] [text]` (`/news digest now`, `/news feeds add <url>`,
 * `/news follow <query>`, `/news alerts`, `/news help`).
 *
 * Summaries are private by default. `/summary <url> public` or `/summary <words> --public` asks for
 * an in-channel answer; the bare word `public` counts only after a single link, so a search such as
 * `/summary public transport` is not mistaken for the flag.
 */
import { findCommandSpec } from '../../src/commands/command-catalogue.js';

export interface SlashCommandNames {
  /** The command that summarises ("/summary"). */
  readonly summary: string;
  /** The command that carries every other command as its first word ("/news"). */
  readonly news: string;
}

export const DEFAULT_COMMAND_NAMES: SlashCommandNames = { summary: '/summary', news: '/news' };

export type ParsedSlashCommand =
  | {
      readonly ok: true;
      readonly name: string;
      readonly subcommand?: string;
      readonly text: string;
      /** The user asked for the answer to be shown to the whole channel. */
      readonly public: boolean;
    }
  | { readonly ok: false; readonly problem: string };

const SUMMARY_ALIASES = new Set(['summary', 'summarise', 'summarize']);

/**
 * Turns slash command text as Slack sends it back into what the user typed. Slack escapes `&`,
 * `<` and `>` as entities, and may send links, mentions and channels in its markup
 * (`<https://x.example/a?b=1|x.example/a>`, `<@U123|mara>`, `<#C123|general>`), for example when
 * the command's "escape" setting is on or the client formatted a pasted link.
 */
export function decodeSlackCommandText(text: string): string {
  const unwrapped = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const bar = inner.indexOf('|');
    const target = bar === -1 ? inner : inner.slice(0, bar);
    const label = bar === -1 ? undefined : inner.slice(bar + 1);
    if (/^https?:\/\//i.test(target)) return target;
    if (target.startsWith('@')) return label !== undefined ? `@${label.replace(/^@/, '')}` : target;
    if (target.startsWith('#')) return label !== undefined ? `#${label.replace(/^#/, '')}` : target;
    if (target.startsWith('!')) return label ?? `@${target.slice(1).split('^')[0]}`;
    return label ?? target;
  });
  return unwrapped.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function splitFirstWord(text: string): [string, string] {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text.trim());
  return match === null ? ['', ''] : [match[1]!, match[2]!.trim()];
}

function parseSummaryText(text: string): { text: string; public: boolean } {
  const trimmed = text.trim();
  const flag = /\s+--public$/i.exec(trimmed) ?? /^--public$/i.exec(trimmed);
  if (flag !== null) return { text: trimmed.slice(0, flag.index).trim(), public: true };
  const linkThenPublic = /^(https?:\/\/\S+)\s+public$/i.exec(trimmed);
  if (linkThenPublic !== null) return { text: linkThenPublic[1]!, public: true };
  return { text: trimmed, public: false };
}

/** Parses one slash command invocation (`command` as Slack sends it, with the slash). */
export function parseSlashCommand(
  command: string,
  text: string,
  names: SlashCommandNames = DEFAULT_COMMAND_NAMES,
): ParsedSlashCommand {
  text = decodeSlackCommandText(text);
  if (command === names.summary) return { ok: true, name: 'summary', ...parseSummaryText(text) };
  if (command !== names.news) return { ok: false, problem: `${command} is not a command of this app.` };

  const [first, rest] = splitFirstWord(text);
  const word = first.toLowerCase();
  if (word === '' || word === 'help') return { ok: true, name: 'help', text: rest, public: false };
  if (SUMMARY_ALIASES.has(word)) return { ok: true, name: 'summary', ...parseSummaryText(rest) };

  const spec = findCommandSpec(word);
  if (spec === undefined || spec.name === 'summary') {
    return { ok: false, problem: `Unknown command "${first}". Try "${names.news} help".` };
  }
  if (spec.subcommands.length === 0) return { ok: true, name: spec.name, text: rest, public: false };

  const [second, afterSub] = splitFirstWord(rest);
  const sub = second.toLowerCase();
  if (sub === '') return { ok: true, name: spec.name, text: '', public: false };
  if (spec.subcommands.some((s) => s.name === sub)) {
    return { ok: true, name: spec.name, subcommand: sub, text: afterSub, public: false };
  }
  const known = spec.subcommands.map((s) => s.name).join(', ');
  return {
    ok: false,
    problem: `"${names.news} ${spec.name}" has no subcommand "${second}"; use one of: ${known}.`,
  };
}
