import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fetchFeed } from '../../src/fetch/index.js';
import { closedPort, closeServersAfterEach, failure, fetchSettings, serve, serveTls, writeForever } from './servers.js';

closeServersAfterEach();

const MB = 1024 * 1024;


describe('fetchFeed: HTTP errors', () => {
  it('fails with http-status on a 500', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(500, { 'retry-after': '30' });
      res.end('boom');
    });
    const error = await failure(fetchFeed({ url: `${server.url}feed` }, fetchSettings()));
    expect(error).toMatchObject({ code: 'http-status', status: 500, url: `${server.url}feed` });
    expect(error.message).toBe(`HTTP 500 Internal Server Error from ${server.url}feed`);
    expect(error.retryAfter).toBeUndefined(); // only meaningful on 429/503
  });

  it.each([
    [429, '120'],
    [503, 'Wed, 21 Oct 2026 07:28:00 GMT'],
  ])('captures Retry-After of a %i', async (status, retryAfter) => {
    const server = await serve((_req, res) => {
      res.writeHead(status, { 'retry-after': retryAfter });
      res.end();
    });
    const error = await failure(fetchFeed({ url: server.url }, fetchSettings()));
    expect(error).toMatchObject({ code: 'http-status', status, retryAfter });
    expect(error.message).toContain(`HTTP ${status}`);
    expect(error.message).toContain(`Retry-After: ${retryAfter}`);
  });
});

