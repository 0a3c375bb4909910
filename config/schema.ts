/**
 * The configuration file's schema and loader. YAML (config/default.yaml, or --config FILE) holds
 * everything but secrets; environment variables override it and carry every secret. The result is
 * validated once, at start-up, into the `Settings` the core uses.
 */
import { readFileSync } from 'node:fs';
import cron from 'node-cron';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { parseQuery, QueryError } from '../src/alerts/query.js';
import { ScheduleError } from '../src/scheduler/cron-schedule.js';
import { validateSchedule } from '../src/scheduler/validate-schedule.js';
import type { Settings } from '../src/settings.js';

/** Invalid configuration: one line per problem, each naming the key, the value and what is expected. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid configuration (${source}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const httpUrl = z.string().refine(isHttpUrl, 'expected an http:// or https:// URL');
const platform = z.enum(['discord', 'slack', 'console']);
const cronExpression = z
  .string()
  .refine(
    (value) => cron.validate(value),
    'expected a cron expression such as "0 8 * * 1-5" (minute hour day month weekday)',
  );
const timeZone = z.string().refine(isTimeZone, 'expected an IANA timezone such as "Europe/Paris" or "UTC"');

/** A follow or filter query, checked with the same parser as /follow. */
const followQuery = z
  .string()
  .min(1)
  .superRefine((query, context) => {
    try {
      parseQuery(query);
    } catch (err) {
      if (!(err instanceof QueryError)) throw err;
      context.addIssue({ code: 'custom', message: err.message, input: query });
    }
  });

const feedSchema = z.strictObject({
  url: httpUrl,
  name: z.string().min(1).max(100).optional(),
  intervalMinutes: z.number().int().min(5, 'poll at most every 5 minutes').max(1440).default(30),
});

const channelSchema = z.strictObject({
  platform,
  id: z.string().min(1),
  mode: z.enum(['digest', 'live']).default('digest'),
  schedule: z
    .strictObject({ cron: cronExpression, timezone: timeZone.default('UTC') })
    .superRefine((schedule, context) => {
      // Valid cron can still be unusable: firing every minute, or never.
      if (!cron.validate(schedule.cron) || !isTimeZone(schedule.timezone)) return;
      try {
        validateSchedule(schedule.cron, schedule.timezone);
      } catch (err) {
        if (!(err instanceof ScheduleError)) throw err;
        context.addIssue({ code: 'custom', path: ['cron'], message: err.message, input: schedule.cron });
      }
    })
    .optional(),
  feeds: z.union([z.literal('all'), z.array(z.string().min(1))]).default('all'),
  filter: followQuery.optional(),
  maxStories: z.number().int().min(1).max(50).default(10),
  liveHourlyCap: z.number().int().min(1).max(100).default(10),
  quietWhenEmpty: z.boolean().default(false),
});

const followSchema = z.strictObject({
  platform,
  userId: z.string().min(1).optional(),
  channelId: z.string().min(1),
  query: followQuery,
  feeds: z.array(httpUrl).default([]),
});

