import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { serve, startServer, type TestServer } from '../helpers/http-server.js';
import { until, waitForOutput } from '../helpers/process.js';
import { ROOT } from '../helpers/shared.js';

describe('gazette start re-reads a changed config before the next cycle', () => {
  let feeds: TestServer;
  let child: ChildProcess;
  let dir: string;
  let configFile: string;
  const config = (topics: string) => `database: ${join(dir, 'g.db')}
output: { dir: ${join(dir, 'feeds')} }
server: { port: 0, host: 127.0.0.1 }
schedule: "*/2 * * * * *"
fetch: { allowPrivateNetworks: true }
sources: [{ id: seed, url: "${feeds.url}/seed.rss" }]
topics: ${topics}
`;

  beforeAll(async () => {
    feeds = await startServer({ '/seed.rss': serve(readFileSync(join(ROOT, 'config/demo/seed.rss')), 'application/rss+xml') });
    dir = mkdtempSync(join(tmpdir(), 'gazette-reload-'));
    configFile = join(dir, 'gazette.yaml');
    writeFileSync(configFile, config('[{ id: russia, title: Russia, countries: [RU] }]'));
    child = spawn(process.execPath, [CLI, 'start', '--config', configFile], {
      env: { ...process.env, GAZETTE_LOG_LEVEL: 'info', GAZETTE_LOG_FORMAT: 'json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await waitForOutput(child, /serving/);
  });
  afterAll(async () => {
    child.kill('SIGKILL');
    await feeds.close();
  });

  it('a valid new config takes effect: a new topic feed appears', async () => {
    await until(async () => (existsSync(join(dir, 'feeds', 'russia.atom')) ? true : undefined));
    writeFileSync(
      configFile,
      config('[{ id: russia, title: Russia, countries: [RU] }, { id: cuba, title: Cuba, countries: [CU] }]'),
    );
    await until(async () => (existsSync(join(dir, 'feeds', 'cuba.atom')) ? true : undefined));
    expect(readFileSync(join(dir, 'feeds', 'cuba.atom'), 'utf8')).toContain('Cuba: Capitalist Restoration');
  });

  it('an invalid new config is reported with its position and the previous one kept', async () => {
    const reported = waitForOutput(child, /config reload failed/, 'stderr');
    writeFileSync(configFile, `${config('[{ id: russia, title: Russia, countries: [RU] }]')}bogus: 1\n`);
    const [line] = (await reported).input!.split('\n').filter((l) => l.includes('config reload failed'));
    expect(line).toContain(`${configFile}:8:1`);
    expect(line).toMatch(/unknown key \\"bogus\\"/);
    // Still running cycles with the previous config: the cuba topic is not removed.
    const cycles = waitForOutput(child, /cycle finished/, 'stderr');
    await cycles;
    expect(existsSync(join(dir, 'feeds', 'cuba.atom'))).toBe(true);
    expect(child.exitCode).toBeNull();
  });
});
