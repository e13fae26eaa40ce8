import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach } from 'vitest';
import { createClassifier, type Classifier } from '../../src/classify/index.js';
import { parseConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { runCycle, type CycleReport } from '../../src/schedule/cycle.js';
import { openSqliteStore, type SourceState, type Store } from '../../src/store/index.js';

// Runs real cycles: a config parsed from YAML, a SQLite file in a temp dir,
// real HTTP servers on 127.0.0.1 (tests/fetch/servers.ts), the real classifier.

let classifier: Classifier | undefined;
const open: Store[] = [];

/** Closes the stores a test opened, after each test of the calling file. */
export function closeStoresAfterEach(): void {
  afterEach(() => {
    for (const store of open.splice(0)) store.close();
  });
}

export interface Harness {
  config: Config;
  store: Store;
  /** Runs one cycle at `now` (default: the real clock). */
  cycle(options?: { now?: number; force?: boolean; config?: Config }): Promise<CycleReport>;
  state(id: string): SourceState;
  /** Log records (pino objects) written by the cycles so far. */
  logs: Record<string, unknown>[];
}

/**
 * A Gazette with `body` as the rest of its config (sources…) and `fetch` over
 * the test defaults: private networks allowed (the servers are on 127.0.0.1),
 * a short timeout. The database and output dir are in a new temp dir.
 */
export function harness(body: string, fetch: Record<string, unknown> = {}): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'gazette-cycle-'));
  const config = parseConfig(
    `database: ${join(dir, 'gazette.db')}
output: { dir: ${join(dir, 'feeds')}, baseUrl: "http://feeds.example.test/" }
fetch: ${JSON.stringify({ allowPrivateNetworks: true, timeoutSeconds: 5, ...fetch })}
topics:
  - { id: all, title: "Everything" }
${body}`,
    join(dir, 'gazette.yaml'),
  );
  const store = openSqliteStore(config.database);
  open.push(store);
  const logs: Record<string, unknown>[] = [];
  const log = pino(
    { level: 'info', base: undefined },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    }),
  );
  classifier ??= createClassifier();
  return {
    config,
    store,
    logs,
    cycle: (options = {}) =>
      runCycle(
        { config: options.config ?? config, store, classifier: classifier!, log, ...(options.now === undefined ? {} : { now: () => options.now! }) },
        { force: options.force },
      ),
    state: (id) => {
      const state = store.sourceState(id);
      if (!state) throw new Error(`no state for source ${id}`);
      return state;
    },
  };
}

export interface ItemSpec {
  title: string;
  /** Publication time, epoch ms. */
  at: number;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** An RSS 2.0 document; `channelExtra` is raw XML put into <channel> (ttl, sy:*). */
export function rss(items: ItemSpec[], channelExtra = '', title = 'Test feed'): string {
  const entries = items
    .map(
      (item, i) =>
        `<item><title>${xmlEscape(item.title)}</title><link>https://news.example.test/${i}-${encodeURIComponent(item.title)}</link>` +
        `<guid>${xmlEscape(item.title)}</guid><pubDate>${new Date(item.at).toUTCString()}</pubDate>` +
        `<description>${xmlEscape(item.title)} in detail.</description></item>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel>' +
    `<title>${xmlEscape(title)}</title><link>https://news.example.test/</link>${channelExtra}${entries}</channel></rss>`
  );
}

const HOUR = 3_600_000;

/** A small healthy feed: `count` items one `gapHours` apart, the newest `newestAgoHours` before `now`. */
export function healthyFeed(now = Date.now(), count = 3, gapHours = 24, newestAgoHours = 1): string {
  return rss(
    Array.from({ length: count }, (_, i) => ({ title: `Story number ${i + 1}`, at: now - (newestAgoHours + i * gapHours) * HOUR })),
  );
}
