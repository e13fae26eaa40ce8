import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { serve, startServer, type TestServer } from '../helpers/http-server.js';
import { ROOT } from '../helpers/shared.js';

/** Command paths listed by `gazette [group] --help`, e.g. ["run", "sources add", …]. */
async function commandsOf(prefix: string[]): Promise<string[][]> {
  const help = await runCli([...prefix, '--help']);
  // Only the Commands block: the Examples below it also start lines with two spaces.
  const section = (help.stdout.split(/^Commands:$/m)[1] ?? '').split(/\n\s*\n/)[0]!;
  const names = [...section.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]!).filter((n) => n !== 'help');
  if (prefix.length > 2) throw new Error(`command tree deeper than expected: ${prefix.join(' ')}`);
  const nested = await Promise.all(names.map(async (n) => [[...prefix, n], ...(await commandsOf([...prefix, n]))]));
  return nested.flat();
}

describe('--help', () => {
  it('every command and subcommand shows an example', async () => {
    const commands = await commandsOf([]);
    expect(commands.map((c) => c.join(' '))).toEqual(
      expect.arrayContaining(['run', 'start', 'check', 'sources', 'sources add', 'sources remove', 'sources list', 'opml import', 'opml export']),
    );
    for (const command of commands) {
      const r = await runCli([...command, '--help']);
      expect(r.code, command.join(' ')).toBe(0);
      expect(r.stdout, `gazette ${command.join(' ')} --help`).toMatch(/^Examples?:\n {2}gazette /m);
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
    expect(JSON.parse(stats.stdout)).toMatchObject({ sources: 1, feeds: 1 });
  });

  it('--config wins over GAZETTE_CONFIG', async () => {
    const r = await runCli(['check', '--config', join(dir, 'elsewhere.yaml')], { env: { GAZETTE_CONFIG: join(dir, 'missing.yaml') } });
    expect(r.code, r.stderr).toBe(0);
    const missing = await runCli(['check'], { env: { GAZETTE_CONFIG: join(dir, 'missing.yaml') } });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(`${join(dir, 'missing.yaml')}:1:1: cannot read config`);
  });
});
