/** The feed list as OPML 2.0, for importing into feed readers or into another news-digest. */
import { generateOpml } from 'feedsmith';
import type { FeedRecord } from '../ports.js';

export function renderOpml(feeds: readonly FeedRecord[], now: Date): string {
  // An empty list is still a valid OPML document (the generator refuses one without outlines).
  if (feeds.length === 0) {
    return `<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0">\n  <head>\n    <title>news-digest feeds</title>\n    <dateCreated>${now.toUTCString()}</dateCreated>\n  </head>\n  <body/>\n</opml>\n`;
  }
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
