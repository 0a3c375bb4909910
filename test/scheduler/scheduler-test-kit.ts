/** Real parts for scheduler tests: settings from the config loader, a store, a local feed server. */
import { loadSettings } from '../../config/schema.js';
import type { Settings } from '../../src/settings.js';

export function makeSettings(): Settings {
  return loadSettings(
    { feeds: [], channels: [], network: { allowPrivateAddresses: true }, log: { level: 'silent' } },
    {},
  );
}

export function rssDocument(
  title: string,
  base: string,
  items: ReadonlyArray<{ id: string; title: string; text: string; date: string }>,
): string {
  const entries = items
    .map(
      (
        item,
      ) => `<item><title>${item.title}</title><link>${base}/articles/${item.id}</link><guid>${base}/articles/${item.id}</guid>
<pubDate>${item.date}</pubDate><content:encoded><![CDATA[<p>${item.text}</p>]]></content:encoded></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${title}</title>
<link>${base}/</link><description>${title}</description>
${entries}
</channel></rss>`;
}
