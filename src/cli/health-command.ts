/** `news-digest health`: exit 0 when a running `serve` has written a fresh heartbeat (container HEALTHCHECK). */
import type { Command } from 'commander';
import { checkHeartbeat, heartbeatPath } from '../health/heartbeat.js';
import { ExitCode, UsageError, type CliRuntime } from './cli-runtime.js';

export function registerHealthCommand(program: Command, runtime: CliRuntime): void {
  program
    .command('health')
    .description('exit 0 if the running bot wrote a heartbeat recently, 1 otherwise')
    .option('--max-age <seconds>', 'oldest acceptable heartbeat', '180')
    .option('--json', 'print the result as JSON')
    .action(async (flags: { maxAge: string; json?: boolean }) => {
      const maxAge = Number(flags.maxAge);
      if (!Number.isFinite(maxAge) || maxAge <= 0)
        throw new UsageError(`--max-age: expected a number of seconds, got "${flags.maxAge}"`);
      const settings = await runtime.settings();
      const result = checkHeartbeat(heartbeatPath(settings.store.path), runtime.now(), maxAge);
      if (flags.json) runtime.io.stdout.write(`${JSON.stringify(result)}\n`);
      else
        runtime.io.stdout.write(
          result.healthy
            ? `healthy: heartbeat ${Math.round(result.ageSeconds)} s ago\n`
            : `unhealthy: ${result.reason}\n`,
        );
      process.exitCode = result.healthy ? ExitCode.ok : ExitCode.failure;
    });
}
