// The feed server over real HTTP on 127.0.0.1: validators and 304s, gzip and brotli, HEAD,
// CORS, caching headers, path safety, /healthz, /metrics and /status from a real store.
import * as cheerio from 'cheerio';
import { HtmlValidate } from 'html-validate';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash, publishFeeds } from '../../src/publish/index.js';
import { health, type Health } from '../../src/server/health.js';
import { createFeedServer } from '../../src/server/http.js';
import { createMetrics } from '../../src/server/metrics.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import { article, context, russiaTopic, story, T0 } from '../publish/helpers.js';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A raw request: the path goes out exactly as written (fetch() would normalise "../"). */
function get(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

let root: string;
let out: string;
let store: Store;
let server: Server;
let base: string;
let healthNow: Health = { ok: true, detail: { status: 'ok' } };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gazette-server-'));
  out = join(root, 'out');
  const older = story(9, article({ sourceId: 'daily', title: 'Archived', link: 'https://daily.example.net/old', publishedAt: T0 - 3_600_000 }));
  await publishFeeds(out, [{ ...russiaTopic(), archive: [{ page: 1, sealed: true, stories: () => [older] }, { page: 2, sealed: false, stories: () => [older] }] }], context());
  await writeFile(join(out, 'notes.db'), 'not a feed');
  await writeFile(join(out, '.russia.atom.1234.abcdef.tmp'), 'half a write');
  await writeFile(join(root, 'secret.atom'), 'outside the output dir');
  await symlink(join(root, 'secret.atom'), join(out, 'link.atom'));

  store = openSqliteStore(join(root, 'g.db'));
  store.syncSources([
    { id: 'ok-source', url: 'https://ok.example.org/feed', title: 'Fine & <dandy>' },
    { id: 'bad-source', url: 'https://bad.example.org/feed' },
  ]);
  const poll = { startedAt: T0, finishedAt: T0 + 500, newCount: 0, updatedCount: 0, nextPollAt: T0 + 900_000 };
  store.recordPoll({ ...poll, sourceId: 'ok-source', outcome: 'fetched', httpStatus: 200, bytes: 1500 });
  store.recordPoll({ ...poll, sourceId: 'bad-source', outcome: 'failed', httpStatus: 500, bytes: 20, error: 'HTTP 500 <Internal> from bad.example.org' });
  store.recordPoll({ ...poll, sourceId: 'bad-source', outcome: 'failed', httpStatus: 503, bytes: 0, error: 'HTTP 503 <Busy>' });
  const cycle = store.beginCycle(T0);
  store.finishCycle(cycle, T0 + 2500, { sourcesOk: 1, sourcesFailed: 1, newCount: 7, updatedCount: 2, feedsWritten: 12 });

  server = createFeedServer({
    dir: out,
    health: () => healthNow,
    maxAgeSeconds: 900,
    sources: () => store.sourceStates(),
    metrics: createMetrics(() => store.metrics()),
    siteTitle: 'Test Gazette',
    baseUrl: 'http://feeds.test/',
    hub: 'https://hub.example.org/',
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  store.close();
  await rm(root, { recursive: true, force: true });
});

describe('files', () => {
  it('each format with its content type', async () => {
    const types: Record<string, string> = {
      '/russia.atom': 'application/atom+xml; charset=utf-8',
      '/russia.rss': 'application/rss+xml; charset=utf-8',
      '/russia.json': 'application/feed+json; charset=utf-8',
      '/russia.html': 'text/html; charset=utf-8',
      '/index.opml': 'text/x-opml; charset=utf-8',
      '/index.html': 'text/html; charset=utf-8',
      '/manifest.json': 'application/json; charset=utf-8',
      '/archive/russia/1.atom': 'application/atom+xml; charset=utf-8',
    };
    for (const [path, type] of Object.entries(types)) {
      const r = await get(base, path);
      expect([path, r.status, r.headers['content-type']]).toEqual([path, 200, type]);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('/ is index.html', async () => {
    const r = await get(base, '/');
    expect(r.body.equals(await readFile(join(out, 'index.html')))).toBe(true);
  });

  it('a strong ETag equal to manifest.json’s hash, Last-Modified, Vary and max-age of the schedule', async () => {
    const r = await get(base, '/russia.atom');
    const bytes = await readFile(join(out, 'russia.atom'));
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(r.body.equals(bytes)).toBe(true);
    expect(r.headers.etag).toBe(`"${contentHash(bytes)}"`);
    expect(manifest.files['russia.atom'].sha256).toBe(contentHash(bytes));
    expect(new Date(r.headers['last-modified']!).getTime()).toBeGreaterThan(0);
    expect(r.headers.vary).toBe('Accept-Encoding');
    expect(r.headers['cache-control']).toBe('public, max-age=900');
    expect(r.headers['content-encoding']).toBeUndefined();
  });

  it('a full archive page may be cached for good; the open one like any feed', async () => {
    expect((await get(base, '/archive/russia/1.atom')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get(base, '/archive/russia/2.atom')).headers['cache-control']).toBe('public, max-age=900');
  });

  it('304 for If-None-Match (exact, weak, in a list, *) and If-Modified-Since; 200 once stale', async () => {
    const first = await get(base, '/russia.rss');
    const { etag } = first.headers;
    const lastModified = first.headers['last-modified']!;
    for (const inm of [etag!, `W/${etag}`, `"nope", ${etag}`, '*']) {
      const r = await get(base, '/russia.rss', { 'If-None-Match': inm });
      expect([inm, r.status, r.body.length]).toEqual([inm, 304, 0]);
      expect(r.headers.etag).toBe(etag);
    }
    expect((await get(base, '/russia.rss', { 'If-None-Match': '"nope"' })).status).toBe(200);
    expect((await get(base, '/russia.rss', { 'If-Modified-Since': lastModified })).status).toBe(304);
    expect((await get(base, '/russia.rss', { 'If-Modified-Since': new Date(Date.parse(lastModified) - 60_000).toUTCString() })).status).toBe(200);
    // If-None-Match wins over If-Modified-Since; no-cache speaks to caches, not to the origin.
    expect((await get(base, '/russia.rss', { 'If-None-Match': '"nope"', 'If-Modified-Since': lastModified })).status).toBe(200);
    expect((await get(base, '/russia.rss', { 'If-None-Match': etag!, 'Cache-Control': 'no-cache' })).status).toBe(304);
  });

  it('gzip and brotli for clients that ask, each with its own ETag and 304', async () => {
    const bytes = await readFile(join(out, 'russia.json'));
    const gz = await get(base, '/russia.json', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(bytes)).toBe(true);
    expect(Number(gz.headers['content-length'])).toBe(gz.body.length);
    expect(gz.body.length).toBeLessThan(bytes.length);
    const br = await get(base, '/russia.json', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(bytes)).toBe(true);
    expect(new Set([gz.headers.etag, br.headers.etag, `"${contentHash(bytes)}"`]).size).toBe(3);
    expect((await get(base, '/russia.json', { 'Accept-Encoding': 'br', 'If-None-Match': br.headers.etag! })).status).toBe(304);
    // The same bytes again, from the cache.
    expect((await get(base, '/russia.json', { 'Accept-Encoding': 'br' })).body.equals(br.body)).toBe(true);
  });

  it('honours q-values and refuses when nothing acceptable is left', async () => {
    expect((await get(base, '/russia.atom', { 'Accept-Encoding': 'br;q=0, gzip;q=0.5' })).headers['content-encoding']).toBe('gzip');
    expect((await get(base, '/russia.atom', { 'Accept-Encoding': 'identity' })).headers['content-encoding']).toBeUndefined();
    expect((await get(base, '/russia.atom', { 'Accept-Encoding': 'identity;q=0, *;q=0' })).status).toBe(406);
  });

  it('HEAD: the GET headers without a body', async () => {
    const getReply = await get(base, '/russia.atom', { 'Accept-Encoding': 'gzip' });
    const head = await get(base, '/russia.atom', { 'Accept-Encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const h of ['content-type', 'content-length', 'etag', 'last-modified', 'content-encoding', 'cache-control']) {
      expect([h, head.headers[h]]).toEqual([h, getReply.headers[h]]);
    }
  });

  it('CORS for JSON Feed only, with a preflight answer', async () => {
    const json = await get(base, '/russia.json');
    expect(json.headers['access-control-allow-origin']).toBe('*');
    expect(json.headers['access-control-expose-headers']).toContain('ETag');
    expect((await get(base, '/russia.atom')).headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await get(base, '/russia.json', { Origin: 'https://reader.example', 'Access-Control-Request-Method': 'GET' }, 'OPTIONS');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
  });

  it('WebSub discovery headers on current feeds, not on archives or pages', async () => {
    expect((await get(base, '/russia.atom')).headers.link).toBe('<https://hub.example.org/>; rel="hub", <http://feeds.test/russia.atom>; rel="self"');
    expect((await get(base, '/archive/russia/1.atom')).headers.link).toBeUndefined();
    expect((await get(base, '/russia.html')).headers.link).toBeUndefined();
  });

  it('only GET, HEAD and OPTIONS', async () => {
    const r = await get(base, '/russia.atom', {}, 'POST');
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET, HEAD, OPTIONS');
  });
});

describe('no way out of the output directory', () => {
  const refused = [
    '/../secret.atom',
    '/%2e%2e/secret.atom',
    '/%2E%2E%2Fsecret.atom',
    '/..%2fsecret.atom',
    '/..%5csecret.atom',
    '/archive/%2e%2e/%2e%2e/%2e%2e/secret.atom',
    '/archive/russia/..%2f..%2f..%2f..%2fsecret.atom',
    '/%252e%252e/secret.atom',
    '/.%2e/secret.atom',
    '//secret.atom',
    '/russia.atom%00.html',
    '/link.atom',
    '/notes.db',
    '/.russia.atom.1234.abcdef.tmp',
    '/archive/',
    '/archive',
    '/%',
  ];
  it.each(refused)('%s is refused', async (path) => {
    const r = await get(base, path);
    expect([400, 404]).toContain(r.status);
    expect(r.body.toString()).not.toContain('outside the output dir');
  });
});

describe('service endpoints', () => {
  it('/healthz: 200 when healthy, 503 with the reason when not; never cached', async () => {
    healthNow = { ok: true, detail: { status: 'ok' } };
    const ok = await get(base, '/healthz');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body.toString())).toEqual({ ok: true, status: 'ok' });
    expect(ok.headers['cache-control']).toBe('no-store');
    healthNow = { ok: false, detail: { status: 'the last cycle finished 45 min ago (limit 30 min: two schedule periods)' } };
    const bad = await get(base, '/healthz');
    expect(bad.status).toBe(503);
    expect(JSON.parse(bad.body.toString()).status).toMatch(/finished 45 min ago/);
    healthNow = { ok: true, detail: { status: 'ok' } };
  });

  it('/metrics in the Prometheus text format, from the database', async () => {
    const r = await get(base, '/metrics');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = r.body.toString();
    const value = (series: string) => Number(text.split('\n').find((l) => l.startsWith(`${series} `))?.split(' ')[1]);
    expect(value('gazette_last_cycle_duration_seconds')).toBe(2.5);
    expect(value('gazette_last_cycle_sources{result="ok"}')).toBe(1);
    expect(value('gazette_last_cycle_sources{result="failed"}')).toBe(1);
    expect(value('gazette_last_cycle_articles{kind="new"}')).toBe(7);
    expect(value('gazette_cycles_total')).toBe(1);
    expect(value('gazette_fetch_bytes_total')).toBe(1520);
    expect(value('gazette_polls_total{outcome="failed"}')).toBe(2);
    expect(value('gazette_source_failures_total{source="bad-source"}')).toBe(2);
    expect(value('gazette_source_failures_total{source="ok-source"}')).toBe(0);
    expect(value('gazette_source_consecutive_failures{source="bad-source"}')).toBe(2);
    expect(value('gazette_articles_stored')).toBe(0);
    expect(text).toMatch(/^# TYPE gazette_fetch_bytes_total counter$/m);
    expect(text).toMatch(/^# HELP gazette_last_cycle_duration_seconds /m);
    // Every sample line is `name{labels} value`.
    for (const line of text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))) {
      expect(line).toMatch(/^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? -?[0-9.e+]+$/);
    }
  });

  it('/status: every source with its health, escaped, valid HTML', async () => {
    const r = await get(base, '/status');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    const html = r.body.toString();
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(html);
    expect(report.results.flatMap((x) => x.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`))).toEqual([]);
    const $ = cheerio.load(html);
    const bad = $('#source-bad-source');
    expect(bad.attr('class')).toBe('bad');
    const cells = bad.find('td').toArray().map((td) => $(td).text());
    expect(cells[1]).toBe('https://bad.example.org/feed');
    expect(cells[4]).toBe('503');
    expect(cells[5]).toBe('2');
    expect(cells[8]).toContain('HTTP 503 <Busy>');
    expect($('#source-ok-source td').first().text()).toContain('Fine & <dandy>');
    expect($('script')).toHaveLength(0);
    expect($('header p').eq(1).text()).toBe('Service: ok');
  });
});

describe('health()', () => {
  it('is read from the database: ok within two periods of the last finished cycle, else the reason', async () => {
    const db = openSqliteStore(join(root, 'health.db'));
    const period = 15 * 60_000;
    expect(health(db, period, T0)).toMatchObject({ ok: false, detail: { status: 'no cycle has run yet' } });
    const first = db.beginCycle(T0);
    expect(health(db, period, T0 + 60_000)).toMatchObject({ ok: true, detail: { status: 'the first cycle is running' } });
    expect(health(db, period, T0 + 31 * 60_000).ok).toBe(false);
    db.finishCycle(first, T0 + 60_000, { sourcesOk: 1, sourcesFailed: 0, newCount: 0, updatedCount: 0, feedsWritten: 0 });
    db.beginCycle(T0 + 20 * 60_000);
    expect(health(db, period, T0 + 30 * 60_000)).toMatchObject({ ok: true, detail: { status: 'ok' } });
    expect(health(db, period, T0 + 32 * 60_000)).toMatchObject({
      ok: false,
      detail: { status: 'the last cycle finished 31 min ago (limit 30 min: two schedule periods)' },
    });
    db.close();
  });
});

describe('without an output directory yet', () => {
  it('/ says that nothing is published yet', async () => {
    const empty = createFeedServer({ dir: join(root, 'missing'), health: () => healthNow, maxAgeSeconds: 60 });
    await new Promise<void>((resolve) => empty.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(empty.address() as AddressInfo).port}/`;
    const r = await get(url, '/');
    expect(r.status).toBe(404);
    expect(r.body.toString()).toMatch(/no feeds published yet/);
    expect((await get(url, '/status')).status).toBe(404);
    await mkdir(join(root, 'missing'));
    await writeFile(join(root, 'missing', 'index.html'), '<!DOCTYPE html><title>x</title>');
    expect((await get(url, '/')).status).toBe(200);
    await new Promise((resolve) => empty.close(resolve));
  });
});
