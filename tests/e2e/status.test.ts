import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../fetch/servers.js';
import { runCli } from '../helpers/cli.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { healthyFeed } from '../schedule/harness.js';

// `gazette run --once` over healthy and hostile sources, then `gazette status`:
// each source's row says what happened; a second run is conditional and parses nothing.

interface Row {
  id: string;
  url: string;
  currentUrl: string | null;
  currentUrlVia: string | null;
  lastOutcome: string | null;
  lastStatus: number | null;
  lastError: string | null;
  lastErrorCode: string | null;
  lastWarning: string | null;
  consecutiveFailures: number;
  gone: boolean;
  articles: number;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  nextPollAt: string | null;
  nextPollReason: string | null;
}

describe('gazette status after a cycle over hostile sources', () => {
  let server: TestServer;
  let configFile: string;
  let refusedUrl: string;
  const feed = healthyFeed();
  const rssType = 'application/rss+xml; charset=utf-8';

  beforeAll(async () => {
    refusedUrl = `http://127.0.0.1:${await closedPort()}/feed.xml`;
    server = await startServer({
      '/healthy.xml': (req, res) => {
        if (req.headers['if-none-match'] === '"h1"') return res.writeHead(304, { etag: '"h1"' }).end();
        res.writeHead(200, { 'content-type': rssType, etag: '"h1"' }).end(feed);
      },
      '/ignores.xml': (_req, res) => res.writeHead(200, { 'content-type': rssType }).end(feed),
      '/old.xml': (_req, res) => res.writeHead(301, { location: '/new.xml' }).end(),
      '/new.xml': (_req, res) => res.writeHead(200, { 'content-type': rssType }).end(feed),
      '/gone.xml': (_req, res) => res.writeHead(410).end(),
      '/page.html': (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<html><head><link rel="alternate" type="application/rss+xml" href="/new.xml"></head></html>'),
      '/silent.xml': () => {},
      '/huge.xml': (_req, res) => res.writeHead(200, { 'content-type': rssType }).end(Buffer.alloc(200_000, 'x')),
      '/charset.xml': (_req, res) => res.writeHead(200, { 'content-type': 'text/xml; charset=klingon' }).end(feed),
    });
    const dir = mkdtempSync(join(tmpdir(), 'gazette-status-'));
    configFile = join(dir, 'gazette.yaml');
    writeFileSync(
      configFile,
      `database: ${join(dir, 'gazette.db')}
output: { dir: ${join(dir, 'feeds')} }
# Every source is due at every run, so that the second run polls them all again.
fetch: { allowPrivateNetworks: true, timeoutSeconds: 1, maxBytes: 100000, perHost: 16, minIntervalMinutes: 0, maxIntervalMinutes: 0 }
sources:
  - { id: healthy, url: "${server.url}/healthy.xml" }
  - { id: ignores, url: "${server.url}/ignores.xml" }
  - { id: moved, url: "${server.url}/old.xml" }
  - { id: missing, url: "${server.url}/missing.xml" }
  - { id: gone, url: "${server.url}/gone.xml" }
  - { id: html-page, url: "${server.url}/page.html" }
  - { id: refused, url: "${refusedUrl}" }
  - { id: dns, url: "http://feed.gazette-test.invalid/rss" }
  - { id: silent, url: "${server.url}/silent.xml" }
  - { id: huge, url: "${server.url}/huge.xml" }
  - { id: charset, url: "${server.url}/charset.xml" }
topics:
  - { id: all, title: "Everything" }
`,
    );
    const run = await runCli(['run', '--once', '--config', configFile]);
    expect(run.code, run.stderr).toBe(0);
  });
  afterAll(async () => {
    await server.close();
  });

  const statusJson = async () => {
    const r = await runCli(['status', '--json', '--config', configFile]);
    expect(r.code, r.stderr).toBe(0);
    const rows = (JSON.parse(r.stdout) as { sources: Row[] }).sources;
    return Object.fromEntries(rows.map((row) => [row.id, row]));
  };

  it('status --json has the right row for each source', async () => {
    const rows = await statusJson();
    expect(Object.keys(rows)).toEqual(['healthy', 'ignores', 'moved', 'missing', 'gone', 'html-page', 'refused', 'dns', 'silent', 'huge', 'charset']);
    for (const id of ['healthy', 'ignores', 'moved', 'charset']) {
      expect(rows[id]).toMatchObject({ lastOutcome: 'fetched', lastStatus: 200, consecutiveFailures: 0, articles: 3, lastError: null });
      expect(Date.parse(rows[id]!.lastSuccessAt!)).toBeGreaterThanOrEqual(Date.parse(rows[id]!.lastAttemptAt!));
    }
    expect(rows.moved).toMatchObject({ url: `${server.url}/old.xml`, currentUrl: `${server.url}/new.xml`, currentUrlVia: 'redirect' });
    expect(rows.charset!.lastWarning).toBe('unknown charset "klingon" in the Content-Type header; decoded as utf-8');
    const failed = (id: string, code: string, status: number | null, message: string | RegExp) => {
      expect(rows[id]).toMatchObject({ lastOutcome: 'failed', lastErrorCode: code, lastStatus: status, consecutiveFailures: 1, articles: 0 });
      expect(rows[id]!.lastSuccessAt).toBeNull();
      expect(rows[id]!.lastError).toMatch(message);
    };
    failed('missing', 'http-status', 404, `HTTP 404 Not Found from ${server.url}/missing.xml`);
    failed('gone', 'http-status', 410, 'the feed is gone');
    expect(rows.gone).toMatchObject({ gone: true });
    failed('html-page', 'not-a-feed', null, `the page announces these feeds: ${server.url}/new.xml`);
    failed('refused', 'connection-refused', null, `Connection refused by ${new URL(refusedUrl).host}`);
    failed('dns', 'dns', null, /^DNS lookup of feed\.gazette-test\.invalid failed/);
    failed('silent', 'timeout', null, 'within 1 s (fetch.timeoutSeconds)');
    failed('huge', 'too-large', null, 'body is larger than fetch.maxBytes (100000 bytes)');
    for (const row of Object.values(rows)) expect(row.nextPollReason).toBeTruthy();
  });

  it('status prints an aligned table that fits the terminal', async () => {
    const r = await runCli(['status', '--config', configFile], { env: { COLUMNS: '90' } });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SOURCE\s+RESULT\s+HTTP\s+FAILS\s+ATTEMPT\s+SUCCESS\s+NEXT POLL\s+ARTICLES$/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(90);
    const row = (id: string) => lines.findIndex((l) => l.startsWith(`${id} `));
    expect(lines[row('healthy')]).toMatch(/^healthy\s+fetched\s+200\s+0\s+\d+s ago\s+\d+s ago\s+due\s+3$/);
    expect(lines[row('gone')]).toMatch(/^gone\s+gone\s+410\s+1\s+\d+s ago\s+never\s+gone\s+0$/);
    expect(lines[row('moved') + 1]).toBe(`  ${server.url}/old.xml → ${server.url}/new.xml (moved)`);
    expect(lines[row('silent') + 2]).toMatch(/^ {2}error: No complete response from/);
    expect(lines[row('charset') + 2]).toBe('  warning: unknown charset "klingon" in the Content-Type header; decoded as utf-8');
    expect(lines.at(-1)).toBe('11 sources: 4 ok, 6 failing, 1 gone, 0 never polled');
  });

  it('a second run --once sends conditional headers and parses nothing that did not change', async () => {
    const seen = (path: string) => server.requests.filter((r) => r.path === path);
    expect(seen('/gone.xml')).toHaveLength(1);
    const r = await runCli(['run', '--once', '--config', configFile]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/articles: 0 new, 0 updated/);
    expect(seen('/healthy.xml').map((q) => q.headers['if-none-match'])).toEqual([undefined, '"h1"']);
    const rows = await statusJson();
    // 304: nothing read. Same bytes as last time: not parsed (outcome "unchanged", not "fetched").
    expect(rows.healthy).toMatchObject({ lastOutcome: 'not-modified', lastStatus: 304, articles: 3 });
    expect(rows.ignores).toMatchObject({ lastOutcome: 'unchanged', lastStatus: 200, articles: 3 });
    // The moved source is polled at its new URL only; the gone one not at all.
    expect(seen('/old.xml')).toHaveLength(1);
    expect(rows.moved).toMatchObject({ lastOutcome: 'unchanged' });
    expect(seen('/gone.xml')).toHaveLength(1);
    expect(rows.missing).toMatchObject({ consecutiveFailures: 1 });
  });

  it('status --help shows an example', async () => {
    const r = await runCli(['status', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('gazette status --json');
  });
});
