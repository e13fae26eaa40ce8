// `gazette serve` as a real process beside `gazette run --once`: health, status and metrics
// come from the database the other process writes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { serve, startServer, type TestServer } from '../helpers/http-server.js';
import { ROOT } from '../helpers/shared.js';

function waitForOutput(child: ChildProcess, re: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(re);
      if (m) resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before printing ${re}: ${out}`)));
  });
}

describe('gazette serve', () => {
  let feeds: TestServer;
  let child: ChildProcess;
  let base: string;
  let config: string;

  beforeAll(async () => {
    feeds = await startServer({ '/seed.rss': serve(readFileSync(join(ROOT, 'config/demo/seed.rss')), 'application/rss+xml') });
    const dir = mkdtempSync(join(tmpdir(), 'gazette-serve-'));
    config = join(dir, 'gazette.yaml');
    writeFileSync(
      config,
      `database: ${join(dir, 'g.db')}
output: { dir: ${join(dir, 'feeds')}, title: "Serve & <test>" }
server: { port: 8080, host: 127.0.0.1 }
schedule: "*/10 * * * *"
fetch: { allowPrivateNetworks: true }
sources: [{ id: seed, url: "${feeds.url}/seed.rss" }]
topics: [{ id: russia, title: Russia, countries: [RU] }]
`,
    );
    child = spawn(process.execPath, [CLI, 'serve', '--config', config, '--port', '0'], {
      env: { ...process.env, GAZETTE_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [, url] = await waitForOutput(child, /on (http:\/\/[\d.]+:\d+\/)/);
    base = url!;
  });

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await feeds.close();
  });

  it('before any cycle: 503 from /healthz with the reason, and / says nothing is published', async () => {
    const health = await fetch(`${base}healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, status: 'no cycle has run yet' });
    expect((await fetch(base)).status).toBe(404);
  });

  it('after `run --once` in another process: healthy, and the feeds, /status and /metrics are served', async () => {
    const run = await runCli(['run', '--once', '--config', config]);
    expect(run.code, run.stderr).toBe(0);
    const health = await fetch(`${base}healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, status: 'ok' });

    const atom = await fetch(`${base}russia.atom`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(atom.headers.get('cache-control')).toBe('public, max-age=600');
    expect(await atom.text()).toContain('Russia: Putin Declares Partial Mobilization');
    const again = await fetch(`${base}russia.atom`, { headers: { 'If-None-Match': atom.headers.get('etag')! } });
    expect(again.status).toBe(304);

    const index = await (await fetch(base)).text();
    expect(index).toContain('Serve &amp; &lt;test&gt;');
    expect(index).toContain('href="countries/ru.html"');
    const status = await (await fetch(`${base}status`)).text();
    expect(status).toContain('id="source-seed"');
    const metrics = await (await fetch(`${base}metrics`)).text();
    expect(metrics).toMatch(/^gazette_cycles_total 1$/m);
    expect(metrics).toMatch(/^gazette_source_articles\{source="seed"\} 12$/m);
  });

  it('compresses for a client that asks (raw bytes checked)', async () => {
    const { request } = await import('node:http');
    const body = await new Promise<Buffer>((resolve, reject) => {
      request(`${base}russia.json`, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
        expect(res.headers['content-encoding']).toBe('gzip');
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      })
        .on('error', reject)
        .end();
    });
    expect(JSON.parse(gunzipSync(body).toString()).title).toBe('Russia');
  });

  it('exits 0 on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('--help shows an example', async () => {
    const r = await runCli(['serve', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Example:\n\s+gazette serve/);
  });
});
