/**
 * Maps schedules to jobs with node-cron: a poll cycle every minute (never overlapping itself) and
 * one task per channel digest schedule in the channel's timezone. At start it delivers what was
 * left pending and catches up digest slots missed while the bot was down; after each poll it
 * re-reads the channels so schedules changed by a command take effect. Jobs run one at a time.
 */
import cron, { type ScheduledTask } from 'node-cron';
import { deliverPending } from '../delivery/deliver-pending.js';
import { runChannelDigest, type DigestResult } from '../digest/run-digest.js';
import type { PlatformName } from '../model.js';
import type { BotDeps } from './bot-deps.js';
import { parseCronSchedule } from './cron-schedule.js';
import { runDueDigests } from './run-due-digests.js';
import { runPollCycle, type PollReport } from './run-poll-cycle.js';
import { createSerialQueue } from './serial-queue.js';

export interface Scheduler {
  /** Stops the timers and waits for the running job to finish. */
  stop(): Promise<void>;
  /** `digest now` for the command layer: queued behind running jobs, then delivered. */
  runDigestNow(platform: PlatformName, channelId: string): Promise<DigestResult>;
  /** Runs one poll cycle now (queued like the timer's). */
  pollNow(): Promise<PollReport>;
  /** Resolves when the jobs queued so far (start-up catch-up included) are done. */
  idle(): Promise<void>;
}

export interface SchedulerOptions {
  /** When the poll cycle runs; every minute by default (feeds are fetched when they are due). */
  readonly pollCron?: string;
  /** Run a poll cycle right after the start-up catch-up (default true). */
  readonly pollAtStart?: boolean;
}

export function startScheduler(deps: BotDeps, options: SchedulerOptions = {}): Scheduler {
  const startedAt = deps.now();
  const queue = createSerialQueue();
  const channelTasks = new Map<string, { signature: string; task: ScheduledTask }>();
  let stopped = false;
  let pollQueued = false;

  const guard = async (job: string, work: () => Promise<unknown>): Promise<void> => {
    try {
      await work();
    } catch (err) {
      deps.logger.error({ job, err }, `${job} failed`);
    }
  };

  const syncChannelTasks = async (): Promise<void> => {
    if (stopped) return;
    const wanted = new Map<
      string,
      { signature: string; platform: PlatformName; channelId: string; cron: string; timezone: string }
    >();
    for (const channel of await deps.store.listChannels()) {
      if (channel.cron === undefined) continue;
      try {
        parseCronSchedule(channel.cron, channel.timezone);
      } catch (err) {
        deps.logger.error(
          { job: 'schedule', platform: channel.platform, channelId: channel.channelId, err },
          'channel has an unusable digest schedule',
        );
        continue;
      }
      wanted.set(`${channel.platform}:${channel.channelId}`, {
        signature: `${channel.cron}|${channel.timezone}`,
        platform: channel.platform,
        channelId: channel.channelId,
        cron: channel.cron,
        timezone: channel.timezone,
      });
    }
    for (const [id, entry] of channelTasks) {
      if (wanted.get(id)?.signature === entry.signature) continue;
      await entry.task.destroy();
      channelTasks.delete(id);
    }
    for (const [id, want] of wanted) {
      if (channelTasks.has(id)) continue;
      const task = cron.schedule(
        want.cron,
        () =>
          queue.run(() =>
            guard('digest', async () => {
              await runDueDigests(deps, { only: want, notBefore: startedAt, toleranceMs: 1000 });
              await deliverPending(deps);
            }),
          ),
        { timezone: want.timezone, name: `digest ${id}`, noOverlap: true },
      );
      channelTasks.set(id, { signature: want.signature, task });
    }
  };

  const poll = (): Promise<PollReport> =>
    queue.run(async () => {
      const report = await runPollCycle(deps, { notBefore: startedAt });
      await guard('schedule', syncChannelTasks);
      return report;
    });

  // Start-up: finish what a previous run left pending, then send missed digest slots once.
  void queue.run(() =>
    guard('catch-up', async () => {
      await deliverPending(deps);
      await runDueDigests(deps, { notBefore: startedAt });
      await deliverPending(deps);
      await syncChannelTasks();
    }),
  );
  if (options.pollAtStart !== false) void poll().catch(() => undefined);

  const pollTask = cron.schedule(
    options.pollCron ?? '* * * * *',
    () => {
      if (stopped || pollQueued) return;
      pollQueued = true;
      void poll()
        .catch(() => undefined)
        .finally(() => {
          pollQueued = false;
        });
    },
    { name: 'poll', noOverlap: true },
  );

  return {
    async stop() {
      stopped = true;
      await pollTask.destroy();
      for (const { task } of channelTasks.values()) await task.destroy();
      channelTasks.clear();
      await queue.idle();
    },
    runDigestNow(platform, channelId) {
      return queue.run(() => runChannelDigest(deps, platform, channelId, { slot: 'now' }));
    },
    pollNow: poll,
    idle: () => queue.idle(),
  };
}
