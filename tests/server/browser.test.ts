// A real browser on / and /status: Debian's headless Chromium renders each page to a DOM and
// a PNG screenshot. Skipped, with the reason printed, where Chromium is not installed
// (`apt-get install -y chromium`); CI does not install it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishFeeds } from '../../src/publish/index.js';
import { createFeedServer } from '../../src/server/http.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import { context, russiaTopic, T0 } from '../publish/helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.log(`browser test skipped: ${CHROMIUM} is not installed (apt-get install -y chromium)`);

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--hide-scrollbars',
  '--window-size=1200,900',
];

function chromium(args: string[], profile: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(CHROMIUM, [...FLAGS, `--user-data-dir=${profile}`, ...args], { timeout: 60_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
      err ? reject(new Error(`chromium failed: ${err.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe.skipIf(!available)('pages in headless Chromium', () => {
  let root: string;
  let server: Server;
  let store: Store;
  let base: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'gazette-browser-'));
    await publishFeeds(join(root, 'out'), [{ ...russiaTopic(), group: 'topics' }], context());
    store = openSqliteStore(join(root, 'g.db'));
    store.syncSources([{ id: 'wire', url: 'https://wire.example.org/feed', title: 'Wire <b>' }]);
    store.recordPoll({ sourceId: 'wire', startedAt: T0, finishedAt: T0 + 1, outcome: 'failed', httpStatus: 502, bytes: 0, newCount: 0, updatedCount: 0, nextPollAt: T0 + 60_000, error: 'HTTP 502 from wire.example.org' });
    server = createFeedServer({
      dir: join(root, 'out'),
      health: () => ({ ok: true, detail: { status: 'ok' } }),
      maxAgeSeconds: 900,
      sources: () => store.sourceStates(),
      siteTitle: 'Gazette',
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    store?.close();
    await rm(root, { recursive: true, force: true });
  });

  it.each([
    ['/', ['Gazette', 'Russia', 'Atom', 'RSS', 'JSON Feed']],
    ['/status', ['Source status', 'wire', 'Wire <b>', 'HTTP 502 from wire.example.org']],
    ['/russia.html', ['Russia', 'Prigozhin', 'Also reported by']],
  ])('%s renders, with its text in the DOM, and a screenshot', { timeout: 120_000 }, async (path, texts) => {
    const profile = await mkdtemp(join(tmpdir(), 'gazette-chromium-'));
    try {
      const dom = await chromium(['--dump-dom', `${base}${path.slice(1)}`], profile);
      const text = dom.replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      for (const t of texts) expect(text).toContain(t);
      expect(dom).not.toContain('<b>');
      const png = join(profile, 'page.png');
      await chromium([`--screenshot=${png}`, `${base}${path.slice(1)}`], profile);
      expect(pngSize(await readFile(png))).toEqual({ width: 1200, height: 900 });
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });
});
