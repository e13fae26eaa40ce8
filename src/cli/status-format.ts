import type { SourceState } from '../store/index.js';

// Renders `gazette status`: an aligned table that fits the terminal, and JSON
// with every field. Pure: the rows and `now` come from the caller.

/** One source as `gazette status` shows it. */
export interface StatusRow extends SourceState {
  /** False for a source still in the database but no longer in the config (it is not polled). */
  inConfig: boolean;
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** Every field of every row; times as ISO 8601, absent values as null so that every key is always there. */
export function statusJson(rows: StatusRow[], now: number): string {
  const sources = rows.map((r) => ({
    id: r.id,
    inConfig: r.inConfig,
    title: r.title ?? r.feedTitle ?? null,
    url: r.url,
    currentUrl: r.currentUrl ?? null,
    currentUrlVia: r.currentUrlVia ?? null,
    lastAttemptAt: iso(r.lastAttemptAt),
    lastSuccessAt: iso(r.lastSuccessAt),
    lastOutcome: r.lastOutcome ?? null,
    lastStatus: r.lastStatus ?? null,
    consecutiveFailures: r.consecutiveFailures,
    nextPollAt: iso(r.nextPollAt),
    nextPollReason: r.nextPollReason ?? null,
    gone: r.gone,
    articles: r.articleCount,
    lastError: r.lastError ?? null,
    lastErrorCode: r.lastErrorCode ?? null,
    lastWarning: r.lastWarning ?? null,
    etag: r.etag ?? null,
    lastModified: r.lastModified ?? null,
    ttlMinutes: r.ttlMinutes ?? null,
    updatePeriodMinutes: r.updatePeriodMinutes ?? null,
    feedTitle: r.feedTitle ?? null,
    siteUrl: r.siteUrl ?? null,
  }));
  return JSON.stringify({ generatedAt: iso(now), sources }, null, 2);
}

/** "45s", "12m", "5h", "3d". */
function span(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${s}s`;
  if (s < 90 * 60) return `${Math.round(s / 60)}m`;
  if (s < 48 * 3600) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86400)}d`;
}

const ago = (t: number | undefined, now: number) => (t === undefined ? 'never' : `${span(now - t)} ago`);

function nextPoll(r: StatusRow, now: number): string {
  if (!r.inConfig) return '-';
  if (r.gone) return 'gone';
  return r.nextPollAt === undefined || r.nextPollAt <= now ? 'due' : `in ${span(r.nextPollAt - now)}`;
}

/** What the last poll did: fetched, not-modified, unchanged, or the failure's code. */
function result(r: StatusRow): string {
  if (r.lastOutcome === 'failed') return r.gone ? 'gone' : (r.lastErrorCode ?? 'failed');
  return r.lastOutcome ?? (r.lastAttemptAt === undefined ? 'never' : '-');
}

function urlCell(r: StatusRow): string {
  if (r.currentUrl === undefined || r.currentUrl === r.url) return r.url;
  return `${r.url} → ${r.currentUrl} (${r.currentUrlVia === 'discovery' ? 'discovered' : 'moved'})`;
}

function truncate(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= width ? flat : `${flat.slice(0, Math.max(0, width - 1))}…`;
}

const COLUMNS = ['SOURCE', 'RESULT', 'HTTP', 'FAILS', 'ATTEMPT', 'SUCCESS', 'NEXT POLL', 'ARTICLES'] as const;
const RIGHT_ALIGNED = new Set<string>(['HTTP', 'FAILS', 'ARTICLES']);
const INDENT = '  ';
/** Detail lines are never cut shorter than this, however narrow the terminal. */
const MIN_DETAIL = 40;

/**
 * One aligned row per source, then indented detail lines: the URL (and where
 * it moved), the error of a failing source, a warning. Details are cut to
 * `width`; `gazette status --json` has everything uncut.
 */
export function statusTable(rows: StatusRow[], now: number, width: number): string {
  if (rows.length === 0) return 'no sources yet: add some to the config and run `gazette run --once`';
  const cells = rows.map((r) => [
    r.id,
    r.inConfig ? result(r) : 'not in config',
    r.lastStatus === undefined ? '-' : String(r.lastStatus),
    String(r.consecutiveFailures),
    ago(r.lastAttemptAt, now),
    ago(r.lastSuccessAt, now),
    nextPoll(r, now),
    String(r.articleCount),
  ]);
  const widths = COLUMNS.map((title, i) => Math.max(title.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => (RIGHT_ALIGNED.has(COLUMNS[i]!) ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const detail = (text: string) => INDENT + truncate(text, Math.max(MIN_DETAIL, width - INDENT.length));
  const out = [line(COLUMNS)];
  rows.forEach((r, i) => {
    out.push(line(cells[i]!), detail(urlCell(r)));
    if (r.consecutiveFailures > 0 && r.lastError) out.push(detail(`error: ${r.lastError}`));
    if (r.lastWarning) out.push(detail(`warning: ${r.lastWarning}`));
  });
  const configured = rows.filter((r) => r.inConfig);
  const count = (test: (r: StatusRow) => boolean) => configured.filter(test).length;
  const counts = [
    `${count((r) => r.lastAttemptAt !== undefined && r.consecutiveFailures === 0 && !r.gone)} ok`,
    `${count((r) => r.consecutiveFailures > 0 && !r.gone)} failing`,
    `${count((r) => r.gone)} gone`,
    `${count((r) => r.lastAttemptAt === undefined)} never polled`,
  ];
  out.push('', `${configured.length} sources: ${counts.join(', ')}`);
  return out.join('\n');
}
