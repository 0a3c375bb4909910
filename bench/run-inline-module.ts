/**
 * Runs a piece of ES module source in a fresh `node --expose-gc` process and yields the JSON lines
 * it prints: the benchmarks measure time and memory in processes of their own, so that nothing
 * the benchmark itself holds (other parsers, earlier rounds) weighs on the figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface InlineModuleRun {
  readonly child: ChildProcess;
  /** One parsed JSON value per line of standard output. */
  readonly records: AsyncIterable<unknown>;
}

export function runInlineModule(
  source: string,
  args: readonly string[],
  options: { readonly nodeFlags: readonly string[]; readonly cwd?: string },
): InlineModuleRun {
  const child = spawn(
    process.execPath,
    [...options.nodeFlags, '--expose-gc', '--input-type=module', '-e', source, ...args],
    { ...(options.cwd === undefined ? {} : { cwd: options.cwd }), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! });
  return {
    child,
    records: (async function* () {
      for await (const line of lines) yield JSON.parse(line) as unknown;
    })(),
  };
}
