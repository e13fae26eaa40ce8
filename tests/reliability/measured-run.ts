import { execFile } from 'node:child_process';
import { CLI } from '../helpers/cli.js';

export interface MeasuredRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the CLI process, MB. */
  peakMb: number;
  /** User + system CPU time of the CLI process, seconds. */
  cpuSeconds: number;
  wallSeconds: number;
}

/** Runs the built CLI under /usr/bin/time: its exit code, output, peak memory and CPU time. */
export function runCliMeasured(args: string[]): Promise<MeasuredRun> {
  const started = Date.now();
  return new Promise((done) =>
    execFile(
      '/usr/bin/time',
      ['-f', 'peak-rss-kb %M cpu-s %U %S', process.execPath, CLI, ...args],
      { maxBuffer: 64 << 20, env: { ...process.env, GAZETTE_LOG_LEVEL: 'warn' } },
      (err, stdout, stderr) => {
        const [, peakKb, user, system] = /peak-rss-kb (\d+) cpu-s ([\d.]+) ([\d.]+)/.exec(stderr) ?? [];
        done({
          code: err ? (typeof err.code === 'number' ? err.code : 1) : 0,
          stdout,
          stderr,
          peakMb: Number(peakKb) / 1024,
          cpuSeconds: Number(user) + Number(system),
          wallSeconds: (Date.now() - started) / 1000,
        });
      },
    ),
  );
}
