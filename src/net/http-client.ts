/**
 * The one way the bot reads the web (feeds, article pages, `/summary <url>`): undici with the
 * network policy enforced on the address actually connected to, manual redirects re-checked at
 * every hop, connect and total timeouts, a size cap on the decompressed body, conditional
 * requests, and overall plus per-host concurrency limits.
 */
import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction, Socket } from 'node:net';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { Agent, buildConnector, request } from 'undici';
import type { NetworkSettings } from '../settings.js';
import {
  allowPrivateHint,
  assertAddressAllowed,
  assertUrlAllowed,
  classifyAddress,
  NetworkPolicyError,
  type AddressClassifier,
} from './address-policy.js';
import { createConcurrencyLimiter } from './concurrency-limiter.js';

export { NetworkPolicyError } from './address-policy.js';

/** Header access as on a fetch `Headers` object. */
export interface HeaderBag {
  get(name: string): string | null;
}

export interface HttpResponse {
  /** 2xx or 304. */
  readonly status: number;
  /** Final URL, after redirects. */
  readonly url: string;
  readonly headers: HeaderBag;
  /** Decompressed body; empty for 304. */
  readonly body: Buffer;
}

export interface HttpGetOptions {
  readonly etag?: string;
  readonly lastModified?: string;
  readonly accept?: string;
  /** Overrides `network.maxBytes` for this request. */
  readonly maxBytes?: number;
  readonly signal?: AbortSignal;
}

export interface HttpClient {
  get(url: string, options?: HttpGetOptions): Promise<HttpResponse>;
  /** Closes pooled connections. */
  close(): Promise<void>;
}

export type HttpFailureKind =
  'status' | 'timeout' | 'too-large' | 'redirect' | 'network' | 'encoding' | 'aborted';

/** A request that did not produce a usable response. `status` is set for HTTP error statuses. */
export class HttpFetchError extends Error {
  override readonly name = 'HttpFetchError';
  constructor(
    readonly url: string,
    readonly status: number | undefined,
    readonly kind: HttpFailureKind,
    readonly reason: string,
    options?: ErrorOptions & { retryAfter?: string },
  ) {
    super(`Fetching ${url} failed: ${reason}`, options);
    this.retryAfter = options?.retryAfter;
  }
  /** Raw `Retry-After` header of a 429/503 answer, when there was one. */
  readonly retryAfter: string | undefined;
}

const defaultUserAgent = 'news-digest/0.1 (news feed reader bot)';
/** How long an idle connection stays open, whatever the server's Keep-Alive header offers. */
const idleConnectionMs = 1_000;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const decompressors = {
  gzip: promisify(zlib.gunzip),
  'x-gzip': promisify(zlib.gunzip),
  br: promisify(zlib.brotliDecompress),
  deflate: promisify(zlib.inflate),
  'deflate-raw': promisify(zlib.inflateRaw),
} as const;

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Wraps a DNS lookup so a name that resolves to a refused address fails before connecting. */
function guardLookup(
  base: LookupFunction,
  allowPrivateAddresses: boolean,
  classify: AddressClassifier,
): LookupFunction {
  return (hostname, options, callback) => {
    base(hostname, options, (error, address, family) => {
      if (error !== null || allowPrivateAddresses) {
        callback(error, address, family);
        return;
      }
      const entries = Array.isArray(address) ? address.map((a) => a.address) : [address];
      try {
        for (const entry of entries) assertAddressAllowed(entry, false, hostname, classify);
      } catch (refusal) {
        callback(refusal as NodeJS.ErrnoException, address, family);
        return;
      }
      callback(null, address, family);
    });
  };
}

function findCause<T>(error: unknown, type: abstract new (...args: never[]) => T): T | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current instanceof Error; depth += 1) {
    if (current instanceof type) return current;
    current = current.cause;
  }
  return undefined;
}

function describeNetworkError(
  error: unknown,
  connectTimeoutMs: number,
): { kind: HttpFailureKind; reason: string } {
  const code = (error as { code?: string } | undefined)?.code ?? '';
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return { kind: 'timeout', reason: `could not connect within ${connectTimeoutMs} ms` };
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return { kind: 'timeout', reason: 'the server stopped sending' };
    case 'ECONNREFUSED':
      return { kind: 'network', reason: 'connection refused' };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { kind: 'network', reason: 'host name not found' };
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return { kind: 'network', reason: 'connection closed by the server' };
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return { kind: 'network', reason: message.length > 0 ? message : 'network error' };
    }
  }
}

