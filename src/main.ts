/**
 * Composition root and command-line entry point. The only file in src/ that reads the environment,
 * knows the config loader and imports platform adapters; everything else gets plain dependencies.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, loadSettingsFromFile } from '../config/schema.js';
import { ExitCode, UsageError, type CliRuntime } from './cli/cli-runtime.js';
import { registerConfigCommand } from './cli/config-command.js';
import { registerDigestCommand } from './cli/digest-command.js';
import { registerDiscordCommand } from './cli/discord-command.js';
import { registerFeedsCommand } from './cli/feeds-command.js';
import { registerFetchCommand } from './cli/fetch-command.js';
import { registerHealthCommand } from './cli/health-command.js';
import { registerSummariseCommand } from './cli/summarise-command.js';
import { createConsolePlatform } from '../adapters/console/console-platform.js';
import { createCommandHandler } from './commands/create-command-handler.js';
import { fetchArticlePage } from './extract/fetch-article-page.js';
import { checkFeed } from './feeds/check-feed.js';
import { heartbeatPath, removeHeartbeat, writeHeartbeat } from './health/heartbeat.js';
import { createLogger } from './log.js';
import type { PlatformName } from './model.js';
import { createHttpClient } from './net/http-client.js';
import type { ChatPlatform } from './ports.js';
import { startScheduler, type Scheduler } from './scheduler/start-scheduler.js';
import { syncSettingsToStore } from './store/sync-settings.js';
import { createExtractiveSummariser } from './summarise/extractive-summariser.js';
import type { Logger } from './ports.js';
import type { Settings } from './settings.js';
import { openSqliteStore, StoreOpenError } from './store/sqlite-store.js';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const defaultConfigPath = join(packageRoot, 'config', 'default.yaml');

function readPackageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return 'unknown';
  }
}

function secretValues(settings: Settings): string[] {
  return [
    settings.discord.token,
    settings.slack.botToken,
    settings.slack.signingSecret,
    settings.slack.appToken,
    settings.store.url,
  ].filter((s): s is string => typeof s === 'string');
}

function buildProgram(): { program: Command; runtime: CliRuntime } {
  const program = new Command('news-digest')
    .description(
      'Reads news feeds and posts digests of key claims and key figures to Discord, Slack or the terminal.',
    )
    .addOption(
      new Option('-c, --config <file>', 'configuration file (YAML); also NEWS_DIGEST_CONFIG').default(
        process.env.NEWS_DIGEST_CONFIG ?? defaultConfigPath,
        'config/default.yaml',
      ),
    )
    .version(readPackageVersion(), '-V, --version', 'print the version of news-digest')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  let cached: Settings | undefined;
  const runtime: CliRuntime = {
    io: { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin },
    async settings() {
      cached ??= loadSettingsFromFile(program.opts<{ config: string }>().config, process.env);
      return cached;
    },
    openStore: async (settings) =>
      settings.store.url
        ? (await import('./store/postgres-store.js')).openPostgresStore(settings.store.url)
        : openSqliteStore(settings.store.path),
    logger: (settings): Logger =>
      createLogger({
        level: settings.log.level,
        pretty: Boolean(process.stderr.isTTY),
        secrets: secretValues(settings),
      }),
    now: () => new Date(),
  };

  registerConfigCommand(program, runtime, { environment: process.env });
  // Subcommand registrations (one line each): keep this list in the order of `--help`.
  // @register-commands
  registerServeCommand(program, runtime);
  registerFetchCommand(program, runtime);
  registerFeedsCommand(program, runtime);
  registerDigestCommand(program, runtime);
  registerDiscordCommand(program, runtime);
  registerHealthCommand(program, runtime);
  registerSummariseCommand(program, runtime);
  return { program, runtime };
}

const heartbeatIntervalMs = 30_000;

/** The platforms to run: the console always; Discord and Slack when their credentials are set. */
async function createPlatforms(
  settings: Settings,
  logger: Logger,
  runtime: CliRuntime,
): Promise<Map<PlatformName, ChatPlatform>> {
  const platforms = new Map<PlatformName, ChatPlatform>();
  const consoleChannel = settings.channels.find((c) => c.platform === 'console')?.id ?? 'console';
  platforms.set(
    'console',
    createConsolePlatform({
      out: runtime.io.stdout,
      // Commands typed (or piped) on standard input (/summary, /help, …) are answered as if sent
      // in the console channel.
      in: runtime.io.stdin,
      channelId: consoleChannel,
    }),
  );
  const { token, applicationId } = settings.discord;
  if (token && applicationId) {
    // Loaded only when used: the platform SDKs are large and slow to import.
    const { createDiscordPlatform } = await import('../adapters/discord/discord-platform.js');
    platforms.set(
      'discord',
      createDiscordPlatform({ ...settings.discord, token, applicationId }, { logger }),
    );
  }
  const { botToken } = settings.slack;
  if (botToken && (settings.slack.signingSecret || settings.slack.appToken)) {
    const { createSlackPlatform } = await import('../adapters/slack/slack-platform.js');
    platforms.set(
      'slack',
      createSlackPlatform({ ...settings.slack, botToken }, { logger, now: runtime.now }),
    );
  }
  return platforms;
}

