import type { Config } from '../config/schema.js';
import type { Store } from '../store/index.js';

const DAY = 86_400_000;

/**
 * Prunes in batches of `retention.batchSize`, one transaction each, yielding between them so a
 * long prune never blocks the lock refresh or a shutdown signal. Stories that a topic feed
 * shows right now are kept whole, however old.
 */
export async function pruneArticles(store: Store, retention: Config['retention'], keepStories: number[], now: number): Promise<number> {
  const policy = {
    olderThan: now - retention.maxAgeDays * DAY,
    maxPerSource: retention.maxArticlesPerSource,
    keepStories,
    batch: retention.batchSize,
  };
  let pruned = 0;
  for (;;) {
    const deleted = store.pruneBatch(policy);
    pruned += deleted;
    if (deleted < policy.batch) return pruned;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
