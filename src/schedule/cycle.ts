import type { Classifier, ClassifierOptions } from '../classify/index.js';
import type { Config } from '../config/schema.js';
import { dedupePolicy } from '../dedupe/index.js';
import { openConnections } from '../fetch/index.js';
import type { Logger } from '../log.js';
import type { Source } from '../model.js';
import type { SourceState, Store } from '../store/index.js';
import { BatchWriter } from './batch-writer.js';
import { candidateIndex } from './ingest.js';
import { startCycleDeadline } from './deadline.js';
import { pollSource, type PollReport } from './poll.js';
import { keyedLimiter, mapPooled } from './pool.js';
import { publishTopics } from './publish-topics.js';
import { ReaderPool } from './reader-pool.js';
import { pruneArticles } from './retention.js';
import { StageTimings, timedCalls, type ArticleCost, type StageTime } from './timings.js';

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
  /** Measure the time of each pipeline stage (reported as CycleReport.timings). */
  timings?: boolean;
  /** Worker threads that read the fetched documents (none by default: this thread does). */
  readers?: ReaderThreads;
}

/**
 * Worker threads that parse, normalize and classify the fetched documents
 * (the CLI uses the cores beyond the first), with what to build their
 * classifiers from: the same options as the cycle's own classifier.
 */
export interface ReaderThreads {
  threads: number;
  classify: ClassifierOptions;
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
  /** Per-stage time and the cost of storing an article early and late in the cycle, when asked for. */
  timings?: { stages: StageTime[]; articleCost: ArticleCost; readerThreads: number };
}

/** Sources' writes committed together (see BatchWriter): large enough to share commits, small enough to bound a crash's loss. */
const WRITE_BATCH = { maxWrites: 64, maxDelayMs: 250 };
const MIN_SOURCES_FOR_THREADS = 8;
const POLLS_PER_CONNECTION = 2;

// Loaded only when this thread reads documents itself: the normalize stage's language
// tables would otherwise slow down the start of every command.
const inProcessReader = async () => (await import('./read-document.js')).readDocument;

export function sourcesOf(config: Config): Source[] {
  return config.sources.map((s) => ({ ...s }));
}

/** One full cycle: poll due sources (all with force), store, classify, rewrite changed topic feeds. */
export async function runCycle(deps: CycleDeps, options: { force?: boolean } = {}): Promise<CycleReport> {
  const { config, log } = deps;
  const now = deps.now ?? Date.now;
  // Stages are always timed (a few calls per source); the store's and the classifier's calls,
  // many per article, only when asked for. Publishing is timed as one.
  const timings = new StageTimings();
  const store = deps.timings ? timedCalls(deps.store, 'store', timings) : deps.store;
  const startedAt = now();
  const cycleId = store.beginCycle(startedAt);
  const sources = sourcesOf(config);
  store.syncSources(sources);

  const due = sources.filter((s) => isDue(store.sourceState(s.id), startedAt, options.force ?? false));
  // Starting threads costs more than a handful of documents take to read.
  const threads = deps.readers?.threads ?? 0;
  const readers = threads > 0 && due.length >= MIN_SOURCES_FOR_THREADS ? new ReaderPool(threads, deps.readers!.classify) : undefined;
  const connections = openConnections(config.fetch);
  const deadline = startCycleDeadline(config.fetch.cycleDeadlineSeconds, log);
  const writer = new BatchWriter(store, WRITE_BATCH);
  const writeFailed = new AbortController();
  // SIGTERM, or a write that failed (the database, not the source): no new poll starts.
  const stop = deps.signal ? AbortSignal.any([deps.signal, writeFailed.signal]) : writeFailed.signal;
  const pollDeps = {
    signal: deadline.signal,
    store,
    classifier: deps.timings ? timedCalls(deps.classifier, 'classify', timings) : deps.classifier,
    fetch: config.fetch,
    dedupe: dedupePolicy(config.dedupe),
    now,
    log,
    timings,
    read: readers?.read ?? (await inProcessReader()),
    bands: candidateIndex(store),
    connections,
    fetchSlot: keyedLimiter({ concurrency: config.fetch.concurrency, perKey: config.fetch.perHost }),
    stop,
  };
  // Polls read ahead of the network: while some are parsed (or wait for their write), the
  // network slots (fetch.concurrency, fetch.perHost) serve the next ones. The number of polls
  // in flight bounds the documents held in memory.
  const limits = {
    concurrency: config.fetch.concurrency * POLLS_PER_CONNECTION,
    signal: stop,
  };
  // A poll's write waits for its batch's commit outside the pool; a write that fails fails the cycle.
  let writeError: unknown;
  let writes: { stored: Promise<PollReport[]> }[];
  try {
    writes = await mapPooled(due, limits, async (source) => {
      const write = await pollSource(source, pollDeps);
      if (write === undefined) return { stored: Promise.resolve([]) };
      const stored = writer.write(() => timings.measureWrite(write, (r) => r.newCount + r.updatedCount)).then(
        (report) => {
          if (report.error) log.warn({ source: source.id, error: report.error }, 'source failed');
          else log.info({ source: source.id, outcome: report.outcome, new: report.newCount, updated: report.updatedCount }, 'source polled');
          deps.onPoll?.(report, due.length);
          return [report];
        },
        (err: unknown) => {
          writeError ??= err;
          writeFailed.abort();
          return [];
        },
      );
      return { stored };
    });
  } finally {
    deadline.stop();
    await Promise.all([readers?.close(), connections.destroy()]);
  }
  writer.flush();
  const polls = (await Promise.all(writes.map((w) => w.stored))).flat();
  if (writeError !== undefined) throw writeError;

  const published = await timings.measureAsync('publish', () => publishTopics(config, deps.store, now(), { log }));
  const pruned = await timings.measureAsync('retention', () =>
    pruneArticles(deps.store, config.retention, published.shownStoryIds, now()),
  );

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
    timings: deps.timings ? { stages: timings.report(), articleCost: timings.articleCost(), readerThreads: readers?.started ?? 0 } : undefined,
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

