import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyAddress } from '../../src/net/address-policy.js';
import {
  createHttpClient,
  HttpFetchError,
  NetworkPolicyError,
  type HttpClient,
} from '../../src/net/http-client.js';
import { lookupTo, startTestServer, testNetwork, type TestServer } from './start-test-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function serve(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
  const server = await startTestServer(...args);
  cleanups.push(() => server.close());
  return server;
}

function client(...args: Parameters<typeof createHttpClient>): HttpClient {
  const made = createHttpClient(...args);
  cleanups.push(() => made.close());
  return made;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the request to fail');
}

describe('http client', () => {
  it('sends a User-Agent naming the bot and answers 304 to a matching conditional request', async () => {
    const server = await serve((req, res) => {
      if (
        req.headers['if-none-match'] === '"v1"' ||
        req.headers['if-modified-since'] === 'Wed, 01 Jan 2025 00:00:00 GMT'
      ) {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, { etag: '"v1"', 'last-modified': 'Wed, 01 Jan 2025 00:00:00 GMT' }).end('<rss/>');
    });
    const http = client(testNetwork());
    const first = await http.get(`${server.url}/feed`);
    expect(first.status).toBe(200);
    expect(first.body.toString()).toBe('<rss/>');
    expect(first.headers.get('etag')).toBe('"v1"');
    const second = await http.get(`${server.url}/feed`, { etag: '"v1"' });
    expect(second.status).toBe(304);
    expect(second.body.length).toBe(0);
    const third = await http.get(`${server.url}/feed`, { lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT' });
    expect(third.status).toBe(304);
    expect(server.requests[0]?.headers['user-agent']).toBe('news-digest-test/1.0');
    expect(server.requests[1]?.headers['if-none-match']).toBe('"v1"');
  });

  it('decompresses gzip, brotli and deflate bodies', async () => {
    const text = 'hello '.repeat(1000);
    const server = await serve((req, res) => {
      if (req.url === '/gz') res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(text));
      else res.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(text));
    });
    const http = client(testNetwork());
    expect((await http.get(`${server.url}/gz`)).body.toString()).toBe(text);
    expect((await http.get(`${server.url}/br`)).body.toString()).toBe(text);
  });

  it('refuses a gzip bomb once the decompressed size passes the cap', async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024));
    const server = await serve((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb));
    const error = await failure(client(testNetwork({ maxBytes: 256 * 1024 })).get(`${server.url}/bomb`));
    expect(error).toBeInstanceOf(HttpFetchError);
    expect((error as HttpFetchError).kind).toBe('too-large');
    expect(error.message).toMatch(/decompressed/);
  });

  it('refuses bodies over the cap by Content-Length and while streaming', async () => {
    const big = Buffer.alloc(300 * 1024, 97);
    const server = await serve((req, res) => {
      if (req.url === '/declared') {
        res.writeHead(200, { 'content-length': String(big.length) }).end(big);
        return;
      }
      res.writeHead(200); // chunked, no length
      res.write(big.subarray(0, 150 * 1024));
      res.end(big.subarray(150 * 1024));
    });
    const http = client(testNetwork({ maxBytes: 100 * 1024 }));
    const declared = await failure(http.get(`${server.url}/declared`));
    expect((declared as HttpFetchError).kind).toBe('too-large');
    const streamed = await failure(http.get(`${server.url}/streamed`));
    expect((streamed as HttpFetchError).kind).toBe('too-large');
  });

  it('times out a server that trickles one byte at a time', async () => {
    const timers: NodeJS.Timeout[] = [];
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => res.write('<'), 50);
      timers.push(timer);
      res.on('close', () => clearInterval(timer));
    });
    cleanups.push(async () => timers.forEach(clearInterval));
    const started = performance.now();
    const error = await failure(client(testNetwork({ timeoutMs: 400 })).get(`${server.url}/slow`));
    expect((error as HttpFetchError).kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('reports HTTP error statuses with the status and Retry-After', async () => {
    const server = await serve((_req, res) => res.writeHead(503, { 'retry-after': '120' }).end('busy'));
    const error = (await failure(client(testNetwork()).get(`${server.url}/x`))) as HttpFetchError;
    expect(error.status).toBe(503);
    expect(error.retryAfter).toBe('120');
    expect(error.message).toContain('HTTP 503');
  });

  it('follows a bounded number of redirects and stops loops', async () => {
    const server = await serve((req, res) => {
      const hop = /^\/hop(\d+)$/.exec(req.url ?? '');
      if (req.url === '/loop-a') res.writeHead(302, { location: '/loop-b' }).end();
      else if (req.url === '/loop-b') res.writeHead(301, { location: '/loop-a' }).end();
      else if (hop !== null && Number(hop[1]) > 0)
        res.writeHead(307, { location: `/hop${Number(hop[1]) - 1}` }).end();
      else res.writeHead(200).end('done');
    });
    const http = client(testNetwork({ maxRedirects: 3 }));
    const ok = await http.get(`${server.url}/hop2`);
    expect(ok.url).toBe(`${server.url}/hop0`);
    expect(ok.body.toString()).toBe('done');
    expect(((await failure(http.get(`${server.url}/hop5`))) as HttpFetchError).message).toMatch(
      /more than 3 redirects/,
    );
    expect(((await failure(http.get(`${server.url}/loop-a`))) as HttpFetchError).message).toMatch(
      /redirect loop/,
    );
  });

  it('fails cleanly when nothing listens', async () => {
    const server = await startTestServer((_req, res) => res.end());
    const url = server.url;
    await server.close();
    const error = (await failure(client(testNetwork()).get(`${url}/`))) as HttpFetchError;
    expect(error.kind).toBe('network');
    expect(error.message).toContain('connection refused');
  });
});

