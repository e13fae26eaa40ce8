import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { serve, startServer, type TestServer } from '../helpers/http-server.js';
import { ROOT } from '../helpers/shared.js';

interface Help {
  command: string[];
  code: number;
  text: string;
}

/** `gazette [command…] --help` for the program and, recursively, every command it lists. */
async function helpTree(prefix: string[]): Promise<Help[]> {
  const r = await runCli([...prefix, '--help']);
  // Only the Commands block: the Examples after it also indent lines by two spaces,
  // and reading "gazette" there as a command name recursed without end.
  const section = (r.stdout.split(/^Commands:$/m)[1] ?? '').split(/\n\s*\n/)[0]!;
  if (prefix.length > 2) throw new Error(`command tree deeper than expected: ${prefix.join(' ')}`);
  const names = [...section.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]!).filter((n) => n !== 'help');
  const children = await Promise.all(names.map((n) => helpTree([...prefix, n])));
  return [{ command: prefix, code: r.code, text: r.stdout }, ...children.flat()];
}

describe('--help', () => {
  it('every command and subcommand shows an example', async () => {
    const helps = (await helpTree([])).filter((h) => h.command.length > 0);
    expect(helps.map((h) => h.command.join(' '))).toEqual(
      expect.arrayContaining(['run', 'start', 'check', 'sources', 'sources add', 'sources remove', 'sources list', 'opml import', 'opml export']),
    );
    for (const help of helps) {
      expect(help.code, help.command.join(' ')).toBe(0);
      expect(help.text, `gazette ${help.command.join(' ')} --help`).toMatch(/^Examples?:\n {2}gazette /m);
    }
  });
});

describe('GAZETTE_CONFIG, GAZETTE_DB and GAZETTE_OUTPUT', () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startServer({ '/seed.rss': serve(readFileSync(join(ROOT, 'config/demo/seed.rss')), 'application/rss+xml') });
    dir = mkdtempSync(join(tmpdir(), 'gazette-env-'));
    writeFileSync(
      join(dir, 'elsewhere.yaml'),
      `database: ${join(dir, 'from-file.db')}
output: { dir: ${join(dir, 'from-file')} }
fetch: { allowPrivateNetworks: true }
sources: [{ id: seed, url: "${server.url}/seed.rss" }]
topics: [{ id: all, title: Everything }]
`,
    );
  });
  afterAll(async () => {
    await server.close();
  });

  it('override the config file, the database and the output directory', async () => {
    const env = {
      GAZETTE_CONFIG: join(dir, 'elsewhere.yaml'),
      GAZETTE_DB: join(dir, 'env', 'env.db'),
      GAZETTE_OUTPUT: join(dir, 'env-feeds'),
    };
    const r = await runCli(['run', '--once'], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(dir);
    expect(files).not.toContain('from-file.db');
    expect(files).not.toContain('from-file');
    expect(readdirSync(join(dir, 'env'))).toContain('env.db');
    expect(readdirSync(join(dir, 'env-feeds'))).toContain('all.atom');
    const stats = await runCli(['stats', '--json'], { cwd: dir, env });
    expect(JSON.parse(stats.stdout)).toMatchObject({ sources: 1, articles: 12 });
  });

  it('--config wins over GAZETTE_CONFIG', async () => {
    const r = await runCli(['check', '--config', join(dir, 'elsewhere.yaml')], { env: { GAZETTE_CONFIG: join(dir, 'missing.yaml') } });
    expect(r.code, r.stderr).toBe(0);
    const missing = await runCli(['check'], { env: { GAZETTE_CONFIG: join(dir, 'missing.yaml') } });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(`${join(dir, 'missing.yaml')}:1:1: cannot read config`);
  });
});
