import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';

/**
 * One cycle at a time per database, across processes and containers sharing
 * the volume: a `<database>.lock` directory whose mtime the holder refreshes.
 * A holder killed with -9 stops refreshing it, and the lock counts as stale
 * once it is older than STALE_MS. (A PID file alone would not do: containers have
 * their own PID namespaces.) Beside it, each process that may hold it leaves a
 * `<database>.lock.claim.<host>.<pid>` file, so that on the same host a lock whose
 * claimants are all dead is taken over at once instead of after STALE_MS.
 */
export const STALE_MS = 30_000;

export type CycleLockErrorCode = 'locked';

export class CycleLockError extends Error {
  readonly code: CycleLockErrorCode = 'locked';
  constructor(readonly lockPath: string, message: string) {
    super(message);
    this.name = 'CycleLockError';
  }
}

export interface CycleLockOptions {
  /** How long to wait for another holder to finish; 0 = fail at once. */
  waitSeconds?: number;
  /** Stops waiting (rejects with the signal's reason) and, once held, aborts the job's signal. */
  signal?: AbortSignal;
  /** Called if the lock was taken away (its refresh failed for longer than STALE_MS). */
  onCompromised?: (err: Error) => void;
}

export const lockPathFor = (database: string) => `${resolve(database)}.lock`;

/**
 * Runs job while holding the database's cycle lock. The job's signal aborts on
 * options.signal or when the lock is compromised, so it stops starting new work.
 * Rejects with CycleLockError when another process holds the lock past the wait.
 */
export async function withCycleLock<T>(
  database: string,
  options: CycleLockOptions,
  job: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const stop = new AbortController();
  const forward = () => stop.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', forward, { once: true });
  try {
    const release = await acquire(database, options, (err) => {
      options.onCompromised?.(err);
      stop.abort(err);
    });
    try {
      return await job(stop.signal);
    } finally {
      await release().catch(() => undefined); // already gone if compromised
    }
  } finally {
    options.signal?.removeEventListener('abort', forward);
  }
}

async function acquire(database: string, options: CycleLockOptions, onCompromised: (err: Error) => void) {
  const lockPath = lockPathFor(database);
  mkdirSync(dirname(lockPath), { recursive: true });
  // Claimed before trying, released after unlocking: a lock directory always has the claim of
  // whoever may hold it, even if that process is killed between any two steps.
  const claim = `${lockPath}${CLAIM}${hostname()}.${process.pid}`;
  writeFileSync(claim, '');
  const deadline = Date.now() + (options.waitSeconds ?? 0) * 1000;
  try {
    for (let delay = 100; ; delay = Math.min(delay * 2, 1000)) {
      options.signal?.throwIfAborted();
      try {
        const release = await lockfile.lock(resolve(database), { lockfilePath: lockPath, realpath: false, stale: STALE_MS, onCompromised });
        return async () => {
          await release();
          rmSync(claim, { force: true });
        };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
      }
      if (claimantsAreDead(lockPath, claim)) {
        rmSync(lockPath, { recursive: true, force: true });
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw lockedError(lockPath, options.waitSeconds ?? 0);
      await sleep(Math.min(delay, left), undefined, { signal: options.signal });
    }
  } catch (err) {
    rmSync(claim, { force: true });
    throw err;
  }
}

const CLAIM = '.claim.';

/**
 * True when every other claim on the lock names a process of this host that no longer exists
 * (those claims are removed). A claim from another host, or a live process, may hold the lock:
 * then only staleness frees it.
 */
function claimantsAreDead(lockPath: string, mine: string): boolean {
  const prefix = `${basename(lockPath)}${CLAIM}`;
  const claims = readdirSync(dirname(lockPath))
    .filter((name) => name.startsWith(prefix))
    .map((name) => join(dirname(lockPath), name))
    .filter((path) => path !== mine);
  const dead = claims.filter((path) => {
    const [host, pid] = [path.slice(path.indexOf(CLAIM) + CLAIM.length, path.lastIndexOf('.')), Number(path.slice(path.lastIndexOf('.') + 1))];
    return host === hostname() && !processExists(pid);
  });
  if (dead.length !== claims.length) return false;
  for (const path of dead) rmSync(path, { force: true });
  return true;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function lockedError(lockPath: string, waitSeconds: number): CycleLockError {
  let age = '';
  try {
    age = `, refreshed ${Math.round((Date.now() - statSync(lockPath).mtimeMs) / 1000)}s ago`;
  } catch {
    // released just now: the message stays true enough
  }
  const waited = waitSeconds > 0 ? `still held after waiting ${waitSeconds}s` : 'held';
  return new CycleLockError(
    lockPath,
    `another gazette process is running a cycle on this database (lock ${lockPath} ${waited}${age}); ` +
      `use --wait SECONDS to wait for it. A lock left by a killed process on another host expires ${STALE_MS / 1000}s after its last refresh.`,
  );
}
