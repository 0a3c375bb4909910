/**
 * `news-digest feeds …`: the feed list and its health (list, add, remove), a check of what the
 * bot sees in a feed (test), and OPML import and export.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { checkFeed, type FeedCheck } from '../feeds/check-feed.js';
import { OpmlError, parseOpmlFeeds } from '../feeds/parse-opml-feeds.js';
import { maxItemsPerFeed } from '../feeds/parse-feed.js';
import { renderOpml } from '../feeds/render-opml.js';
import { syncSettingsToStore } from '../store/sync-settings.js';
import { assertUrlAllowed, NetworkPolicyError } from '../net/address-policy.js';
import { createHttpClient } from '../net/http-client.js';
import type { FeedRecord, Store } from '../ports.js';
import type { Settings } from '../settings.js';
import { ExitCode, UsageError, type CliRuntime } from './cli-runtime.js';

const defaultIntervalMinutes = 30;

export type FeedHealth = 'ok' | 'failing' | 'paused' | 'never fetched';

export function describeFeedHealth(feed: FeedRecord): FeedHealth {
  if (feed.paused) return 'paused';
  if (feed.failureCount > 0) return 'failing';
  if (feed.lastFetchAt === undefined) return 'never fetched';
  return 'ok';
}

function formatFeedList(feeds: readonly FeedRecord[]): string {
  if (feeds.length === 0) return 'No feeds. Add one with: news-digest feeds add <url>\n';
  const blocks = feeds.map((feed) => {
    const health = describeFeedHealth(feed);
    const name = feed.name ?? feed.title;
    const lines = [`${feed.url}${name === undefined ? '' : `  (${name})`}`];
    let state = `  ${health}, every ${feed.intervalMinutes} min`;
    if (feed.lastOkAt !== undefined) state += `; last ok ${feed.lastOkAt}`;
    if (feed.nextFetchAt !== undefined && !feed.paused) state += `; next fetch ${feed.nextFetchAt}`;
    lines.push(state);
    if (feed.failureCount > 0) {
      lines.push(
        `  failing since ${feed.failingSince ?? '?'} (${feed.failureCount} failures): ${feed.lastError ?? 'unknown error'}`,
      );
    }
    return lines.join('\n');
  });
  return `${blocks.join('\n')}\n`;
}

function formatFeedListJson(feeds: readonly FeedRecord[]): string {
  const rows = feeds.map((feed) => ({
    url: feed.url,
    name: feed.name ?? null,
    title: feed.title ?? null,
    siteUrl: feed.siteUrl ?? null,
    intervalMinutes: feed.intervalMinutes,
    health: describeFeedHealth(feed),
    lastFetchAt: feed.lastFetchAt ?? null,
    lastOkAt: feed.lastOkAt ?? null,
    nextFetchAt: feed.nextFetchAt ?? null,
    failureCount: feed.failureCount,
    failingSince: feed.failingSince ?? null,
    lastError: feed.lastError ?? null,
    paused: feed.paused,
  }));
  return `${JSON.stringify({ feeds: rows }, null, 2)}\n`;
}

function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}\u2026` : flat;
}

function countEntries(count: number): string {
  return count === 1 ? '1 entry' : `${count} entries`;
}

export function formatFeedCheck(check: FeedCheck): string {
  if (check.error !== undefined) return `${check.source}\n  error: ${check.error}\n`;
  const lines = [
    `${check.source}`,
    `  feed: ${check.feed.title ?? '(untitled)'}${check.feed.link === null ? '' : ` <${check.feed.link}>`}`,
    `  format: ${check.format ?? '?'}, encoding: ${check.encoding ?? '?'}, ${countEntries(check.articles.length)}`,
  ];
  if (check.note !== undefined) lines.push(`  note: ${check.note}`);
  check.articles.forEach((article, index) => {
    lines.push(`  ${index + 1}. ${article.title}`);
    lines.push(
      `     ${article.url ?? '(no link)'}${article.urlIsShared === true ? '  (shared by other entries: not used to recognise this one)' : ''}`,
    );
    const published = article.publishedIsGuess
      ? `date unknown (no usable date in the feed; first seen ${article.published})`
      : `published ${article.published}`;
    lines.push(
      `     ${published}${article.author === undefined ? '' : ` by ${article.author}`}; id ${article.id}`,
    );
    const text = article.content ?? article.summary;
    if (text !== undefined) lines.push(`     ${excerpt(text, 160)}`);
  });
  return `${lines.join('\n')}\n`;
}

function parseInterval(value: string | undefined): number {
  if (value === undefined) return defaultIntervalMinutes;
  const minutes = Number(value);
  if (!Number.isInteger(minutes) || minutes < 5 || minutes > 1440) {
    throw new UsageError(
      `feeds add: --interval must be a whole number of minutes between 5 and 1440, not "${value}"`,
    );
  }
  return minutes;
}

function checkFeedUrl(raw: string, settings: Settings): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(
      `"${raw}" is not a URL; give the full feed address, e.g. https://example.com/feed.xml`,
    );
  }
  try {
    assertUrlAllowed(url, settings.network.allowPrivateAddresses);
  } catch (error) {
    if (error instanceof NetworkPolicyError) throw new UsageError(error.message);
    throw error;
  }
  return url.href;
}

async function withStore<T>(
  runtime: CliRuntime,
  job: (store: Store, settings: Settings) => Promise<T>,
): Promise<T> {
  const settings = await runtime.settings();
  const store = await runtime.openStore(settings);
  try {
    // The configuration file's feeds are part of the list from the start, not after a first fetch.
    await syncSettingsToStore(store, settings, runtime.now());
    return await job(store, settings);
  } finally {
    await store.close();
  }
}

export function registerFeedsCommand(program: Command, runtime: CliRuntime): void {
  const feeds = program
    .command('feeds')
    .description('manage the feed list, check feeds, import and export OPML');
  const { stdout } = runtime.io;

  feeds
    .command('list')
    .description('list the feeds with their health (ok, failing since, last error, paused)')
    .option('--json', 'print the list as JSON')
    .action(async (flags: { json?: boolean }) => {
      await withStore(runtime, async (store) => {
        const list = await store.listFeeds();
        stdout.write(flags.json === true ? formatFeedListJson(list) : formatFeedList(list));
      });
      process.exitCode = ExitCode.ok;
    });

  feeds
    .command('add <url>')
    .description('add a feed to the list (or update its name and interval)')
    .option('--name <name>', 'a name to show instead of the feed title')
    .option('--interval <minutes>', `minutes between fetches (default ${defaultIntervalMinutes})`)
    .action(async (rawUrl: string, flags: { name?: string; interval?: string }) => {
      const intervalMinutes = parseInterval(flags.interval);
      await withStore(runtime, async (store, settings) => {
        const url = checkFeedUrl(rawUrl, settings);
        const existed = (await store.getFeed(url)) !== undefined;
        await store.addFeed(
          { url, intervalMinutes, ...(flags.name === undefined ? {} : { name: flags.name }) },
          runtime.now(),
        );
        stdout.write(`${existed ? 'Updated' : 'Added'} ${url} (every ${intervalMinutes} min)\n`);
      });
      process.exitCode = ExitCode.ok;
    });

  feeds
    .command('remove <url>')
    .description('remove a feed from the list (its stored items stay)')
    .action(async (url: string) => {
      const settings = await runtime.settings();
      if (settings.feeds.some((feed) => feed.url === url)) {
        // Removing it from the store alone would be undone at the next start.
        throw new UsageError(`${url} comes from the configuration file: remove it there instead`);
      }
      const removed = await withStore(runtime, (store) => store.removeFeed(url));
      if (removed) stdout.write(`Removed ${url}\n`);
      else runtime.io.stderr.write(`${url} is not in the feed list (see: news-digest feeds list)\n`);
      process.exitCode = removed ? ExitCode.ok : ExitCode.failure;
    });

  feeds
    .command('test <source...>')
    .description(
      `show what the bot sees in feeds (URLs or files), storing nothing; at most ${maxItemsPerFeed} entries per feed (exit 1 if any fails)`,
    )
    .option('--json', 'print { "feeds": [ { source, format, encoding, feed, articles, error? } ] }')
    .action(async (sources: string[], flags: { json?: boolean }) => {
      const settings = await runtime.settings();
      const client = createHttpClient(settings.network);
      try {
        const checks: FeedCheck[] = [];
        for (const source of sources) {
          checks.push(
            await checkFeed(source, { client, now: runtime.now(), readFile: (path) => readFile(path) }),
          );
        }
        stdout.write(
          flags.json === true
            ? `${JSON.stringify({ feeds: checks }, null, 2)}\n`
            : checks.map(formatFeedCheck).join('\n'),
        );
        process.exitCode = checks.some((check) => check.error !== undefined) ? ExitCode.failure : ExitCode.ok;
      } finally {
        await client.close();
      }
    });

  feeds
    .command('import <file>')
    .description('add every feed of an OPML file (folders are flattened)')
    .option(
      '--interval <minutes>',
      `minutes between fetches for the imported feeds (default ${defaultIntervalMinutes})`,
    )
    .action(async (file: string, flags: { interval?: string }) => {
      const intervalMinutes = parseInterval(flags.interval);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new UsageError(`feeds import: cannot read ${file}: ${(error as Error).message}`);
      }
      let entries;
      try {
        entries = parseOpmlFeeds(text);
      } catch (error) {
        if (error instanceof OpmlError) throw new UsageError(`feeds import: ${file}: ${error.message}`);
        throw error;
      }
      const summary = await withStore(runtime, async (store, settings) => {
        let added = 0;
        let present = 0;
        const skipped: string[] = [];
        for (const entry of entries) {
          let url: string;
          try {
            url = checkFeedUrl(entry.url, settings);
          } catch (error) {
            skipped.push(`${entry.url}: ${(error as Error).message}`);
            continue;
          }
          if ((await store.getFeed(url)) !== undefined) {
            present += 1;
            continue;
          }
          await store.addFeed(
            { url, intervalMinutes, ...(entry.name === undefined ? {} : { name: entry.name }) },
            runtime.now(),
          );
          added += 1;
        }
        return { added, present, skipped };
      });
      stdout.write(`Imported ${summary.added} feeds from ${file}; ${summary.present} already in the list\n`);
      for (const line of summary.skipped) runtime.io.stderr.write(`skipped ${line}\n`);
      process.exitCode = ExitCode.ok;
    });

  feeds
    .command('export')
    .description('print the feed list as OPML')
    .action(async () => {
      const xml = await withStore(runtime, async (store) =>
        renderOpml(await store.listFeeds(), runtime.now()),
      );
      stdout.write(xml.endsWith('\n') ? xml : `${xml}\n`);
      process.exitCode = ExitCode.ok;
    });
}
