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
  return { dir, result: await runCli(['run', '--once', '--force', '--config', config]) };
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
    // Names the path in the way; it should also name the database setting (see docs/RELIABILITY.md).
    expect(result.stderr).toContain(join(dir, 'a-file'));
    expect(existsSync(join(dir, 'feeds'))).toBe(false);
  });
});
