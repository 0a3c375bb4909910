/**
 * Composition root and command-line entry point. The only file in src/ that reads the environment,
 * knows the config loader and imports platform adapters; everything else gets plain dependencies.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, loadSettingsFromFile } from '../config/schema.js';
import { ExitCode, UsageError, type CliRuntime } from './cli/cli-runtime.js';
import { registerConfigCommand } from './cli/config-command.js';
import { registerDigestCommand } from './cli/digest-command.js';
import { registerDiscordCommand } from './cli/discord-command.js';
import { registerHealthCommand } from './cli/health-command.js';
import { createLogger } from './log.js';
import type { Logger } from './ports.js';
import type { Settings } from './settings.js';
import { openSqliteStore, StoreOpenError } from './store/sqlite-store.js';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const defaultConfigPath = join(packageRoot, 'config', 'default.yaml');

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
  registerDigestCommand(program, runtime);
  registerDiscordCommand(program, runtime);
  registerHealthCommand(program, runtime);
  return { program, runtime };
}

/** Runs the CLI and returns the exit code: 0 ok, 1 runtime failure, 2 usage or configuration error. */
export async function runCli(argv: readonly string[]): Promise<number> {
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
