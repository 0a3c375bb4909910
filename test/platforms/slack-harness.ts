/**
 * The Slack platform (HTTP mode) under the ChatPlatform contract, against the protocol-level fake
 * Slack: the observer reads the chat.postMessage calls and response_url posts the fake received
 * and undoes mrkdwn (links, dates, bold markers, entities).
 */
import { createSlackPlatform } from '../../adapters/slack/slack-platform.js';
import { silentLogger } from '../../src/log.js';
import type { ChatPlatform, CommandHandler } from '../../src/ports.js';
import type {
  ChatPlatformHarness,
  ContractCommand,
  DeliveredMessage,
  DeliveredTarget,
} from '../contracts/chat-platform-harness.js';
import { findBlockKitViolation, startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.js';

interface TextObject {
  readonly type?: string;
  readonly text?: string;
  readonly verbatim?: boolean;
}

/** Slack's hard limit on a message's `text` (longer text is cut by Slack). */
const MAX_TEXT_CHARS = 40_000;

/** What a reader sees of mrkdwn: link labels, date fallbacks, no bold markers, entities decoded. */
export function unrenderMrkdwn(text: string): string {
  return text
    .replace(/<([^<>|]*)\|([^<>]*)>/g, '$2')
    .replace(/<([^<>]*)>/g, '$1')
    .replace(/(^|[^\p{L}\p{N}])\*+/gu, '$1')
    .replace(/\*+(?=$|[^\p{L}\p{N}])/gu, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Who a mrkdwn text notifies: `<!channel>`, `<!here>`, `<!everyone>`, `<@U…>`, `<!subteam^S…>`,
 * and bare `@channel`/`@here`/`@everyone`, which Slack turns into broadcasts when it parses the
 * text (non-verbatim text objects, `link_names`): counted wherever they appear, to be safe.
 */
export function slackPings(text: string): string[] {
  const pings: string[] = [];
  for (const match of text.matchAll(/<!(channel|here|everyone)(?:\|[^>]*)?>/g))
    pings.push(match[1] as string);
  for (const match of text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)) pings.push(`user:${match[1]}`);
  for (const match of text.matchAll(/<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>/g)) pings.push(`group:${match[1]}`);
  for (const match of text.matchAll(/@(channel|here|everyone)\b/g)) pings.push(match[1] as string);
  return pings;
}

function textObjects(blocks: readonly Record<string, unknown>[]): TextObject[] {
  return blocks.flatMap((block) => [
    ...(block.text === undefined ? [] : [block.text as TextObject]),
    ...((block.fields as TextObject[] | undefined) ?? []),
    ...((block.elements as TextObject[] | undefined) ?? []),
  ]);
}

function toDelivered(
  target: DeliveredTarget,
  text: string | undefined,
  blocks: readonly Record<string, unknown>[],
): DeliveredMessage {
  const objects = textObjects(blocks);
  // With blocks, `text` is only the notification fallback; without, it is the message.
  const shown =
    blocks.length === 0
      ? [unrenderMrkdwn(text ?? '')]
      : objects.map((object) =>
          object.type === 'mrkdwn' ? unrenderMrkdwn(object.text ?? '') : (object.text ?? ''),
        );
  const mrkdwnTexts = [text ?? '', ...objects.filter((o) => o.type === 'mrkdwn').map((o) => o.text ?? '')];
  return { target, text: shown.join('\n'), pings: mrkdwnTexts.flatMap(slackPings) };
}

function violationsOf(where: string, text: unknown, blocks: unknown): string[] {
  const list = Array.isArray(blocks) ? (blocks as Record<string, unknown>[]) : [];
  const problems: string[] = [];
  const blockProblem = findBlockKitViolation(list);
  if (blockProblem !== undefined) problems.push(`${where}: ${blockProblem}`);
  const plain = typeof text === 'string' ? text : '';
  if (plain.length > MAX_TEXT_CHARS) problems.push(`${where}: text of ${plain.length} characters`);
  if (plain === '' && list.length === 0) problems.push(`${where}: empty message`);
  return problems;
}

/** The fake opens the DM with user U… as channel `DU…`. */
function targetOf(channel: string): DeliveredTarget {
  return channel.startsWith('D')
    ? { kind: 'dm', userId: channel.slice(1) }
    : { kind: 'channel', channelId: channel };
}

export async function startSlackHarness(handler: CommandHandler): Promise<ChatPlatformHarness> {
  const fake: FakeSlack = await startFakeSlack();
  fake.setUser({ id: 'U0MEMBER', isAdmin: true });
  fake.setUser({ id: 'U0CLOSED', dmError: 'cannot_dm_user' });
  fake.refuseChannel('C0LOCKED', 'not_in_channel');
  const started: ChatPlatform[] = [];
  const startPlatform = async (commandHandler: CommandHandler): Promise<ChatPlatform> => {
    const platform = createSlackPlatform(
      {
        botToken: fake.botToken,
        signingSecret: fake.signingSecret,
        apiUrl: fake.apiUrl,
        port: 0,
        path: '/slack/events',
        listenHost: '127.0.0.1',
        managerUserIds: [],
      },
      { logger: silentLogger },
    );
    platform.onCommand(commandHandler);
    await platform.start();
    started.push(platform);
    return platform;
  };
  const platform = await startPlatform(handler);
  const commandChannelId = 'C0GENERAL';

  return {
    platform,
    channelId: 'C0NEWS',
    fallbackChannelId: 'C0ALERTS',
    refusingChannelId: 'C0LOCKED',
    userId: 'U0MEMBER',
    closedDmUserId: 'U0CLOSED',
    // Posted parts are remembered in memory; history is searched only after an uncertain failure.
    idempotency: 'process',
    loseNextPostResponse: () =>
      fake.script('chat.postMessage', { kind: 'http-error-after-effect', status: 503 }),
    commandChannelId,
    commandUserId: 'U0MEMBER',
    commandUserCanManage: true,
    observer: {
      delivered: () => fake.posts.map((post) => toDelivered(targetOf(post.channel), post.text, post.blocks)),
      replies: () =>
        fake.responses.map((response) =>
          toDelivered(
            { kind: 'channel', channelId: commandChannelId },
            typeof response.body.text === 'string' ? response.body.text : undefined,
            (response.body.blocks as Record<string, unknown>[] | undefined) ?? [],
          ),
        ),
      violations: () => [
        ...fake
          .callsOf('chat.postMessage')
          .flatMap((call) =>
            violationsOf(
              `chat.postMessage to ${String(call.params.channel)}`,
              call.params.text,
              call.params.blocks,
            ),
          ),
        ...fake.responses.flatMap((response) =>
          violationsOf(`response ${response.id}`, response.body.text, response.body.blocks),
        ),
      ],
    },
    startAnother: () => startPlatform({ handle: handler.handle.bind(handler), complete: async () => [] }),
    async sendCommand(command: ContractCommand) {
      const slash = command.name === 'summary' ? '/summary' : '/news';
      const words = [command.name === 'summary' ? undefined : command.name, command.subcommand, command.text];
      const url = (platform as ReturnType<typeof createSlackPlatform>).endpointUrl();
      if (url === undefined) throw new Error('Slack platform has no endpoint');
      const before = fake.responses.length;
      const sent = await fake.sendSlashCommand(url, {
        command: slash,
        text: words.filter((word) => word !== undefined && word !== '').join(' '),
        userId: 'U0MEMBER',
        channelId: commandChannelId,
      });
      if (sent.status !== 200) throw new Error(`Slack app answered ${slash} with HTTP ${sent.status}`);
      await fake.waitFor(() => fake.responses.length > before, 5000, `a reply to ${slash}`);
    },
    async close() {
      for (const instance of started) await instance.stop();
      await fake.close();
    },
  };
}
