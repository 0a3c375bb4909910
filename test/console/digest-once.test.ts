import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../cli/run-cli.js';
import { startTestServer, type TestServer } from '../net/start-test-server.js';

const dir = mkdtempSync(join(tmpdir(), 'news-digest-once-'));
let server: TestServer;

function rss(
  title: string,
  items: Array<{ id: string; title: string; text: string; date: string }>,
  base: string,
): string {
  const entries = items
    .map(
      (item) => `<item>
  <title>${item.title}</title>
  <link>${base}/articles/${item.id}</link>
  <guid>${base}/articles/${item.id}</guid>
  <pubDate>${item.date}</pubDate>
  <description>${item.text.split('. ')[0]}.</description>
  <content:encoded><![CDATA[<p>${item.text}</p>]]></content:encoded>
</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>${title}</title><link>${base}/</link><description>${title}</description>
${entries}
</channel></rss>`;
}

const recent = new Date(Date.now() - 3_600_000).toUTCString();

beforeAll(async () => {
  server = await startTestServer((req, res) => {
    const base = `http://127.0.0.1:${server.port}`;
    if (req.url === '/wire.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(
        rss(
          'Wire Service',
          [
            {
              id: 'quake-wire',
              title: 'Magnitude 7.1 earthquake strikes off the coast of Japan',
              text: 'A magnitude 7.1 earthquake struck off Miyazaki prefecture on Monday, the Japan Meteorological Agency said. About 1,200 people were evacuated from coastal towns, officials said. The agency issued a tsunami advisory for the southern coast.',
              date: recent,
            },
            {
              id: 'coffee',
              title: 'Coffee prices hit a record as the Brazil harvest disappoints',
              text: 'Arabica futures rose to a record of 4.30 dollars a pound on Monday, traders said. The Brazilian crop was 8% smaller than forecast, according to the national supply agency.',
              date: recent,
            },
          ],
          base,
        ),
      );
      return;
    }
    if (req.url === '/daily.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(
        rss(
          'Daily News',
          [
            {
              id: 'quake-daily',
              title: 'Strong 7.1 earthquake off southern Japan triggers tsunami advisory',
              text: 'The magnitude 7.1 earthquake struck off Miyazaki on Monday, the Japan Meteorological Agency said. Some 1,500 residents were evacuated, local police said. Minor injuries were reported.',
              date: recent,
            },
          ],
          base,
        ),
      );
      return;
    }
    res.writeHead(404);
    res.end('not found');
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function writeConfig(name: string, channels: string): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(
    path,
    `feeds:
  - url: ${server.url}/wire.xml
    name: Wire Service
  - url: ${server.url}/daily.xml
    name: Daily News
${channels}
store:
  path: ${join(dir, `${name}.sqlite`)}
network:
  allowPrivateAddresses: true
log:
  level: silent
`,
  );
  return path;
}

describe('news-digest digest --once (real process, console)', () => {
  it('fetches the feeds and prints the channel digest with the same story from both feeds as one entry', async () => {
    const config = writeConfig(
      'channel',
      `channels:
  - platform: console
    id: terminal
    schedule: { cron: '0 8 * * *', timezone: Europe/Paris }
    feeds: all
    maxStories: 5`,
    );
    const result = await runCliProcess(['--config', config, 'digest', '--once'], { timeoutMs: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toContain('# console:terminal');
    expect(out).toContain('== News digest: 2 stories from 2 sources ==');
    expect(out.match(/earthquake/gi)?.length).toBeGreaterThanOrEqual(2);
    expect(out).toContain('Wire Service · Daily News');
    expect(out).toContain('Also reported by:');
    // The two sources disagree on how many were evacuated: both numbers, each with its source.
    expect(out).toMatch(
      /1,200[^\n]*Wire Service[^\n]*1,500[^\n]*Daily News|1,500[^\n]*Daily News[^\n]*1,200[^\n]*Wire Service/,
    );
    expect(out).toContain('Coffee prices hit a record');
  }, 90_000);

  it('prints one digest of all configured feeds as JSON when no channel is configured', async () => {
    const config = writeConfig('nochannel', 'channels: []');
    const result = await runCliProcess(['--config', config, 'digest', '--once', '--json'], {
      timeoutMs: 60_000,
    });
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as {
      fetch: { feeds: Array<{ status: string }> };
      digests: Array<{
        channelId?: string;
        items: number;
        stories: number;
        message: { cards: Array<{ title: string }> };
      }>;
    };
    expect(parsed.fetch.feeds.map((feed) => feed.status)).toEqual(['ok', 'ok']);
    expect(parsed.digests).toHaveLength(1);
    expect(parsed.digests[0]).toMatchObject({ items: 3, stories: 2 });
    expect(parsed.digests[0]!.channelId).toBeUndefined();
  }, 90_000);

  it('says plainly that no feed could be read, once per feed, with exit code 1', async () => {
    const path = join(dir, 'unreachable.yaml');
    writeFileSync(
      path,
      `feeds:
  - url: ${server.url}/missing-one.xml
  - url: ${server.url}/missing-two.xml
channels: []
store:
  path: ${join(dir, 'unreachable.sqlite')}
network:
  allowPrivateAddresses: true
log:
  level: info
`,
    );
    const result = await runCliProcess(['--config', path, 'digest', '--once'], { timeoutMs: 60_000 });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('No digest: all 2 feeds failed to fetch');
    expect(result.stdout).not.toContain('Nothing new');
    expect(result.stderr.split('missing-one.xml').length - 1).toBe(1);
  });

  it('refuses to run without --once, with a usage exit code', async () => {
    const config = writeConfig('usage', 'channels: []');
    const result = await runCliProcess(['--config', config, 'digest'], { timeoutMs: 30_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('add --once');
  }, 60_000);
});