/** Resolves on the first SIGINT or SIGTERM. */
function waitForShutdownSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: string) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** `serve`: runs the bot until SIGINT or SIGTERM, then shuts down cleanly. */
async function serve(runtime: CliRuntime): Promise<void> {
  // Listen first, so a signal that arrives during start-up still leads to a clean shutdown.
  const shutdownSignal = waitForShutdownSignal();
  const settings = await runtime.settings();
  const logger = runtime.logger(settings);
  const store = await runtime.openStore(settings);
  let scheduler: Scheduler | undefined;
  const started: ChatPlatform[] = [];
  let heartbeat: NodeJS.Timeout | undefined;
  try {
    const sync = await syncSettingsToStore(store, settings, runtime.now());
    logger.info({ ...sync }, 'configuration applied to the store');
    const client = createHttpClient(settings.network);
    const summariser = createExtractiveSummariser();
    const platforms = await createPlatforms(settings, logger, runtime);
    const handler = createCommandHandler({
      store,
      summariser,
      fetchArticlePage: (url) => fetchArticlePage(url, client),
      runDigestNow: async (platform, channelId) => {
        if (!scheduler) throw new Error('the scheduler is not running yet');
        return { stories: (await scheduler.runDigestNow(platform, channelId)).stories };
      },
      now: runtime.now,
      logger,
      defaults: { feedIntervalMinutes: 30, timezone: 'UTC' },
      configuredFeedUrls: new Set(settings.feeds.map((feed) => feed.url)),
      checkFeed: async (url) => {
        const check = await checkFeed(url, {
          client,
          now: runtime.now(),
          readFile: () => Promise.reject(new Error('only web addresses can be added')),
        });
        return {
          ...(check.error === undefined ? {} : { error: check.error }),
          ...(check.feed.title ? { title: check.feed.title } : {}),
        };
      },
    });
    for (const platform of platforms.values()) {
      platform.onCommand(handler);
      await platform.start();
      started.push(platform);
      logger.info({ platform: platform.name }, 'platform started');
    }
    scheduler = startScheduler({ store, client, summariser, platforms, now: runtime.now, logger, settings });
    const beatPath = heartbeatPath(settings.store.path);
    const beat = () => {
      try {
        writeHeartbeat(beatPath, {
          at: runtime.now().toISOString(),
          pid: process.pid,
          platforms: [...platforms.keys()],
        });
      } catch (err) {
        logger.warn({ err, path: beatPath }, 'cannot write the heartbeat file');
      }
    };
    beat();
    heartbeat = setInterval(beat, heartbeatIntervalMs);
    heartbeat.unref();
    logger.info(
      { platforms: [...platforms.keys()], feeds: settings.feeds.length, channels: settings.channels.length },
      'news-digest is running; press Ctrl+C to stop',
    );
    const signal = await shutdownSignal;
    logger.info({ signal }, 'shutting down');
  } finally {
    if (heartbeat) {
      clearInterval(heartbeat);
      removeHeartbeat(heartbeatPath(settings.store.path));
    }
    await scheduler?.stop().catch((err: unknown) => logger.error({ err }, 'scheduler did not stop cleanly'));
    for (const platform of started.reverse()) {
      await platform
        .stop()
        .catch((err: unknown) =>
          logger.error({ err, platform: platform.name }, 'platform did not stop cleanly'),
        );
    }
    await store.close();
  }
}

function registerServeCommand(program: Command, runtime: CliRuntime): void {
  program
    .command('serve')
    .description('run the bot: poll feeds, post digests and alerts, answer slash commands (Ctrl+C stops it)')
    .action(async () => {
      await serve(runtime);
      process.exitCode = ExitCode.ok;
    });
}

/** Runs the CLI and returns the exit code: 0 ok, 1 runtime failure, 2 usage or configuration error. */
/**
 * `news-digest … | head` closes the pipe before the output ends: the reader wants no more, which is
 * not a failure and must not end in an unhandled 'error' event.
 */
function stopQuietlyWhenOutputCloses(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? ExitCode.ok);
  });
}

export async function runCli(argv: readonly string[]): Promise<number> {
  stopQuietlyWhenOutputCloses(process.stdout);
  const { program } = buildProgram();
  program.configureOutput({ writeErr: (text) => process.stderr.write(text) });
  try {
    await program.parseAsync(argv as string[]);
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) {
        return ExitCode.ok;
      }
      return ExitCode.usage;
    }
    if (err instanceof ConfigError || err instanceof UsageError) {
      process.stderr.write(`${err.message}\n`);
      return ExitCode.usage;
    }
    if (err instanceof StoreOpenError) {
      process.stderr.write(`news-digest: ${err.message}\n`);
      return ExitCode.failure;
    }
    process.stderr.write(`news-digest: ${(err as Error).message ?? String(err)}\n`);
    return ExitCode.failure;
  }
}
