import pLimit, { type LimitFunction } from 'p-limit';

export interface PoolLimits<T> {
  /** At most this many calls in flight at once. */
  concurrency: number;
  /** At most this many in flight at once among items of the same key. */
  perKey: number;
  keyOf: (item: T) => string;
  /** Once aborted, items not yet started are skipped (the ones in flight finish). */
  signal?: AbortSignal;
}

/**
 * Runs fn over every item within both limits. Results keep the order of the
 * items; skipped items have none. A call waiting for its key's turn does not
 * hold one of the overall slots, so one busy key never stalls the others.
 */
export async function mapPooled<T, R>(items: T[], limits: PoolLimits<T>, fn: (item: T) => Promise<R>): Promise<R[]> {
  const overall = pLimit(limits.concurrency);
  const byKey = new Map<string, LimitFunction>();
  const limitOf = (key: string) => {
    let limit = byKey.get(key);
    if (!limit) byKey.set(key, (limit = pLimit(limits.perKey)));
    return limit;
  };
  const run = async (item: T): Promise<{ result: R } | undefined> =>
    limits.signal?.aborted ? undefined : { result: await fn(item) };
  const results = await Promise.all(items.map((item) => limitOf(limits.keyOf(item))(() => overall(() => run(item)))));
  return results.flatMap((r) => (r ? [r.result] : []));
}
