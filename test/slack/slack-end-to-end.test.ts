/**
 * End to end: the unmodified Bolt app in HTTP mode, the real command layer, SQLite store,
 * summariser, alerts pipeline and delivery worker, against the fake Slack API. Slash commands
 * arrive as correctly signed HTTP requests to the app's endpoint.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Article, PlatformName } from '../../src/model.js';
import type { ChatPlatform, Clock, Store, StoredItem } from '../../src/ports.js';
import { silentLogger } from '../../src/log.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { createCommandHandler } from '../../src/commands/create-command-handler.js';
import { createExtractiveSummariser } from '../../src/summarise/extractive-summariser.js';
import { runAlerts } from '../../src/alerts/run-alerts.js';
import { deliverPending } from '../../src/delivery/deliver-pending.js';
import { runChannelDigest } from '../../src/digest/run-digest.js';
import { createHttpClient } from '../../src/net/http-client.js';
import { fetchArticlePage } from '../../src/extract/fetch-article-page.js';
import { createSlackPlatform, type SlackPlatform } from '../../adapters/slack/slack-platform.js';
import { startFakeSlack, type FakeSlack, findBlockKitViolation } from '../fakes/slack/fake-slack.js';

const FEED = 'https://feeds.example/world.xml';
const CHANNEL = 'C0NEWS';
const summariser = createExtractiveSummariser();

let fake: FakeSlack;
let store: Store;
let platform: SlackPlatform;
let url: string;
let clock: Date;
const now: Clock = () => new Date(clock);

function article(n: number, title: string, content: string): Article {
  return {
    id: `https://news.example/world/${n}`,
    feedUrl: FEED,
    url: `https://news.example/world/${n}`,
    title,
    publishedAt: new Date(clock.getTime() - 60_000).toISOString(),
    publishedIsGuess: false,
    source: { name: 'Example World <!here>' },
    content,
    contentIsPartial: false,
  };
}

/** Stores and summarises an article as the poll cycle would; returns it as a new item. */
async function addArticle(a: Article): Promise<StoredItem> {
  const { id } = await store.upsertArticle(a, now());
  await store.saveSummary(
    id,
    await summariser.summarise({ text: a.content, title: a.title, url: a.url!, publishedAt: a.publishedAt }),
  );
  return (await store.getItem(id))!;
}

const articleText = (subject: string): string =>
  [
    `${subject} rose to 4.5% in October, the national statistics office said on Tuesday.`,
    'The office said food prices climbed 7% over the year, while energy costs fell 2%.',
    `Economists at the central bank said they expected ${subject.toLowerCase()} to ease to about 3% by next summer.`,
    'The finance minister, Anna Berg, said 12,000 households would receive extra support from January.',
  ].join('\n\n');

async function sendAndWait(
  text: string,
  userId: string,
  command = '/news',
): Promise<{ status: number; reply: Record<string, unknown> }> {
  const sent = await fake.sendSlashCommand(url, { command, text, userId, channelId: CHANNEL });
  await fake.waitFor(
    () => fake.responsesFor(sent.responseId).length > 0,
    10_000,
    `the reply to ${command} ${text}`,
  );
  return { status: sent.status, reply: fake.responsesFor(sent.responseId)[0]!.body };
}

