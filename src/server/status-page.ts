// /status: the health of every source, from the database, for a person. The core columns
// come first; any further field a SourceState carries is listed in the last column, so the
// page shows new bookkeeping without being taught about it.
import { escapeHtml, escapeHtmlAttr, htmlDocument } from '../publish/index.js';
import type { SourceState } from '../store/index.js';
import type { Health } from './health.js';

const SHOWN = new Set<string>([
  'id', 'url', 'currentUrl', 'title', 'feedTitle', 'lastAttemptAt', 'lastSuccessAt', 'lastStatus',
  'consecutiveFailures', 'nextPollAt', 'articleCount', 'lastError', 'lastWarning', 'gone',
  // Conditional-request validators: noise for a person.
  'etag', 'lastModified', 'bodyHash',
]);

const when = (ms: number | undefined) =>
  ms === undefined ? '—' : `<time datetime="${new Date(ms).toISOString()}">${new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}</time>`;

const link = (url: string) =>
  /^https?:\/\//i.test(url) ? `<a href="${escapeHtmlAttr(url)}">${escapeHtml(url)}</a>` : escapeHtml(url);

function detail(key: string, value: unknown): string {
  const text = typeof value === 'number' && /At$/.test(key) ? when(value) : escapeHtml(String(value));
  return `<div><span class="meta">${escapeHtml(key)}:</span> ${text}</div>`;
}

function row(s: SourceState): string {
  const failing = s.consecutiveFailures > 0 || s.gone;
  const name = s.title ?? s.feedTitle;
  const extra = Object.entries(s)
    .filter(([key, value]) => !SHOWN.has(key) && value !== undefined && value !== null && value !== '')
    .map(([key, value]) => detail(key, value))
    .join('');
  const problems = [
    s.gone ? '<div class="bad">gone (HTTP 410): not polled until its URL changes</div>' : '',
    s.lastError ? `<div class="bad">${escapeHtml(s.lastError)}</div>` : '',
    s.lastWarning ? `<div class="warn">${escapeHtml(s.lastWarning)}</div>` : '',
  ].join('');
  return [
    `<tr id="source-${escapeHtmlAttr(s.id)}"${failing ? ' class="bad"' : ''}>`,
    `<td><strong>${escapeHtml(s.id)}</strong>${name ? `<br>${escapeHtml(name)}` : ''}</td>`,
    `<td>${link(s.url)}${s.currentUrl && s.currentUrl !== s.url ? `<br>now: ${link(s.currentUrl)}` : ''}</td>`,
    `<td>${when(s.lastAttemptAt)}</td>`,
    `<td>${when(s.lastSuccessAt)}</td>`,
    `<td>${s.lastStatus ?? '—'}</td>`,
    `<td>${s.consecutiveFailures}</td>`,
    `<td>${when(s.nextPollAt)}</td>`,
    `<td>${s.articleCount}</td>`,
    `<td>${problems}${extra}</td>`,
    '</tr>',
  ].join('');
}

export function renderStatusPage(sources: SourceState[], health: Health, siteTitle: string): string {
  const failing = sources.filter((s) => s.consecutiveFailures > 0 || s.gone).length;
  const status = String(health.detail.status ?? (health.ok ? 'ok' : 'unhealthy'));
  const table =
    sources.length === 0
      ? '<p>No sources yet.</p>'
      : [
          '<div class="scroll">\n<table>',
          '<thead><tr><th>Source</th><th>URL</th><th>Last attempt</th><th>Last success</th><th>HTTP</th><th>Failures in a row</th><th>Next poll</th><th>Articles</th><th>Last error, warning and more</th></tr></thead>',
          `<tbody>\n${sources.map(row).join('\n')}\n</tbody>`,
          '</table>\n</div>',
        ].join('\n');
  const body = [
    `<header>\n<p><a href="/">${escapeHtml(siteTitle)}</a></p>\n<h1>Source status</h1>`,
    `<p${health.ok ? '' : ' class="bad"'}>Service: ${escapeHtml(status)}</p>`,
    `<p>${sources.length} sources, ${failing} failing.</p>\n</header>`,
    `<main>\n${table}\n</main>`,
  ].join('\n');
  return htmlDocument({ title: `Source status – ${siteTitle}`, body });
}
