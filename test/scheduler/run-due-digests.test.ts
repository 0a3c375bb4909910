import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelRecord, Store } from '../../src/ports.js';
import { findDueSlot, runDueDigests } from '../../src/scheduler/run-due-digests.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { PlatformName } from '../../src/model.js';
import type { ChatPlatform } from '../../src/ports.js';
import {
  createManualClock,
  createRecordingLogger,
  createRecordingPlatform,
} from '../delivery/delivery-test-kit.js';
import { addChannelWithFeeds } from '../digest/fixtures/seed-store.js';

const channel = (fields: Partial<ChannelRecord>): ChannelRecord => ({
  platform: 'slack',
  channelId: 'C1',
  mode: 'digest',
  cron: '0 8 * * *',
  timezone: 'Europe/Paris',
  maxStories: 10,
  liveHourlyCap: 10,
  quietWhenEmpty: false,
  digestCursor: 0,
  ...fields,
});

describe('findDueSlot', () => {
  it('is due for the latest slot after the last digest, once', () => {
    const c = channel({ lastDigestAt: '2026-11-25T07:00:00.000Z' });
    // Down for two days: only the latest missed slot is due.
    expect(findDueSlot(c, new Date('2026-11-27T09:30:00Z'))?.toISOString()).toBe('2026-11-27T07:00:00.000Z');
    expect(
      findDueSlot(channel({ lastDigestAt: '2026-11-27T07:00:00.000Z' }), new Date('2026-11-27T09:30:00Z')),
    ).toBeUndefined();
  });

  it("follows the channel's timezone across the spring-forward change", () => {
    const c = channel({ lastDigestAt: '2026-03-28T07:00:00.000Z' });
    expect(findDueSlot(c, new Date('2026-03-29T05:59:00Z'))).toBeUndefined();
    expect(findDueSlot(c, new Date('2026-03-29T06:00:00Z'))?.toISOString()).toBe('2026-03-29T06:00:00.000Z');
    const ny = channel({
      cron: '0 9 * * 1-5',
      timezone: 'America/New_York',
      lastDigestAt: '2026-10-30T13:00:00.000Z',
    });
    expect(findDueSlot(ny, new Date('2026-11-02T13:59:00Z'))).toBeUndefined();
    expect(findDueSlot(ny, new Date('2026-11-02T14:00:00Z'))?.toISOString()).toBe('2026-11-02T14:00:00.000Z');
  });

  it('gives a never-digested channel only slots from the scheduler start on', () => {
    const c = channel({});
    const notBefore = new Date('2026-11-27T07:30:00Z');
    expect(findDueSlot(c, new Date('2026-11-27T07:45:00Z'), { notBefore })).toBeUndefined();
    expect(findDueSlot(c, new Date('2026-11-28T07:00:00Z'), { notBefore })?.toISOString()).toBe(
      '2026-11-28T07:00:00.000Z',
    );
  });

  it('counts a cron tick that fires a moment early as its slot', () => {
    const c = channel({ lastDigestAt: '2026-11-26T07:00:00.000Z' });
    expect(findDueSlot(c, new Date('2026-11-27T06:59:59.500Z'), { toleranceMs: 1000 })?.toISOString()).toBe(
      '2026-11-27T07:00:00.000Z',
    );
  });

  it('is never due without a schedule', () => {
    const { cron: _cron, ...withoutSchedule } = channel({});
    expect(findDueSlot(withoutSchedule, new Date())).toBeUndefined();
  });
});

describe('runDueDigests', () => {
  let store: Store;
  const clock = createManualClock('2026-11-26T06:00:00Z');
  beforeEach(async () => {
    store = await openSqliteStore(':memory:');
  });
  afterEach(async () => store.close());

  it('records a missed slot once after a restart and logs a channel whose schedule is broken', async () => {
    const logger = createRecordingLogger();
    const platform = createRecordingPlatform('slack');
    const deps = {
      store,
      platforms: new Map<PlatformName, ChatPlatform>([['slack', platform]]),
      now: clock.now,
      logger,
    };
    await addChannelWithFeeds(
      store,
      {
        platform: 'slack',
        channelId: 'C1',
        cron: '0 8 * * *',
        timezone: 'Europe/Paris',
        lastDigestAt: '2026-11-25T07:00:00.000Z',
      },
      ['https://a.example/rss'],
      clock.now(),
    );
    await addChannelWithFeeds(
      store,
      {
        platform: 'slack',
        channelId: 'C2',
        cron: '0 8 * * *',
        timezone: 'Nowhere/Atlantis',
        lastDigestAt: '2026-11-25T07:00:00.000Z',
      },
      ['https://a.example/rss'],
      clock.now(),
    );
    clock.set('2026-11-27T10:00:00Z');
    const first = await runDueDigests(deps);
    expect(first.map((result) => result.key)).toEqual(['digest:slack:C1:2026-11-27T07:00:00.000Z']);
    expect(await runDueDigests(deps)).toEqual([]);
    expect(logger.entries.some((entry) => entry.level === 'error' && entry.msg?.includes('C2'))).toBe(true);
  });
});
