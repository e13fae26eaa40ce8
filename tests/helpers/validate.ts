import { execFile } from 'node:child_process';
import { sharedPath } from './shared.js';

export const VALIDATOR = sharedPath('validate', 'validate-feed');

/**
 * Runs the shared validate-feed checker on the files; resolves with its exit
 * code and output (it prints "ok FILE" or "FILE: problem" lines).
 */
export function validateFeeds(files: string[]): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(VALIDATOR, files, { maxBuffer: 16 << 20, timeout: 300_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 2) : 0;
      done({ code, output: `${stdout}${stderr}` });
    });
  });
}
