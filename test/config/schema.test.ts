import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadSettings, loadSettingsFromFile } from '../../config/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'news-digest-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const minimal = {
  feeds: [{ url: 'https://news.example/rss', name: 'Example' }],
  channels: [
    {
      platform: 'console',
      id: 'terminal',
      schedule: { cron: '0 8 * * 1-5', timezone: 'Europe/Paris' },
      feeds: ['Example'],
    },
  ],
};

describe('loadSettings', () => {
  it('applies defaults and resolves feed names in channels', () => {
    const settings = loadSettings(minimal, {});
    expect(settings.feeds).toEqual([
      { url: 'https://news.example/rss', name: 'Example', intervalMinutes: 30 },
    ]);
    expect(settings.channels[0]).toMatchObject({
      platform: 'console',
      mode: 'digest',
      feeds: ['https://news.example/rss'],
      schedule: { cron: '0 8 * * 1-5', timezone: 'Europe/Paris' },
      maxStories: 10,
    });
    expect(settings.network.allowPrivateAddresses).toBe(false);
    expect(settings.store.path).toBe('./data/news-digest.db');
    expect(settings.log.level).toBe('info');
  });

  it('takes secrets from the environment only, and lets the environment override the file', () => {
    const settings = loadSettings(minimal, {
      DISCORD_TOKEN: 'discord-token-value',
      DISCORD_APPLICATION_ID: '123456789012345678',
      SLACK_BOT_TOKEN: 'xoxb-1-2-3',
      SLACK_SIGNING_SECRET: 'signing-secret-value',
      SLACK_API_URL: 'http://127.0.0.1:9999/api/',
      NEWS_DIGEST_STORE_PATH: '/var/lib/news-digest/db.sqlite',
      NEWS_DIGEST_LOG_LEVEL: 'debug',
      SLACK_PORT: '8080',
    });
    expect(settings.discord).toMatchObject({
      token: 'discord-token-value',
      applicationId: '123456789012345678',
    });
    expect(settings.slack).toMatchObject({
      botToken: 'xoxb-1-2-3',
      signingSecret: 'signing-secret-value',
      apiUrl: 'http://127.0.0.1:9999/api/',
      port: 8080,
    });
    expect(settings.store.path).toBe('/var/lib/news-digest/db.sqlite');
    expect(settings.log.level).toBe('debug');
  });

  it('names the key, the value and what is expected for each problem, all at once', () => {
    const problems = problemsOf(() =>
      loadSettings(
        {
          feeds: [{ url: 'ftp://files.example/feed' }, { url: 'https://ok.example/rss', intervalMinutes: 1 }],
          channels: [
            { platform: 'console', id: 't', schedule: { cron: '61 * * * *', timezone: 'Europe/Pariss' } },
            { platform: 'irc', id: 'x', mode: 'live' },
          ],
          network: { timeoutMs: 'soon' },
        },
        {},
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^feeds\[0\]\.url: expected an http:\/\/ or https:\/\/ URL \(got "ftp:\/\/files\.example\/feed"\)/,
        ),
        expect.stringMatching(/^feeds\[1\]\.intervalMinutes: poll at most every 5 minutes \(got 1\)/),
        expect.stringMatching(
          /^channels\[0\]\.schedule\.cron: expected a cron expression.*\(got "61 \* \* \* \*"\)/,
        ),
        expect.stringMatching(
          /^channels\[0\]\.schedule\.timezone: expected an IANA timezone.*\(got "Europe\/Pariss"\)/,
        ),
        expect.stringMatching(/^channels\[1\]\.platform: .*\(got "irc"\)/),
        expect.stringMatching(/^network\.timeoutMs: .*\(got "soon"\)/),
      ]),
    );
  });

  it('refuses schedules that fire too often or never', () => {
    const problems = problemsOf(() =>
      loadSettings(
        {
          channels: [
            { platform: 'console', id: 'a', schedule: { cron: '* * * * *' } },
            { platform: 'console', id: 'b', schedule: { cron: '0 8 31 2 *' } },
          ],
        },
        {},
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^channels\[0\]\.schedule\.cron: .*at most every 15 minutes/),
      expect.stringMatching(/^channels\[1\]\.schedule\.cron: .*(never fires|expected a cron expression)/),
    ]);
  });

  it('checks follow queries and channel filters with the /follow parser', () => {
    const problems = problemsOf(() =>
      loadSettings(
        {
          feeds: [{ url: 'https://a.example/rss' }],
          channels: [{ platform: 'console', id: 't', mode: 'live', filter: '"unbalanced quote' }],
          follows: [{ platform: 'console', channelId: 't', query: 'the and of' }],
        },
        {},
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^channels\[0\]\.filter: .*quote.*\(got "\\"unbalanced quote"\)/i),
      expect.stringMatching(/^follows\[0\]\.query: .*\(got "the and of"\)/),
    ]);
  });

  it('reports unknown keys, including secrets put in the file', () => {
    const problems = problemsOf(() =>
      loadSettings(
        { ...minimal, feedz: [], discord: { token: 'abc', apiUrl: 'https://discord.example/api' } },
        {},
      ),
    );
    expect(problems).toContain(
      'config: unknown key "feedz" (check the spelling; secrets go in environment variables)',
    );
    expect(problems).toContain(
      'discord: unknown key "token" (check the spelling; secrets go in environment variables)',
    );
  });

  it('never echoes a secret value in an error', () => {
    const problems = problemsOf(() => loadSettings(minimal, { SLACK_BOT_TOKEN: 'not-a-bot-token-secret' }));
    expect(problems.join('\n')).toMatch(/SLACK_BOT_TOKEN: expected a bot token starting with xoxb-/);
    expect(problems.join('\n')).not.toContain('not-a-bot-token-secret');
  });

  it('checks references between sections', () => {
    const problems = problemsOf(() =>
      loadSettings(
        {
          feeds: [{ url: 'https://a.example/rss' }, { url: 'https://a.example/rss' }],
          channels: [{ platform: 'slack', id: 'C1', feeds: ['nope'] }],
        },
        {},
      ),
    );
    expect(problems).toEqual([
      'feeds[1].url: "https://a.example/rss" is listed twice',
      'channels[0].feeds[0]: "nope" is not the url or name of a configured feed',
      expect.stringMatching(/^channels\[0\]\.schedule: a digest channel needs a schedule/),
    ]);
  });

  it('refuses a top level that is not a mapping', () => {
    expect(problemsOf(() => loadSettings(['a', 'b'], {}))).toEqual([
      'config: expected a mapping of keys (feeds, channels, network, …) at the top level',
    ]);
  });
});

