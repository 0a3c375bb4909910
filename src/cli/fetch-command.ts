/**
 * `news-digest fetch [--json] [--feed URL…] [--due]`: one fetch cycle over the configured feeds,
 * then one line per feed (new items, not modified, or failed with the reason). Progress goes to
 * stderr when it is a terminal. Exit code 1 only when every feed failed.
 */
import { demoteWarnings } from './demote-warnings.js';
import type { Command } from 'commander';
import { runFetchCycle, type FetchCycleReport } from '../feeds/fetch-cycle.js';
import { maxItemsPerFeed } from '../feeds/parse-feed.js';
import { createHttpClient } from '../net/http-client.js';
import { syncSettingsToStore } from '../store/sync-settings.js';
import { ExitCode, type CliRuntime } from './cli-runtime.js';

/** The `--json` document: these keys per feed, plus `entries` and `note` for feeds over the item cap. */
export function formatFetchJson(report: FetchCycleReport): string {
  const feeds = report.feeds.map((feed) => ({
    url: feed.url,
    status: feed.status,
    items: feed.items,
    newItems: feed.newItems,
    ...(feed.error === undefined ? {} : { error: feed.error }),
    ...(feed.entries === undefined ? {} : { entries: feed.entries }),
    ...(feed.note === undefined ? {} : { note: feed.note }),
  }));
  return `${JSON.stringify({ feeds }, null, 2)}\n`;
}

export function formatFetchText(report: FetchCycleReport): string {
  const lines = report.feeds.map((feed) => {
    switch (feed.status) {
      case 'ok':
        return `ok            ${feed.url}  ${feed.items} ${feed.items === 1 ? 'item' : 'items'}, ${feed.newItems} new${feed.note === undefined ? '' : `; ${feed.note}`}`;
      case 'not-modified':
        return `not modified  ${feed.url}`;
      case 'failed':
        return `failed        ${feed.url}  ${feed.error ?? 'unknown error'}`;
    }
  });
  const count = (status: string): number => report.feeds.filter((feed) => feed.status === status).length;
  lines.push(
    `${report.feeds.length} feeds: ${count('ok')} ok, ${count('not-modified')} not modified, ${count('failed')} failed; ${report.newItems.length} new items`,
  );
  return `${lines.join('\n')}\n`;
}

export function registerFetchCommand(program: Command, runtime: CliRuntime): void {
  program
    .command('fetch')
    .description(
      `fetch the feeds once, store new items and print per-feed results (at most ${maxItemsPerFeed} entries per feed; exit 1 when every feed failed)`,
    )
    .option('--json', 'print { "feeds": [ { url, status, items, newItems, error? } ] }')
    .option('--feed <url...>', 'fetch only these feeds (they must be in the feed list)')
    .option('--due', 'fetch only feeds whose next fetch time has come, as the scheduler does')
    .action(async (flags: { json?: boolean; feed?: string[]; due?: boolean }) => {
      const settings = await runtime.settings();
      const logger = runtime.logger(settings);
      const store = await runtime.openStore(settings);
      const client = createHttpClient(settings.network);
      const { stderr, stdout } = runtime.io;
      try {
        await syncSettingsToStore(store, settings, runtime.now());
        const feedUrls =
          flags.feed ??
          (flags.due === true
            ? undefined
            : (await store.listFeeds()).filter((f) => !f.paused).map((f) => f.url));
        let lastDrawn = 0;
        const onProgress =
          stderr.isTTY === true && flags.json !== true
            ? (done: number, total: number): void => {
                if (done !== total && done - lastDrawn < Math.max(1, Math.floor(total / 100))) return;
                lastDrawn = done;
                stderr.write(`\rfetching feeds: ${done}/${total}${done === total ? '\n' : ''}`);
              }
            : undefined;
        // Every failed feed gets a line in the report printed below; logging it as a warning too
        // would show each failure twice.
        const cycleLogger = demoteWarnings(logger);
        const report = await runFetchCycle(
          {
            store,
            client,
            now: runtime.now,
            logger: cycleLogger,
            ...(onProgress === undefined ? {} : { onProgress }),
          },
          feedUrls === undefined ? {} : { feedUrls },
        );
        stdout.write(flags.json === true ? formatFetchJson(report) : formatFetchText(report));
        const allFailed = report.feeds.length > 0 && report.feeds.every((feed) => feed.status === 'failed');
        process.exitCode = allFailed ? ExitCode.failure : ExitCode.ok;
      } finally {
        await client.close();
        await store.close();
      }
    });
}
