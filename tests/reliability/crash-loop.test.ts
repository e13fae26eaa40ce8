import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { feedDocument, ITEMS_PER_FEED, prng } from '../../bench/generate.js';
import { closeServersAfterEach, serve } from '../fetch/servers.js';
import { CLI, runCli } from '../helpers/cli.js';
import { validateFeeds } from '../helpers/validate.js';

// kill -9 a real `run --once --force` at seeded random moments, then let one run
// complete: nothing stored is lost or doubled, the database and the output stay whole.

closeServersAfterEach();

const SOURCES = 200;
const KILLS = 20;
const SEED = Number(process.env.GAZETTE_CRASH_SEED ?? Date.now() % 2 ** 31);
// Kill moments fall between 50 ms and about a whole cycle of this workload on a loaded 2-core machine.
const LATEST_KILL_MS = Number(process.env.GAZETTE_CRASH_LATEST_MS ?? 4000);

/** Starts the CLI and SIGKILLs it after `ms`; resolves with whether it was killed, or its exit code. */
function runAndKill(config: string, ms: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, 'run', '--once', '--force', '--config', config], { stdio: 'ignore', env: { ...process.env, GAZETTE_LOG_LEVEL: 'warn' } });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done({ killed: signal === 'SIGKILL', code });
    });
  });
}

describe(`crash loop (seed ${SEED}; replay with GAZETTE_CRASH_SEED)`, () => {
  it(`${KILLS} kill -9 at random moments, then a completed run: nothing lost, doubled or broken`, { timeout: 240_000 }, async () => {
    const server = await serve((req, res) => {
      const index = Number(req.url!.slice(1));
      res.writeHead(200, { 'content-type': 'application/xml' }).end(feedDocument(index, SOURCES, 1));
    });
    const dir = mkdtempSync(join(tmpdir(), 'gazette-crash-'));
    const config = join(dir, 'gazette.yaml');
    const db = join(dir, 'gazette.db');
    const out = join(dir, 'feeds');
    writeFileSync(
      config,
      `database: ${db}
output: { dir: ${out}, baseUrl: "http://feeds.example.test/" }
fetch: { allowPrivateNetworks: true, timeoutSeconds: 30 }
topics:
  - { id: all, title: "Everything" }
sources:
${Array.from({ length: SOURCES }, (_, i) => `  - { id: s${i}, url: "${server.url}${i}" }`).join('\n')}
`,
    );
    const random = prng(SEED);
    let killed = 0;
    const context = () => `seed ${SEED}, ${killed} kills so far`;
    for (let i = 0; i < KILLS; i++) {
      const run = await runAndKill(config, 50 + Math.floor(random() * (LATEST_KILL_MS - 50)));
      if (run.killed) killed++;
      // The lock of a killed run is taken over at once (its claimant's pid is gone): no run may
      // be turned away with exit 3 for the 30 s a lock takes to go stale.
      else expect(run.code, context()).toBe(0);
    }
    const final = await runCli(['run', '--once', '--force', '--config', config]);
    expect(final.code, `${context()}\n${final.stderr}`).toBe(0);
    console.log(`crash-loop: seed ${SEED}, ${killed} of ${KILLS} runs killed mid-cycle, then one completed`);

    const sqlite = new Database(db, { readonly: true });
    try {
      expect(sqlite.pragma('integrity_check', { simple: true }), context()).toBe('ok');
      const { total, uniq } = sqlite.prepare('SELECT count(*) AS total, count(DISTINCT source_id || char(0) || identity_key) AS uniq FROM articles').get() as { total: number; uniq: number };
      expect(uniq, context()).toBe(total);
      expect(total, context()).toBe(SOURCES * ITEMS_PER_FEED);
      const doubled = sqlite.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM articles WHERE guid IS NOT NULL GROUP BY source_id, guid HAVING count(*) > 1)').get() as { n: number };
      expect(doubled.n, context()).toBe(0);
    } finally {
      sqlite.close();
    }

    const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    expect(files.filter((file) => file.endsWith('.tmp')), `temp files left behind (${context()})`).toEqual([]);
    for (const file of files.filter((f) => f.endsWith('.json'))) expect(() => JSON.parse(readFileSync(file, 'utf8')), file).not.toThrow();
    const feeds = files.filter((file) => /\.(xml|json)$/.test(file) && !file.endsWith('manifest.json'));
    expect(feeds.length).toBeGreaterThan(0);
    const validation = await validateFeeds(feeds);
    expect(validation.code, `${context()}\n${validation.output}`).toBe(0);
  });
});
