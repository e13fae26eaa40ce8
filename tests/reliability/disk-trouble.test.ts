import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeServersAfterEach, serve } from '../fetch/servers.js';
import { runCli } from '../helpers/cli.js';
import { healthyFeed } from '../schedule/harness.js';

// Tests run as root, where permission bits do not stop writes; a path whose parent
// is a regular FILE cannot be created or written by anyone (ENOTDIR), root included.

closeServersAfterEach();

async function gazette(paths: (dir: string) => { database: string; output: string }) {
  const server = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(healthyFeed()));
  const dir = mkdtempSync(join(tmpdir(), 'gazette-disk-'));
  writeFileSync(join(dir, 'a-file'), 'not a directory');
  const { database, output } = paths(dir);
  const config = join(dir, 'gazette.yaml');
  writeFileSync(
    config,
    `database: ${database}
output: { dir: ${output}, baseUrl: "http://feeds.example.test/" }
fetch: { allowPrivateNetworks: true, timeoutSeconds: 5 }
topics:
  - { id: all, title: "Everything" }
sources:
  - { id: healthy, url: "${server.url}feed.xml" }
`,
  );
  return { dir, config, result: await runCli(['run', '--once', '--force', '--config', config]) };
}

describe('disk trouble', () => {
  it('an output directory that cannot be created: a clear error, exit 2, nothing written', async () => {
    const { dir, result } = await gazette((d) => ({ database: join(d, 'gazette.db'), output: join(d, 'a-file', 'feeds') }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(join(dir, 'a-file', 'feeds'));
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('a database that cannot be opened for writing: a clear error, exit 2, nothing written', async () => {
    const { dir, result } = await gazette((d) => ({ database: join(d, 'a-file', 'gazette.db'), output: join(d, 'feeds') }));
    expect(result.code).toBe(2);
    // The setting to fix, the path and the system's reason (a file where a folder should be).
    expect(result.stderr).toContain(`cannot create the folder ${join(dir, 'a-file')} for the database ${join(dir, 'a-file', 'gazette.db')}`);
    expect(result.stderr).toContain('setting "database"');
    expect(result.stderr).toMatch(/EEXIST|ENOTDIR/);
    expect(result.stderr).not.toContain('    at ');
    expect(existsSync(join(dir, 'feeds'))).toBe(false);
  });

  it('reclassify names the database setting the same way', async () => {
    const { dir, config } = await gazette((d) => ({ database: join(d, 'a-file', 'gazette.db'), output: join(d, 'feeds') }));
    const result = await runCli(['reclassify', '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`cannot create the folder ${join(dir, 'a-file')}`);
    expect(result.stderr).toContain('setting "database"');
    expect(result.stderr).not.toContain('    at ');
  });
});
