import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { until, waitForOutput } from '../helpers/process.js';
import { serve, startServer, type TestServer } from '../helpers/http-server.js';
import { ROOT } from '../helpers/shared.js';

describe('gazette start', () => {
  let feeds: TestServer;
  let child: ChildProcess;
  let base: string;

  beforeAll(async () => {
    feeds = await startServer({ '/seed.rss': serve(readFileSync(join(ROOT, 'config/demo/seed.rss')), 'application/rss+xml') });
    const dir = mkdtempSync(join(tmpdir(), 'gazette-start-'));
    const config = join(dir, 'gazette.yaml');
    writeFileSync(
      config,
      `database: ${join(dir, 'g.db')}
output: { dir: ${join(dir, 'feeds')} }
server: { port: 0, host: 127.0.0.1 }
schedule: "0 0 1 1 *"
fetch: { allowPrivateNetworks: true }
sources: [{ id: seed, url: "${feeds.url}/seed.rss" }]
topics: [{ id: russia, title: Russia, countries: [RU] }]
`,
    );
    child = spawn(process.execPath, [CLI, 'start', '--config', config], {
      env: { ...process.env, GAZETTE_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [, url] = await waitForOutput(child, /on (http:\/\/[\d.]+:\d+\/)/);
    base = url!;
  });
  afterAll(async () => {
    child.kill('SIGKILL');
    await feeds.close();
  });

  it('runs a cycle at start and serves the topic feeds', async () => {
    const res = await until(async () => {
      const r = await fetch(`${base}russia.atom`);
      return r.status === 200 ? r : undefined;
    });
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(await res.text()).toContain('Russia: Putin Declares Partial Mobilization');
    expect(feeds.requests.filter((r) => r.path === '/seed.rss')).toHaveLength(1);
  });

  it('answers conditional requests with 304', async () => {
    const first = await fetch(`${base}russia.atom`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await fetch(`${base}russia.atom`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('reports health and refuses paths outside the output dir', async () => {
    const health = await fetch(`${base}healthz`);
    expect(health.status).toBe(200);
    expect(await fetch(`${base}%2e%2e/%2e%2e/etc/passwd`).then((r) => r.status)).toBe(404);
    expect(await fetch(`${base}..%2fg.db`).then((r) => r.status)).toBe(404);
  });

  it('exits 0 on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
