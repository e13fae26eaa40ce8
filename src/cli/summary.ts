import type { CycleReport } from '../schedule/cycle.js';

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
