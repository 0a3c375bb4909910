/**
 * Discord API object shapes as the fake sends them: complete enough for the unmodified discord.js
 * to build its structures (users, guilds, channels, members, messages, interactions).
 */
import type { APIEmbed } from 'discord.js';

export interface FakeUser {
  readonly id: string;
  readonly username: string;
  readonly bot?: boolean;
}

export interface FakeChannel {
  readonly id: string;
  /** 0 guild text, 1 DM. */
  readonly type: 0 | 1;
  readonly guildId?: string;
  readonly name?: string;
  readonly recipientId?: string;
}

export interface FakeGuild {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
}

export interface FakeMessage {
  readonly id: string;
  readonly channelId: string;
  content: string;
  embeds: APIEmbed[];
  allowedMentions: unknown;
  readonly nonce?: string | number;
  flags: number;
  readonly createdAtMs: number;
  readonly authorId: string;
  /** Set for interaction responses and follow-ups. */
  readonly interactionId?: string;
  deleted: boolean;
}

export function userPayload(user: FakeUser): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.username,
    avatar: null,
    bot: user.bot ?? false,
    system: false,
    public_flags: 0,
    flags: 0,
  };
}

export function channelPayload(
  channel: FakeChannel,
  users: ReadonlyMap<string, FakeUser>,
): Record<string, unknown> {
  if (channel.type === 1) {
    const recipient = channel.recipientId ? users.get(channel.recipientId) : undefined;
    return {
      id: channel.id,
      type: 1,
      last_message_id: null,
      flags: 0,
      recipients: recipient ? [userPayload(recipient)] : [],
    };
  }
  return {
    id: channel.id,
    type: 0,
    guild_id: channel.guildId,
    name: channel.name ?? `channel-${channel.id}`,
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    topic: null,
    last_message_id: null,
    parent_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

export function guildPayload(
  guild: FakeGuild,
  channels: readonly FakeChannel[],
  bot: FakeUser,
  users: ReadonlyMap<string, FakeUser>,
  joinedAt: string,
): Record<string, unknown> {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: 'en-US',
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    application_id: null,
    features: [],
    roles: [
      {
        id: guild.id,
        name: '@everyone',
        permissions: String((1n << 10n) | (1n << 11n) | (1n << 31n)),
        position: 0,
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        managed: false,
        mentionable: false,
        icon: null,
        unicode_emoji: null,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    joined_at: joinedAt,
    large: false,
    unavailable: false,
    member_count: users.size,
    max_members: 500000,
    voice_states: [],
    members: [memberPayload(bot, undefined, joinedAt)],
    channels: channels
      .filter((channel) => channel.guildId === guild.id)
      .map((channel) => channelPayload(channel, users)),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
  };
}

export function memberPayload(
  user: FakeUser,
  permissions: bigint | undefined,
  joinedAt: string,
): Record<string, unknown> {
  return {
    user: userPayload(user),
    nick: null,
    avatar: null,
    banner: null,
    roles: [],
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
    ...(permissions === undefined ? {} : { permissions: permissions.toString() }),
  };
}

export function messagePayload(
  message: FakeMessage,
  author: FakeUser,
  applicationId: string,
): Record<string, unknown> {
  return {
    id: message.id,
    channel_id: message.channelId,
    author: userPayload(author),
    content: message.content,
    timestamp: new Date(message.createdAtMs).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: message.embeds,
    pinned: false,
    type: message.interactionId ? 20 : 0,
    flags: message.flags,
    components: [],
    ...(message.nonce === undefined ? {} : { nonce: message.nonce }),
    ...(message.interactionId ? { webhook_id: applicationId, application_id: applicationId } : {}),
  };
}

export function readyPayload(args: {
  sessionId: string;
  bot: FakeUser;
  applicationId: string;
  guilds: readonly FakeGuild[];
  resumeUrl: string;
}): Record<string, unknown> {
  return {
    v: 10,
    user: { ...userPayload(args.bot), verified: true, mfa_enabled: false, email: null },
    // Guilds start unavailable; each arrives as GUILD_CREATE (discord.js waits for all of them).
    guilds: args.guilds.map((guild) => ({ id: guild.id, unavailable: true })),
    session_id: args.sessionId,
    resume_gateway_url: args.resumeUrl,
    shard: [0, 1],
    application: { id: args.applicationId, flags: 0 },
    private_channels: [],
    relationships: [],
    presences: [],
    guild_join_requests: [],
    user_settings: {},
  };
}
