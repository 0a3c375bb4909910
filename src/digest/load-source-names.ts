import type { Store } from '../ports.js';

/** The names operators gave their feeds (config `name`, `feeds add`), by feed URL, for source lines. */
export async function loadSourceNames(store: Store): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const feed of await store.listFeeds()) {
    if (feed.name?.trim()) names.set(feed.url, feed.name.trim());
  }
  return names;
}
