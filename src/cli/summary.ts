import type { CycleReport } from '../schedule/cycle.js';
import type { ArticleCost, StageTime } from '../schedule/timings.js';

/** The one-screen summary of a cycle that `run --once` prints. */
export function formatSummary(report: CycleReport): string {
  const seconds = ((report.finishedAt - report.startedAt) / 1000).toFixed(1);
  const lines = [
    `cycle finished in ${seconds}s`,
    `sources: ${report.polls.length} polled, ${report.sourcesOk} ok, ${report.sourcesFailed} failed`,
    `articles: ${report.newCount} new, ${report.updatedCount} updated${report.pruned > 0 ? `, ${report.pruned} pruned` : ''}`,
    `feeds: ${report.feedsWritten.length} written, ${report.feedsUnchanged.length} unchanged`,
  ];
  const failed = report.polls.filter((p) => p.error);
  if (failed.length > 0) {
    lines.push('failed sources:');
    for (const p of failed.slice(0, 10)) lines.push(`  ${p.sourceId}: ${p.error}`);
    if (failed.length > 10) lines.push(`  … and ${failed.length - 10} more (see gazette status)`);
  }
  return lines.join('\n');
}

/**
 * The per-stage table of `run --once --timings`. Fetch is the summed wait of
 * concurrent requests, and parse and normalize may run in reader threads beside
 * this one, so the column can add up to more than the cycle's wall time.
 */
export function formatTimings(
  { stages, articleCost, readerThreads }: { stages: StageTime[]; articleCost: ArticleCost; readerThreads: number },
  wallMs: number,
): string {
  const lines = ['stage       seconds   calls'];
  for (const t of stages) lines.push(`${t.stage.padEnd(10)} ${(t.ms / 1000).toFixed(3).padStart(8)} ${String(t.calls).padStart(7)}`);
  const readers = readerThreads > 0 ? `parse, normalize, classify: summed over ${readerThreads} reader thread(s)` : 'documents read in this thread';
  lines.push(`cycle wall time ${(wallMs / 1000).toFixed(3)} s (fetch: summed over concurrent requests; ${readers})`);
  if (articleCost.articles > 0) {
    const us = (n: number) => `${n.toFixed(0)} µs`;
    lines.push(
      `storing an article (dedupe, classify, store) over ${articleCost.articles} articles: first tenth ${us(articleCost.firstTenthUs)}, last tenth ${us(articleCost.lastTenthUs)}`,
    );
  }
  return lines.join('\n');
}
