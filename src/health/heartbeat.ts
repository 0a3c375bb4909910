/**
 * A heartbeat file that `serve` rewrites while it runs, next to the database. `news-digest health`
 * (the container HEALTHCHECK) reads it: a stale or missing heartbeat means the bot is not running.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface Heartbeat {
  readonly at: string;
  readonly pid: number;
  readonly platforms: readonly string[];
}

/** Where the heartbeat of the bot using this SQLite database lives. */
export function heartbeatPath(storePath: string): string {
  return storePath === ':memory:'
    ? join(process.cwd(), 'news-digest.heartbeat.json')
    : join(dirname(resolve(storePath)), 'news-digest.heartbeat.json');
}

export function writeHeartbeat(path: string, heartbeat: Heartbeat): void {
  // Write then rename, so a reader never sees half a file.
  const temporary = `${path}.${heartbeat.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(heartbeat));
  renameSync(temporary, path);
}

/** On a clean shutdown: no heartbeat means "not running" at once, not after the age limit. */
export function removeHeartbeat(path: string): void {
  rmSync(path, { force: true });
}

export type HeartbeatCheck =
  | { readonly healthy: true; readonly heartbeat: Heartbeat; readonly ageSeconds: number }
  | { readonly healthy: false; readonly reason: string };

export function checkHeartbeat(path: string, now: Date, maxAgeSeconds: number): HeartbeatCheck {
  let heartbeat: Heartbeat;
  try {
    heartbeat = JSON.parse(readFileSync(path, 'utf8')) as Heartbeat;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      healthy: false,
      reason:
        code === 'ENOENT'
          ? `no heartbeat at ${path}: is "serve" running?`
          : `unreadable heartbeat at ${path}`,
    };
  }
  const ageSeconds = (now.getTime() - new Date(heartbeat.at).getTime()) / 1000;
  if (!Number.isFinite(ageSeconds))
    return { healthy: false, reason: `heartbeat at ${path} has no valid time` };
  if (ageSeconds > maxAgeSeconds) {
    return {
      healthy: false,
      reason: `last heartbeat ${Math.round(ageSeconds)} s ago (limit ${maxAgeSeconds} s)`,
    };
  }
  return { healthy: true, heartbeat, ageSeconds };
}
