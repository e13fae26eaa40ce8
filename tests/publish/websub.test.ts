// WebSub against a loopback hub: the hub link in every format, and hub.mode=publish after the write.
import * as cheerio from 'cheerio';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { notifyHub, renderAtom, renderJsonFeed, renderRss } from '../../src/publish/index.js';
import { publishTopics } from '../../src/schedule/publish-topics.js';
import { context, expectValid, makeTempDir, removeTempDirs, russiaTopic, writeTemp } from './helpers.js';
import { addArticle, configFor, NOW, openStoreFor } from './store-fixture.js';

interface Ping {
  contentType?: string;
  params: Record<string, string>;
}

/** A hub on 127.0.0.1 that answers with the given statuses in turn (the last one repeats). */
async function startHub(statuses: number[], onPing?: (ping: Ping) => void): Promise<{ url: string; pings: Ping[]; close: () => Promise<void> }> {
  const pings: Ping[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const ping = { contentType: req.headers['content-type'], params: Object.fromEntries(new URLSearchParams(body)) };
      pings.push(ping);
      onPing?.(ping);
      res.writeHead(statuses[Math.min(n++, statuses.length - 1)]!).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hub`,
    pings,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const hubs: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((h) => h.close()));
});
afterAll(removeTempDirs);

const FAST = { retryDelayMs: 10, timeoutMs: 2000 };

describe('hub links', () => {
  it('every current feed names the hub: Atom link, RSS atom:link, JSON Feed hubs; all stay valid', { timeout: 120_000 }, async () => {
    const ctx = context({}, { hub: 'https://hub.example.org/' });
    const topic = russiaTopic();
    const atom = renderAtom(topic, ctx);
    const rss = renderRss(topic, ctx);
    const json = renderJsonFeed(topic, ctx);
    expect(cheerio.load(atom, { xml: true })('feed > link[rel="hub"]').attr('href')).toBe('https://hub.example.org/');
    expect(cheerio.load(rss, { xml: true })('channel > atom\\:link[rel="hub"]').attr('href')).toBe('https://hub.example.org/');
    expect(JSON.parse(json).hubs).toEqual([{ type: 'WebSub', url: 'https://hub.example.org/' }]);
    const { paths } = await writeTemp({ 'h.atom': atom, 'h.rss': rss, 'h.json': json });
    await expectValid(paths);
    // Archive pages never change, so they name no hub.
    expect(renderAtom(topic, ctx, { archivePage: 1 })).not.toContain('rel="hub"');
  });

  it('without a hub there is no hub link', () => {
    expect(renderAtom(russiaTopic(), context())).not.toContain('rel="hub"');
    expect(JSON.parse(renderJsonFeed(russiaTopic(), context())).hubs).toBeUndefined();
  });
});

describe('notifyHub', () => {
  it('POSTs hub.mode=publish and hub.url as a form for each feed', async () => {
    const hub = await startHub([204]);
    hubs.push(hub);
    const results = await notifyHub(hub.url, ['http://feeds.test/a.atom', 'http://feeds.test/b.rss'], FAST);
    expect(results.every((r) => r.ok && r.attempts === 1)).toBe(true);
    expect(hub.pings.map((p) => p.params).sort((a, b) => (a['hub.url']! < b['hub.url']! ? -1 : 1))).toEqual([
      { 'hub.mode': 'publish', 'hub.url': 'http://feeds.test/a.atom' },
      { 'hub.mode': 'publish', 'hub.url': 'http://feeds.test/b.rss' },
    ]);
    expect(hub.pings[0]!.contentType).toBe('application/x-www-form-urlencoded');
  });

  it('retries a busy hub with backoff until it accepts', async () => {
    const hub = await startHub([503, 429, 202]);
    hubs.push(hub);
    const [result] = await notifyHub(hub.url, ['http://feeds.test/a.atom'], FAST);
    expect(result).toEqual({ feedUrl: 'http://feeds.test/a.atom', ok: true, attempts: 3 });
  });

  it('gives up after the bounded number of tries, and does not retry a refusal', async () => {
    const busy = await startHub([500]);
    const refusing = await startHub([400]);
    hubs.push(busy, refusing);
    const [gaveUp] = await notifyHub(busy.url, ['http://feeds.test/a.atom'], { ...FAST, attempts: 3 });
    expect(gaveUp).toMatchObject({ ok: false, attempts: 3, error: expect.stringContaining('HTTP 500') });
    expect(busy.pings).toHaveLength(3);
    const [refused] = await notifyHub(refusing.url, ['http://feeds.test/a.atom'], FAST);
    expect(refused).toMatchObject({ ok: false, attempts: 1, error: expect.stringContaining('HTTP 400') });
  });

  it('an unreachable hub is a result, not an exception', async () => {
    const hub = await startHub([204]);
    await hub.close();
    const [result] = await notifyHub(hub.url, ['http://feeds.test/a.atom'], { ...FAST, attempts: 2 });
    expect(result).toMatchObject({ ok: false, attempts: 2, error: expect.stringMatching(/unreachable: ECONNREFUSED/) });
  });
});

describe('publishTopics with websub.hub', () => {
  it('pings the hub for each current feed written, once it is on disk, and not again while nothing changes', async () => {
    const dir = await makeTempDir();
    let config: ReturnType<typeof configFor> | undefined;
    let expectedTitle = 'First';
    const onDisk: boolean[] = [];
    // What the hub would fetch at the moment it is told: the new feed, already renamed into place.
    const hub = await startHub([204], (ping) => {
      const file = join(config!.output.dir, new URL(ping.params['hub.url']!).pathname);
      onDisk.push(readFileSync(file, 'utf8').includes(expectedTitle));
    });
    hubs.push(hub);
    config = configFor(
      dir,
      `websub: { hub: "${hub.url}" }\nsources: [{ id: wire, url: "https://wire.example.org/feed" }]\ntopics: [{ id: t, title: T }]\n`,
      'autoTopics: false',
    );
    const store = openStoreFor(config);
    addArticle(store, { sourceId: 'wire', title: expectedTitle, hoursAgo: 1 });
    await publishTopics(config, store, NOW, { hub: FAST });
    expect(hub.pings.map((p) => p.params['hub.url']).sort()).toEqual(['http://feeds.test/t.atom', 'http://feeds.test/t.json', 'http://feeds.test/t.rss']);
    await publishTopics(config, store, NOW, { hub: FAST });
    expect(hub.pings).toHaveLength(3);
    expectedTitle = 'Second';
    addArticle(store, { sourceId: 'wire', title: expectedTitle, hoursAgo: 0 });
    await publishTopics(config, store, NOW, { hub: FAST });
    expect(hub.pings).toHaveLength(6);
    expect(onDisk).toEqual([true, true, true, true, true, true]);
    store.close();
  });

  it('a failing hub never fails the publication', async () => {
    const hub = await startHub([500]);
    hubs.push(hub);
    const dir = await makeTempDir();
    const config = configFor(dir, `websub: { hub: "${hub.url}" }\nsources: [{ id: wire, url: "https://wire.example.org/feed" }]\ntopics: [{ id: t, title: T }]\n`, 'autoTopics: false');
    const store = openStoreFor(config);
    addArticle(store, { sourceId: 'wire', title: 'First', hoursAgo: 1 });
    const report = await publishTopics(config, store, NOW, { hub: { ...FAST, attempts: 2 } });
    expect(report.written).toContain('t.atom');
    expect(hub.pings).toHaveLength(6);
    store.close();
  });
});
