import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsolePlatform, parseCommandLine } from '../../adapters/console/console-platform.js';
import { createCommandHandler } from '../../src/commands/create-command-handler.js';
import { runChannelDigest } from '../../src/digest/run-digest.js';
import { createExtractiveSummariser } from '../../src/summarise/extractive-summariser.js';
import type { PlatformName } from '../../src/model.js';
import type { ChatPlatform, Store } from '../../src/ports.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { createManualClock, createRecordingLogger } from '../delivery/delivery-test-kit.js';
import { addChannelWithFeeds, storeArticle } from '../digest/fixtures/seed-store.js';
import { makeArticle, makeFigure, makeSummary } from '../digest/fixtures/stored-items.js';

function collect(stream: PassThrough): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return () => text;
}

/** Resolves once `read()` contains `needle` (checked as output arrives, no fixed sleeps). */
async function waitFor(read: () => string, needle: string, stream: PassThrough): Promise<void> {
  if (read().includes(needle)) return;
  await new Promise<void>((resolve) => {
    const check = () => {
      if (read().includes(needle)) {
        stream.off('data', check);
        resolve();
      }
    };
    stream.on('data', check);
  });
}

let store: Store;
const clock = createManualClock('2026-11-27T07:00:00Z');
beforeEach(async () => {
  store = await openSqliteStore(':memory:');
});
afterEach(async () => store.close());

describe('console platform', () => {
  it('prints a stored digest as readable text and records the post', async () => {
    const out = new PassThrough();
    const read = collect(out);
    const platform = createConsolePlatform({ out });
    await addChannelWithFeeds(
      store,
      { platform: 'console', channelId: 'terminal', digestCursor: 0 },
      ['https://wire.example/rss'],
      clock.now(),
    );
    const title = 'Central bank raises rates to 4.5%';
    await storeArticle(
      store,
      makeArticle({ id: 'a1', feedUrl: 'https://wire.example/rss', title, source: { name: 'Wire' } }),
      '2026-11-27T06:30:00Z',
      makeSummary(title, 'The central bank raised its main rate to 4.5%, its governor said.', {
        figures: [makeFigure('4.5%', 4.5, 'main interest rate', { unit: '%' })],
        claims: [{ text: 'Inflation will fall next year.', attribution: 'the governor', sentence: 1 }],
      }),
    );
    const deps = {
      store,
      platforms: new Map<PlatformName, ChatPlatform>([['console', platform]]),
      now: clock.now,
      logger: createRecordingLogger(),
    };
    await runChannelDigest(deps, 'console', 'terminal', { slot: new Date('2026-11-27T07:00:00Z') });
    const text = read();
    expect(text).toContain('--- #terminal ---');
    expect(text).toContain('== News digest for Friday 27 November: 1 story from 1 source ==');
    expect(text).toContain('* Central bank raises rates to 4.5%');
    expect(text).toContain('   https://news.example/a1');
    expect(text).toContain('Key figures:');
    expect(text).toContain('• 4.5% — main interest rate');
    expect(text).toContain('• Inflation will fall next year. (the governor)');
    expect(platform.posts).toHaveLength(1);
    expect(platform.posts[0]!.idempotencyKey).toBe('digest:console:terminal:2026-11-27T07:00:00.000Z');
  });

  it('prints a repeated idempotency key only once', async () => {
    const out = new PassThrough();
    const read = collect(out);
    const platform = createConsolePlatform({ out });
    const target = { kind: 'channel', channelId: 'terminal' } as const;
    const first = await platform.post(target, { text: 'hello', cards: [] }, { idempotencyKey: 'k' });
    const second = await platform.post(target, { text: 'hello', cards: [] }, { idempotencyKey: 'k' });
    expect(second).toBe(first);
    expect(read().match(/hello/g)).toHaveLength(1);
  });

  it('removes terminal control sequences from feed text', async () => {
    const out = new PassThrough();
    const read = collect(out);
    const platform = createConsolePlatform({ out });
    await platform.post(
      { kind: 'channel', channelId: 'c' },
      { cards: [{ title: 'Bad\u001b[2Jtitle\u0007', fields: [] }] },
      { idempotencyKey: 'x' },
    );
    expect(read()).toContain('Bad[2Jtitle');
    expect(read()).not.toContain('\u001b');
  });

  it('answers commands typed on its input through the command handler', async () => {
    const out = new PassThrough();
    const input = new PassThrough();
    const read = collect(out);
    const platform = createConsolePlatform({ out, in: input, channelId: 'terminal' });
    platform.onCommand(
      createCommandHandler({
        store,
        summariser: createExtractiveSummariser(),
        fetchArticlePage: async (url) => {
          throw new Error(`no network in this test (${url})`);
        },
        runDigestNow: async () => ({ stories: 0 }),
        now: clock.now,
        logger: createRecordingLogger(),
        defaults: { feedIntervalMinutes: 30, timezone: 'UTC' },
      }),
    );
    await platform.start();
    input.write('/help\n');
    await waitFor(read, '/digest', out);
    input.write('/digest schedule * * * * * UTC\n');
    await waitFor(read, '15 minutes', out);
    await platform.stop();
    expect(read()).toMatch(/summary/);
    expect((await store.getChannel('console', 'terminal'))?.cron).toBeUndefined();
  });

  it('splits a typed line into command, subcommand and text', () => {
    const context = { channelId: 'terminal', userId: 'me' };
    expect(parseCommandLine('/digest schedule 0 8 * * 1-5 Europe/Paris', context)).toMatchObject({
      name: 'digest',
      subcommand: 'schedule',
      text: '0 8 * * 1-5 Europe/Paris',
      platform: 'console',
      userCanManageChannel: true,
    });
    expect(parseCommandLine('/summary central bank rates', context)).toMatchObject({
      name: 'summary',
      text: 'central bank rates',
    });
    expect(parseCommandLine('/summary central bank rates', context)?.subcommand).toBeUndefined();
    expect(parseCommandLine('not a command', context)).toBeUndefined();
  });
});

describe('console text from hostile feeds', () => {
  it('cannot forge a post header or a heading with line breaks', async () => {
    const out = new PassThrough();
    let printed = '';
    out.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const platform = createConsolePlatform({ out });
    await platform.post(
      { kind: 'channel', channelId: 'news' },
      {
        title: 'Real title\n--- #general ---',
        text: 'intro\n--- #general ---\nfake\n== fake heading ==',
        cards: [{ title: 'Card\n--- #x ---', fields: [], footer: 'foot\n== x ==' }],
      },
      { idempotencyKey: 'k' },
    );
    const headerLines = printed.split('\n').filter((line) => line.startsWith('---'));
    expect(headerLines).toEqual(['--- #news ---']);
    expect(printed.split('\n').filter((line) => line.startsWith('=='))).toEqual([
      '== Real title --- #general --- ==',
    ]);
  });
});
