import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClassifier, type ClassifierOptions } from '../../src/classify/index.js';
import { articleBands } from '../../src/dedupe/index.js';
import { classifyArticle } from '../../src/schedule/ingest.js';
import { ParseError } from '../../src/parse/index.js';
import { readDocument, type ReadRequest } from '../../src/schedule/read-document.js';
import { ReaderError } from '../../src/schedule/read-errors.js';
import { asSourceError } from '../../src/schedule/source-error.js';
import { ReaderPool } from '../../src/schedule/reader-pool.js';
import { ROOT } from '../helpers/shared.js';

// The worker script is the built one (npm test builds first), as `gazette run` starts it.
const WORKER = new URL('../../dist/schedule/read-worker.js', import.meta.url);
const seed = readFileSync(join(ROOT, 'config', 'demo', 'seed.rss'), 'utf8');
// The options the threads build their classifiers from: here, with a cue and a rule of their own.
const OPTIONS: ClassifierOptions = {
  cues: [{ pattern: 'Kremlin', country: 'RU' }],
  rules: [{ match: 'Gorbachev', add: ['NZ'] }],
};
const request = (text: string): ReadRequest => ({ text, url: 'http://127.0.0.1/seed.rss', sourceId: 'seed', now: Date.UTC(2026, 10, 25), maxItems: 1000 });

describe('ReaderPool: parse and normalize in worker threads', () => {
  let pool: ReaderPool | undefined;
  afterEach(async () => pool?.close());

  it('reads a document into the same articles as this thread does', async () => {
    pool = new ReaderPool(2, OPTIONS, WORKER);
    const [threaded, here] = await Promise.all([pool.read(request(seed)), readDocument(request(seed))]);
    expect(threaded.articles.length).toBeGreaterThan(10);
    expect(threaded.articles).toEqual(here.articles);
    expect(threaded.feed).toEqual(here.feed);
    expect(threaded.itemCount).toBe(here.itemCount);
    // The band keys the main thread would work out for dedupe, one list per article.
    expect(threaded.bands).toEqual(here.bands);
    expect(threaded.bands).toEqual(threaded.articles.map(articleBands));
    // Classified in the thread exactly as the ingest would here, with the same options.
    const classifier = createClassifier(OPTIONS);
    expect(here.places).toBeUndefined();
    expect(threaded.places).toEqual(threaded.articles.map((a) => classifyArticle(classifier, a, undefined)));
    // The options crossed into the thread: the rule's country is there, as its evidence says.
    const gorbachev = threaded.articles.findIndex((a) => a.title.includes('Gorbachev'));
    expect(threaded.places![gorbachev]!.find((p) => p.code === 'NZ')?.evidence.join(' ')).toMatch(/rule/);
  });

  it('hands back a parse error as a ParseError, discovered feeds included', async () => {
    pool = new ReaderPool(1, OPTIONS, WORKER);
    const page = '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>x</body></html>';
    const err = await pool.read(request(page)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).discovered).toEqual(['http://127.0.0.1/feed.xml']);
    await expect(pool.read(request(''))).rejects.toMatchObject({ code: 'empty' });
  });

  it('a thread that dies fails only its documents, and a new thread reads the next ones', async () => {
    pool = new ReaderPool(1, OPTIONS, WORKER);
    const threads = (pool as unknown as { threads: { worker: { terminate(): Promise<number> } }[] }).threads;
    const pending = pool.read(request(seed));
    await threads[0]!.worker.terminate();
    // A typed error: the poll records it as this source's failure (code reader-failed), the cycle goes on.
    const err = await pending.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReaderError);
    expect(asSourceError(err, 'http://127.0.0.1/seed.rss', false)).toMatchObject({ code: 'reader-failed' });
    expect((err as Error).message).toMatch(/reader thread exited/);
    const next = await pool.read(request(seed));
    expect(next.articles.length).toBeGreaterThan(10);
  });
});
