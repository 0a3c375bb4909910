/**
 * Brings the store in line with the configuration file at start-up: configured feeds, channels,
 * subscriptions and follows are added or updated. Feeds, channels and follows added at run time
 * through slash commands are left alone; nothing stored is deleted.
 */
import type { Store } from '../ports.js';
import type { Settings } from '../settings.js';

export interface SyncReport {
  readonly feeds: number;
  readonly channels: number;
  readonly subscriptions: number;
  readonly followsAdded: number;
}

export async function syncSettingsToStore(store: Store, settings: Settings, now: Date): Promise<SyncReport> {
  for (const feed of settings.feeds) {
    await store.addFeed(
      { url: feed.url, intervalMinutes: feed.intervalMinutes, ...(feed.name && { name: feed.name }) },
      now,
    );
  }
  let subscriptions = 0;
  for (const channel of settings.channels) {
    await store.saveChannel({
      platform: channel.platform,
      channelId: channel.id,
      mode: channel.mode,
      cron: channel.schedule?.cron,
      timezone: channel.schedule?.timezone ?? 'UTC',
      maxStories: channel.maxStories,
      liveHourlyCap: channel.liveHourlyCap,
      quietWhenEmpty: channel.quietWhenEmpty,
    });
    const feedUrls = channel.feeds === 'all' ? settings.feeds.map((f) => f.url) : channel.feeds;
    for (const feedUrl of feedUrls) {
      await store.subscribe({
        platform: channel.platform,
        channelId: channel.id,
        feedUrl,
        ...(channel.filter && { filter: channel.filter }),
      });
      subscriptions += 1;
    }
  }
  let followsAdded = 0;
  for (const follow of settings.follows) {
    const existing = await store.listFollows({
      platform: follow.platform,
      channelId: follow.channelId,
      ...(follow.userId && { userId: follow.userId }),
    });
    if (existing.some((f) => f.query === follow.query && f.userId === follow.userId)) continue;
    await store.addFollow(
      {
        platform: follow.platform,
        channelId: follow.channelId,
        query: follow.query,
        feedUrls: follow.feeds,
        ...(follow.userId && { userId: follow.userId }),
      },
      now,
    );
    followsAdded += 1;
  }
  return { feeds: settings.feeds.length, channels: settings.channels.length, subscriptions, followsAdded };
}