const articlePage = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Harbour bridge to reopen in March | Local Ledger</title>
<meta property="og:site_name" content="Local Ledger"></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>Harbour bridge to reopen in March &lt;!channel&gt;</h1>
<p class="byline">By Mara Lind</p>
<p>The harbour bridge will reopen to traffic on 3 March after repairs costing 48 million euros, the city transport department said on Monday.</p>
<p>About 35,000 vehicles crossed the bridge every day before it was closed in June, according to the department.</p>
<p>Deputy mayor Jonas Ek said the repairs had taken four months longer than planned because of corroded steel found under the deck.</p>
<p>Local businesses said the closure cut their takings by up to 20% over the summer, a survey by the chamber of commerce found.</p>
</article></main><footer>© Local Ledger</footer></body></html>`;

let pageServer: Server;
let pageBase: string;
const httpClient = createHttpClient({
  allowPrivateAddresses: true,
  timeoutMs: 5000,
  connectTimeoutMs: 2000,
  maxBytes: 1_000_000,
  maxRedirects: 3,
  concurrency: 4,
  perHostConcurrency: 2,
  userAgent: 'news-digest-test',
});

beforeAll(async () => {
  pageServer = createServer((req, res) => {
    if (req.url === '/news/harbour-bridge') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(articlePage);
    } else {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><body>Not found</body></html>');
    }
  });
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  pageBase = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => pageServer.close(() => resolve()));
});

beforeEach(async () => {
  clock = new Date('2026-11-27T08:00:00Z');
  fake = await startFakeSlack();
  fake.setUser({ id: 'U0MEMBER' });
  fake.setUser({ id: 'U0ADMIN', isAdmin: true });
  store = await openSqliteStore(':memory:');
  const platforms = new Map<PlatformName, ChatPlatform>();
  const deps = { store, platforms, now, logger: silentLogger };
  platform = createSlackPlatform(
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
  platforms.set('slack', platform);
  platform.onCommand(
    createCommandHandler({
      store,
      summariser,
      fetchArticlePage: (pageUrl) => fetchArticlePage(pageUrl, httpClient),
      runDigestNow: async (name, channelId) => {
        const result = await runChannelDigest(deps, name, channelId, { slot: 'now' });
        await deliverPending(deps);
        return { stories: result.stories };
      },
      now,
      logger: silentLogger,
      defaults: { feedIntervalMinutes: 30, timezone: 'UTC' },
    }),
  );
  await platform.start();
  url = platform.endpointUrl()!;
});

afterEach(async () => {
  await platform.stop();
  await store.close();
  await fake.close();
});

describe('Slack end to end', () => {
  it('acks /summary on a link at once and answers with a summary in blocks through the response URL', async () => {
    const sent = await fake.sendSlashCommand(url, {
      command: '/summary',
      text: `${pageBase}/news/harbour-bridge public`,
      userId: 'U0MEMBER',
      channelId: CHANNEL,
    });
    expect(sent.status).toBe(200);
    expect(sent.ackMs).toBeLessThan(3000);
    await fake.waitFor(() => fake.responsesFor(sent.responseId).length > 0, 10_000, 'the summary');
    const reply = fake.responsesFor(sent.responseId)[0]!.body;
    expect(reply.response_type).toBe('in_channel');
    const blocks = reply.blocks as { type: string; text?: { text: string } }[];
    expect(findBlockKitViolation(blocks)).toBeUndefined();
    const wire = JSON.stringify(blocks);
    expect(wire).toContain(`<${pageBase}/news/harbour-bridge|`);
    expect(wire).toContain('Harbour bridge');
    expect(wire).toContain('48 million');
    expect(wire).not.toContain('<!channel>');
    expect(String(reply.text)).toContain('Harbour bridge');

    const missing = await sendAndWait(`${pageBase}/news/nothing-here public`, 'U0MEMBER', '/summary');
    expect(missing.reply.response_type).toBe('ephemeral');
    expect(missing.reply.blocks).toBeDefined();
  });

  it('lets an admin change a channel setup and refuses a member', async () => {
    const member = await sendAndWait(`feeds add ${FEED}`, 'U0MEMBER');
    expect(member.status).toBe(200);
    expect(member.reply.response_type).toBe('ephemeral');
    expect(await store.subscriptions({ platform: 'slack', channelId: CHANNEL })).toEqual([]);

    const admin = await sendAndWait(`feeds add ${FEED}`, 'U0ADMIN');
    expect(admin.status).toBe(200);
    expect(await store.subscriptions({ platform: 'slack', channelId: CHANNEL })).toMatchObject([
      { feedUrl: FEED },
    ]);

    const schedule = await sendAndWait('digest schedule 0 8 * * 1-5 Europe/Paris', 'U0MEMBER');
    expect(schedule.reply.response_type).toBe('ephemeral');
    expect((await store.getChannel('slack', CHANNEL))?.cron).toBeUndefined();
  });

  it('sends a follower a DM when a matching article arrives', async () => {
    const followed = await sendAndWait('follow inflation', 'U0MEMBER');
    expect(followed.reply.response_type).toBe('ephemeral');
    expect(await store.listFollows({ platform: 'slack', userId: 'U0MEMBER' })).toMatchObject([
      { query: 'inflation', channelId: CHANNEL },
    ]);

    clock = new Date(clock.getTime() + 10 * 60_000);
    const items = [
      await addArticle(article(1, 'Inflation climbs to 4.5% as food prices jump', articleText('Inflation'))),
      await addArticle(article(2, 'Rainfall record in the north', articleText('Rainfall'))),
    ];
    await runAlerts({ store, now, logger: silentLogger }, items);
    const report = await deliverPending({
      store,
      platforms: new Map([['slack', platform]]),
      now,
      logger: silentLogger,
    });
    expect(report.failed).toEqual([]);

    const dms = fake.postsTo('DU0MEMBER');
    expect(dms).toHaveLength(1);
    const blocksText = JSON.stringify(dms[0]!.blocks);
    expect(blocksText).toContain('https://news.example/world/1');
    expect(blocksText).not.toContain('Rainfall record');
    expect(fake.callsOf('conversations.open').map((c) => c.params.users)).toEqual(['U0MEMBER']);
  });

  it('posts a digest within Block Kit limits with feed mentions neutralised, waiting out a 429', async () => {
    await sendAndWait(`feeds add ${FEED}`, 'U0ADMIN');
    clock = new Date(clock.getTime() + 10 * 60_000);
    const hostile = [
      '<!channel>',
      '<!here>',
      '<!everyone>',
      '<@U0ADMIN>',
      '<!subteam^S0DEVS|@devs>',
      '@here',
    ];
    for (let i = 0; i < 12; i += 1) {
      const mention = hostile[i % hostile.length]!;
      await addArticle(
        article(100 + i, `Story ${i} ${mention} on prices & <wages>`, articleText(`Prices ${mention} ${i}`)),
      );
    }
    clock = new Date(clock.getTime() + 60_000);
    fake.script('chat.postMessage', { kind: 'rate-limit', retryAfterSeconds: 1 });

    const started = performance.now();
    const digest = await sendAndWait('digest now', 'U0ADMIN');
    expect(digest.status).toBe(200);
    // WebClient paused for the whole Retry-After before trying again.
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(String(digest.reply.text)).toMatch(/Posted a digest of \d+ stor/);

    const posts = fake.postsTo(CHANNEL);
    expect(posts.length).toBeGreaterThan(0);
    expect(fake.callsOf('chat.postMessage').filter((c) => c.status === 429)).toHaveLength(1);
    // Exactly one Slack message per part: the 429 did not duplicate anything.
    const parts = posts.map(
      (p) => `${String(p.metadata?.event_payload.idempotency_key)}#${String(p.metadata?.event_payload.part)}`,
    );
    expect(new Set(parts).size).toBe(parts.length);
    for (const post of posts) {
      expect(findBlockKitViolation(post.blocks)).toBeUndefined();
      const wire = JSON.stringify(post.blocks) + (post.text ?? '');
      expect(wire.replace(/<!date\^[^>]*>/g, '')).not.toMatch(/<[!@]/);
      expect(wire).not.toMatch(/@(here|channel|everyone)\b/);
      expect(wire).toContain('&amp;');
    }
  });

  it('refuses requests with a bad signature or a five-minute-old timestamp', async () => {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const bad = await fake.sendSlashCommand(
      url,
      { command: '/news', text: `feeds add ${FEED}`, userId: 'U0ADMIN' },
      { badSignature: true },
    );
    const stale = await fake.sendSlashCommand(
      url,
      { command: '/news', text: `feeds add ${FEED}`, userId: 'U0ADMIN' },
      { timestampSeconds: nowSeconds - 5 * 60 - 1 },
    );
    expect([bad.status, stale.status]).toEqual([401, 401]);
    expect(await store.subscriptions()).toEqual([]);
    expect(fake.responses).toEqual([]);
  });
});
