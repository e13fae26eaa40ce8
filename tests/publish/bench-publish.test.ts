// Keeps the publishing benchmark from rotting: bench/publish.ts on a few hundred articles, one
// run each; what it reports is checked for shape and behaviour, never for time.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/shared.js';
import { makeTempDir, removeTempDirs } from './helpers.js';

afterAll(removeTempDirs);

const run = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
    execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
      done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    ),
  );

describe('npm run bench:publish', () => {
  it('publishes every topic first, after a change to every topic, and with nothing changed', async () => {
    const build = await run([join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'bench/tsconfig.json']);
    expect(build.code, build.stdout + build.stderr).toBe(0);
    const dir = await makeTempDir();
    const r = await run([join(ROOT, 'dist-bench/bench/publish.js'), '--articles', '400', '--runs', '1', '--dir', dir]);
    expect(r.code, r.stderr).toBe(0);
    const row = (what: string) => r.stdout.match(new RegExp(`^\\| ${what} \\| [\\d.]+ m?s \\| [\\d.]+ m?s \\| \\d+ MB \\| (\\d+) / (\\d+) \\|$`, 'm'));
    const first = row('first publish \\(empty output dir\\)');
    const changed = row('every topic changed');
    const unchanged = row('nothing changed');
    expect(first && changed && unchanged, r.stdout).toBeTruthy();
    // Every current feed (and the site files) is written again when every topic changed; nothing when none did.
    expect(Number(changed![1])).toBeGreaterThan(4 * 200);
    expect(Number(unchanged![1])).toBe(0);
    expect(Number(unchanged![2])).toBeGreaterThan(4 * 200);
    expect(Number(first![1])).toBeGreaterThan(0);
  });
});
