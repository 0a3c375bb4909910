import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommandTestKit, replyToText, type CommandTestKit } from './command-test-kit.js';

describe('digest commands', () => {
  let kit: CommandTestKit;
  beforeEach(async () => {
    kit = await createCommandTestKit();
  });
  afterEach(() => kit.close());

  it('digest now runs the digest for this channel and reports how many stories it carried', async () => {
    await kit.handler.handle(kit.request('feeds', 'add https://news.example/feed.xml'));
    kit.digestOutcome = { stories: 4 };
    const reply = await kit.handler.handle(kit.request('digest', '', { subcommand: 'now' }));
    expect(kit.digestRuns).toEqual([{ platform: 'discord', channelId: 'C1' }]);
    expect(reply.visibility).toBe('ephemeral');
    expect(replyToText(reply)).toBe('Posted a digest of 4 stories.');
    kit.digestOutcome = { stories: 0 };
    expect(replyToText(await kit.handler.handle(kit.request('digest', 'now')))).toBe(
      'Nothing new since the last digest: the channel was told so.',
    );
  });

  it('digest now in a channel that is not set up, or has no feeds, says how to add one', async () => {
    const unknown = await kit.handler.handle(
      kit.request('digest', '', { subcommand: 'now', platform: 'slack' }),
    );
    expect(replyToText(unknown)).toBe(
      'This channel is not set up yet: add a feed with /news feeds add <url> [filter].',
    );
    expect(kit.digestRuns).toEqual([]);
    await kit.handler.handle(kit.request('digest', 'schedule 0 8 * * *', { platform: 'slack' }));
    const noFeeds = await kit.handler.handle(kit.request('digest', 'now', { platform: 'slack' }));
    expect(replyToText(noFeeds)).toMatch(/no feeds yet.*\/news feeds add <url>/u);
  });

  it('digest now that fails is answered with one generic line and logged with the command', async () => {
    await kit.handler.handle(kit.request('feeds', 'add https://news.example/feed.xml'));
    kit.digestOutcome = new Error('database is locked');
    const reply = await kit.handler.handle(kit.request('digest', '', { subcommand: 'now' }));
    expect(reply.visibility).toBe('ephemeral');
    expect(replyToText(reply)).toMatch(/^Sorry, that command failed unexpectedly/u);
    expect(replyToText(reply)).not.toContain('database is locked');
    const logged = kit.logs.find((l) => l.msg === 'command failed');
    expect(logged?.command).toBe('digest now');
    expect(logged?.err?.message).toBe('database is locked');
  });

  it('digest schedule saves the cron and timezone and tells the next slot', async () => {
    const reply = await kit.handler.handle(
      kit.request('digest', '0 8 * * 1-5 america/new_york', { subcommand: 'schedule' }),
    );
    expect(replyToText(reply)).toContain('Digests scheduled: "0 8 * * 1-5" in America/New_York.');
    // 08:00 UTC on Friday 2026-11-27 is 03:00 in New York: the next slot is that Friday 08:00.
    expect(replyToText(reply)).toContain('Next digest: Fri, 27 Nov 2026, 08:00 (America/New_York)');
    const channel = await kit.store.getChannel('discord', 'C1');
    expect(channel).toMatchObject({ cron: '0 8 * * 1-5', timezone: 'America/New_York', mode: 'digest' });
  });

  it('digest schedule without a timezone uses the default, then keeps the channel one', async () => {
    await kit.handler.handle(kit.request('digest', 'schedule 30 7 * * *'));
    expect(await kit.store.getChannel('discord', 'C1')).toMatchObject({
      cron: '30 7 * * *',
      timezone: 'Europe/Paris',
    });
    await kit.handler.handle(kit.request('digest', 'schedule 0 9 * * * Asia/Tokyo'));
    await kit.handler.handle(kit.request('digest', 'schedule 0 18 * * *'));
    expect(await kit.store.getChannel('discord', 'C1')).toMatchObject({
      cron: '0 18 * * *',
      timezone: 'Asia/Tokyo',
    });
  });

  it('digest schedule expands macros', async () => {
    await kit.handler.handle(kit.request('digest', 'schedule @daily UTC'));
    expect(await kit.store.getChannel('discord', 'C1')).toMatchObject({ cron: '0 0 * * *', timezone: 'UTC' });
  });

  it.each([
    ['* * * * *', /every minute/u],
    ['*/5 * * * *', /every 5 minutes/u],
    ['* * * * * *', /Seconds are not supported/u],
    ['0 8 * *', /needs five fields/u],
    ['61 8 * * *', /not a valid cron expression/u],
    ['0 8 31 2 *', /not a valid cron expression|never fires/u],
    ['0 8 * * * Mars/Olympus_Mons', /Unknown timezone "Mars\/Olympus_Mons"/u],
    ['0 8 * * * +01:00', /Unknown timezone/u],
    ['0 8 * * * Europe/Paris extra', /Too many fields|Unknown timezone/u],
    ['@often', /Unknown schedule @often/u],
  ])('digest schedule %s is refused with a clear line and nothing is saved', async (text, expected) => {
    const reply = await kit.handler.handle(kit.request('digest', text, { subcommand: 'schedule' }));
    expect(reply.visibility).toBe('ephemeral');
    expect(replyToText(reply)).toMatch(expected);
    expect(replyToText(reply)).not.toContain('\n');
    expect(await kit.store.getChannel('discord', 'C1')).toBeUndefined();
  });

  it('digest schedule with no text answers with usage', async () => {
    const reply = await kit.handler.handle(kit.request('digest', '', { subcommand: 'schedule' }));
    expect(replyToText(reply)).toMatch(/^Usage: \/digest schedule <cron> \[timezone\]/u);
  });

  it('digest off clears the schedule, and says so when there was none', async () => {
    expect(replyToText(await kit.handler.handle(kit.request('digest', 'off')))).toMatch(
      /no digest schedule/u,
    );
    await kit.handler.handle(kit.request('digest', 'schedule 0 8 * * *'));
    const reply = await kit.handler.handle(kit.request('digest', 'off'));
    expect(replyToText(reply)).toMatch(/Scheduled digests are off/u);
    const channel = await kit.store.getChannel('discord', 'C1');
    expect(channel?.cron).toBeUndefined();
  });

  it.each(['now', 'schedule', 'off'])(
    'digest %s is refused to someone who cannot manage the channel',
    async (sub) => {
      const reply = await kit.handler.handle(
        kit.request('digest', sub === 'schedule' ? '0 8 * * *' : '', {
          subcommand: sub,
          userCanManageChannel: false,
        }),
      );
      expect(reply.visibility).toBe('ephemeral');
      expect(replyToText(reply)).toBe(`Only people who can manage this channel can use /digest ${sub}.`);
      expect(kit.digestRuns).toEqual([]);
      expect(await kit.store.getChannel('discord', 'C1')).toBeUndefined();
    },
  );

  it('digest without a subcommand lists the subcommands', async () => {
    const reply = await kit.handler.handle(kit.request('digest', ''));
    expect(replyToText(reply)).toMatch(/now, schedule, off/u);
    const unknown = await kit.handler.handle(kit.request('digest', 'weekly'));
    expect(replyToText(unknown)).toMatch(/Unknown subcommand "weekly"/u);
  });

  it('completes timezones for digest schedule', async () => {
    const choices = await kit.handler.complete(kit.completion('digest', 'schedule', 'new y'));
    expect(choices.map((c) => c.value)).toContain('America/New_York');
    expect(choices.length).toBeLessThanOrEqual(25);
  });
});