async function decodeBody(
  body: Buffer,
  contentEncoding: string,
  maxBytes: number,
  url: string,
): Promise<Buffer> {
  const codings = contentEncoding
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'identity');
  let data = body;
  for (const coding of codings.reverse()) {
    if (data.length === 0) break;
    let name = coding as keyof typeof decompressors;
    // "deflate" is meant to be zlib-wrapped, but servers send raw deflate too: a zlib header has 8 as low nibble.
    if (coding === 'deflate' && ((data[0] ?? 0) & 0x0f) !== 8) name = 'deflate-raw';
    const decompress = decompressors[name];
    if (decompress === undefined) {
      throw new HttpFetchError(url, undefined, 'encoding', `unsupported content encoding "${coding}"`);
    }
    try {
      data = await decompress(data, { maxOutputLength: maxBytes });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
        throw new HttpFetchError(
          url,
          undefined,
          'too-large',
          `body larger than ${formatBytes(maxBytes)} once decompressed`,
          {
            cause: error,
          },
        );
      }
      throw new HttpFetchError(url, undefined, 'encoding', `corrupt ${coding} body`, { cause: error });
    }
  }
  return data;
}

export interface HttpClientOptions {
  /** DNS lookup (tests map names to loopback with it). Defaults to the system resolver. */
  readonly lookup?: LookupFunction;
  /** Replaces the address policy; tests use it to treat one loopback address as public. */
  readonly classifyAddress?: AddressClassifier;
}