const networkSchema = z.strictObject({
  allowPrivateAddresses: z.boolean().default(false),
  timeoutMs: z.number().int().min(1000).max(120_000).default(20_000),
  connectTimeoutMs: z.number().int().min(500).max(60_000).default(10_000),
  maxBytes: z
    .number()
    .int()
    .min(64 * 1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  maxRedirects: z.number().int().min(0).max(20).default(5),
  concurrency: z.number().int().min(1).max(256).default(16),
  perHostConcurrency: z.number().int().min(1).max(32).default(2),
  userAgent: z.string().min(1).default('news-digest/0.1 (+https://github.com/news-digest/news-digest)'),
});

/** The YAML file: everything but secrets. Unknown keys are errors, so typos are caught. */
export const fileSchema = z.strictObject({
  feeds: z.array(feedSchema).default([]),
  channels: z.array(channelSchema).default([]),
  follows: z.array(followSchema).default([]),
  network: networkSchema.default(networkSchema.parse({})),
  store: z
    .strictObject({
      path: z.string().min(1).default('./data/news-digest.db'),
      url: z
        .string()
        .refine((v) => /^postgres(ql)?:\/\//.test(v), 'expected a postgres:// URL')
        .optional(),
    })
    .default({ path: './data/news-digest.db' }),
  discord: z
    .strictObject({
      apiUrl: httpUrl.optional(),
      guildId: z
        .string()
        .regex(/^\d{15,21}$/, 'expected a Discord guild id (a snowflake: 15 to 21 digits)')
        .optional(),
    })
    .default({}),
  slack: z
    .strictObject({
      apiUrl: httpUrl.optional(),
      port: z.number().int().min(0).max(65_535).default(3000),
      path: z.string().startsWith('/').default('/slack/events'),
      managerUserIds: z
        .array(z.string().regex(/^[UW][A-Z0-9]+$/, 'expected a Slack user id such as U012AB3CD'))
        .default([]),
    })
    .default({ port: 3000, path: '/slack/events', managerUserIds: [] }),
  log: z
    .strictObject({
      level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    })
    .default({ level: 'info' }),
});

export type ConfigFile = z.infer<typeof fileSchema>;

/**
 * Environment variables read at start-up. Secrets come only from here; the others override the
 * file. Each entry: variable → where it goes, and whether its value may be shown in an error.
 */
export const environmentVariables = {
  DISCORD_TOKEN: { path: 'discord.token', secret: true, description: 'Discord bot token' },
  DISCORD_APPLICATION_ID: {
    path: 'discord.applicationId',
    secret: false,
    description: 'Discord application id (for command registration and the invite link)',
  },
  DISCORD_API_URL: { path: 'discord.apiUrl', secret: false, description: 'overrides discord.apiUrl' },
  DISCORD_GUILD_ID: { path: 'discord.guildId', secret: false, description: 'overrides discord.guildId' },
  SLACK_BOT_TOKEN: { path: 'slack.botToken', secret: true, description: 'Slack bot token (xoxb-…)' },
  SLACK_SIGNING_SECRET: {
    path: 'slack.signingSecret',
    secret: true,
    description: 'Slack signing secret (HTTP mode)',
  },
  SLACK_APP_TOKEN: {
    path: 'slack.appToken',
    secret: true,
    description: 'Slack app-level token (xapp-…, Socket Mode)',
  },
  SLACK_API_URL: { path: 'slack.apiUrl', secret: false, description: 'overrides slack.apiUrl' },
  SLACK_PORT: { path: 'slack.port', secret: false, description: 'overrides slack.port' },
  NEWS_DIGEST_STORE_PATH: { path: 'store.path', secret: false, description: 'overrides store.path' },
  NEWS_DIGEST_STORE_URL: {
    path: 'store.url',
    secret: true,
    description: 'overrides store.url (may hold a password)',
  },
  NEWS_DIGEST_LOG_LEVEL: { path: 'log.level', secret: false, description: 'overrides log.level' },
} as const;

const secretsSchema = z.object({
  DISCORD_TOKEN: z.string().min(1).optional(),
  DISCORD_APPLICATION_ID: z
    .string()
    .regex(/^\d{15,21}$/, 'expected a Discord application id (a snowflake: 15 to 21 digits)')
    .optional(),
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'expected a bot token starting with xoxb-').optional(),
  SLACK_SIGNING_SECRET: z.string().min(8).optional(),
  SLACK_APP_TOKEN: z
    .string()
    .startsWith('xapp-', 'expected an app-level token starting with xapp-')
    .optional(),
});

function formatIssue(issue: z.core.$ZodIssue, secretPaths: ReadonlySet<string>): string {
  const path = issue.path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('');
  const key = path.replace(/^\./, '') || 'config';
  if (issue.code === 'unrecognized_keys') {
    return `${key}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling; secrets go in environment variables)`;
  }
  const shown =
    'input' in issue && issue.input !== undefined && !secretPaths.has(key)
      ? ` (got ${JSON.stringify(issue.input)?.slice(0, 120)})`
      : '';
  return `${key}: ${issue.message}${shown}`;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts.at(-1)!] = value;
}

/** Reads and parses the YAML file; a missing or malformed file is a ConfigError naming it. */
export function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(path, [
      code === 'ENOENT'
        ? `file not found: ${path} (pass --config FILE, or copy config/default.yaml)`
        : `cannot read ${path}: ${code ?? String(err)}`,
    ]);
  }
  try {
    return parseYaml(text, { maxAliasCount: 100 }) ?? {};
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const where = err.linePos?.[0] ? ` at line ${err.linePos[0].line}, column ${err.linePos[0].col}` : '';
      throw new ConfigError(path, [`not valid YAML${where}: ${err.message.split('\n')[0]}`]);
    }
    // The yaml library refuses alias bombs (and other abuse) with plain errors.
    throw new ConfigError(path, [`YAML refused: ${(err as Error).message.split('\n')[0]}`]);
  }
}

/**
 * Validates the parsed file plus the environment into Settings. Every problem is collected, so one
 * run lists all that needs fixing.
 */
