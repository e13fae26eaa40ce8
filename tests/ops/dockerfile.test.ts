import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, startServer, type TestServer } from '../helpers/http-server.js';
import { ROOT } from '../helpers/shared.js';
import { validateFeeds } from '../helpers/validate.js';
import { buildContext, buildImage, imageEnv, inImage, installedPackages, nativeArtifact, NATIVE_MIRRORS, type BuiltStage } from './dockerfile.js';

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
// The image runs as a numeric user; switching to it needs root, as `docker run` has.
const isRoot = process.getuid?.() === 0;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command the way the image would: its env, its workdir, its user. */
function inContainer(image: BuiltStage, argv: string[], timeoutMs = 60_000): Promise<Run> {
  const [uid, gid] = (image.user ?? '0:0').split(':').map(Number);
  return new Promise((done) => {
    execFile(
      argv[0]!,
      argv.slice(1),
      { cwd: inImage(image, image.workdir), env: imageEnv(image), uid, gid: gid ?? uid, timeout: timeoutMs },
      (err, stdout, stderr) => done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
    );
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe.skipIf(!isRoot)('the Dockerfile, performed step by step without a Docker engine', () => {
  let stages: BuiltStage[];
  let image: BuiltStage;
  let feeds: TestServer;
  let port: number;
  const temp: string[] = [];

  let binaries: Server;

  beforeAll(async () => {
    feeds = await startServer({ '/seed.rss': serve(readFileSync(join(ROOT, 'config/demo/seed.rss')), 'application/rss+xml') });
    binaries = createHttpServer((req, res) => {
      const body = nativeArtifact(ROOT, new URL(req.url ?? '/', 'http://x').pathname);
      res.writeHead(body ? 200 : 404).end(body);
    });
    await new Promise<void>((r) => binaries.listen(0, '127.0.0.1', r));
    const mirror = `http://127.0.0.1:${(binaries.address() as AddressInfo).port}`;
    const context = buildContext(ROOT);
    temp.push(context);
    stages = await buildImage(dockerfile, context, Object.fromEntries(NATIVE_MIRRORS.map((m) => [m.env, mirror])));
    temp.push(...stages.map((s) => s.root));
    image = stages[stages.length - 1]!;
    port = await freePort();
    // The operator's config, mounted read-only over the image's default.
    const config = inImage(image, image.env.GAZETTE_CONFIG!);
    writeFileSync(
      config,
      `server: { port: ${port}, host: 127.0.0.1 }
schedule: "0 0 1 1 *"
fetch: { allowPrivateNetworks: true }
sources: [{ id: seed, url: "${feeds.url}/seed.rss" }]
topics: [{ id: russia, title: Russia, countries: [RU] }, { id: all, title: Everything }]
`,
    );
    chmodSync(config, 0o444);
  }, 240_000);
  afterAll(async () => {
    await feeds?.close();
    binaries?.close();
    for (const dir of temp) rmSync(dir, { recursive: true, force: true });
  });

  it('builds from an official Node LTS slim image pinned to an exact version, in two stages', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) {
      const m = /^node:(\d+)\.\d+\.\d+-bookworm-slim$/.exec(stage.base);
      expect(m, stage.base).not.toBeNull();
      expect(Number(m![1]) % 2, 'LTS lines are even').toBe(0);
    }
  });

  it('ships production dependencies only', () => {
    const shipped = installedPackages(join(inImage(image, image.workdir), 'node_modules'));
    expect(shipped).toContain('better-sqlite3');
    expect(shipped).not.toContain('typescript');
    expect(shipped).not.toContain('vitest');
    expect(existsSync(join(inImage(image, image.workdir), 'src'))).toBe(false);
  });

  it('runs as a non-root user that owns the database and output volumes', () => {
    expect(image.user).toMatch(/^[1-9]\d*(:\d+)?$/);
    const uid = Number(image.user!.split(':')[0]);
    const dataDir = dirname(image.env.GAZETTE_DB!);
    const outputDir = image.env.GAZETTE_OUTPUT!;
    expect(image.volumes).toEqual(expect.arrayContaining([dataDir, outputDir]));
    for (const dir of [dataDir, outputDir]) expect(statSync(inImage(image, dir)).uid).toBe(uid);
  });

  it('cron mode: `gazette run --once` writes valid feeds and exits 0', async () => {
    const [command] = image.cmd!;
    expect(command).toBe('gazette');
    const r = await inContainer(image, [command!, 'run', '--once']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/sources: 1 polled, 1 ok, 0 failed/);
    const out = inImage(image, image.env.GAZETTE_OUTPUT!);
    const files = readdirSync(out).filter((f) => /\.(atom|rss|json)$/.test(f) && f !== 'manifest.json');
    expect(files).toEqual(expect.arrayContaining(['russia.atom', 'all.atom']));
    const valid = await validateFeeds(files.map((f) => join(out, f)));
    expect(valid.code, valid.output).toBe(0);
    expect(existsSync(inImage(image, image.env.GAZETTE_DB!))).toBe(true);
  });

  it('CMD serves the feeds, the HEALTHCHECK passes, SIGTERM exits 0', async () => {
    expect(image.cmd).toEqual(['gazette', 'start']);
    expect(image.exposed).toContain('8080');
    const health = image.healthcheck!;
    expect(health.command.join(' ')).toContain('/healthz');
    // `docker run -p`: the container's 8080 is this test's free port.
    const check = health.command.map((a) => a.replaceAll(':8080/', `:${port}/`));
    const [uid, gid] = image.user!.split(':').map(Number);
    const child = spawn(image.cmd![0]!, image.cmd!.slice(1), {
      cwd: inImage(image, image.workdir),
      env: imageEnv(image),
      uid,
      gid: gid ?? uid,
      stdio: 'ignore',
    });
    try {
      let healthy: Run | undefined;
      for (let i = 0; i < 100 && healthy?.code !== 0; i++) {
        healthy = await inContainer(image, check, 10_000);
        if (healthy.code !== 0) await new Promise((r) => setTimeout(r, 200));
      }
      expect(healthy?.code, healthy?.stderr).toBe(0);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
