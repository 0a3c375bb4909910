import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandCatalogue } from '../../src/commands/create-command-handler.js';
import type { CommandRequest, Logger } from '../../src/ports.js';
import {
  createCommandTestKit,
  makeArticle,
  replyToText,
  T0,
  type CommandTestKit,
} from './command-test-kit.js';

describe('command dispatcher', () => {
  let kit: CommandTestKit;
  beforeEach(async () => {
    kit = await createCommandTestKit();
  });
  afterEach(() => kit.close());

  it('answers an unknown command with a pointer to help', async () => {
    const reply = await kit.handler.handle(kit.request('subscribe', 'x'));
    expect(reply.visibility).toBe('ephemeral');
    expect(replyToText(reply)).toBe('Unknown command "subscribe". See /help.');
  });

  it('routes Slack umbrella commands (/news feeds add …) and subcommands given as the first word', async () => {
    const add = await kit.handler.handle(
      kit.request('news', 'feeds add https://news.example/feed.xml', { platform: 'slack' }),
    );
    expect(replyToText(add)).toMatch(/^Added https:\/\/news\.example\/feed\.xml/u);
    expect(await kit.store.subscriptions({ platform: 'slack', channelId: 'C1' })).toHaveLength(1);
    const help = await kit.handler.handle(kit.request('news', '', { platform: 'slack' }));
    expect(help.message.title).toBe('news-digest commands');
    const viaName = await kit.handler.handle(kit.request('/FEEDS', 'LIST', { platform: 'slack' }));
    expect(viaName.message.title).toBe('Feeds in this channel (1)');
  });

  it('help lists every command and subcommand with one line each, as the platform spells them', async () => {
    const discord = replyToText(await kit.handler.handle(kit.request('help')));
    const slack = replyToText(await kit.handler.handle(kit.request('help', '', { platform: 'slack' })));
    for (const spec of commandCatalogue) {
      const subs = spec.subcommands.length === 0 ? [''] : spec.subcommands.map((s) => ` ${s.name}`);
      for (const sub of subs) {
        expect(discord).toContain(`/${spec.name}${sub}`);
        expect(slack).toContain(spec.name === 'summary' ? '/summary' : `/news ${spec.name}${sub}`);
      }
    }
    expect(discord).toMatch(/\/digest schedule <cron> \[timezone\] — .*\(channel managers\)/u);
  });

  it('refuses over-long text with a short line, and huge text without processing it', async () => {
    const long = await kit.handler.handle(kit.request('summary', 'word '.repeat(300)));
    expect(replyToText(long)).toBe('That is too long (1,499 characters); the limit is 1,000.');
    const started = performance.now();
    const huge = await kit.handler.handle(kit.request('follow', 'x'.repeat(5_000_000)));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(replyToText(huge)).toMatch(/^That is too long \(5,000,000 characters\)/u);
    expect(await kit.store.listFollows()).toEqual([]);
  });

  it('strips control and invisible characters before reading the text', async () => {
    await kit.handler.handle(kit.request('follow', 'cli\u200bmate\u0000 \u202esummit\u0007\n'));
    const [follow] = await kit.store.listFollows();
    expect(follow?.query).toBe('climate summit');
  });

  it('refuses requests without a usable channel or user id', async () => {
    const noChannel = await kit.handler.handle(kit.request('follow', 'climate', { channelId: '' }));
    expect(replyToText(noChannel)).toBe("I can't tell which channel this command came from.");
    const badUser = await kit.handler.handle(kit.request('follow', 'climate', { userId: 'U1\u0000' }));
    expect(replyToText(badUser)).toBe("I can't tell which user this command came from.");
    expect(await kit.store.listFollows()).toEqual([]);
  });

  it('never lets an exception escape: malformed requests and failing dependencies get one short line', async () => {
    const malformed = [
      undefined,
      null,
      {},
      { name: 42, text: { evil: true } },
      { ...kit.request('summary'), text: ['array'] },
      { ...kit.request('feeds'), subcommand: 7 },
    ] as unknown as CommandRequest[];
    for (const request of malformed) {
      const reply = await kit.handler.handle(request);
      expect(reply.visibility).toBe('ephemeral');
      expect(replyToText(reply)).not.toContain('\n');
      expect(replyToText(reply)).not.toMatch(/TypeError|at .*:\d+:\d+/u);
    }
  });

  it('logs an unexpected failure with the command and answers without the error text', async () => {
    await kit.store.upsertArticle(makeArticle({ id: 'a', title: 'Volcano erupts' }), T0);
    const failing = await createCommandTestKit({
      store: kit.store,
      summariser: { summarise: () => Promise.reject(new Error('model crashed: secret detail')) },
    });
    const reply = await failing.handler.handle(failing.request('summary', 'volcano'));
    expect(replyToText(reply)).toBe(
      'Sorry, that command failed unexpectedly; the error has been logged. Please try again later.',
    );
    const line = failing.logs.find((l) => l.msg === 'command failed');
    expect(line).toMatchObject({ command: 'summary', err: { message: 'model crashed: secret detail' } });
  });

  it('survives a logger that throws too', async () => {
    const throwingLogger: Logger = {
      debug: () => {
        throw new Error('log sink down');
      },
      info: () => {
        throw new Error('log sink down');
      },
      warn: () => {
        throw new Error('log sink down');
      },
      error: () => {
        throw new Error('log sink down');
      },
      child: () => throwingLogger,
    };
    const broken = await createCommandTestKit({ logger: throwingLogger });
    const reply = await broken.handler.handle(broken.request('alerts'));
    expect(reply.visibility).toBe('ephemeral');
    expect(replyToText(reply)).toMatch(/^Sorry/u);
    await broken.close();
  });

  it('answers after the store is closed with a generic line; autocomplete returns nothing', async () => {
    await kit.store.close();
    const reply = await kit.handler.handle(kit.request('feeds', 'list'));
    expect(replyToText(reply)).toMatch(/^Sorry/u);
    expect(await kit.handler.complete(kit.completion('unfollow', undefined, 'x'))).toEqual([]);
    kit = await createCommandTestKit();
  });

  it('returns no choices for options without autocomplete or unknown commands', async () => {
    expect(await kit.handler.complete(kit.completion('summary', undefined, 'x'))).toEqual([]);
    expect(await kit.handler.complete(kit.completion('nope', 'nope', 'x'))).toEqual([]);
    expect(await kit.handler.complete(kit.completion('unfollow', undefined, 'x', { userId: '' }))).toEqual(
      [],
    );
  });

  it('survives random hostile input on every command', async () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = [
      'a',
      'Z',
      ' ',
      '"',
      '(',
      ')',
      '-',
      '*',
      '/',
      '#',
      '@',
      '<',
      '>',
      '|',
      ':',
      '\u0000',
      '\u202e',
      'é',
      '😀',
      '\ud800',
      '0',
      '9',
      'http://',
      'OR',
      'NOT',
    ];
    const names = ['summary', 'digest', 'feeds', 'follow', 'unfollow', 'alerts', 'help', 'news'];
    const subs = [undefined, 'now', 'schedule', 'off', 'add', 'remove', 'list', 'resume', 'pause', 'bogus'];
    for (let i = 0; i < 300; i++) {
      const length = Math.floor(random() * 40);
      let text = '';
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * alphabet.length)];
      const subcommand = subs[Math.floor(random() * subs.length)];
      const request = kit.request(names[Math.floor(random() * names.length)]!, text, {
        ...(subcommand === undefined ? {} : { subcommand }),
        userCanManageChannel: random() < 0.5,
      });
      const reply = await kit.handler.handle(request);
      expect(['ephemeral', 'in_channel']).toContain(reply.visibility);
      expect(replyToText(reply).length).toBeGreaterThan(0);
      const choices = await kit.handler.complete(kit.completion(request.name, subcommand, text));
      expect(Array.isArray(choices)).toBe(true);
    }
    expect(kit.logs.filter((l) => l.msg === 'command failed')).toEqual([]);
  });
});

