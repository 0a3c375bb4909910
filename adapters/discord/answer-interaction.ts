/**
 * Answers slash-command and autocomplete interactions through the platform-neutral command layer.
 *
 * Deferral rule (Discord wants a first response within 3 s):
 * - Commands that fetch or build something (`/summary`, `/digest now`) are deferred at once,
 *   publicly, and completed with an edit.
 * - Other commands are answered directly, with the visibility the command layer chose, when the
 *   handler finishes within `deferAfterMs`; otherwise they are deferred ephemerally first.
 * - When the final reply's visibility differs from the deferral: a public deferral answered by an
 *   ephemeral reply (an error or a refusal) deletes the public placeholder and sends the reply as an
 *   ephemeral follow-up, so nothing private is shown to the channel; an ephemeral deferral always
 *   stays ephemeral (Discord cannot make it public).
 * Errors become one short ephemeral line; the details go to the log only.
 */
import {
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type APIEmbed,
} from 'discord.js';
import type { Message } from '../../src/model.js';
import type {
  CommandHandler,
  CommandReply,
  CommandRequest,
  CompletionRequest,
  Logger,
} from '../../src/ports.js';
import { isManagerOnly, isSlowCommand, joinOptionValues } from './command-definitions.js';
import { EmptyMessageError, toEmbeds, type DiscordMessagePart } from './to-embeds.js';

export interface AnswerDeps {
  readonly handler: CommandHandler;
  readonly logger: Logger;
  /** How long a fast command may take before it is deferred (Discord's hard limit is 3000 ms). */
  readonly deferAfterMs: number;
}

type Visibility = CommandReply['visibility'];

/** Set-up commands after which the bot posts in the channel: worth checking it can. */
const postsHere: ReadonlySet<string> = new Set(['feeds add', 'digest schedule', 'digest now']);

/** Maps a slash-command interaction onto the neutral request. */
export function toCommandRequest(interaction: ChatInputCommandInteraction): CommandRequest {
  const name = interaction.commandName;
  const subcommand = interaction.options.getSubcommand(false) ?? undefined;
  const text = joinOptionValues(name, subcommand, (option) => interaction.options.get(option)?.value);
  return {
    platform: 'discord',
    name,
    ...(subcommand === undefined ? {} : { subcommand }),
    text,
    channelId: interaction.channelId,
    userId: interaction.user.id,
    ...(interaction.guildId ? { teamId: interaction.guildId } : {}),
    userCanManageChannel: canManageChannel(interaction),
  };
}

/**
 * Manage Channels in this channel (Discord computes the member's permissions with the channel's
 * overwrites; Administrator implies it). In a DM with the bot the user owns the conversation.
 */
export function canManageChannel(
  interaction: ChatInputCommandInteraction | AutocompleteInteraction,
): boolean {
  if (!interaction.inGuild()) return true;
  return interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false;
}

export async function answerCommand(
  interaction: ChatInputCommandInteraction,
  deps: AnswerDeps,
): Promise<void> {
  const request = toCommandRequest(interaction);
  const logger = deps.logger.child({
    command: request.name,
    subcommand: request.subcommand,
    interactionId: interaction.id,
    guildId: request.teamId,
    channelId: request.channelId,
    userId: request.userId,
  });
  let deferred: Visibility | undefined;
  let reply: CommandReply;
  try {
    if (isManagerOnly(request.name, request.subcommand) && !request.userCanManageChannel) {
      reply = refusalReply(request);
    } else {
      if (isSlowCommand(request.name, request.subcommand)) {
        await interaction.deferReply();
        deferred = 'in_channel';
      }
      const pending = deps.handler.handle(request);
      // The handler's outcome is awaited below on every path; this only silences the early window.
      pending.catch(() => undefined);
      if (deferred === undefined) {
        const fast = await settleWithin(pending, deps.deferAfterMs);
        if (fast === undefined) {
          await interaction.deferReply({ flags: MessageFlags.Ephemeral });
          deferred = 'ephemeral';
          reply = await pending;
        } else {
          reply = fast;
        }
      } else {
        reply = await pending;
      }
    }
  } catch (err) {
    logger.error({ err }, 'Discord command failed');
    reply = errorReply(request);
  }
  const missing =
    postsHere.has(`${request.name} ${request.subcommand ?? ''}`.trim()) && request.userCanManageChannel
      ? missingPostingPermissions(interaction)
      : [];
  if (missing.length > 0) reply = withPermissionWarning(reply, missing);
  try {
    await sendReply(interaction, reply, deferred);
  } catch (err) {
    logger.error({ err }, 'Answering a Discord command failed');
  }
}

