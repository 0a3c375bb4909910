/**
 * Robustness: `/summary <url>` on real news pages (the shared corpus, read at run time and served
 * from 127.0.0.1), through the real extractor and summariser. Skipped when the corpus is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient } from '../../src/net/http-client.js';
import { startTestServer, type TestServer } from '../net/start-test-server.js';
import {
  createCommandTestKit,
  createPageFetcher,
  createTestHttpClient,
  replyToText,
} from './command-test-kit.js';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pagesDir = resolve(repositoryRoot, '../shared/corpus/articles/readability');
const pages = existsSync(pagesDir)
  ? readdirSync(pagesDir).filter((name) => existsSync(join(pagesDir, name, 'source.html')))
  : [];

describe.skipIf(pages.length === 0)('summary on real news pages', () => {
  let server: TestServer;
  let client: HttpClient;
  beforeAll(async () => {
    server = await startTestServer((req, res) => {
      const name = decodeURIComponent((req.url ?? '/').slice(1));
      if (!pages.includes(name)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(readFileSync(join(pagesDir, name, 'source.html')));
    });
    client = createTestHttpClient(true);
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it('answers every page with one well-formed card or one short line, and nothing escapes', async () => {
    const kit = await createCommandTestKit({ fetchArticlePage: createPageFetcher(client) });
    try {
      let cards = 0;
      for (const [i, name] of pages.entries()) {
        const reply = await kit.handler.handle(
          kit.request('summary', `${server.url}/${encodeURIComponent(name)}`, { userId: `U${i}` }),
        );
        if (reply.visibility === 'in_channel') {
          cards += 1;
          expect(reply.message.cards).toHaveLength(1);
          const card = reply.message.cards[0]!;
          expect(card.title.trim()).not.toBe('');
          expect(card.url).toMatch(/^https?:\/\//u);
          expect(typeof card.body === 'string' && card.body.length > 0).toBe(true);
          for (const field of card.fields) expect(String(field.value).trim()).not.toBe('');
        } else {
          expect(replyToText(reply)).not.toContain('\n');
        }
      }
      expect(kit.logs.filter((l) => l.msg === 'command failed')).toEqual([]);
      // Real article pages: most must be summarised, not refused.
      expect(cards).toBeGreaterThanOrEqual(Math.ceil(pages.length / 2));
    } finally {
      await kit.close();
    }
  });
});
