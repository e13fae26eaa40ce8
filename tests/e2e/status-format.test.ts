import { describe, expect, it } from 'vitest';
import { statusJson, statusTable, type StatusRow } from '../../src/cli/status-format.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const MIN = 60_000;

const rows: StatusRow[] = [
  {
    id: 'healthy',
    url: 'https://a.example/feed.xml',
    inConfig: true,
    lastAttemptAt: NOW - 3 * MIN,
    lastSuccessAt: NOW - 3 * MIN,
    lastStatus: 304,
    lastOutcome: 'not-modified',
    consecutiveFailures: 0,
    nextPollAt: NOW + 42 * MIN,
    nextPollReason: 'RSS <ttl> 45 min',
    gone: false,
    articleCount: 120,
    etag: '"abc"',
  },
  {
    id: 'moved',
    url: 'https://b.example/old',
    currentUrl: 'https://b.example/new',
    currentUrlVia: 'redirect',
    inConfig: true,
    lastAttemptAt: NOW - 3 * MIN,
    lastSuccessAt: NOW - 3 * MIN,
    lastStatus: 200,
    lastOutcome: 'fetched',
    consecutiveFailures: 0,
    nextPollAt: NOW - MIN,
    gone: false,
    articleCount: 7,
    lastWarning: 'served as "text/html", which is not a feed type',
  },
  {
    id: 'broken',
    url: 'https://c.example/feed',
    inConfig: true,
    lastAttemptAt: NOW - 2 * 3_600_000,
    lastSuccessAt: NOW - 3 * 86_400_000,
    lastStatus: 503,
    lastOutcome: 'failed',
    lastErrorCode: 'http-status',
    lastError: `HTTP 503 Service Unavailable from https://c.example/feed (Retry-After: 3600) ${'and a very long explanation '.repeat(10)}`,
    consecutiveFailures: 4,
    nextPollAt: NOW + 3_600_000,
    nextPollReason: 'Retry-After: 3600',
    gone: false,
    articleCount: 0,
  },
  {
    id: 'dead',
    url: 'https://d.example/feed',
    inConfig: true,
    lastAttemptAt: NOW - 30 * 1000,
    lastStatus: 410,
    lastOutcome: 'failed',
    lastErrorCode: 'http-status',
    lastError: 'HTTP 410 Gone from https://d.example/feed',
    consecutiveFailures: 1,
    gone: true,
    articleCount: 0,
  },
  { id: 'new', url: 'https://e.example/feed', inConfig: true, consecutiveFailures: 0, gone: false, articleCount: 0 },
  { id: 'old', url: 'https://f.example/feed', inConfig: false, consecutiveFailures: 0, gone: false, articleCount: 3, lastAttemptAt: NOW - 86_400_000 * 9 },
];

describe('gazette status table', () => {
  const table = statusTable(rows, NOW, 80);
  const lines = table.split('\n');
  const at = (id: string) => lines.findIndex((l) => l.startsWith(`${id} `));

  it('aligns one row per source under the headings, with relative times', () => {
    expect(lines[0]).toMatch(/^SOURCE\s+RESULT\s+HTTP\s+FAILS\s+ATTEMPT\s+SUCCESS\s+NEXT POLL\s+ARTICLES$/);
    const fails = lines[0]!.indexOf('FAILS') + 'FAILS'.length;
    for (const id of ['healthy', 'moved', 'broken', 'dead', 'new', 'old']) {
      // FAILS is right-aligned: its digits end under the heading's last letter.
      expect(lines[at(id)]![fails - 1]).toMatch(/\d/);
    }
    expect(lines[at('healthy')]).toMatch(/^healthy\s+not-modified\s+304\s+0\s+3m ago\s+3m ago\s+in 42m\s+120$/);
    expect(lines[at('broken')]).toMatch(/^broken\s+http-status\s+503\s+4\s+2h ago\s+3d ago\s+in 60m\s+0$/);
    expect(lines[at('dead')]).toMatch(/^dead\s+gone\s+410\s+1\s+30s ago\s+never\s+gone\s+0$/);
    expect(lines[at('new')]).toMatch(/^new\s+never\s+-\s+0\s+never\s+never\s+due\s+0$/);
    expect(lines[at('old')]).toMatch(/^old\s+not in config\s+-\s+0\s+9d ago\s+never\s+-\s+3$/);
  });

  it('shows each URL under its row, a moved source with its configured and current URL', () => {
    expect(lines[at('healthy') + 1]).toBe('  https://a.example/feed.xml');
    expect(lines[at('moved') + 1]).toBe('  https://b.example/old → https://b.example/new (moved)');
    expect(lines[at('moved')]).toMatch(/\sdue\s/);
  });

  it('puts the error and warning under the URL, cut to the width', () => {
    expect(lines[at('broken') + 2]).toMatch(/^ {2}error: HTTP 503 Service Unavailable from https:\/\/c\.example\/feed \(Retry.*…$/);
    expect(lines[at('broken') + 2]).toHaveLength(80);
    expect(lines[at('moved') + 2]).toBe('  warning: served as "text/html", which is not a feed type');
    expect(lines[at('dead') + 2]).toBe('  error: HTTP 410 Gone from https://d.example/feed');
    // A healthy source has no detail beyond its URL.
    expect(lines[at('healthy') + 2]).toMatch(/^moved /);
  });

  it('fits the terminal width and ends with a count', () => {
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    const wide = statusTable(rows, NOW, 200).split('\n');
    expect(wide.some((l) => l.length > 80)).toBe(true);
    for (const line of wide) expect(line.length).toBeLessThanOrEqual(200);
    expect(lines.at(-1)).toBe('5 sources: 2 ok, 1 failing, 1 gone, 1 never polled');
  });

  it('says so when there is nothing to show', () => {
    expect(statusTable([], NOW, 80)).toMatch(/^no sources yet/);
  });
});

describe('gazette status --json', () => {
  it('has every field of every source, times in ISO 8601, absent values null', () => {
    const parsed = JSON.parse(statusJson(rows, NOW)) as { generatedAt: string; sources: Record<string, unknown>[] };
    expect(parsed.generatedAt).toBe('2026-03-01T12:00:00.000Z');
    expect(parsed.sources).toHaveLength(6);
    const keys = Object.keys(parsed.sources[0]!);
    for (const s of parsed.sources) expect(Object.keys(s)).toEqual(keys);
    expect(parsed.sources[1]).toMatchObject({
      id: 'moved',
      url: 'https://b.example/old',
      currentUrl: 'https://b.example/new',
      currentUrlVia: 'redirect',
      lastWarning: 'served as "text/html", which is not a feed type',
    });
    expect(parsed.sources[2]).toMatchObject({
      lastError: rows[2]!.lastError,
      lastErrorCode: 'http-status',
      consecutiveFailures: 4,
      nextPollAt: '2026-03-01T13:00:00.000Z',
      nextPollReason: 'Retry-After: 3600',
      lastSuccessAt: '2026-02-26T12:00:00.000Z',
    });
    expect(parsed.sources[4]).toMatchObject({ id: 'new', lastAttemptAt: null, lastError: null, articles: 0 });
    expect(parsed.sources[5]).toMatchObject({ id: 'old', inConfig: false });
  });
});
