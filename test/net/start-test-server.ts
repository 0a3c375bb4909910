/** A real HTTP server on 127.0.0.1 (port 0) for tests, plus the settings and resolver they use. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import type { NetworkSettings } from '../../src/settings.js';

export interface TestServer {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** Requests seen, in order: method, path and headers. */
  readonly requests: Array<{ path: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

export async function startTestServer(
  handle: (req: IncomingMessage, res: ServerResponse) => void,
  host = '127.0.0.1',
): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ path: req.url ?? '/', headers: req.headers });
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function testNetwork(overrides: Partial<NetworkSettings> = {}): NetworkSettings {
  return {
    allowPrivateAddresses: true,
    timeoutMs: 2_000,
    connectTimeoutMs: 1_000,
    maxBytes: 1024 * 1024,
    maxRedirects: 3,
    concurrency: 8,
    perHostConcurrency: 2,
    userAgent: 'news-digest-test/1.0',
    ...overrides,
  };
}

/** A resolver that maps every name to one address (as DNS rebinding or a hostile record would). */
export function lookupTo(address: string): LookupFunction {
  return (_hostname, options, callback) => {
    const family = address.includes(':') ? 6 : 4;
    if (options.all === true) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}
