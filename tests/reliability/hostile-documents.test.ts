import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SourceState } from '../../src/store/index.js';
import { closeServersAfterEach, serve, type TestServer } from '../fetch/servers.js';
import * as hostile from '../fixtures/hostile/documents.js';
import { validateFeeds } from '../helpers/validate.js';
import { closeStoresAfterEach, harness, healthyFeed, type Harness } from '../schedule/harness.js';

// Each hostile document is one source in a real cycle beside two healthy ones:
// the cycle ends, the healthy sources land, the hostile one is recorded with a
// clear error or warning, and nothing hostile reaches the database or the outputs.

closeServersAfterEach();
closeStoresAfterEach();

const MB = 1024 * 1024;
const now = Date.now();
const feedOk = healthyFeed(now);
// A line of /etc/passwd on every Linux system: if it is stored or published, a file was read.
const PASSWD_MARK = 'root:x:0:0';

let healthy: TestServer;
beforeEach(async () => {
  healthy = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedOk));
});

type Body = string | Buffer | ((res: import('node:http').ServerResponse) => void);

async function cycleWith(body: Body, contentType = 'application/rss+xml', fetch: Record<string, unknown> = {}): Promise<{ gazette: Harness; state: SourceState }> {
  const server = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': contentType });
    if (typeof body === 'function') body(res);
    else res.end(body);
  });
  const gazette = harness(
    `sources:
  - { id: healthy-a, url: "${healthy.url}a.xml" }
  - { id: hostile, url: "${server.url}feed" }
  - { id: healthy-b, url: "${healthy.url}b.xml" }
`,
    fetch,
  );
  const report = await gazette.cycle({ now });
  expect(report.polls.map((p) => p.sourceId).sort()).toEqual(['healthy-a', 'healthy-b', 'hostile']);
  for (const id of ['healthy-a', 'healthy-b']) {
    expect(gazette.state(id)).toMatchObject({ lastOutcome: 'fetched', consecutiveFailures: 0, articleCount: 3 });
  }
  await expectCleanOutputs(gazette);
  return { gazette, state: gazette.state('hostile') };
}

/** Every output feed validates; no output and no database byte holds script or /etc/passwd. */
async function expectCleanOutputs(gazette: Harness): Promise<void> {
  const dir = gazette.config.output.dir;
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    expect(text, file).not.toContain(PASSWD_MARK);
    expect(text.toLowerCase(), file).not.toMatch(/<script|javascript:|onerror=/);
  }
  const feeds = files.filter((file) => /\.(xml|json)$/.test(file) && !file.endsWith('manifest.json'));
  const validation = await validateFeeds(feeds);
  expect(validation.code, validation.output).toBe(0);
  expect(readFileSync(gazette.config.database).includes(PASSWD_MARK)).toBe(false);
}

const failedWith = (state: SourceState, code: string) => {
  expect(state).toMatchObject({ lastOutcome: 'failed', lastErrorCode: code, articleCount: 0 });
  expect(state.lastError).toBeTruthy();
};
const landedWithWarning = (state: SourceState, articles: number) => {
  expect(state).toMatchObject({ lastOutcome: 'fetched', articleCount: articles });
  expect(state.lastWarning).toBeTruthy();
};