describe('command catalogue', () => {
  it('fits Discord’s limits for command and option names, descriptions and order', () => {
    const names = /^[-_\p{Ll}\p{N}]{1,32}$/u;
    for (const spec of commandCatalogue) {
      expect(spec.name).toMatch(names);
      expect(spec.description.length).toBeLessThanOrEqual(100);
      for (const sub of spec.subcommands) {
        expect(sub.name).toMatch(names);
        expect(sub.description.length).toBeLessThanOrEqual(100);
      }
      for (const options of [spec.options, ...spec.subcommands.map((s) => s.options)]) {
        expect(options.length).toBeLessThanOrEqual(25);
        const firstOptional = options.findIndex((o) => !o.required);
        if (firstOptional >= 0) expect(options.slice(firstOptional).every((o) => !o.required)).toBe(true);
        for (const option of options) {
          expect(option.name).toMatch(names);
          expect(option.description.length).toBeLessThanOrEqual(100);
        }
      }
    }
  });

  it('marks the commands that change a channel’s setup as manager-only', () => {
    const managerOnly = commandCatalogue.flatMap((spec) =>
      spec.subcommands.length === 0
        ? spec.managerOnly
          ? [spec.name]
          : []
        : spec.subcommands.filter((s) => s.managerOnly).map((s) => `${spec.name} ${s.name}`),
    );
    expect(managerOnly.sort()).toEqual(
      ['digest now', 'digest off', 'digest schedule', 'feeds add', 'feeds remove', 'feeds resume'].sort(),
    );
    expect(commandCatalogue.find((s) => s.name === 'digest')?.managerOnly).toBe(true);
    expect(commandCatalogue.find((s) => s.name === 'feeds')?.managerOnly).toBe(false);
  });
});