export function loadSettings(
  fileContent: unknown,
  env: Readonly<Record<string, string | undefined>>,
  source = 'configuration',
): Settings {
  const problems: string[] = [];
  const secretPaths = new Set<string>();
  const merged: Record<string, unknown> =
    typeof fileContent === 'object' && fileContent !== null && !Array.isArray(fileContent)
      ? structuredClone(fileContent as Record<string, unknown>)
      : {};
  if (fileContent !== null && (typeof fileContent !== 'object' || Array.isArray(fileContent))) {
    throw new ConfigError(source, [
      'config: expected a mapping of keys (feeds, channels, network, …) at the top level',
    ]);
  }

  // Non-secret overrides from the environment go through the same schema as the file.
  for (const [variable, spec] of Object.entries(environmentVariables)) {
    const value = env[variable];
    // Secrets are validated by secretsSchema below, never merged into the file's settings.
    if (value === undefined || value === '' || variable in secretsSchema.shape) continue;
    if (spec.secret) secretPaths.add(spec.path);
    setPath(merged, spec.path, spec.path === 'slack.port' ? Number(value) : value);
  }

  const file = fileSchema.safeParse(merged, { reportInput: true });
  if (!file.success) problems.push(...file.error.issues.map((issue) => formatIssue(issue, secretPaths)));

  const secretsInput = Object.fromEntries(
    Object.keys(secretsSchema.shape).flatMap((k) => (env[k] ? [[k, env[k]]] : [])),
  );
  const secrets = secretsSchema.safeParse(secretsInput, { reportInput: false });
  if (!secrets.success) problems.push(...secrets.error.issues.map((issue) => formatIssue(issue, new Set())));

  if (file.success) problems.push(...crossCheck(file.data));
  if (problems.length > 0 || !file.success || !secrets.success) throw new ConfigError(source, problems);

  const config = file.data;
  const s = secrets.data;
  return {
    feeds: config.feeds.map((f) => ({
      url: f.url,
      intervalMinutes: f.intervalMinutes,
      ...(f.name && { name: f.name }),
    })),
    channels: config.channels.map((c) => ({
      platform: c.platform,
      id: c.id,
      mode: c.mode,
      feeds: c.feeds === 'all' ? 'all' : c.feeds.map((ref) => resolveFeedRef(config, ref)),
      maxStories: c.maxStories,
      liveHourlyCap: c.liveHourlyCap,
      quietWhenEmpty: c.quietWhenEmpty,
      ...(c.schedule && { schedule: { cron: c.schedule.cron, timezone: c.schedule.timezone } }),
      ...(c.filter && { filter: c.filter }),
    })),
    follows: config.follows.map((f) => ({
      platform: f.platform,
      channelId: f.channelId,
      query: f.query,
      feeds: f.feeds,
      ...(f.userId && { userId: f.userId }),
    })),
    network: config.network,
    store: { path: config.store.path, ...(config.store.url && { url: config.store.url }) },
    discord: {
      ...(config.discord.apiUrl && { apiUrl: config.discord.apiUrl }),
      ...(config.discord.guildId && { guildId: config.discord.guildId }),
      ...(s.DISCORD_TOKEN && { token: s.DISCORD_TOKEN }),
      ...(s.DISCORD_APPLICATION_ID && { applicationId: s.DISCORD_APPLICATION_ID }),
    },
    slack: {
      port: config.slack.port,
      path: config.slack.path,
      managerUserIds: config.slack.managerUserIds,
      ...(config.slack.apiUrl && { apiUrl: config.slack.apiUrl }),
      ...(s.SLACK_BOT_TOKEN && { botToken: s.SLACK_BOT_TOKEN }),
      ...(s.SLACK_SIGNING_SECRET && { signingSecret: s.SLACK_SIGNING_SECRET }),
      ...(s.SLACK_APP_TOKEN && { appToken: s.SLACK_APP_TOKEN }),
    },
    log: config.log,
  };
}

/** A channel's feed may be named by URL or by the feed's `name`. */
function resolveFeedRef(config: ConfigFile, ref: string): string {
  return config.feeds.find((f) => f.url === ref || f.name === ref)?.url ?? ref;
}

/** Checks that need the whole file: references between sections, duplicates. */
function crossCheck(config: ConfigFile): string[] {
  const problems: string[] = [];
  const seenFeeds = new Set<string>();
  config.feeds.forEach((feed, i) => {
    if (seenFeeds.has(feed.url)) problems.push(`feeds[${i}].url: "${feed.url}" is listed twice`);
    seenFeeds.add(feed.url);
  });
  const seenChannels = new Set<string>();
  config.channels.forEach((channel, i) => {
    const key = `${channel.platform}:${channel.id}`;
    if (seenChannels.has(key)) problems.push(`channels[${i}]: channel ${key} is listed twice`);
    seenChannels.add(key);
    if (channel.feeds !== 'all') {
      channel.feeds.forEach((ref, j) => {
        if (!config.feeds.some((f) => f.url === ref || f.name === ref)) {
          problems.push(`channels[${i}].feeds[${j}]: "${ref}" is not the url or name of a configured feed`);
        }
      });
    }
    if (channel.mode === 'digest' && !channel.schedule) {
      problems.push(
        `channels[${i}].schedule: a digest channel needs a schedule such as { cron: "0 8 * * *", timezone: "Europe/Paris" } (or set mode: live)`,
      );
    }
  });
  return problems;
}

/** Reads `path` (YAML) and the environment into Settings, or throws ConfigError. */
export function loadSettingsFromFile(
  path: string,
  env: Readonly<Record<string, string | undefined>>,
): Settings {
  return loadSettings(readConfigFile(path), env, path);
}