export async function answerAutocomplete(
  interaction: AutocompleteInteraction,
  deps: AnswerDeps,
): Promise<void> {
  const subcommand = interaction.options.getSubcommand(false) ?? undefined;
  const request: CompletionRequest = {
    platform: 'discord',
    name: interaction.commandName,
    ...(subcommand === undefined ? {} : { subcommand }),
    partial: String(interaction.options.getFocused()),
    channelId: interaction.channelId ?? '',
    userId: interaction.user.id,
  };
  let choices: Array<{ name: string; value: string }> = [];
  try {
    const offered = await deps.handler.complete(request);
    // Discord allows 25 choices, names and values of 1 to 100 characters; a clipped value would
    // select something else, so such choices are left out.
    choices = offered
      .filter((choice) => choice.value.length > 0 && choice.value.length <= 100)
      .slice(0, 25)
      .map((choice) => ({ name: clip(choice.label || choice.value, 100), value: choice.value }));
  } catch (err) {
    deps.logger.warn({ err, command: request.name, subcommand }, 'Discord autocomplete failed');
  }
  try {
    await interaction.respond(choices);
  } catch (err) {
    deps.logger.warn({ err, command: request.name }, 'Answering a Discord autocomplete failed');
  }
}

async function sendReply(
  interaction: ChatInputCommandInteraction,
  reply: CommandReply,
  deferred: Visibility | undefined,
): Promise<void> {
  // If a deferral failed after Discord accepted it, the interaction knows better than the caller.
  if (deferred === undefined && interaction.deferred)
    deferred = interaction.ephemeral ? 'ephemeral' : 'in_channel';
  const parts = renderReply(reply.message);
  const [first, ...rest] = parts;
  if (!first) return;
  let ephemeral = reply.visibility === 'ephemeral';
  if (deferred === undefined) {
    await interaction.reply({ ...toBody(first), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
  } else if (deferred === 'in_channel' && ephemeral) {
    await interaction.deleteReply();
    await interaction.followUp({ ...toBody(first), flags: MessageFlags.Ephemeral });
  } else {
    ephemeral = deferred === 'ephemeral';
    await interaction.editReply(toBody(first));
  }
  for (const part of rest) {
    await interaction.followUp({ ...toBody(part), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
  }
}

function renderReply(message: Message): DiscordMessagePart[] {
  try {
    return toEmbeds(message);
  } catch (err) {
    if (err instanceof EmptyMessageError) return [{ content: 'Done.', embeds: [] }];
    throw err;
  }
}

function toBody(part: DiscordMessagePart): {
  content: string;
  embeds: APIEmbed[];
  allowedMentions: { parse: [] };
} {
  return {
    content: part.content ?? '',
    embeds: [...part.embeds],
    allowedMentions: { parse: [] },
  };
}

/**
 * The channel permissions the bot lacks to post digests here (interactions carry the bot's
 * permissions in the channel). Setting up a channel where every post would fail deserves a warning.
 */
export function missingPostingPermissions(interaction: ChatInputCommandInteraction): string[] {
  if (!interaction.inGuild()) return [];
  const needed: Array<[bigint, string]> = [
    [PermissionFlagsBits.ViewChannel, 'View Channel'],
    [PermissionFlagsBits.SendMessages, 'Send Messages'],
    [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
  ];
  if (interaction.channel?.isThread())
    needed.push([PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads']);
  const granted = interaction.appPermissions;
  return needed.filter(([bit]) => !granted.has(bit)).map(([, name]) => name);
}

function withPermissionWarning(reply: CommandReply, missing: readonly string[]): CommandReply {
  const warning = `Note: I cannot post in this channel yet. Please give me ${missing.join(', ')} here, or digests will fail.`;
  const text = reply.message.text;
  const combined =
    text === undefined
      ? warning
      : typeof text === 'string'
        ? `${text}\n\n${warning}`
        : [...text, { text: `\n\n${warning}` }];
  return { ...reply, message: { ...reply.message, text: combined } };
}

function refusalReply(request: CommandRequest): CommandReply {
  const usage = request.subcommand ? `/${request.name} ${request.subcommand}` : `/${request.name}`;
  return {
    message: {
      text: `Only members who can manage this channel (Manage Channels) can use ${usage} here.`,
      cards: [],
    },
    visibility: 'ephemeral',
  };
}

function errorReply(request: CommandRequest): CommandReply {
  return {
    message: { text: `Sorry, /${request.name} failed. Please try again in a moment.`, cards: [] },
    visibility: 'ephemeral',
  };
}

/** Resolves to the value if `promise` settles within `ms`, else to undefined (rejections propagate). */
async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function clip(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1).trimEnd()}…`;
}