describe('fetchFeed: connection failures', () => {
  it('fails with connection-refused on a closed port', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/feed.xml`;
    const error = await failure(fetchFeed({ url }, fetchSettings()));
    expect(error.code).toBe('connection-refused');
    expect(error.url).toBe(url);
    expect(error.message).toContain(url);
  });

  it('fails with network when the server drops the connection mid-body', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('<rss>only part of it', () => res.socket?.destroy());
    });
    const error = await failure(fetchFeed({ url: server.url }, fetchSettings()));
    expect(error.code).toBe('network');
    expect(error.message).toContain(`Network error fetching ${server.url}`);
  });

  it('fails with tls on an untrusted certificate', async () => {
    const tls = {
      key: readFileSync(new URL('../fixtures/fetch/self-signed.key', import.meta.url)),
      cert: readFileSync(new URL('../fixtures/fetch/self-signed.crt', import.meta.url)),
    };
    const server = await serveTls(tls, (_req, res) => res.end('<rss/>'));
    const error = await failure(fetchFeed({ url: server.url }, fetchSettings()));
    expect(error.code).toBe('tls');
    expect(error.message).toContain(server.url);
    expect(error.message).toMatch(/self[- ]signed/i);
    expect(server.requests).toHaveLength(0);
  });

  it('fails with tls when https:// reaches a plain HTTP server', async () => {
    const server = await serve((_req, res) => res.end('<rss/>'));
    const error = await failure(fetchFeed({ url: server.url.replace('http:', 'https:') }, fetchSettings()));
    expect(error.code).toBe('tls');
  });
});

describe('fetchFeed: deadline and abort', () => {
  it('times out on a server that accepts and never answers', async () => {
    const server = await serve(() => {});
    const error = await failure(fetchFeed({ url: server.url }, fetchSettings({ timeoutSeconds: 0.5 })));
    expect(error.code).toBe('timeout');
    expect(error.message).toBe(`No complete response from ${server.url} within 0.5 s (fetch.timeoutSeconds)`);
    expect(server.requests).toHaveLength(1);
  });

  it('times out on a server that keeps trickling bytes past the deadline', async () => {
    let written = 0;
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      const timer = setInterval(() => {
        res.write('<');
        written += 1;
      }, 50);
      res.on('close', () => clearInterval(timer));
    });
    const error = await failure(fetchFeed({ url: server.url }, fetchSettings({ timeoutSeconds: 0.5 })));
    expect(error.code).toBe('timeout');
    expect(written).toBeGreaterThan(1);
  });

  it('fails with aborted when the caller aborts, before or during the request', async () => {
    const server = await serve(() => {});
    const controller = new AbortController();
    const pending = failure(fetchFeed({ url: server.url }, fetchSettings(), controller.signal));
    setTimeout(() => controller.abort(), 50);
    const error = await pending;
    expect(error.code).toBe('aborted');
    expect(error.message).toContain(server.url);
    const early = await failure(fetchFeed({ url: server.url }, fetchSettings(), AbortSignal.abort()));
    expect(early.code).toBe('aborted');
  });
});

describe('fetchFeed: fetch.maxBytes', () => {
  it('refuses a body announced larger than the cap', async () => {
    const server = await serve((_req, res) => res.end(Buffer.alloc(2 * MB, 'a')));
    const error = await failure(fetchFeed({ url: server.url }, fetchSettings({ maxBytes: MB })));
    expect(error.code).toBe('too-large');
    expect(error.message).toBe(`Response from ${server.url} refused: body is larger than fetch.maxBytes (${MB} bytes)`);
  });

  it('stops an endless chunked body at the cap', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      writeForever(res, Buffer.alloc(64 * 1024, 'x'));
    });
    const error = await failure(fetchFeed({ url: server.url }, fetchSettings({ maxBytes: MB })));
    expect(error.code).toBe('too-large');
    expect(error.message).toBe(`Response from ${server.url} refused: body is larger than fetch.maxBytes (${MB} bytes)`);
  });

  it('stops inflating a gzip bomb at the cap', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(50 * MB), { level: 9 });
    expect(bomb.length).toBeLessThan(MB);
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/rss+xml' });
      res.end(bomb);
    });
    const error = await failure(fetchFeed({ url: server.url }, fetchSettings({ maxBytes: MB })));
    expect(error.code).toBe('too-large');
    expect(error.message).toContain(`decompressed body is larger than fetch.maxBytes (${MB} bytes)`);
  });

  it('accepts a compressed body whose decompressed size is exactly the cap', async () => {
    const plain = Buffer.alloc(MB, 'z');
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'br' });
      res.end(zlib.brotliCompressSync(plain));
    });
    const outcome = await fetchFeed({ url: server.url }, fetchSettings({ maxBytes: MB }));
    expect(outcome).toMatchObject({ kind: 'fetched', bytes: MB });
  });
});

describe('fetchFeed: private networks', () => {
  const strict = fetchSettings({ allowPrivateNetworks: false });

  it('refuses a literal loopback address without connecting', async () => {
    const server = await serve((_req, res) => res.end('<rss/>'));
    const error = await failure(fetchFeed({ url: server.url }, strict));
    expect(error.code).toBe('private-network');
    expect(error.message).toContain('127.0.0.1, a loopback address');
    expect(error.message).toContain('fetch.allowPrivateNetworks');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a name that resolves to loopback (checked in the connector lookup)', async () => {
    const server = await serve((_req, res) => res.end('<rss/>'));
    const url = `http://localhost:${server.port}/feed`;
    const error = await failure(fetchFeed({ url }, strict));
    expect(error).toMatchObject({ code: 'private-network', url });
    expect(error.message).toMatch(/localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
    expect(server.requests).toHaveLength(0);
  });

  it('refuses literal IPv6 loopback', async () => {
    const error = await failure(fetchFeed({ url: 'http://[::1]:9/feed' }, strict));
    expect(error.code).toBe('private-network');
  });

  it('fetches from loopback when allowPrivateNetworks is true', async () => {
    const server = await serve((_req, res) => res.end('<rss/>'));
    const outcome = await fetchFeed({ url: `http://localhost:${server.port}/` }, fetchSettings({ allowPrivateNetworks: true }));
    expect(outcome).toMatchObject({ kind: 'fetched', text: '<rss/>' });
  });
});

describe('fetchFeed: unusable URLs', () => {
  it.each(['not a url', 'ftp://example.org/feed'])('refuses %s', async (url) => {
    const error = await failure(fetchFeed({ url }, fetchSettings()));
    expect(error.code).toBe('network');
    expect(error.message).toContain(url);
  });
});
