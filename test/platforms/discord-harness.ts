/**
 * The Discord platform under the ChatPlatform contract, against the protocol-level fake Discord:
 * the observer reads the message bodies the fake received and undoes Discord markdown.
 */
import type { APIEmbed } from 'discord.js';
import { optionNames } from '../../adapters/discord/command-definitions.js';
import { createDiscordPlatform } from '../../adapters/discord/discord-platform.js';
import { silentLogger } from '../../src/log.js';
import type { ChatPlatform, CommandHandler } from '../../src/ports.js';
import type {
  ChatPlatformHarness,
  ContractCommand,
  DeliveredMessage,
  DeliveredTarget,
} from '../contracts/chat-platform-harness.js';
import { manageChannelsPermission, memberDefaultPermissions } from '../fakes/discord/fake-interactions.js';
import { startFakeDiscord, type FakeDiscord, type FakeMessage } from '../fakes/discord/fake-discord.js';
import { validateMessageBody, type MessageBody } from '../fakes/discord/validate-message-body.js';

/**
 * What a reader sees of Discord markdown: escapes resolved, and the markers Discord acts on
 * hidden (emphasis, strike, spoiler and code markers anywhere outside links; heading, quote and
 * subtext markers at the start of a line), so that unescaped feed text shows up as missing.
 */
export function unrenderDiscordMarkdown(text: string): string {
  const blockMarker = /#{1,3} |-# |>>> |> /y;
  const link = /https?:\/\/[^\s<>\\]+/y;
  let out = '';
  for (let index = 0; index < text.length;) {
    const char = text[index] as string;
    const next = text[index + 1];
    blockMarker.lastIndex = index;
    link.lastIndex = index;
    const marker = index === 0 || text[index - 1] === '\n' ? blockMarker.exec(text) : null;
    const url = marker ? null : link.exec(text);
    if (marker) {
      index += marker[0].length;
    } else if (url) {
      out += url[0];
      index += url[0].length;
    } else if (char === '\\' && next !== undefined && /[^\p{L}\p{N}\s]/u.test(next)) {
      out += next;
      index += 2;
    } else {
      if (!'*_~|`'.includes(char)) out += char;
      index += 1;
    }
  }
  return out;
}

function embedText(embed: APIEmbed): string[] {
  return [
    embed.author?.name ?? '',
    unrenderDiscordMarkdown(embed.title ?? ''),
    unrenderDiscordMarkdown(embed.description ?? ''),
    ...(embed.fields ?? []).flatMap((field) => [
      unrenderDiscordMarkdown(field.name),
      unrenderDiscordMarkdown(field.value),
    ]),
    embed.footer?.text ?? '',
  ];
}

interface AllowedMentions {
  readonly parse?: readonly string[];
  readonly users?: readonly string[];
  readonly roles?: readonly string[];
}

/**
 * Who Discord notifies for `content` under `allowed` (absent: Discord parses every mention).
 * Mentions in embeds never notify.
 */
export function discordPings(content: string, allowed: unknown): string[] {
  const rules = (allowed ?? { parse: ['everyone', 'users', 'roles'] }) as AllowedMentions;
  const parse = new Set(rules.parse ?? []);
  const pings: string[] = [];
  for (const match of content.matchAll(/@(everyone|here)/g)) {
    if (parse.has('everyone')) pings.push(match[1] as string);
  }
  for (const match of content.matchAll(/<@!?(\d+)>/g)) {
    const id = match[1] as string;
    if (parse.has('users') || rules.users?.includes(id)) pings.push(`user:${id}`);
  }
  for (const match of content.matchAll(/<@&(\d+)>/g)) {
    const id = match[1] as string;
    if (parse.has('roles') || rules.roles?.includes(id)) pings.push(`role:${id}`);
  }
  return pings;
}

function targetOf(fake: FakeDiscord, channelId: string): DeliveredTarget {
  const channel = fake.channels.get(channelId);
  return channel?.type === 1 && channel.recipientId
    ? { kind: 'dm', userId: channel.recipientId }
    : { kind: 'channel', channelId };
}

