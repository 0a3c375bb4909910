/**
 * `digest now` wired the way the bot wires it: the real digest job posting through the console
 * platform, over the SQLite store.
 */
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsolePlatform } from '../../adapters/console/console-platform.js';
import { runChannelDigest } from '../../src/digest/run-digest.js';
import type { ChatPlatform } from '../../src/ports.js';
import type { PlatformName } from '../../src/model.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite-store.js';
import { silentLogger } from '../../src/log.js';
import {
  createCommandTestKit,
  makeArticle,
  replyToText,
  T0,
  type CommandTestKit,
} from './command-test-kit.js';

describe('digest now end to end', () => {
  let kit: CommandTestKit | undefined;
  let store: SqliteStore | undefined;
  afterEach(async () => {
    await kit?.close();
  });

  it('posts the new items of the channel once, then says nothing is new', async () => {
    store = await openSqliteStore(':memory:');
    const console = createConsolePlatform({ out: new PassThrough() });
    const platforms = new Map<PlatformName, ChatPlatform>([['console', console]]);
    const clock = { now: T0 };
    const now = () => clock.now;
    kit = await createCommandTestKit({
      store,
      runDigestNow: async (platform, channelId) => {
        const result = await runChannelDigest(
          { store: store!, platforms, now, logger: silentLogger },
          platform,
          channelId,
          {
            slot: 'now',
          },
        );
        return { stories: result.stories };
      },
    });
    const feed = 'https://news.example/feed.xml';
    const added = await kit.handler.handle(
      kit.request('feeds', `add ${feed}`, { platform: 'console', channelId: 'console' }),
    );
    expect(replyToText(added)).toMatch(/^Added/u);
    await store.upsertArticle(
      makeArticle({ id: 'one', feedUrl: feed, title: 'Parliament passes the budget' }),
      T0,
    );
    await store.upsertArticle(makeArticle({ id: 'two', feedUrl: feed, title: 'Storm closes the port' }), T0);

    const reply = await kit.handler.handle(
      kit.request('digest', 'now', { platform: 'console', channelId: 'console' }),
    );
    expect(replyToText(reply)).toBe('Posted a digest of 2 stories.');
    expect(console.posts).toHaveLength(1);
    expect(console.posts[0]?.target).toEqual({ kind: 'channel', channelId: 'console' });
    expect(console.posts[0]?.message.cards.map((c) => c.title).sort()).toEqual([
      'Parliament passes the budget',
      'Storm closes the port',
    ]);

    clock.now = new Date(T0.getTime() + 60_000);
    const again = await kit.handler.handle(
      kit.request('digest', 'now', { platform: 'console', channelId: 'console' }),
    );
    expect(replyToText(again)).toBe('Nothing new since the last digest: the channel was told so.');
    expect(console.posts.flatMap((p) => p.message.cards)).toHaveLength(2);
  });
});
