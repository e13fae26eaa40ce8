import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import type { FetchSettings } from '../../src/config/schema.js';
import { FetchError } from '../../src/fetch/index.js';

export interface SeenRequest {
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface TestServer {
  /** Base URL with a trailing slash, e.g. http://127.0.0.1:40123/ */
  url: string;
  port: number;
  requests: SeenRequest[];
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const running: http.Server[] = [];

/** Closes every server a test started, after each test of the calling file. */
export function closeServersAfterEach(): void {
  afterEach(async () => {
    await Promise.all(
      running.splice(0).map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    );
  });
}

async function listen(server: http.Server, scheme: 'http' | 'https', requests: SeenRequest[]): Promise<TestServer> {
  running.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `${scheme}://127.0.0.1:${port}/`, port, requests };
}

export function serve(handler: Handler): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  return listen(server, 'http', requests);
}

export function serveTls(options: https.ServerOptions, handler: Handler): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const server = https.createServer(options, (req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  return listen(server, 'https', requests);
}

/** A port nothing listens on: bound once, then released. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function fetchSettings(overrides: Partial<FetchSettings> = {}): FetchSettings {
  return {
    timeoutSeconds: 5,
    maxBytes: 1024 * 1024,
    concurrency: 4,
    maxRedirects: 5,
    allowPrivateNetworks: true,
    maxItemsPerPoll: 1000,
    perHost: 2,
    backoffCapHours: 24,
    minIntervalMinutes: 5,
    maxIntervalMinutes: 1440,
    ...overrides,
  };
}

/** The FetchError a fetch fails with; fails the test when it succeeds or throws anything else. */
export async function failure(attempt: Promise<unknown>): Promise<FetchError> {
  try {
    await attempt;
  } catch (err) {
    if (err instanceof FetchError) return err;
    throw err;
  }
  throw new Error('expected the fetch to fail');
}

/** Writes `chunk` forever, respecting backpressure, until the client goes away. */
export function writeForever(res: http.ServerResponse, chunk: Buffer): void {
  let open = true;
  res.on('close', () => (open = false));
  const pump = () => {
    while (open && res.write(chunk));
    if (open) res.once('drain', pump);
  };
  pump();
}