describe('network policy', () => {
  it('refuses a literal loopback URL unless private addresses are allowed', async () => {
    const server = await serve((_req, res) => res.end('secret'));
    const error = await failure(client(testNetwork({ allowPrivateAddresses: false })).get(`${server.url}/`));
    expect(error).toBeInstanceOf(NetworkPolicyError);
    expect(error.message).toBe(
      'refusing 127.0.0.1: loopback address; set network.allowPrivateAddresses to allow it',
    );
    expect(server.requests).toHaveLength(0);
    expect((await client(testNetwork()).get(`${server.url}/`)).body.toString()).toBe('secret');
  });

  it('shows refused IPv6 addresses in brackets', async () => {
    const refused = client(testNetwork({ allowPrivateAddresses: false }));
    const unspecified = await failure(refused.get('http://[::]:8080/'));
    expect(unspecified).toBeInstanceOf(NetworkPolicyError);
    expect(unspecified.message).toMatch(/^refusing \[::\]: unspecified address;/);
    expect((await failure(refused.get('http://[::1]/'))).message).toMatch(/^refusing \[::1\]: loopback/);
  });

  it('refuses a name that resolves to 127.0.0.1 (checked on the address connected to)', async () => {
    const server = await serve((_req, res) => res.end('secret'));
    const refused = client(testNetwork({ allowPrivateAddresses: false }), { lookup: lookupTo('127.0.0.1') });
    const error = await failure(refused.get(`http://feeds.example.test:${server.port}/feed`));
    expect(error).toBeInstanceOf(NetworkPolicyError);
    expect(error.message).toContain('feeds.example.test (127.0.0.1): loopback address');
    expect(server.requests).toHaveLength(0);
    const allowed = client(testNetwork(), { lookup: lookupTo('127.0.0.1') });
    expect((await allowed.get(`http://feeds.example.test:${server.port}/feed`)).body.toString()).toBe(
      'secret',
    );
  });

  it('re-checks the policy on every redirect hop', async () => {
    // 127.0.0.2 plays a public host here; the redirect to 127.0.0.1 must be refused before connecting.
    const inside = await serve((_req, res) => res.end('secret'));
    const outside = await serve((req, res) => {
      if (req.url === '/file') res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      else res.writeHead(302, { location: `${inside.url}/admin` }).end();
    }, '127.0.0.2');
    const classify = (address: string): string | undefined =>
      address === '127.0.0.2' ? undefined : classifyAddress(address);
    const http = client(testNetwork({ allowPrivateAddresses: false }), { classifyAddress: classify });
    const error = await failure(http.get(`${outside.url}/go`));
    expect(error).toBeInstanceOf(NetworkPolicyError);
    expect(error.message).toContain('refusing 127.0.0.1: loopback address');
    expect(inside.requests).toHaveLength(0);
    const scheme = await failure(http.get(`${outside.url}/file`));
    expect(scheme.message).toMatch(/file scheme is not allowed/);
  });

  it('refuses non-http schemes', async () => {
    const http = client(testNetwork());
    for (const url of ['ftp://example.com/feed', 'file:///etc/passwd', 'gopher://example.com/']) {
      expect(await failure(http.get(url))).toBeInstanceOf(NetworkPolicyError);
    }
  });

  it.each([
    ['127.0.0.1', 'loopback address'],
    ['10.1.2.3', 'private address'],
    ['172.31.255.255', 'private address'],
    ['192.168.0.1', 'private address'],
    ['169.254.169.254', 'link-local address'],
    ['100.64.0.1', 'carrier-grade NAT address'],
    ['224.0.0.1', 'multicast address'],
    ['0.0.0.0', 'unspecified address'],
    ['240.0.0.1', 'reserved address'],
    ['::', 'unspecified address'],
    ['::1', 'loopback address'],
    ['fe80::1%eth0', 'link-local address'],
    ['fd12:3456::1', 'unique local (private) address'],
    ['ff02::1', 'multicast address'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback address'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback address'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private address'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 link-local address'],
    ['2002:7f00:1::', '6to4 loopback address'],
  ])('classifies %s as %s', (address, reason) => {
    expect(classifyAddress(address)).toBe(reason);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
  ])('allows public address %s', (address) => {
    expect(classifyAddress(address)).toBeUndefined();
  });
});
