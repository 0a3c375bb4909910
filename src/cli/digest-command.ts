/**
 * `news-digest digest --once [--json]`: one fetch cycle, then the digest every configured channel
 * would get now (items since its last digest), printed to the terminal. With no channel
 * configured, one digest of every configured feed's items of the last 24 hours.
 *
 * It is a preview: nothing is posted to Discord or Slack and no channel's digest cursor moves, so
 * the scheduled digests still cover these items.
 */
import { demoteWarnings } from './demote-warnings.js';
import type { Command } from 'commander';
import { buildDigest } from '../digest/build-digest.js';
import { loadSourceNames } from '../digest/load-source-names.js';
import { renderDigest } from '../digest/render-digest.js';
import { renderMessageText } from '../digest/render-message-text.js';
import { selectChannelItems } from '../digest/select-channel-items.js';
import { runFetchCycle, type FetchCycleReport } from '../feeds/fetch-cycle.js';
import type { Message, PlatformName } from '../model.js';
import { createHttpClient } from '../net/http-client.js';
import type { Logger, Store, StoredItem, Summariser } from '../ports.js';
import { summariseNewItems } from '../scheduler/run-poll-cycle.js';
import type { Settings } from '../settings.js';
import { syncSettingsToStore } from '../store/sync-settings.js';
import { createExtractiveSummariser } from '../summarise/extractive-summariser.js';
import { ExitCode, UsageError, type CliRuntime } from './cli-runtime.js';

export interface ChannelDigestPreview {
  readonly platform?: PlatformName;
  readonly channelId?: string;
  readonly items: number;
  readonly stories: number;
  readonly message: Message;
}

const dayMs = 86_400_000;
/** Items looked at for the all-feeds digest. */
const allFeedsItemLimit = 2000;
const defaultMaxStories = 10;

export function registerDigestCommand(program: Command, runtime: CliRuntime): void {
  program
    .command('digest')
    .description('fetch the feeds once and print the digest each configured channel would get now')
    .option('--once', 'run one fetch cycle and print the digests, then exit (the only mode so far)')
    .option('--no-fetch', 'skip the fetch cycle and use what is stored')
    .option('--json', 'print the fetch report and the digests as JSON')
    .action(async (flags: { once?: boolean; fetch: boolean; json?: boolean }) => {
      if (!flags.once) {
        throw new UsageError(
          'digest: add --once (fetch once and print the digests); scheduled digests run under `serve`',
        );
      }
      const settings = await runtime.settings();
      // Failed feeds are listed once below; their cycle warnings would repeat each of them.
      const logger = flags.json ? runtime.logger(settings) : demoteWarnings(runtime.logger(settings));
      const store = await runtime.openStore(settings);
      try {
        const result = await runDigestOnce(
          { store, logger, settings, now: runtime.now, summariser: createExtractiveSummariser() },
          { fetch: flags.fetch },
        );
        if (flags.json) {
          // The fetched articles themselves are in the digests; the report keeps the per-feed lines.
          const report = {
            ...(result.fetch ? { fetch: { feeds: result.fetch.feeds } } : {}),
            digests: result.digests,
          };
          runtime.io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        } else {
          for (const failed of result.fetch?.feeds.filter((feed) => feed.status === 'failed') ?? []) {
            runtime.io.stderr.write(`warning: ${failed.url}: ${failed.error ?? 'fetch failed'}\n`);
          }
          const fetched = result.fetch?.feeds ?? [];
          const nothingFetched = fetched.length > 0 && fetched.every((feed) => feed.status === 'failed');
          const stories = result.digests.reduce((sum, digest) => sum + digest.stories, 0);
          // "Nothing new since the last digest" would mislead when no feed could be read at all.
          const text =
            nothingFetched && stories === 0
              ? `No digest: all ${fetched.length} feeds failed to fetch (see above); check the network, or a feed with: news-digest feeds test <url>\n`
              : result.digests
                  .map((digest) => {
                    const heading =
                      digest.channelId === undefined ? '' : `# ${digest.platform}:${digest.channelId}\n`;
                    return `${heading}${renderMessageText(digest.message)}`;
                  })
                  .join('\n');
          runtime.io.stdout.write(text);
        }
        const feeds = result.fetch?.feeds ?? [];
        process.exitCode =
          feeds.length > 0 && feeds.every((feed) => feed.status === 'failed')
            ? ExitCode.failure
            : ExitCode.ok;
      } finally {
        await store.close();
      }
    });
}

export interface DigestOnceDeps {
  readonly store: Store;
  readonly logger: Logger;
  readonly settings: Settings;
  readonly now: () => Date;
  readonly summariser: Summariser;
}

export async function runDigestOnce(
  deps: DigestOnceDeps,
  options: { readonly fetch?: boolean } = {},
): Promise<{ fetch?: FetchCycleReport; digests: ChannelDigestPreview[] }> {
  const { store, settings, logger } = deps;
  await syncSettingsToStore(store, settings, deps.now());
  let fetch: FetchCycleReport | undefined;
  if (options.fetch !== false) {
    const wanted = new Set(settings.feeds.map((feed) => feed.url));
    for (const channel of settings.channels) {
      for (const subscription of await store.subscriptions({
        platform: channel.platform,
        channelId: channel.id,
      })) {
        wanted.add(subscription.feedUrl);
      }
    }
    const active = (await store.listFeeds())
      .filter((feed) => wanted.has(feed.url) && !feed.paused)
      .map((feed) => feed.url);
    const client = createHttpClient(settings.network);
    fetch = await runFetchCycle({ store, client, now: deps.now, logger }, { feedUrls: active });
  }
  const digests: ChannelDigestPreview[] = [];
  const now = deps.now();
  if (settings.channels.length === 0) {
    const feedUrls = new Set(settings.feeds.map((feed) => feed.url));
    const recent = (await store.recentItems(new Date(now.getTime() - dayMs), allFeedsItemLimit))
      .filter((item) => item.feedUrls.some((url) => feedUrls.has(url)) || feedUrls.has(item.article.feedUrl))
      .reverse();
    digests.push(await previewDigest(deps, recent, defaultMaxStories, now));
    return { ...(fetch ? { fetch } : {}), digests };
  }
  for (const configured of settings.channels) {
    const channel = await store.getChannel(configured.platform, configured.id);
    if (!channel) continue;
    const { items } = await selectChannelItems(deps, channel, { upTo: now });
    const preview = await previewDigest(deps, items, channel.maxStories, now);
    digests.push({ platform: channel.platform, channelId: channel.channelId, ...preview });
  }
  return { ...(fetch ? { fetch } : {}), digests };
}

async function previewDigest(
  deps: DigestOnceDeps,
  items: readonly StoredItem[],
  maxStories: number,
  now: Date,
): Promise<ChannelDigestPreview> {
  const summarised = await summariseNewItems(deps, items);
  const digest = buildDigest(summarised, { now, maxStories, sourceNames: await loadSourceNames(deps.store) });
  return { items: digest.itemCount, stories: digest.stories.length, message: renderDigest(digest) };
}
