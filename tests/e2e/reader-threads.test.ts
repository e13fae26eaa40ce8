import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { serve, startServer, type TestServer } from '../helpers/http-server.js';
import { ROOT } from '../helpers/shared.js';

// `run --once` reads documents in worker threads once a cycle has 8 sources or more (on a
// machine with a second core): the articles, their band keys and places must be exactly what
// a cycle that reads everything in its own thread stores (`GAZETTE_READER_THREADS=0`).

const demo = (name: string) => readFileSync(join(ROOT, 'config', 'demo', name));
const SOURCES = 10;

/** Everything stored about articles, in a stable order, without ids and times of this run. */
function storedArticles(database: string) {
  const db = new Database(database, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT a.source_id, a.identity_key, a.title, a.summary, hex(a.band_keys) AS bands,
                (SELECT group_concat(p.country || ':' || p.score || ':' || p.evidence, ' | ')
                   FROM (SELECT * FROM article_places WHERE article_id = a.id ORDER BY rank) p) AS places
         FROM articles a ORDER BY a.source_id, a.identity_key`,
      )
      .all();
  } finally {
    db.close();
  }
}

describe('run --once with reader threads', () => {
  let server: TestServer;
  let dir: string;
  const config = (name: string) => {
    const file = join(dir, `${name}.yaml`);
    const sources = Array.from({ length: SOURCES }, (_, i) => {
      const [path, country] = i % 3 === 0 ? ['/seed.rss', 'RU'] : i % 3 === 1 ? ['/tpm.atom', 'US'] : ['/newsru.xml', ''];
      return `  - { id: s${i}, url: "${server.url}${path}?copy=${i}"${country ? `, country: ${country}` : ''} }`;
    });
    writeFileSync(
      file,
      `database: ${join(dir, name, 'gazette.db')}
output: { dir: ${join(dir, name, 'feeds')}, baseUrl: "http://feeds.example.test/" }
fetch: { allowPrivateNetworks: true, timeoutSeconds: 20 }
rules:
  - { match: "Gorbachev", add: [NZ] }
topics:
  - { id: all, title: "Everything" }
sources:
${sources.join('\n')}
`,
    );
    return { file, database: join(dir, name, 'gazette.db') };
  };

  beforeAll(async () => {
    server = await startServer({
      '/seed.rss': serve(demo('seed.rss'), 'application/rss+xml'),
      '/tpm.atom': serve(demo('tpm.atom'), 'application/atom+xml'),
      '/newsru.xml': serve(demo('newsru-cp1251.xml'), 'text/xml; charset=windows-1251'),
    });
    dir = mkdtempSync(join(tmpdir(), 'gazette-threads-'));
  });
  afterAll(() => server.close());

  it('stores exactly what a cycle reading in its own thread stores, and reports the stages it ran', async () => {
    const threaded = config('threaded');
    const single = config('single');
    const [a, b] = [
      await runCli(['run', '--once', '--timings', '--config', threaded.file], { env: { GAZETTE_READER_THREADS: '1' } }),
      await runCli(['run', '--once', '--timings', '--config', single.file], { env: { GAZETTE_READER_THREADS: '0' } }),
    ];
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const stored = storedArticles(threaded.database);
    expect(stored.length).toBeGreaterThan(SOURCES * 5);
    expect(stored).toEqual(storedArticles(single.database));
    // The source hint and the config's rule reached the threads' classifiers.
    const places = stored.map((r) => String((r as { places: string }).places)).join('\n');
    expect(places).toContain('source-hint:RU');
    expect(places).toMatch(/NZ:[\d.]+:\["rule:/);
    // Classification ran in the thread, and the cycle still reports its time.
    expect(a.stdout).toContain('summed over 1 reader thread(s)');
    expect(b.stdout).toContain('documents read in this thread');
    expect(a.stdout).toMatch(/^classify +\d+\.\d{3} +[1-9]\d*$/m);
  });

  it('refuses a GAZETTE_READER_THREADS that is not a number of threads', async () => {
    const r = await runCli(['run', '--once', '--config', config('bad').file], { env: { GAZETTE_READER_THREADS: 'two' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('GAZETTE_READER_THREADS must be a whole number from 0 to 64, not "two"');
  });
});
