import { describe, expect, it } from 'vitest';

import { decodeSlackCommandText, parseSlashCommand } from '../../adapters/slack/parse-slash-command.js';

describe('decodeSlackCommandText', () => {
  it.each([
    ['https://x.example/a?b=1&amp;c=2', 'https://x.example/a?b=1&c=2'],
    ['<https://x.example/a?b=1&amp;c=2|x.example/a>', 'https://x.example/a?b=1&c=2'],
    ['<https://x.example/a> public', 'https://x.example/a public'],
    ['"tax &lt;cuts&gt;" AND &amp;', '"tax <cuts>" AND &'],
    ['ask <@U0123|mara> in <#C0456|general>', 'ask @mara in #general'],
    ['<@U0123> <!here> <!subteam^S1|@devs>', '@U0123 @here @devs'],
    ['&amp;lt;', '&lt;'],
  ])('%j', (input, expected) => {
    expect(decodeSlackCommandText(input)).toBe(expected);
  });
});

describe('parseSlashCommand', () => {
  it.each([
    [
      '/summary',
      'https://news.example/a',
      { name: 'summary', text: 'https://news.example/a', public: false },
    ],
    [
      '/summary',
      'https://news.example/a public',
      { name: 'summary', text: 'https://news.example/a', public: true },
    ],
    ['/summary', '  interest rates --PUBLIC ', { name: 'summary', text: 'interest rates', public: true }],
    [
      '/summary',
      'public transport strikes',
      { name: 'summary', text: 'public transport strikes', public: false },
    ],
    ['/summary', 'strikes in public', { name: 'summary', text: 'strikes in public', public: false }],
    ['/news', '', { name: 'help', text: '', public: false }],
    ['/news', 'HELP', { name: 'help', text: '', public: false }],
    ['/news', 'digest now', { name: 'digest', subcommand: 'now', text: '', public: false }],
    [
      '/news',
      'Digest Schedule 0 8 * * 1-5 Europe/Paris',
      { name: 'digest', subcommand: 'schedule', text: '0 8 * * 1-5 Europe/Paris', public: false },
    ],
    ['/news', 'digest off', { name: 'digest', subcommand: 'off', text: '', public: false }],
    [
      '/news',
      'feeds add https://x.example/rss',
      { name: 'feeds', subcommand: 'add', text: 'https://x.example/rss', public: false },
    ],
    [
      '/news',
      'feeds remove  Example   News',
      { name: 'feeds', subcommand: 'remove', text: 'Example   News', public: false },
    ],
    ['/news', 'feeds list', { name: 'feeds', subcommand: 'list', text: '', public: false }],
    ['/news', 'feeds', { name: 'feeds', text: '', public: false }],
    [
      '/news',
      'follow "North Korea" AND troops',
      { name: 'follow', text: '"North Korea" AND troops', public: false },
    ],
    ['/news', 'unfollow 12', { name: 'unfollow', text: '12', public: false }],
    ['/news', 'alerts', { name: 'alerts', text: '', public: false }],
    ['/news', 'alerts pause 3', { name: 'alerts', subcommand: 'pause', text: '3', public: false }],
    [
      '/news',
      'summary https://x.example/a public',
      { name: 'summary', text: 'https://x.example/a', public: true },
    ],
  ])('%s %j', (command, text, expected) => {
    expect(parseSlashCommand(command, text)).toEqual({ ok: true, ...expected });
  });

  it.each([
    ['/news', 'explode'],
    ['/news', 'digest later'],
    ['/news', 'feeds nuke https://x.example'],
    ['/weather', 'today'],
  ])('refuses %s %j with a short explanation', (command, text) => {
    const parsed = parseSlashCommand(command, text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem.length).toBeLessThan(200);
  });

  it('follows renamed commands', () => {
    const names = { summary: '/nd-summary', news: '/nd' };
    expect(parseSlashCommand('/nd', 'digest now', names)).toMatchObject({ ok: true, name: 'digest' });
    expect(parseSlashCommand('/news', 'digest now', names).ok).toBe(false);
  });
});
