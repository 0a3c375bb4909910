/**
 * The slash commands the bot registers, derived from the platform-neutral command catalogue, and
 * how an interaction's options become the free `text` of a CommandRequest.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import {
  commandCatalogue,
  findCommandSpec,
  type CommandOptionSpec,
  type CommandSpec,
} from '../../src/commands/command-catalogue.js';

/**
 * Discord shows option names in the command bar; `/summary url-or-query:` tells users what to
 * type better than the neutral name. The request text does not depend on option names (values are
 * joined in catalogue order).
 */
function discordOptionName(commandName: string, optionName: string): string {
  if (commandName === 'summary' && findCommandSpec('summary')?.options[0]?.name === optionName)
    return 'url-or-query';
  return optionName;
}

/** A command changes a channel's setup when it or any of its subcommands is manager-only. */
function changesSetup(spec: CommandSpec): boolean {
  return spec.managerOnly || spec.subcommands.some((subcommand) => subcommand.managerOnly);
}

function toOption(commandName: string, option: CommandOptionSpec): APIApplicationCommandBasicOption {
  return {
    type: ApplicationCommandOptionType.String,
    name: discordOptionName(commandName, option.name),
    description: clip(option.description, 100),
    required: option.required,
    ...(option.autocomplete ? { autocomplete: true } : {}),
    max_length: Math.min(option.maxLength, 6000),
  };
}

function toDefinition(spec: CommandSpec): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const setup = changesSetup(spec);
  const options: Array<APIApplicationCommandBasicOption | APIApplicationCommandSubcommandOption> =
    spec.subcommands.length === 0
      ? spec.options.map((option) => toOption(spec.name, option))
      : spec.subcommands.map((subcommand) => ({
          type: ApplicationCommandOptionType.Subcommand,
          name: subcommand.name,
          description: clip(subcommand.description, 100),
          options: subcommand.options.map((option) => toOption(spec.name, option)),
        }));
  return {
    type: ApplicationCommandType.ChatInput,
    name: spec.name,
    description: clip(spec.description, 100),
    ...(options.length > 0 ? { options } : {}),
    // Hidden by default from members without Manage Channels (server admins can change that in
    // Server Settings → Integrations); the adapter checks the member's permissions itself as well.
    ...(setup ? { default_member_permissions: PermissionFlagsBits.ManageChannels.toString() } : {}),
    // Setting up a channel only makes sense in a server; the rest also works in a DM with the bot.
    contexts: setup
      ? [InteractionContextType.Guild]
      : [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
}

/** The bulk-overwrite body for `PUT /applications/{id}/commands` (or the guild route). */
export function buildCommandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commandCatalogue.map(toDefinition);
}

/** Whether this (sub)command needs a member who may manage the channel. */
export function isManagerOnly(name: string, subcommand: string | undefined): boolean {
  const spec = findCommandSpec(name);
  if (!spec) return false;
  if (subcommand === undefined) return spec.managerOnly;
  return spec.subcommands.find((sub) => sub.name === subcommand)?.managerOnly ?? spec.managerOnly;
}

/** Commands that fetch or build something and may take longer than Discord's 3-second window. */
export function isSlowCommand(name: string, subcommand: string | undefined): boolean {
  return name === 'summary' || (name === 'digest' && subcommand === 'now');
}

/** Discord names of the value options of a (sub)command, in catalogue order. */
export function optionNames(name: string, subcommand: string | undefined): string[] {
  const spec = findCommandSpec(name);
  if (!spec) return [];
  const options =
    subcommand === undefined
      ? spec.options
      : (spec.subcommands.find((sub) => sub.name === subcommand)?.options ?? []);
  return options.map((option) => discordOptionName(name, option.name));
}

/**
 * The request text: option values in catalogue order, separated by one space (missing optional
 * values are skipped).
 */
export function joinOptionValues(
  name: string,
  subcommand: string | undefined,
  valueOf: (optionName: string) => string | number | boolean | undefined,
): string {
  return optionNames(name, subcommand)
    .map((optionName) => valueOf(optionName))
    .filter((value): value is string | number | boolean => value !== undefined && String(value).trim() !== '')
    .map((value) => String(value).trim())
    .join(' ');
}

function clip(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1).trimEnd()}…`;
}