describe('hostile documents, each beside healthy sources in one cycle', () => {
  it('billion laughs', async () => {
    // Entities are never expanded: they are kept as literal text, with a warning.
    landedWithWarning((await cycleWith(hostile.billionLaughs(now))).state, 1);
  });

  it('quadratic blow-up', async () => {
    const { gazette, state } = await cycleWith(hostile.quadraticBlowup(now));
    landedWithWarning(state, 1);
    expect(readFileSync(gazette.config.database).includes('x'.repeat(200_000))).toBe(false);
  });

  it('external entity pointing at /etc/passwd', async () => {
    // expectCleanOutputs has checked that no passwd line reached the database or an output.
    landedWithWarning((await cycleWith(hostile.externalEntity(now))).state, 1);
  });

  it('a 100 MB single text node, streamed: cut at the default fetch.maxBytes (10 MB)', async () => {
    const { state } = await cycleWith((res) => {
      res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>');
      const chunk = Buffer.alloc(MB, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 100 && res.write(chunk)) sent++;
        if (sent >= 100) res.end('</title></channel></rss>');
        else res.once('drain', () => { sent++; pump(); });
      };
      res.on('close', () => (sent = 100));
      pump();
    });
    failedWith(state, 'too-large');
  });

  it('100,000 items: stored up to fetch.maxItemsPerPoll, newest first', { timeout: 120_000 }, async () => {
    const { gazette, state } = await cycleWith(hostile.manyItems(now, 100_000), 'application/rss+xml', { maxItemsPerPoll: 1000, timeoutSeconds: 60 });
    expect(state).toMatchObject({ lastOutcome: 'fetched', articleCount: 1000 });
    expect(state.lastWarning).toContain('99000 of 100000 items skipped');
    const titles = new Set(gazette.store.articlesAfter(0, 5000).map((a) => a.title));
    expect(titles).toEqual(new Set([...Array.from({ length: 1000 }, (_, i) => `Item ${i}`), 'Story number 1', 'Story number 2', 'Story number 3']));
  });

  it('600,000 empty items (4 MB): refused before any tree is built', async () => {
    const { state } = await cycleWith(hostile.emptyItems(600_000));
    failedWith(state, 'unsupported');
    expect(state.lastError).toContain('the document has 600,004 elements, more than the 500,000 Gazette reads from one document');
  });

  it('100,000 levels of nested elements: malformed, too deep', async () => {
    const { state } = await cycleWith(hostile.deepNesting(now, 100_000));
    failedWith(state, 'malformed');
    expect(state.lastError).toContain('elements nested deeper than 1,000 levels');
    expect(state.lastError).not.toContain('call stack');
  });

  it('100,000 levels of nested HTML inside a description: the item lands with its text only', async () => {
    const { gazette, state } = await cycleWith(hostile.deepHtml(now, 100_000));
    landedWithWarning(state, 1);
    expect(state.lastWarning).toContain('summary HTML nested deeper than 1,000 levels: only its text was kept (1 item)');
    const article = gazette.store.articlesAfter(0, 10).find((a) => a.title === 'Deep HTML');
    expect(article?.summary).toBe('deep');
  });

  it('NUL bytes and invalid UTF-8', async () => {
    const { state } = await cycleWith(hostile.nulAndInvalidUtf8(now), 'application/rss+xml; charset=utf-8');
    failedWith(state, 'malformed');
    expect(state.lastError).toContain('U+0000 is not allowed in XML');
  });

  it('a 1 MB title: cut to 1,000 characters with an ellipsis, and a warning', async () => {
    const { gazette, state } = await cycleWith(hostile.hugeTitle(now, MB));
    landedWithWarning(state, 1);
    expect(state.lastWarning).toContain('title cut to 1,000 characters (1 item)');
    const [title] = gazette.store
      .articlesAfter(0, 10)
      .map((a) => a.title)
      .filter((t) => t.startsWith('TTT'));
    expect(title).toBe(`${'T'.repeat(999)}…`);
  });

  it('binary garbage', async () => {
    failedWith((await cycleWith(hostile.binaryGarbage(256 * 1024))).state, 'not-a-feed');
  });

  it('an empty body', async () => {
    failedWith((await cycleWith('')).state, 'empty');
  });

  it('a JSON feed with wrong types', async () => {
    landedWithWarning((await cycleWith(hostile.jsonWrongTypes(), 'application/feed+json')).state, 0);
  });

  it('script in title, description and link', async () => {
    // expectCleanOutputs has checked that no script, handler or javascript: URL was published.
    expect((await cycleWith(hostile.scriptInjection(now))).state).toMatchObject({ lastOutcome: 'fetched', articleCount: 1 });
  });
});