describe('loadSettingsFromFile', () => {
  it('reads the shipped default configuration', () => {
    const settings = loadSettingsFromFile(join(import.meta.dirname, '../../config/default.yaml'), {});
    expect(settings.feeds.length).toBeGreaterThanOrEqual(5);
    expect(settings.channels).toEqual([expect.objectContaining({ platform: 'console', mode: 'digest' })]);
  });

  it('explains a missing file', () => {
    expect(problemsOf(() => loadSettingsFromFile(join(dir, 'missing.yaml'), {}))).toEqual([
      expect.stringMatching(/^file not found: .*missing\.yaml \(pass --config FILE/),
    ]);
  });

  it('explains malformed YAML with its position', () => {
    const path = join(dir, 'broken.yaml');
    writeFileSync(path, 'feeds:\n  - url: https://a.example/rss\n   name: [unclosed\n');
    expect(problemsOf(() => loadSettingsFromFile(path, {}))[0]).toMatch(
      /^not valid YAML at line \d+, column \d+/,
    );
  });

  it('refuses YAML alias bombs in bounded time', () => {
    const path = join(dir, 'bomb.yaml');
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    writeFileSync(path, lines.join('\n'));
    const started = performance.now();
    expect(() => loadSettingsFromFile(path, {})).toThrow(ConfigError);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
