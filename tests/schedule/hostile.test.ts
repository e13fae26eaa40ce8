import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SourceState } from '../../src/store/index.js';
import { closedPort, closeServersAfterEach, serve, serveTls, writeForever, type TestServer } from '../fetch/servers.js';
import { closeStoresAfterEach, harness, healthyFeed, rss } from './harness.js';

// Each hostile server runs in a real cycle beside a healthy source: the healthy
// one must land, the hostile one must end as the right recorded state.

closeServersAfterEach();
closeStoresAfterEach();

const KB = 1024;
const MAX_BYTES = 64 * KB;


const feedOk = healthyFeed();

let healthy: TestServer;
beforeEach(async () => {
  healthy = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedOk));
});

/** One cycle with the healthy source and `hostileUrl`; returns the hostile source's stored state. */
async function cycleWith(hostileUrl: string, fetch: Record<string, unknown> = {}): Promise<SourceState> {
  const gazette = harness(
    `sources:
  - { id: healthy, url: "${healthy.url}feed.xml" }
  - { id: hostile, url: "${hostileUrl}" }
`,
    { maxBytes: MAX_BYTES, ...fetch },
  );
  const report = await gazette.cycle();
  expect(report.polls.map((p) => p.sourceId).sort()).toEqual(['healthy', 'hostile']);
  expect(gazette.state('healthy')).toMatchObject({ lastOutcome: 'fetched', lastStatus: 200, consecutiveFailures: 0, articleCount: 3 });
  expect(gazette.state('healthy').lastError).toBeUndefined();
  return gazette.state('hostile');
}

/** The stored state of a source whose poll failed. */
function expectFailed(state: SourceState, code: string, message: RegExp | string): void {
  expect(state).toMatchObject({ lastOutcome: 'failed', lastErrorCode: code, consecutiveFailures: 1, articleCount: 0 });
  expect(state.lastError).toMatch(message);
  expect(state.nextPollReason).toMatch(/^backoff after 1 failure$|^Retry-After|^gone/);
}

