/** The feed list as OPML 2.0, for importing into feed readers or into another news-digest. */
import { generateOpml } from 'feedsmith';
import type { FeedRecord } from '../ports.js';

export function renderOpml(feeds: readonly FeedRecord[], now: Date): string {
  return generateOpml({
    head: { title: 'news-digest feeds', dateCreated: now },
    body: {
      outlines: feeds.map((feed) => {
        const text = feed.name ?? feed.title ?? feed.url;
        return {
          text,
          title: text,
          type: 'rss',
          xmlUrl: feed.url,
          ...(feed.siteUrl === undefined ? {} : { htmlUrl: feed.siteUrl }),
        };
      }),
    },
  });
}