export function createHttpClient(network: NetworkSettings, options?: HttpClientOptions): HttpClient {
  const allowPrivate = network.allowPrivateAddresses;
  const classify = options?.classifyAddress ?? classifyAddress;
  const lookup = guardLookup(
    options?.lookup ?? (dnsLookup as unknown as LookupFunction),
    allowPrivate,
    classify,
  );
  const baseConnector = buildConnector({ timeout: network.connectTimeoutMs, lookup });
  // Second line of defence: check the peer address of the socket actually opened (covers literal IPs).
  const connector: buildConnector.connector = (connectOptions, callback) => {
    baseConnector(connectOptions, (error, socket) => {
      if (error !== null) {
        callback(error, null);
        return;
      }
      const remote = (socket as Socket).remoteAddress;
      try {
        if (!allowPrivate) {
          if (remote === undefined)
            throw new NetworkPolicyError(connectOptions.hostname, 'peer address unknown');
          assertAddressAllowed(remote, false, connectOptions.hostname, classify);
        }
      } catch (refusal) {
        socket.destroy();
        callback(refusal as Error, null);
        return;
      }
      callback(null, socket);
    });
  };
  const agent = new Agent({
    connect: connector,
    connections: Math.max(1, network.perHostConcurrency),
    headersTimeout: network.timeoutMs,
    bodyTimeout: network.timeoutMs,
    // A feed host is asked once per cycle, so an idle connection is only worth keeping for the
    // requests that follow at once (a redirect, the entry's article pages). Every open connection
    // keeps a pool, a socket and a parser alive: 1,000 hosts kept for seconds cost ~50 MB of heap.
    keepAliveTimeout: idleConnectionMs,
    keepAliveMaxTimeout: idleConnectionMs,
  });
  const limiter = createConcurrencyLimiter({
    total: network.concurrency,
    perKey: network.perHostConcurrency,
  });
  const userAgent = network.userAgent.trim() === '' ? defaultUserAgent : network.userAgent;

  async function fetchOnce(
    url: URL,
    headers: Record<string, string>,
    maxBytes: number,
    signal: AbortSignal,
  ): Promise<{ status: number; headers: Headers; body: Buffer }> {
    const response = await request(url, { method: 'GET', headers, dispatcher: agent, signal });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) responseHeaders.append(name, item);
    }
    const status = response.statusCode;
    if (status === 304 || redirectStatuses.has(status) || status < 200 || status >= 300) {
      await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      return { status, headers: responseHeaders, body: Buffer.alloc(0) };
    }
    const declared = Number(responseHeaders.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      response.body.destroy();
      throw new HttpFetchError(
        url.href,
        status,
        'too-large',
        `response of ${formatBytes(declared)} exceeds the ${formatBytes(maxBytes)} limit`,
      );
    }
    const chunks: Buffer[] = [];
    let received = 0;
    for await (const chunk of response.body) {
      const buffer = chunk as Buffer;
      received += buffer.length;
      if (received > maxBytes) {
        response.body.destroy();
        throw new HttpFetchError(
          url.href,
          status,
          'too-large',
          `response exceeds the ${formatBytes(maxBytes)} limit`,
        );
      }
      chunks.push(buffer);
    }
    // A body in one chunk (most feeds) is used as it is; chunks are let go once joined.
    const raw = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received);
    chunks.length = 0;
    const body = await decodeBody(raw, responseHeaders.get('content-encoding') ?? '', maxBytes, url.href);
    return { status, headers: responseHeaders, body };
  }

  async function fetchWithTimeout(
    target: URL,
    headers: Record<string, string>,
    maxBytes: number,
    outerSignal: AbortSignal | undefined,
  ): Promise<{ status: number; headers: Headers; body: Buffer }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('total timeout')), network.timeoutMs);
    const onOuterAbort = (): void => controller.abort(outerSignal?.reason);
    outerSignal?.addEventListener('abort', onOuterAbort, { once: true });
    try {
      return await fetchOnce(target, headers, maxBytes, controller.signal);
    } catch (error) {
      const refusal = findCause(error, NetworkPolicyError);
      if (refusal !== undefined) throw refusal;
      if (error instanceof HttpFetchError) throw error;
      if (controller.signal.aborted) {
        const outer = outerSignal?.aborted === true;
        throw new HttpFetchError(
          target.href,
          undefined,
          outer ? 'aborted' : 'timeout',
          outer ? 'aborted' : `no complete response within ${network.timeoutMs} ms`,
          { cause: error },
        );
      }
      const { kind, reason } = describeNetworkError(error, network.connectTimeoutMs);
      throw new HttpFetchError(target.href, undefined, kind, reason, { cause: error });
    } finally {
      clearTimeout(timer);
      outerSignal?.removeEventListener('abort', onOuterAbort);
    }
  }

  async function get(url: string, getOptions: HttpGetOptions = {}): Promise<HttpResponse> {
    let current: URL;
    try {
      current = new URL(url);
    } catch (error) {
      throw new HttpFetchError(url, undefined, 'network', 'not a valid URL', { cause: error });
    }
    const maxBytes = getOptions.maxBytes ?? network.maxBytes;
    const visited = new Set<string>();
    for (let hop = 0; ; hop += 1) {
      assertUrlAllowed(current, allowPrivate, classify);
      visited.add(current.href);
      const headers: Record<string, string> = {
        'user-agent': userAgent,
        accept: getOptions.accept ?? '*/*',
        'accept-encoding': 'gzip, deflate, br',
      };
      if (getOptions.etag !== undefined) headers['if-none-match'] = getOptions.etag;
      if (getOptions.lastModified !== undefined) headers['if-modified-since'] = getOptions.lastModified;
      const target = current;
      // The clock for the total timeout starts when the request leaves the queue, not before.
      const result = await limiter.run(
        target.host,
        () => fetchWithTimeout(target, headers, maxBytes, getOptions.signal),
        getOptions.signal,
      );
      if (redirectStatuses.has(result.status)) {
        const location = result.headers.get('location');
        if (location === null) {
          throw new HttpFetchError(
            target.href,
            result.status,
            'redirect',
            `HTTP ${result.status} without a Location header`,
          );
        }
        let next: URL;
        try {
          next = new URL(location, target);
        } catch (error) {
          throw new HttpFetchError(
            target.href,
            result.status,
            'redirect',
            `bad redirect location "${location}"`,
            { cause: error },
          );
        }
        next.hash = '';
        if (visited.has(next.href)) {
          throw new HttpFetchError(url, result.status, 'redirect', `redirect loop at ${next.href}`);
        }
        if (hop + 1 > network.maxRedirects) {
          throw new HttpFetchError(
            url,
            result.status,
            'redirect',
            `more than ${network.maxRedirects} redirects`,
          );
        }
        current = next;
        continue;
      }
      if (result.status === 304 || (result.status >= 200 && result.status < 300)) {
        return { status: result.status, url: current.href, headers: result.headers, body: result.body };
      }
      const retryAfter = result.headers.get('retry-after') ?? undefined;
      throw new HttpFetchError(
        current.href,
        result.status,
        'status',
        `HTTP ${result.status}`,
        retryAfter === undefined ? undefined : { retryAfter },
      );
    }
  }

  return {
    get,
    async close() {
      await agent.close();
    },
  };
}

export { allowPrivateHint };
