import pLimit, { type LimitFunction } from 'p-limit';

export interface KeyedLimits {
  /** At most this many calls in flight at once. */
  concurrency: number;
  /** At most this many in flight at once among calls of the same key. */
  perKey: number;
}

/**
 * Runs a call within a KeyedLimiter's limits, when its turn comes. With `skipAfter`, a call
 * whose turn comes once that signal has aborted is not run: it rejects with NotStarted.
 */
export type KeyedLimiter = <R>(key: string, fn: () => Promise<R>, skipAfter?: AbortSignal) => Promise<R>;

/** A call that was waiting for its turn when the work was stopped. */
export class NotStarted extends Error {
  override readonly name = 'NotStarted';
}

/**
 * Runs calls within both limits. A call waiting for its key's turn does not
 * hold one of the overall slots, so one busy key never stalls the others.
 */
export function keyedLimiter(limits: KeyedLimits): KeyedLimiter {
  const overall = pLimit(limits.concurrency);
  const byKey = new Map<string, LimitFunction>();
  return (key, fn, skipAfter) => {
    let limit = byKey.get(key);
    if (!limit) byKey.set(key, (limit = pLimit(limits.perKey)));
    return limit(() =>
      overall(() => (skipAfter?.aborted ? Promise.reject(new NotStarted('stopped before its turn')) : fn())),
    );
  };
}

export interface PoolLimits {
  /** At most this many calls in flight at once. */
  concurrency: number;
  /** Once aborted, items not yet started are skipped (the ones in flight finish). */
  signal?: AbortSignal;
}

/** Runs fn over every item, at most `concurrency` at once. Results keep the order of the items; skipped items have none. */
export async function mapPooled<T, R>(items: T[], limits: PoolLimits, fn: (item: T) => Promise<R>): Promise<R[]> {
  const limit = pLimit(limits.concurrency);
  const run = async (item: T): Promise<{ result: R } | undefined> =>
    limits.signal?.aborted ? undefined : { result: await fn(item) };
  const results = await Promise.all(items.map((item) => limit(() => run(item))));
  return results.flatMap((r) => (r ? [r.result] : []));
}
