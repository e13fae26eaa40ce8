import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli, type CliResult } from '../helpers/cli.js';
import { serve, startServer, type Route, type TestServer } from '../helpers/http-server.js';
import { until } from '../helpers/process.js';
import { ROOT } from '../helpers/shared.js';
import { validateFeeds } from '../helpers/validate.js';

const seed = readFileSync(join(ROOT, 'config/demo/seed.rss'));

/** Answers after `ms`, and tells when the request arrived. */
function slow(ms: number, arrived: () => void): Route {
  return (_req, res) => {
    arrived();
    setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(seed), ms);
  };
}

/** Waits until `probe` holds, checking every 50 ms for up to 20 s. */
/** Starts the CLI; resolves its result when it exits. */
interface RunningCli {
  exited: Promise<CliResult>;
  kill: (signal: NodeJS.Signals) => void;
  /** stderr so far */
  stderr: () => string;
}

function startCli(args: string[]): RunningCli {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, GAZETTE_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<CliResult>((resolve) => child.once('exit', (code) => resolve({ code: code ?? -1, stdout, stderr })));
  return { exited, kill: (signal) => child.kill(signal), stderr: () => stderr };
}

describe('run --once: one cycle at a time per database, clean stop on SIGTERM', () => {
  let server: TestServer;
  let onSlow = () => undefined as void;
  const slowArrives = () => new Promise<void>((r) => (onSlow = r));
  let dir: string;
  let config: string;

  beforeAll(async () => {
    server = await startServer({
      '/slow.rss': slow(1500, () => onSlow()),
      '/a.rss': serve(seed, 'application/rss+xml'),
      '/b.rss': serve(seed, 'application/rss+xml'),
    });
    dir = mkdtempSync(join(tmpdir(), 'gazette-lock-'));
    config = join(dir, 'gazette.yaml');
    // One poll at a time, the slow source first: while it is in flight the others have not started.
    writeFileSync(
      config,
      `database: ${join(dir, 'db', 'g.db')}
output: { dir: ${join(dir, 'feeds')} }
fetch: { allowPrivateNetworks: true, concurrency: 1 }
sources:
  - { id: slow, url: "${server.url}/slow.rss" }
  - { id: a, url: "${server.url}/a.rss" }
  - { id: b, url: "${server.url}/b.rss" }
topics: [{ id: all, title: Everything }]
`,
    );
  });
  afterAll(async () => {
    await server.close();
  });

  it('a second run while one is in its cycle exits 3 at once, and with --wait runs after it', async () => {
    const arrived = slowArrives();
    const first = startCli(['run', '--once', '--config', config]);
    await arrived;
    const second = await runCli(['run', '--once', '--config', config]);
    expect(second.code).toBe(3);
    expect(second.stderr).toMatch(/another gazette process is running a cycle on this database \(lock .*g\.db\.lock held/);
    expect(second.stderr).toMatch(/--wait SECONDS/);
    const waiting = runCli(['run', '--once', '--force', '--wait', '60', '--config', config]);
    expect((await first.exited).code).toBe(0);
    const waited = await waiting;
    expect(waited.code, waited.stderr).toBe(0);
    expect(waited.stdout).toMatch(/sources: 3 polled/);
    expect(existsSync(join(dir, 'db', 'g.db.lock'))).toBe(false);
  });

  it('SIGTERM mid-cycle: the poll in flight finishes, no new one starts, feeds are whole, exit 0', async () => {
    const before = server.requests.length;
    const arrived = slowArrives();
    const run = startCli(['run', '--once', '--force', '--config', config]);
    await arrived;
    run.kill('SIGTERM');
    const r = await run.exited;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('stopping: no new polls start');
    expect(r.stdout).toMatch(/sources: 1 polled, 1 ok, 0 failed/);
    expect(server.requests.slice(before).map((q) => q.path)).toEqual(['/slow.rss']);
    const out = join(dir, 'feeds');
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const valid = await validateFeeds(readdirSync(out).filter((f) => /\.(atom|rss|json)$/.test(f) && f !== 'manifest.json').map((f) => join(out, f)));
    expect(valid.code, valid.output).toBe(0);
  });

  it('a lock held from another host is taken over once stale; one whose holder here is dead at once', async () => {
    const lock = join(dir, 'db', 'g.db.lock');
    mkdirSync(lock); // held by a process on another host that shares the volume
    const foreign = `${lock}.claim.other-host.example.4242`;
    writeFileSync(foreign, '');
    const held = await runCli(['run', '--once', '--config', config]);
    expect(held.code).toBe(3);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old); // its holder stopped refreshing it a minute ago
    const taken = await runCli(['run', '--once', '--config', config]);
    expect(taken.code, taken.stderr).toBe(0);
    expect(existsSync(lock)).toBe(false);

    rmSync(foreign);
    const dead = spawnSync(process.execPath, ['-e', '']).pid; // a pid that no longer exists
    mkdirSync(lock); // what a holder killed with -9 on this host leaves behind, with its claim
    writeFileSync(`${lock}.claim.${hostname()}.${dead}`, '');
    const again = await runCli(['run', '--once', '--config', config]);
    expect(again.code, again.stderr).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });
});

describe('start shares the lock with run --once', () => {
  it('skips a cycle while another process holds the lock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gazette-lock-start-'));
    const config = join(dir, 'gazette.yaml');
    writeFileSync(
      config,
      `database: ${join(dir, 'g.db')}
output: { dir: ${join(dir, 'feeds')} }
server: { port: 0, host: 127.0.0.1 }
schedule: "0 0 1 1 *"
sources: []
`,
    );
    mkdirSync(join(dir, 'g.db.lock')); // a cron `run --once` in its cycle: a live process of this host
    writeFileSync(join(dir, `g.db.lock.claim.${hostname()}.${process.pid}`), '');
    const start = startCli(['start', '--config', config]);
    await until(() => start.stderr().includes('skipping this tick'));
    start.kill('SIGTERM');
    const r = await start.exited;
    expect(r.stderr).toContain('another gazette process is running a cycle on this database; skipping this tick');
    expect(r.code).toBe(0);
  });
});