function toDelivered(fake: FakeDiscord, message: FakeMessage): DeliveredMessage {
  return {
    target: targetOf(fake, message.channelId),
    text: [unrenderDiscordMarkdown(message.content), ...message.embeds.flatMap(embedText)]
      .filter((part) => part !== '')
      .join('\n'),
    pings: discordPings(message.content, message.allowedMentions),
  };
}

/** Bodies the bot sent that carry a message: channel posts, interaction replies, follow-ups, edits. */
function sentBodies(fake: FakeDiscord): Array<{ path: string; body: MessageBody }> {
  return fake.requests.flatMap((request) => {
    if (/^\/channels\/\d+\/messages$/.test(request.path) && request.method === 'POST')
      return [{ path: request.path, body: request.body as MessageBody }];
    if (/\/callback$/.test(request.path)) {
      const callback = request.body as { type?: number; data?: MessageBody };
      return callback.type === 4 ? [{ path: request.path, body: callback.data ?? {} }] : [];
    }
    if (/^\/webhooks\//.test(request.path) && (request.method === 'POST' || request.method === 'PATCH'))
      return [{ path: request.path, body: request.body as MessageBody }];
    return [];
  });
}

export async function startDiscordHarness(handler: CommandHandler): Promise<ChatPlatformHarness> {
  const fake = await startFakeDiscord();
  const fallback = fake.addChannel('alerts');
  const locked = fake.addChannel('locked');
  fake.postingDenied.add(locked.id);
  const closed = fake.addUser('closed-dms');
  fake.dmClosed.add(closed.id);
  const started: ChatPlatform[] = [];
  const startPlatform = async (commandHandler: CommandHandler): Promise<ChatPlatform> => {
    const platform = createDiscordPlatform(
      { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, guildId: fake.guild.id },
      { logger: silentLogger, shutdownTimeoutMs: 1000 },
    );
    platform.onCommand(commandHandler);
    await platform.start();
    started.push(platform);
    return platform;
  };
  const platform = await startPlatform(handler);

  return {
    platform,
    channelId: fake.channel.id,
    fallbackChannelId: fallback.id,
    refusingChannelId: locked.id,
    userId: fake.member.id,
    closedDmUserId: closed.id,
    // enforce_nonce: Discord returns the message it already created for the nonce (for a few minutes).
    idempotency: 'durable',
    loseNextPostResponse: () => {
      fake.lostResponses += 1;
    },
    commandChannelId: fake.channel.id,
    commandUserId: fake.member.id,
    commandUserCanManage: true,
    observer: {
      delivered: () =>
        fake.messages
          .filter((message) => message.interactionId === undefined && !message.deleted)
          .map((message) => toDelivered(fake, message)),
      replies: () =>
        fake.messages
          .filter((message) => message.interactionId !== undefined && !message.deleted)
          .map((message) => toDelivered(fake, message)),
      violations: () =>
        sentBodies(fake).flatMap(({ path, body }) => {
          const problem = validateMessageBody(body);
          return problem ? [`${path}: ${problem.message} ${JSON.stringify(problem.errors ?? '')}`] : [];
        }),
    },
    startAnother: () => startPlatform({ handle: handler.handle.bind(handler), complete: async () => [] }),
    async sendCommand(command: ContractCommand) {
      const [option] = optionNames(command.name, command.subcommand);
      const interaction = fake.sendCommand({
        name: command.name,
        // A member with Manage Channels, so that set-up commands reach the handler.
        permissions: memberDefaultPermissions | manageChannelsPermission,
        ...(command.subcommand === undefined ? {} : { subcommand: command.subcommand }),
        ...(option === undefined || command.text === '' ? {} : { options: { [option]: command.text } }),
      });
      await fake.waitFor(
        () =>
          interaction.callbacks.some((callback) => callback.type === 4) ||
          (interaction.edits ?? 0) > 0 ||
          interaction.followUps.length > 0,
        5000,
        `a reply to /${command.name}`,
      );
    },
    async close() {
      for (const instance of started) await instance.stop();
      await fake.close();
    },
  };
}
