// Dedupe cost per article as the store grows: inserts generated articles into a real
// SQLite file through the real ingest path (storeArticles, one transaction per 50-item
// poll of one source) and compares the first 10,000 articles with the last 10,000.
//   npm run bench:dedupe [-- --articles 200000 --db /tmp/dedupe.db --detail]
//
// The workload: 2,000 articles a day from 400 sources over 100 days, so the ±3-day
// window always holds about 12,000 articles; text drawn from a 20,000-word Zipf
// vocabulary; 15% of articles are wire copies of a recent article of another source
// (own link, a word or two of the summary changed, half of them also of the headline),
// which must join its story. Classification is
// left out (a classifier that finds nothing), so the figures are dedupe + storage.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Classifier } from '../src/classify/index.js';
import { dedupePolicy } from '../src/dedupe/index.js';
import type { Article, Source } from '../src/model.js';
import { candidateIndex, storeArticles } from '../src/schedule/ingest.js';
import { openSqliteStore, type Store } from '../src/store/index.js';
import { prng } from './generate.js';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '200000' },
    db: { type: 'string' },
    /** Also print the CPU time of each store call. */
    detail: { type: 'boolean', default: false },
  },
});
const TOTAL = Number(values.articles);
const SAMPLE = Math.min(10_000, Math.floor(TOTAL / 2));
const PER_POLL = 50;
const SOURCES = 400;
const PER_DAY = 2_000;
const COPY_SHARE = 0.15;
const T0 = Date.UTC(2025, 0, 1);

const rand = prng(5);
const VOCABULARY = 20_000;
// Zipf(1): word k is drawn with probability ∝ 1/k, by inverting the cumulative sum.
const cumulative = new Float64Array(VOCABULARY);
for (let k = 0, sum = 0; k < VOCABULARY; k++) cumulative[k] = sum += 1 / (k + 1);
function word(): string {
  const x = rand() * cumulative[VOCABULARY - 1]!;
  let lo = 0;
  let hi = VOCABULARY - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return `w${lo.toString(36)}`;
}
const text = (n: number) => Array.from({ length: n }, word).join(' ');
const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

/** A wire copy: the same text with a word or two replaced. */
function edited(s: string): string {
  const w = s.split(' ');
  for (let i = between(1, 2); i > 0; i--) w[Math.floor(rand() * w.length)] = word();
  return w.join(' ');
}

const source = (i: number): Source => ({ id: `s${i}`, url: `https://s${i}.bench.test/feed`, categories: [], priority: 0, headers: {} });
const nothingFound: Classifier = {
  classify: () => ({ primary: null, countries: [], subregions: [], continents: [], regions: [] }),
};

/** CPU time of every store call, by method: where the cost of an article goes. */
function timedCalls(store: Store, sink: Map<string, number>, counts: { candidates: number }): Store {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function' || name === 'transaction' || typeof name !== 'string') return value;
      return (...args: unknown[]) => {
        const start = process.cpuUsage();
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        const used = process.cpuUsage(start);
        sink.set(name, (sink.get(name) ?? 0) + (used.user + used.system) / 1000);
        if (name === 'findStoryCandidates') counts.candidates += (result as unknown[]).length;
        return result;
      };
    },
  });
}

const dir = values.db ? undefined : mkdtempSync(join(tmpdir(), 'gazette-dedupe-bench-'));
const file = values.db ?? join(dir!, 'bench.db');
const raw = openSqliteStore(file);
const sources = Array.from({ length: SOURCES }, (_, i) => source(i));
raw.syncSources(sources);
const calls = new Map<string, number>();
const counts = { candidates: 0 };
const store = timedCalls(raw, calls, counts);
const deps = { store, classifier: nothingFound, dedupe: dedupePolicy(), now: () => Date.now(), bands: candidateIndex(raw) };

