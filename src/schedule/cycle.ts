import type { Classifier } from '../classify/index.js';
import type { Config } from '../config/schema.js';
import { dedupePolicy } from '../dedupe/index.js';
import type { Logger } from '../log.js';
import type { Source } from '../model.js';
import type { SourceState, Store } from '../store/index.js';
import { pollSource, type PollReport } from './poll.js';
import { mapPooled } from './pool.js';
import { publishTopics } from './publish-topics.js';
import { pruneArticles } from './retention.js';

export interface CycleDeps {
  config: Config;
  store: Store;
  classifier: Classifier;
  log: Logger;
  now?: () => number;
  /** Aborting stops new polls from starting; polls in flight finish (each within its fetch timeout). */
  signal?: AbortSignal;
  /** Called after each poll with the number of sources due in this cycle (progress display). */
  onPoll?: (report: PollReport, due: number) => void;
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
  /** Articles removed by retention after publishing. */
  pruned: number;
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

  const due = sources.filter((s) => isDue(store.sourceState(s.id), startedAt, options.force ?? false));
  const pollDeps = {
    store,
    classifier: deps.classifier,
    fetch: config.fetch,
    dedupe: dedupePolicy(config.dedupe),
    now,
    log,
  };
  const limits = {
    concurrency: config.fetch.concurrency,
    perKey: config.fetch.perHost,
    keyOf: (source: Source) => pollHost(source, store.sourceState(source.id)),
    signal: deps.signal,
  };
  const polls = await mapPooled(due, limits, async (source) => {
    const report = await pollSource(source, pollDeps);
    if (report.error) log.warn({ source: source.id, error: report.error }, 'source failed');
    else log.info({ source: source.id, outcome: report.outcome, new: report.newCount, updated: report.updatedCount }, 'source polled');
    deps.onPoll?.(report, due.length);
    return report;
  });

  const published = await publishTopics(config, store, now(), { log });
  const pruned = await pruneArticles(store, config.retention, published.shownStoryIds, now());

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
    pruned,
  };
  store.finishCycle(cycleId, report.finishedAt, { ...report, feedsWritten: published.written.length });
  log.info(
    { ok: report.sourcesOk, failed: report.sourcesFailed, new: report.newCount, updated: report.updatedCount, written: published.written.length, pruned },
    'cycle finished',
  );
  return report;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Whether a source is polled in this cycle: when its next poll time has come
 * and it is not gone. `force` polls every source, gone ones included, so that
 * an operator can re-check them.
 */
export function isDue(state: SourceState | undefined, now: number, force: boolean): boolean {
  if (force || !state) return true;
  return !state.gone && (state.nextPollAt ?? 0) <= now;
}

/** The host a poll of the source goes to first (where fetch.perHost applies). */
function pollHost(source: Source, state: SourceState | undefined): string {
  return new URL(state?.currentUrl ?? source.url).hostname;
}
