/**
 * One poll cycle, in order: fetch the due feeds, summarise what is new, post live cards, match
 * alerts, send feed-health notices, record digests whose slot has come, and deliver everything
 * pending. Each step is an edge: its failure is logged and reported, and the later steps still run
 * (a broken alert rule must not stop deliveries).
 */
import { runAlerts, type AlertReport } from '../alerts/run-alerts.js';
import { deliverPending, type DeliveryReport } from '../delivery/deliver-pending.js';
import { runLiveCards, type LiveReport } from '../digest/run-live-cards.js';
import type { DigestResult } from '../digest/run-digest.js';
import { runFetchCycle, type FetchCycleReport } from '../feeds/fetch-cycle.js';
import type { StoredItem } from '../ports.js';
import type { BotDeps } from './bot-deps.js';
import { runDueDigests } from './run-due-digests.js';
import { runFeedHealthNotices, type FeedHealthReport } from './run-feed-health-notices.js';

export interface PollReport {
  readonly fetch?: FetchCycleReport;
  readonly summarised: number;
  readonly live?: LiveReport;
  readonly alerts?: AlertReport;
  readonly health?: FeedHealthReport;
  readonly digests: readonly DigestResult[];
  readonly delivery?: DeliveryReport;
  /** Steps that failed, with their error message. */
  readonly errors: ReadonlyArray<{ readonly step: string; readonly error: string }>;
}

export async function runPollCycle(
  deps: BotDeps,
  options: { readonly notBefore?: Date } = {},
): Promise<PollReport> {
  const errors: Array<{ step: string; error: string }> = [];
  const step = async <T>(name: string, job: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await job();
    } catch (err) {
      deps.logger.error({ job: name, err }, `poll step ${name} failed`);
      errors.push({ step: name, error: err instanceof Error ? err.message : String(err) });
      return undefined;
    }
  };
  const before = (await step('list-feeds', () => deps.store.listFeeds())) ?? [];
  const fetch = await step('fetch', () =>
    runFetchCycle({ store: deps.store, client: deps.client, now: deps.now, logger: deps.logger }),
  );
  const fresh =
    (await step('summarise', () => summariseNewItems(deps, fetch?.newItems ?? []))) ?? fetch?.newItems ?? [];
  const live = await step('live', () => runLiveCards(deps, fresh));
  const alerts = await step('alerts', () => runAlerts(deps, fresh));
  const health = await step('feed-health', () => runFeedHealthNotices(deps, { before }));
  const digests = (await step('digests', () => runDueDigests(deps, options))) ?? [];
  const delivery = await step('deliver', () => deliverPending(deps));
  return {
    ...(fetch ? { fetch } : {}),
    summarised: fresh.filter((item) => item.summary).length,
    ...(live ? { live } : {}),
    ...(alerts ? { alerts } : {}),
    ...(health ? { health } : {}),
    digests,
    ...(delivery ? { delivery } : {}),
    errors,
  };
}

/**
 * Summarises items that have no summary yet and stores it. One article the summariser cannot
 * handle keeps its teaser and is logged; the others go on.
 */
export async function summariseNewItems(
  deps: Pick<BotDeps, 'store' | 'summariser' | 'logger'>,
  items: readonly StoredItem[],
): Promise<StoredItem[]> {
  const out: StoredItem[] = [];
  for (const item of items) {
    if (item.summary) {
      out.push(item);
      continue;
    }
    const { article } = item;
    try {
      const summary = await deps.summariser.summarise({
        text: article.content || article.summary || article.title,
        title: article.title,
        ...(article.url === undefined ? {} : { url: article.url }),
        publishedAt: article.publishedAt,
        ...(article.language === undefined ? {} : { language: article.language }),
        ...(article.author === undefined ? {} : { author: article.author }),
      });
      await deps.store.saveSummary(article.id, summary);
      out.push({ ...item, summary });
    } catch (err) {
      deps.logger.warn(
        { job: 'summarise', articleId: article.id, feedUrl: article.feedUrl, err },
        'summarising an article failed; it keeps its teaser',
      );
      out.push(item);
    }
  }
  return out;
}