interface Window {
  articles: number;
  ms: number;
  /** CPU time of the process (user + system): what other work on the machine does not inflate. */
  cpuMs: number;
  /** CPU time per store method. */
  calls: Map<string, number>;
  candidates: number;
}
const empty = (): Window => ({ articles: 0, ms: 0, cpuMs: 0, calls: new Map(), candidates: 0 });
// The first window also holds the time the ±3-day window takes to fill up; the second one
// starts full, like every later one.
const [first, second, last] = [empty(), empty(), empty()];
const recent: { sourceId: string; title: string; summary: string }[] = [];
let copies = 0;

for (let start = 0, poll = 0; start < TOTAL; start += PER_POLL, poll++) {
  const src = sources[poll % SOURCES]!;
  // A cycle polls every source once; each cycle looks candidates up in its own index.
  if (poll > 0 && poll % SOURCES === 0) deps.bands = candidateIndex(raw);
  const batch: Article[] = [];
  for (let i = start; i < Math.min(start + PER_POLL, TOTAL); i++) {
    const publishedAt = T0 + Math.floor((i * 86_400_000) / PER_DAY);
    const original = recent.length > 0 && rand() < COPY_SHARE ? recent[Math.floor(rand() * recent.length)] : undefined;
    const copy = original && original.sourceId !== src.id ? original : undefined;
    if (copy) copies++;
    // Half the copies keep the headline (found by title), half reword it (found by the text's bands).
    const title = copy ? (rand() < 0.5 ? copy.title : edited(copy.title)) : text(between(7, 13));
    const summary = copy ? edited(copy.summary) : text(between(25, 45));
    batch.push({
      sourceId: src.id,
      guid: `${src.id}-${i}`,
      link: `https://${src.id}.bench.test/story/${i}?utm_source=rss`,
      title,
      summary,
      categories: [],
      publishedAt,
      publishedRaw: new Date(publishedAt).toUTCString(),
      updatedAt: publishedAt,
    });
    if (!copy) recent.push({ sourceId: src.id, title, summary });
    // Wire copies come within hours: pick originals from the last ~2,000 articles.
    if (recent.length > 2_000) recent.shift();
  }
  const before = { calls: new Map(calls), candidates: counts.candidates };
  const t = performance.now();
  const cpu = process.cpuUsage();
  store.transaction(() => storeArticles(src, batch, deps));
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const window = start < SAMPLE ? first : start >= TOTAL - SAMPLE ? last : start < 2 * SAMPLE ? second : undefined;
  if (window) {
    window.articles += batch.length;
    window.ms += ms;
    window.cpuMs += (used.user + used.system) / 1000;
    for (const [name, total] of calls) window.calls.set(name, (window.calls.get(name) ?? 0) + total - (before.calls.get(name) ?? 0));
    window.candidates += counts.candidates - before.candidates;
  }
}

const stats = raw.stats();
raw.close();
const size = statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
const us = (ms: number, n: number) => `${((ms * 1000) / n).toFixed(0)} µs`;
const lookups = (w: Window) => (w.calls.get('findArticle') ?? 0) + (w.calls.get('findStoryCandidates') ?? 0);
const show = (name: string, w: Window) =>
  console.log(
    `${name.padEnd(11)} ${us(w.ms, w.articles).padStart(8)} wall, ${us(w.cpuMs, w.articles).padStart(8)} CPU per article; ` +
      `store lookups ${us(lookups(w), w.articles)} CPU, ${(w.candidates / w.articles).toFixed(2)} candidates per article`,
  );
const detail = (w: Window) =>
  [...w.calls]
    .sort((a, b) => b[1] - a[1])
    .map(([call, ms]) => `${call} ${us(ms, w.articles)}`)
    .join(', ');
console.log(`${TOTAL} articles (${copies} wire copies) from ${SOURCES} sources: ${stats.stories} stories, database ${(size / 1e6).toFixed(0)} MB`);
show(`first ${SAMPLE}`, first);
if (TOTAL >= 3 * SAMPLE) show(`next ${SAMPLE}`, second);
show(`last ${SAMPLE}`, last);
if (values.detail) for (const [name, w] of [['first', first], ['last', last]] as const) console.log(`  ${name}: ${detail(w)}`);
if (dir) rmSync(dir, { recursive: true, force: true });
