import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/shared.js';

const run = (cmd: string, args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
    execFile(cmd, args, { cwd: ROOT, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
      done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    ),
  );

// Keeps the benchmark from rotting: the whole harness at N = 20, one run, no timing asserted.
describe('npm run bench -- --smoke', () => {
  it('measures every floor and Gazette cycle and prints the table', async () => {
    const build = await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'bench/tsconfig.json']);
    expect(build.code, build.stdout + build.stderr).toBe(0);
    const r = await run(process.execPath, [join(ROOT, 'dist-bench/bench/run.js'), '--smoke']);
    expect(r.code, r.stderr).toBe(0);
    for (const row of [
      'floor: undici GETs',
      'floor: same, all 304',
      'floor: rss-parser',
      'floor: better-sqlite3',
      'Gazette cold cycle',
      'Gazette warm cycle',
      'Gazette cycle after 10% of feeds changed',
    ]) {
      expect(r.stdout).toMatch(new RegExp(`\\| ${row.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^|]*\\| \\d+\\.\\d\\d s \\| \\d+ MB \\|`));
    }
    expect(r.stdout).toMatch(/Ratios: cold \/ \(fetch \+ parse \+ insert floors\) = \d/);
    // The cold cycle's own instrumentation (run --once --timings): every stage, and the cost per article.
    expect(r.stdout).toContain('Per-stage timings of the last cold cycle');
    for (const stage of ['fetch', 'parse', 'normalize', 'dedupe', 'classify', 'store', 'publish', 'retention']) {
      expect(r.stdout).toMatch(new RegExp(`^${stage} +\\d+\\.\\d{3} +\\d+$`, 'm'));
    }
    expect(r.stdout).toMatch(/storing an article \(dedupe, classify, store\) over 1000 articles: first tenth \d+ µs, last tenth \d+ µs/);
  });
});
