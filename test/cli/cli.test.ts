import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliProcess } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'news-digest-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeConfig(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('news-digest executable', () => {
  it('prints help listing its subcommands and exits 0', async () => {
    const result = await runCliProcess(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: news-digest/);
    expect(result.stdout).toMatch(/config\s/);
  });

  it('prints its version', async () => {
    const result = await runCliProcess(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 on an unknown subcommand', async () => {
    const result = await runCliProcess(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('checks the shipped configuration', async () => {
    const result = await runCliProcess(['config', 'check', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { ok: boolean; feeds: number; platforms: string[] };
    expect(report.ok).toBe(true);
    expect(report.feeds).toBeGreaterThan(0);
    expect(report.platforms).toEqual(['console']);
  });

  it('reports every configuration problem with exit 2 and no stack trace', async () => {
    const path = writeConfig(
      'bad.yaml',
      'feeds:\n  - url: file:///etc/passwd\nchannels:\n  - platform: console\n    id: t\n    schedule: { cron: "every day", timezone: Mars/Olympus }\nlogg: {}\n',
    );
    const result = await runCliProcess(['--config', path, 'config', 'check']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'feeds[0].url: expected an http:// or https:// URL (got "file:///etc/passwd")',
    );
    expect(result.stderr).toContain('channels[0].schedule.timezone: expected an IANA timezone');
    expect(result.stderr).toContain('channels[0].schedule.cron: expected a cron expression');
    expect(result.stderr).toContain('unknown key "logg"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('explains a missing configuration file', async () => {
    const result = await runCliProcess(['--config', join(dir, 'nope.yaml'), 'config', 'check']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/file not found: .*nope\.yaml/);
  });

  it('does not print secrets when it warns about them', async () => {
    const path = writeConfig(
      'discord.yaml',
      'feeds: []\nchannels:\n  - platform: discord\n    id: "123456789012345678"\n    mode: live\n',
    );
    const result = await runCliProcess(['--config', path, 'config', 'check'], {
      env: { DISCORD_TOKEN: 'super-secret-discord-token' },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/warning: DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is not/);
    expect(result.stdout + result.stderr).not.toContain('super-secret-discord-token');
  });
});
