/**
 * The Web API client settings every Slack client of the app shares, and how its errors are told
 * apart: a refusal (`{ ok: false }`), a rate limit, or an uncertain failure after which a message
 * may or may not have been posted.
 */
import { LogLevel, webApi } from '@slack/bolt';

import type { Logger } from '../../src/ports.js';
import { createBoltLogger } from './create-bolt-logger.js';

export type WebClient = InstanceType<typeof webApi.WebClient>;

export interface WebClientSettings {
  /** Web API base URL; Slack's own when unset. */
  readonly apiUrl?: string;
  /** Request timeout in milliseconds. Default 30 s. */
  readonly requestTimeoutMs?: number;
}

export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: string; data?: { error?: string } };
  if (e.code === webApi.ErrorCode.PlatformError) return e.data?.error;
  if (e.code === webApi.ErrorCode.RateLimitedError || isRateLimitRetry(error)) return 'ratelimited';
  return undefined;
}

/** Slack answered `{ ok: false }`: the call had no effect. */
export function isPlatformError(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === webApi.ErrorCode.PlatformError;
}

/**
 * A failure after which the message may or may not have been posted: HTTP 5xx, a dropped
 * connection or a timeout. Rate limits and `{ ok: false }` answers mean Slack did not post it.
 */
export function isUncertainFailure(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  if (isRateLimitRetry(error)) return false;
  return code === webApi.ErrorCode.HTTPError || code === webApi.ErrorCode.RequestError;
}

/**
 * WebClient 8 signals "rate limited, Retry-After waited out, try again" by throwing a plain Error
 * with this message into its retry loop, wrapped in a WebAPIRequestError.
 */
export function isRateLimitRetry(error: unknown): boolean {
  const e = error as { message?: string; original?: { message?: string } } | null;
  const message = e?.original?.message ?? e?.message ?? '';
  return message.startsWith('A rate limit was exceeded');
}

/**
 * WebClient retry policy: retry rate-limited calls only. WebClient waits out `Retry-After` itself
 * before it throws its "A rate limit was exceeded" error into p-retry, so little extra backoff is
 * needed; anything else (5xx, network) is given back to the caller at once, because retrying a
 * chat.postMessage that may have succeeded would post it twice. (`onFailedAttempt` is p-retry's
 * option, which WebClient passes through; throwing from it stops the retries.)
 */
function createRetryConfig(): webApi.RetryOptions {
  const config = {
    retries: 10,
    factor: 2,
    minTimeout: 200,
    maxTimeout: 5000,
    randomize: true,
    onFailedAttempt: (error: Error) => {
      if (!isRateLimitRetry(error)) throw error;
    },
  };
  return config;
}

/** A fresh options object for every WebClient: Bolt mutates the one it is given. */
export function createWebClientOptions(settings: WebClientSettings, logger: Logger): webApi.WebClientOptions {
  return {
    ...(settings.apiUrl !== undefined ? { slackApiUrl: settings.apiUrl } : {}),
    retryConfig: createRetryConfig(),
    timeout: settings.requestTimeoutMs ?? 30_000,
    logger: createBoltLogger(logger.child({ component: 'slack-web-api' }), LogLevel.WARN),
  };
}
