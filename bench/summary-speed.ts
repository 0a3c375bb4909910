/**
 * Speed of a summarising function on one thread: repeated runs over the corpus, per-call latency
 * percentiles and peak memory.
 */
import { performance } from 'node:perf_hooks';

export interface SpeedReport {
  readonly runs: number;
  readonly meanWords: number;
  /** Wall-clock throughput of the timed loop. */
  readonly articlesPerSecond: number;
  readonly wordsPerSecond: number;
  /**
   * Throughput per second of CPU time (user + system) spent by this process in the timed loop: what
   * one core delivers, even when other processes share the machine.
   */
  readonly cpuArticlesPerSecond: number;
  /** CPU-time throughput scaled to articles of 1,000 words (words per CPU second / 1,000). */
  readonly cpuArticlesPerSecondAt1000Words: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Timed runs that failed (counted by the caller; a failing run is no evidence of speed). */
  readonly failures?: number;
  /** Highest resident set size seen while running (MB), sampled from process.memoryUsage(). */
  readonly peakRssMb: number;
  /** Peak resident set size of the whole process so far (MB), from process.resourceUsage(). */
  readonly maxRssMb: number;
}

/** The value below which `share` of the sorted values lie (nearest rank). */
export function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

/**
 * Calls `run` on the inputs round-robin, `warmup` times untimed and then `runs` times timed.
 * Returns nothing of the outputs: `keep` receives each result so the work cannot be optimised away.
 */
export function measureSpeed<I>(
  inputs: readonly I[],
  wordsOf: (input: I) => number,
  run: (input: I) => unknown,
  options: { runs: number; warmup: number },
): SpeedReport {
  if (inputs.length === 0) throw new Error('Measuring speed needs at least one input');
  let sink = 0;
  const keep = (result: unknown): void => {
    sink += result === undefined ? 0 : 1;
  };
  for (let i = 0; i < options.warmup; i += 1) keep(run(inputs[i % inputs.length] as I));
  const durations = new Float64Array(options.runs);
  let words = 0;
  let peakRss = process.memoryUsage().rss;
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < options.runs; i += 1) {
    const input = inputs[i % inputs.length] as I;
    const begin = performance.now();
    keep(run(input));
    durations[i] = performance.now() - begin;
    words += wordsOf(input);
    if (i % 64 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const elapsedSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const sorted = [...durations].sort((a, b) => a - b);
  if (sink < 0) console.log(sink);
  return {
    runs: options.runs,
    meanWords: options.runs === 0 ? 0 : words / options.runs,
    articlesPerSecond: elapsedSeconds === 0 ? 0 : options.runs / elapsedSeconds,
    wordsPerSecond: elapsedSeconds === 0 ? 0 : words / elapsedSeconds,
    cpuArticlesPerSecond: cpuSeconds === 0 ? 0 : options.runs / cpuSeconds,
    cpuArticlesPerSecondAt1000Words: cpuSeconds === 0 ? 0 : words / cpuSeconds / 1000,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted[sorted.length - 1] ?? 0,
    peakRssMb: peakRss / 2 ** 20,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}
