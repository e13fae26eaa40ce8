// /metrics in the Prometheus text format. Every figure is read from the database at scrape
// time, so `gazette serve` reports the cycles a separate `run --once` process ran.
import { Counter, Gauge, Registry } from 'prom-client';
import type { MetricsSnapshot } from '../store/index.js';

export interface MetricsEndpoint {
  contentType: string;
  render(): Promise<string>;
}

const seconds = (ms: number) => ms / 1000;

export function createMetrics(read: () => MetricsSnapshot): MetricsEndpoint {
  const registry = new Registry();
  let snap: MetricsSnapshot = read();
  // Every metric is refilled from the snapshot at each scrape; totals kept in the database
  // are still exposed as counters.
  const refilled = <M extends { reset(): void }, L extends string>(
    name: string,
    help: string,
    labelNames: L[],
    fill: (metric: M, s: MetricsSnapshot) => void,
  ) => ({
    name,
    help,
    labelNames,
    registers: [registry],
    collect(this: M) {
      this.reset();
      fill(this, snap);
    },
  });
  const gauge = <L extends string>(name: string, help: string, labelNames: L[], fill: (g: Gauge<L>, s: MetricsSnapshot) => void) =>
    new Gauge<L>(refilled(name, help, labelNames, fill));
  const counter = <L extends string>(name: string, help: string, labelNames: L[], fill: (c: Counter<L>, s: MetricsSnapshot) => void) =>
    new Counter<L>(refilled(name, help, labelNames, fill));

  gauge('gazette_last_cycle_duration_seconds', 'Wall time of the last finished cycle.', [], (g, s) => {
    if (s.lastFinishedCycle) g.set(seconds(s.lastFinishedCycle.finishedAt - s.lastFinishedCycle.startedAt));
  });
  gauge('gazette_last_cycle_finished_timestamp_seconds', 'When the last finished cycle ended (Unix time).', [], (g, s) => {
    if (s.lastFinishedCycle) g.set(seconds(s.lastFinishedCycle.finishedAt));
  });
  gauge('gazette_last_cycle_sources', 'Sources polled in the last finished cycle, by result.', ['result'], (g, s) => {
    if (!s.lastFinishedCycle) return;
    g.set({ result: 'ok' }, s.lastFinishedCycle.sourcesOk);
    g.set({ result: 'failed' }, s.lastFinishedCycle.sourcesFailed);
  });
  gauge('gazette_last_cycle_articles', 'Articles stored by the last finished cycle.', ['kind'], (g, s) => {
    if (!s.lastFinishedCycle) return;
    g.set({ kind: 'new' }, s.lastFinishedCycle.newCount);
    g.set({ kind: 'updated' }, s.lastFinishedCycle.updatedCount);
  });
  gauge('gazette_last_cycle_files_written', 'Output files the last finished cycle wrote.', [], (g, s) => {
    if (s.lastFinishedCycle) g.set(s.lastFinishedCycle.feedsWritten);
  });
  counter('gazette_cycles_total', 'Cycles that finished.', [], (c, s) => c.inc(s.cyclesFinished));
  gauge('gazette_sources', 'Sources in the database.', [], (g, s) => g.set(s.sources));
  gauge('gazette_articles_stored', 'Articles in the database.', [], (g, s) => g.set(s.articles));
  gauge('gazette_stories_stored', 'Stories (clusters of articles) in the database.', [], (g, s) => g.set(s.stories));
  counter('gazette_fetch_bytes_total', 'Bytes of the feed documents fetched, over every recorded poll.', [], (c, s) => c.inc(s.fetchBytes));
  counter('gazette_polls_total', 'Recorded polls, by outcome.', ['outcome'], (c, s) => {
    for (const p of s.polls) c.inc({ outcome: p.outcome }, p.count);
  });
  counter('gazette_source_failures_total', 'Failed polls of each source.', ['source'], (c, s) => {
    for (const p of s.perSource) c.inc({ source: p.id }, p.failedPolls);
  });
  gauge('gazette_source_consecutive_failures', 'Failures of each source since its last success.', ['source'], (g, s) => {
    for (const p of s.perSource) g.set({ source: p.id }, p.consecutiveFailures);
  });
  gauge('gazette_source_last_success_timestamp_seconds', 'When each source was last polled successfully (Unix time).', ['source'], (g, s) => {
    for (const p of s.perSource) if (p.lastSuccessAt !== undefined) g.set({ source: p.id }, seconds(p.lastSuccessAt));
  });
  gauge('gazette_source_articles', 'Articles stored from each source.', ['source'], (g, s) => {
    for (const p of s.perSource) g.set({ source: p.id }, p.articles);
  });

  return {
    contentType: registry.contentType,
    async render() {
      snap = read();
      return registry.metrics();
    },
  };
}
