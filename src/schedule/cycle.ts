import type { Classifier } from '../classify/index.js';
import type { Config } from '../config/schema.js';
import { trackingParamFilter } from '../dedupe/index.js';
import type { Logger } from '../log.js';
import type { Source } from '../model.js';
import type { Store } from '../store/index.js';
import { pollSource, type PollReport } from './poll.js';
import { publishTopics } from './publish-topics.js';

export interface CycleDeps {
  config: Config;
  store: Store;
  classifier: Classifier;
  log: Logger;
  now?: () => number;
  /** Aborting stops new polls from starting; polls in flight finish (each within its fetch timeout). */
  signal?: AbortSignal;
}

export interface CycleReport {
  startedAt: number;
  finishedAt: number;
  /** Sources not due (or gone) are absent. */
  polls: PollReport[];
  sourcesOk: number;
  sourcesFailed: number;
  newCount: number;
  updatedCount: number;
  feedsWritten: string[];
  feedsUnchanged: string[];
}

export function sourcesOf(config: Config): Source[] {
  return config.sources.map((s) => ({ ...s }));
}

/** One full cycle: poll due sources (all with force), store, classify, rewrite changed topic feeds. */
export async function runCycle(deps: CycleDeps, options: { force?: boolean } = {}): Promise<CycleReport> {
  const { config, store, log } = deps;
  const now = deps.now ?? Date.now;
  const startedAt = now();
  const cycleId = store.beginCycle(startedAt);
  const sources = sourcesOf(config);
  store.syncSources(sources);

  const due = sources.filter((s) => {
    const state = store.sourceState(s.id);
    return options.force || (!state?.gone && (state?.nextPollAt ?? 0) <= startedAt);
  });
  const pollDeps = {
    store,
    classifier: deps.classifier,
    fetch: config.fetch,
    isTracking: trackingParamFilter(),
    now,
  };
  const polls = await mapWithConcurrency(due, config.fetch.concurrency, deps.signal, async (source) => {
    const report = await pollSource(source, pollDeps);
    if (report.error) log.warn({ source: source.id, error: report.error }, 'source failed');
    else log.info({ source: source.id, outcome: report.outcome, new: report.newCount, updated: report.updatedCount }, 'source polled');
    return report;
  });

  const published = await publishTopics(config, store, now());

  const report: CycleReport = {
    startedAt,
    finishedAt: now(),
    polls,
    sourcesOk: polls.filter((p) => p.outcome !== 'failed').length,
    sourcesFailed: polls.filter((p) => p.outcome === 'failed').length,
    newCount: sum(polls.map((p) => p.newCount)),
    updatedCount: sum(polls.map((p) => p.updatedCount)),
    feedsWritten: published.written,
    feedsUnchanged: published.unchanged,
  };
  store.finishCycle(cycleId, report.finishedAt, { ...report, feedsWritten: published.written.length });
  log.info(
    { ok: report.sourcesOk, failed: report.sourcesFailed, new: report.newCount, updated: report.updatedCount, written: published.written.length },
    'cycle finished',
  );
  return report;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Runs fn over items with at most `limit` in flight; stops starting new ones once aborted. */
async function mapWithConcurrency<T, R>(
  items: T[],
  limit: number,
  signal: AbortSignal | undefined,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const item = items[next++]!;
      results.push(await fn(item));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
