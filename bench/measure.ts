import { spawn } from 'node:child_process';

export interface Measurement {
  wallMs: number;
  /** Peak resident set size of the process, in MB (GNU time's %M). */
  peakRssMb: number;
  stdout: string;
}

/** Runs a whole process under GNU time: wall clock from here, peak RSS from the kernel. */
export function measure(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn('/usr/bin/time', ['-f', 'peak-rss-kb %M', cmd, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - start;
      const rss = stderr.match(/peak-rss-kb (\d+)/);
      if (code !== 0 || !rss) {
        reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${stderr.slice(-2000)}`));
        return;
      }
      resolve({ wallMs, peakRssMb: Number(rss[1]) / 1024, stdout });
    });
  });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
