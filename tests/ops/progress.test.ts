import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProgress } from '../../src/ops/index.js';
import { CLI, runCli } from '../helpers/cli.js';
import { serve, startServer, type TestServer } from '../helpers/http-server.js';
import { ROOT } from '../helpers/shared.js';

/** A stream that records what is written; a terminal or not. */
function recorder(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY, columns: 100 });
  return { stream, text: () => text };
}

// Escape sequences and carriage returns out, to read what the screen shows.
const screen = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '\n');

describe('progress bar', () => {
  it('draws counts, percentage and ETA on a terminal', () => {
    const { stream, text } = recorder(true);
    const progress = startProgress({ label: 'feeds', total: 3, stream });
    progress.increment();
    progress.increment(2);
    progress.stop();
    progress.stop();
    expect(screen(text())).toMatch(/feeds .*3\/3 \| 100% \| ETA \d+s/);
  });

  it('writes nothing at all when the stream is not a terminal', () => {
    const { stream, text } = recorder(false);
    const progress = startProgress({ label: 'feeds', total: 3, stream });
    progress.increment(3);
    progress.stop();
    expect(text()).toBe('');
  });
});

describe('run --once with and without a terminal', () => {
  let server: TestServer;
  let config: string;
  beforeAll(async () => {
    const seed = readFileSync(join(ROOT, 'config/demo/seed.rss'));
    server = await startServer({ '/a.rss': serve(seed, 'application/rss+xml'), '/b.rss': serve(seed, 'application/rss+xml') });
    const dir = mkdtempSync(join(tmpdir(), 'gazette-progress-'));
    config = join(dir, 'gazette.yaml');
    writeFileSync(
      config,
      `database: ${join(dir, 'g.db')}
output: { dir: ${join(dir, 'feeds')} }
fetch: { allowPrivateNetworks: true }
sources: [{ id: a, url: "${server.url}/a.rss" }, { id: b, url: "${server.url}/b.rss" }]
topics: [{ id: all, title: Everything }]
`,
    );
  });
  afterAll(async () => {
    await server.close();
  });

  it('not a terminal: JSON log lines, no bar', async () => {
    const r = await runCli(['run', '--once', '--force', '--config', config], { env: { GAZETTE_LOG_LEVEL: 'info' } });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
    expect(lines.filter((l) => (JSON.parse(l) as { msg: string }).msg === 'cycle finished')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/ETA|█|░/);
  });

  it('on a terminal (a pseudo-terminal from `script`): readable log lines and a bar with counts', async () => {
    const command = [process.execPath, CLI, 'run', '--once', '--force', '--config', config].map((a) => `'${a}'`).join(' ');
    const out = await new Promise<string>((done, fail) =>
      execFile('script', ['-qec', command, '/dev/null'], { env: { ...process.env, GAZETTE_LOG_LEVEL: 'info' } }, (err, stdout) =>
        err ? fail(err) : done(stdout),
      ),
    );
    const shown = screen(out);
    expect(shown).toMatch(/sources .*2\/2 \| 100% \| ETA/);
    expect(shown).toMatch(/INFO.*cycle finished/);
    expect(shown).not.toMatch(/^\{"level"/m);
    expect(shown).toMatch(/sources: 2 polled, 2 ok, 0 failed/);
  });
});