describe('hostile servers, each beside a healthy source in one cycle', () => {
  it('connection refused', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/feed.xml`;
    expectFailed(await cycleWith(url), 'connection-refused', `Connection refused by 127.0.0.1`);
  });

  it('DNS failure (a name under .invalid, which never resolves)', async () => {
    const state = await cycleWith('http://feed.gazette-test.invalid/rss.xml');
    expectFailed(state, 'dns', /^DNS lookup of feed\.gazette-test\.invalid failed \(ENOTFOUND/);
  });

  it('TLS failure: an untrusted self-signed certificate', async () => {
    const tls = await serveTls(
      {
        key: readFileSync(new URL('../fixtures/fetch/self-signed.key', import.meta.url)),
        cert: readFileSync(new URL('../fixtures/fetch/self-signed.crt', import.meta.url)),
      },
      (_req, res) => res.end(feedOk),
    );
    expectFailed(await cycleWith(`${tls.url}feed.xml`), 'tls', /^TLS connection to 127\.0\.0\.1:\d+ failed .*self[- ]signed/i);
  });

  it('a server that accepts and never answers', async () => {
    const silent = await serve(() => {});
    const state = await cycleWith(`${silent.url}feed.xml`, { timeoutSeconds: 1 });
    expectFailed(state, 'timeout', `No complete response from ${silent.url}feed.xml within 1 s (fetch.timeoutSeconds)`);
  });

  it('a server that trickles one byte per second: the whole request has a deadline', async () => {
    let written = 0;
    const trickle = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => {
        res.write('<');
        written++;
      }, 1000);
      res.write('<');
      written++;
      res.on('close', () => clearInterval(timer));
    });
    const state = await cycleWith(`${trickle.url}feed.xml`, { timeoutSeconds: 1.5 });
    expectFailed(state, 'timeout', 'within 1.5 s (fetch.timeoutSeconds)');
    // Bytes kept coming, so only a whole-request deadline could stop it.
    expect(written).toBeGreaterThanOrEqual(2);
  });

  it('a body larger than fetch.maxBytes', async () => {
    const big = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(Buffer.alloc(2 * MAX_BYTES, 'a')));
    expectFailed(await cycleWith(`${big.url}feed.xml`), 'too-large', `body is larger than fetch.maxBytes (${MAX_BYTES} bytes)`);
  });

  it('a gzip bomb is not inflated past the cap', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(64 * MAX_BYTES), { level: 9 });
    expect(bomb.length).toBeLessThan(MAX_BYTES);
    const server = await serve((_req, res) =>
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/rss+xml' }).end(bomb),
    );
    const state = await cycleWith(`${server.url}feed.xml`);
    expectFailed(state, 'too-large', `decompressed body is larger than fetch.maxBytes (${MAX_BYTES} bytes)`);
  });

  it('an endless chunked body', async () => {
    const endless = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      writeForever(res, Buffer.alloc(16 * KB, 'x'));
    });
    expectFailed(await cycleWith(`${endless.url}feed.xml`), 'too-large', `body is larger than fetch.maxBytes (${MAX_BYTES} bytes)`);
  });

  it.each([
    ['a wrong Content-Type', 'text/html; charset=utf-8', 'served as "text/html", which is not a feed type'],
    ['no Content-Type', undefined, 'served without a Content-Type'],
  ])('%s: the feed still lands, with a warning', async (_case, contentType, warning) => {
    const server = await serve((_req, res) => {
      res.writeHead(200, contentType ? { 'content-type': contentType } : {});
      res.end(feedOk);
    });
    const state = await cycleWith(`${server.url}feed.xml`);
    expect(state).toMatchObject({ lastOutcome: 'fetched', articleCount: 3, lastWarning: warning, consecutiveFailures: 0 });
  });

  it('an HTML page instead of a feed: the error names the feed the page announces', async () => {
    const page = await serve((req, res) => {
      if (req.url === '/feed.xml') return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedOk);
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><head><link rel="alternate" type="application/atom+xml" href="/feed.xml"></head><body>Blog</body></html>');
    });
    const state = await cycleWith(`${page.url}blog/`);
    expectFailed(state, 'not-a-feed', `Cannot read ${page.url}blog/ as a feed: the document is an HTML page, not a feed`);
    expect(state.lastError).toContain(`(set "discover: true" on the source to follow ${page.url}feed.xml, or configure that URL)`);
    expect(page.requests.map((r) => r.url)).toEqual(['/blog/']);
  });

  it.each([
    [404, 'Not Found', false],
    [410, 'Gone', true],
  ])('HTTP %i', async (status, reason, gone) => {
    const server = await serve((_req, res) => res.writeHead(status).end());
    const state = await cycleWith(`${server.url}feed.xml`);
    expectFailed(state, 'http-status', `HTTP ${status} ${reason} from ${server.url}feed.xml`);
    expect(state).toMatchObject({ lastStatus: status, gone });
  });

  it('an invalid charset label: read by the next hint, with a warning', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=x-no-such-charset' });
      res.end(rss([{ title: 'Café noir', at: Date.now() - 3_600_000 }]));
    });
    const state = await cycleWith(`${server.url}feed.xml`);
    expect(state).toMatchObject({
      lastOutcome: 'fetched',
      articleCount: 1,
      lastWarning: 'unknown charset "x-no-such-charset" in the Content-Type header; decoded as utf-8',
    });
  });

  it('a body that is not valid in its declared charset: invalid bytes become U+FFFD, with a warning', async () => {
    const latin1Title = Buffer.from(rss([{ title: 'Café au lait', at: Date.now() - 3_600_000 }]), 'latin1');
    const server = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(latin1Title));
    const state = await cycleWith(`${server.url}feed.xml`);
    expect(state).toMatchObject({ lastOutcome: 'fetched', articleCount: 1 });
    expect(state.lastWarning).toBe('the body is not valid utf-8: invalid bytes were replaced by U+FFFD (first on line 1)');
  });

  it('a redirect loop', async () => {
    const server = await serve((req, res) => res.writeHead(req.url === '/a' ? 301 : 302, { location: req.url === '/a' ? '/b' : '/a' }).end());
    expectFailed(await cycleWith(`${server.url}a`), 'redirect-loop', `Redirect loop: ${server.url}a -> ${server.url}b -> ${server.url}a`);
  });

  it('too many redirects', async () => {
    const server = await serve((req, res) => res.writeHead(302, { location: `/r${Number(req.url!.slice(2)) + 1}` }).end());
    expectFailed(await cycleWith(`${server.url}r0`), 'too-many-redirects', /^More than 5 redirects \(fetch\.maxRedirects\)/);
  });

  it.each([
    [429, '120', 'Retry-After: 120'],
    [503, 'Wed, 21 Oct 2037 07:28:00 GMT', 'Retry-After: Wed, 21 Oct 2037 07:28:00 GMT'],
  ])('HTTP %i with Retry-After', async (status, retryAfter, reason) => {
    const server = await serve((_req, res) => res.writeHead(status, { 'retry-after': retryAfter }).end());
    const state = await cycleWith(`${server.url}feed.xml`);
    expectFailed(state, 'http-status', `(Retry-After: ${retryAfter})`);
    expect(state.nextPollReason).toBe(reason);
  });
});

describe('private networks at the cycle level', () => {
  it('refuses a source on 127.0.0.1 when allowPrivateNetworks is false, saying why; other sources still run', async () => {
    const gazette = harness(
      `sources:
  - { id: local, url: "${healthy.url}feed.xml" }
  - { id: local-name, url: "http://localhost:${healthy.port}/feed.xml" }
`,
      { allowPrivateNetworks: false },
    );
    const report = await gazette.cycle();
    expect(report.sourcesFailed).toBe(2);
    expect(gazette.state('local')).toMatchObject({ lastErrorCode: 'private-network', lastOutcome: 'failed' });
    expect(gazette.state('local').lastError).toBe(
      `Refusing to fetch ${healthy.url}feed.xml: 127.0.0.1, a loopback address, and fetch.allowPrivateNetworks is false ` +
        '(set it to true to allow private network addresses)',
    );
    expect(gazette.state('local-name').lastError).toMatch(/localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
    expect(healthy.requests).toHaveLength(0);
  });
});
