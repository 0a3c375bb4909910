/**
 * INTERACTION_CREATE payloads in the complete shape discord.js 14 reads (entitlements,
 * authorizing_integration_owners, app_permissions, member.permissions, channel, typed options),
 * with option types taken from the command the bot registered.
 */
import type { FakeMessage } from './discord-payloads.js';
import { memberPayload } from './discord-payloads.js';

export interface CommandInput {
  readonly name: string;
  readonly subcommand?: string;
  /** Option values by name; types come from the registered command. */
  readonly options?: Readonly<Record<string, string>>;
  /** Makes this an autocomplete interaction for the named option. */
  readonly focused?: string;
  readonly userId?: string;
  readonly channelId?: string;
  readonly guildId?: string;
  /** Sent from the user's DM with the bot instead of a guild channel. */
  readonly dm?: boolean;
  /** The member's permissions in the channel (default: View Channel + Send Messages). */
  readonly permissions?: bigint;
  /** The bot's permissions in the channel (default: View Channel, Send Messages, Embed Links). */
  readonly appPermissions?: bigint;
}

export interface FakeInteraction {
  readonly id: string;
  readonly token: string;
  readonly kind: 'command' | 'autocomplete';
  readonly createdAtMs: number;
  readonly channelId: string;
  /** Responses to `POST /interactions/{id}/{token}/callback`: 4 reply, 5 deferred, 8 autocomplete. */
  readonly callbacks: Array<{ type: number; data: unknown; atMs: number }>;
  original?: FakeMessage;
  readonly followUps: FakeMessage[];
  choices?: Array<{ name: string; value: string }>;
  edits?: number;
}

interface OptionDefinition {
  readonly type: number;
  readonly name: string;
  readonly options?: readonly OptionDefinition[];
}

/** View Channel | Send Messages | Read Message History | Use Application Commands. */
export const memberDefaultPermissions = (1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 31n);
export const manageChannelsPermission = 1n << 4n;

export function buildInteractionPayload(args: {
  id: string;
  token: string;
  applicationId: string;
  command: { id: string; name: string; options?: unknown };
  input: CommandInput;
  user: Record<string, unknown>;
  channel: Record<string, unknown>;
  guildId: string | undefined;
  joinedAt: string;
}): Record<string, unknown> {
  const { input, command } = args;
  const definitions = (command.options ?? []) as readonly OptionDefinition[];
  let options: unknown[];
  if (input.subcommand !== undefined) {
    const sub = definitions.find((option) => option.type === 1 && option.name === input.subcommand);
    if (!sub) throw new Error(`fake Discord: /${command.name} has no subcommand ${input.subcommand}`);
    options = [{ type: 1, name: sub.name, options: valueOptions(command.name, sub.options ?? [], input) }];
  } else {
    options = valueOptions(command.name, definitions, input);
  }
  const inGuild = args.guildId !== undefined;
  const permissions = input.permissions ?? memberDefaultPermissions;
  return {
    id: args.id,
    application_id: args.applicationId,
    type: input.focused ? 4 : 2,
    token: args.token,
    version: 1,
    data: {
      id: command.id,
      name: command.name,
      type: 1,
      options,
      ...(inGuild ? { guild_id: args.guildId } : {}),
    },
    ...(inGuild
      ? { guild_id: args.guildId, member: memberPayload(userFrom(args.user), permissions, args.joinedAt) }
      : { user: args.user }),
    channel: args.channel,
    channel_id: args.channel.id,
    locale: 'en-GB',
    ...(inGuild ? { guild_locale: 'en-US' } : {}),
    app_permissions: String(input.appPermissions ?? (1n << 10n) | (1n << 11n) | (1n << 14n)),
    entitlements: [],
    authorizing_integration_owners: inGuild ? { '0': args.guildId } : { '1': args.user.id },
    context: inGuild ? 0 : 1,
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

function valueOptions(
  commandName: string,
  definitions: readonly OptionDefinition[],
  input: CommandInput,
): unknown[] {
  return Object.entries(input.options ?? {}).map(([name, value]) => {
    const definition = definitions.find((option) => option.name === name);
    if (!definition) throw new Error(`fake Discord: /${commandName} has no option ${name}`);
    const typed =
      definition.type === 4 || definition.type === 10
        ? Number(value)
        : definition.type === 5
          ? value === 'true'
          : value;
    return {
      type: definition.type,
      name,
      value: typed,
      ...(input.focused === name ? { focused: true } : {}),
    };
  });
}

function userFrom(user: Record<string, unknown>): { id: string; username: string; bot?: boolean } {
  return { id: String(user.id), username: String(user.username), bot: user.bot === true };
}
