/**
 * The unmodified discord.js client, the real command layer, SQLite store, HTTP client, article
 * extraction, summariser, alerts, digests and delivery worker, against the fake Discord and a
 * local web server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../../config/schema.js';
import { createDiscordPlatform } from '../../adapters/discord/discord-platform.js';
import { runAlerts } from '../../src/alerts/run-alerts.js';
import { createCommandHandler } from '../../src/commands/create-command-handler.js';
import { deliverPending } from '../../src/delivery/deliver-pending.js';
import { runChannelDigest } from '../../src/digest/run-digest.js';
import { fetchArticlePage } from '../../src/extract/fetch-article-page.js';
import type { Article, PlatformName } from '../../src/model.js';
import { createHttpClient } from '../../src/net/http-client.js';
import type { ChatPlatform, StoredItem } from '../../src/ports.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite-store.js';
import { createExtractiveSummariser } from '../../src/summarise/extractive-summariser.js';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/fake-discord.js';
import { manageChannelsPermission, memberDefaultPermissions } from '../fakes/discord/fake-interactions.js';
import { createRecordingLogger } from './discord-test-kit.js';

const articlePage = `<!doctype html><html lang="en"><head><title>Harbour council approves 12 million euro flood wall | Coast Times</title>
<meta property="og:site_name" content="Coast Times"></head><body><header><nav>Home News Sport</nav></header>
<article><h1>Harbour council approves 12 million euro flood wall</h1><p class="byline">By Ana Ruiz</p>
<p>The harbour council approved a 12 million euro flood wall on Tuesday, the mayor said, after storms flooded 340 homes last winter.</p>
<p>Construction will start in March and take about 18 months, according to the council's engineering department, which expects the wall to protect 2,100 properties.</p>
<p>"We cannot wait for the next storm," the mayor told reporters. Opposition councillors said the cost had risen by 15% since the plan was first presented.</p>
<p>The regional government will pay 40% of the cost, a spokesperson for the region confirmed, with the rest coming from municipal reserves and a European fund.</p>
</article><footer>Contact us</footer></body></html>`;

const manager = memberDefaultPermissions | manageChannelsPermission;

interface World {
  fake: FakeDiscord;
  store: SqliteStore;
  platform: ChatPlatform;
  platforms: Map<PlatformName, ChatPlatform>;
  web: Server;
  webUrl: string;
  logger: ReturnType<typeof createRecordingLogger>;
}

let world: World;

beforeEach(async () => {
  const web = createServer((request, response) => {
    if (request.url === '/flood-wall') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(articlePage);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  const webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  const fake = await startFakeDiscord();
  const store = await openSqliteStore(':memory:');
  const logger = createRecordingLogger();
  const settings = loadSettings({}, {});
  const client = createHttpClient({ ...settings.network, allowPrivateAddresses: true });
  const platforms = new Map<PlatformName, ChatPlatform>();
  const now = (): Date => new Date();
  const handler = createCommandHandler({
    store,
    summariser: createExtractiveSummariser(),
    fetchArticlePage: (url) => fetchArticlePage(url, client),
    runDigestNow: async (platformName, channelId) => {
      const result = await runChannelDigest({ store, platforms, now, logger }, platformName, channelId, {
        slot: 'now',
      });
      return { stories: result.stories };
    },
    now,
    logger,
    defaults: { feedIntervalMinutes: 30, timezone: 'UTC' },
  });
  const platform = createDiscordPlatform(
    { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, guildId: fake.guild.id },
    { logger, shutdownTimeoutMs: 1000 },
  );
  platforms.set('discord', platform);
  platform.onCommand(handler);
  await platform.start();
  world = { fake, store, platform, platforms, web, webUrl, logger };
});

afterEach(async () => {
  await world.platform.stop();
  await world.fake.close();
  await world.store.close();
  world.web.closeAllConnections();
  await new Promise<void>((resolve) => world.web.close(() => resolve()));
});

async function storeArticle(
  feedUrl: string,
  index: number,
  title: string,
  content: string,
): Promise<StoredItem> {
  const article: Article = {
    id: `${feedUrl}#${index}`,
    feedUrl,
    url: `https://coast.example/news/${index}`,
    title,
    publishedAt: new Date().toISOString(),
    publishedIsGuess: false,
    source: { name: 'Coast Times' },
    content,
    contentIsPartial: false,
  };
  const { id } = await world.store.upsertArticle(article, new Date());
  const summary = await createExtractiveSummariser().summarise({ text: content, title, url: article.url! });
  await world.store.saveSummary(id, summary);
  return (await world.store.getItem(id))!;
}

async function runCommand(input: Parameters<FakeDiscord['sendCommand']>[0]) {
  const interaction = world.fake.sendCommand(input);
  await world.fake.waitFor(
    () =>
      interaction.callbacks.some((callback) => callback.type === 4) ||
      (interaction.edits ?? 0) > 0 ||
      interaction.followUps.length > 0,
    10_000,
    `the answer to /${input.name}`,
  );
  return interaction;
}

describe('Discord end to end', () => {
  it('defers /summary on a local article and answers with an embed of its claims and figures', async () => {
    const url = `${world.webUrl}/flood-wall`;
    const interaction = await runCommand({ name: 'summary', options: { 'url-or-query': url } });
    expect(interaction.callbacks.map((callback) => callback.type)).toEqual([5]);
    expect(interaction.callbacks[0]!.atMs - interaction.createdAtMs).toBeLessThan(3000);
    const [embed] = interaction.original!.embeds;
    expect(interaction.original!.flags).toBe(0);
    expect(embed?.title).toContain('flood wall');
    expect(embed?.url).toBe(url);
    const text = JSON.stringify(embed);
    expect(text).toContain('12 million');
    expect(interaction.original!.allowedMentions).toEqual({ parse: [] });
  });

  it('sends a DM when a new article matches a /follow', async () => {
    const follow = await runCommand({ name: 'follow', options: { query: 'flood wall' } });
    expect(follow.original?.flags).toBe(64);
    expect((await world.store.listFollows({ userId: world.fake.member.id })).length).toBe(1);

    const item = await storeArticle(
      'https://coast.example/feed',
      1,
      'Council approves flood wall',
      articlePage.replace(/<[^>]+>/g, ' '),
    );
    const deps = {
      store: world.store,
      platforms: world.platforms,
      now: () => new Date(),
      logger: world.logger,
    };
    await runAlerts(deps, [item]);
    const report = await deliverPending(deps);
    expect(report.failed).toEqual([]);
    expect(report.delivered.length).toBe(1);
    const dm = world.fake.dmChannelOf(world.fake.member.id)!;
    const [alert] = world.fake.messagesIn(dm.id);
    expect(JSON.stringify(alert?.embeds)).toMatch(/\*\*flood\*\*|\*\*flood wall\*\*/i);
    expect(alert?.allowedMentions).toEqual({ parse: [] });
    const channelPosts = world.fake
      .messagesIn(world.fake.channel.id)
      .filter((message) => !message.interactionId);
    expect(channelPosts).toEqual([]);
  });

  it('posts a digest in embeds within limits with no mentions allowed, waiting out a 429 and posting once', async () => {
    const feedUrl = `${world.webUrl}/feed.xml`;
    const added = await runCommand({
      name: 'feeds',
      subcommand: 'add',
      options: { url: feedUrl },
      permissions: manager,
    });
    expect(added.original?.content).toMatch(/Added/);
    for (let index = 0; index < 14; index += 1) {
      await storeArticle(
        feedUrl,
        index,
        `@everyone Story ${index}: harbour <@&123> council approves ${index + 2} million euro plan`,
        `The harbour council approved a ${index + 2} million euro plan on Tuesday, the mayor said. ${'Officials said work starts in March and lasts 18 months. '.repeat(20)}`,
      );
    }
    world.fake.rateLimit({
      method: 'POST',
      path: /^\/channels\/\d+\/messages$/,
      times: 1,
      retryAfterSeconds: 0.3,
    });
    const digest = await runCommand({ name: 'digest', subcommand: 'now', permissions: manager });
    expect(digest.callbacks[0]?.type).toBe(5);
    expect(world.fake.rateLimitedResponses).toBe(1);
    const posted = world.fake
      .messagesIn(world.fake.channel.id)
      .filter((message) => message.interactionId === undefined);
    expect(posted.length).toBeGreaterThan(0);
    const embeds = posted.flatMap((message) => message.embeds);
    expect(embeds.length).toBeGreaterThan(1);
    expect(new Set(posted.map((message) => message.nonce)).size).toBe(posted.length);
    for (const message of posted) {
      expect(message.allowedMentions).toEqual({ parse: [] });
      expect(message.embeds.length).toBeLessThanOrEqual(10);
      expect(`${message.content}${JSON.stringify(message.embeds)}`).not.toMatch(/@everyone|<@&123>/);
    }
    const again = await deliverPending({
      store: world.store,
      platforms: world.platforms,
      now: () => new Date(),
      logger: world.logger,
    });
    expect(again.delivered).toEqual([]);
    expect(
      world.fake.messagesIn(world.fake.channel.id).filter((message) => message.interactionId === undefined),
    ).toHaveLength(posted.length);
  });

  it('refuses setup commands to a member without Manage Channels', async () => {
    const refused = await runCommand({
      name: 'feeds',
      subcommand: 'add',
      options: { url: `${world.webUrl}/feed.xml` },
    });
    expect(refused.original?.flags).toBe(64);
    expect(refused.original?.content).toMatch(/Manage Channels/);
    expect(await world.store.subscriptions({ platform: 'discord' })).toEqual([]);
    const digest = await runCommand({ name: 'digest', subcommand: 'now' });
    expect(digest.original?.flags).toBe(64);
    expect(world.fake.messagesIn(world.fake.channel.id).filter((message) => message.flags !== 64)).toEqual(
      [],
    );
  });
});
