// Publishing every topic feed (the bundled config's topics plus every automatic continent and
// country topic) from a large real SQLite store: the issue-9 target of <= 2 s when every topic
// changed and <= 0.2 s when none did.
//   npm run bench:publish [-- --articles 500000 --runs 3 --seed 9 --dir /tmp/gazette-bench-publish]
//
// The database is built once per (articles, seed) through the store API, the way a cycle
// stores rows (stories of 1–3 articles from 10,000 sources, 0–3 places each over every
// country, sanitised HTML content), and cached in --dir. Each run copies it, then each
// measurement is one child process doing one publishTopics() call: wall time of that call
// and the child's peak RSS. Scenarios: first publish (empty output dir, no topic state),
// after one new story per country (every topic changed), and with nothing changed.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { allCountries } from '../src/classify/index.js';
import { parseConfig } from '../src/config/load.js';
import type { Config } from '../src/config/schema.js';
import { identify, storyBands, storyEntryId, storyKeys } from '../src/dedupe/index.js';
import type { Article } from '../src/model.js';
import { publishTopics } from '../src/schedule/publish-topics.js';
import { openSqliteStore, type Store } from '../src/store/index.js';
import { prng } from './generate.js';
import { median } from './measure.js';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '500000' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '9' },
    dir: { type: 'string', default: join(tmpdir(), 'gazette-bench-publish') },
    /** Internal: run one publish in this process and print its figures as JSON. */
    child: { type: 'string' },
  },
});
const ARTICLES = Number(values.articles);
const RUNS = Number(values.runs);
const SEED = Number(values.seed);
const SOURCES = 10_000;
const DAY = 86_400_000;
const DAYS = 180;
const T0 = Date.UTC(2026, 0, 1);
/** Every article is older than this; the publishes run "now". */
const NOW = T0 + (DAYS + 1) * DAY;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const benchSources: Config['sources'] = Array.from({ length: SOURCES }, (_, i) => ({
  id: `src${i}`,
  url: `https://src${i}.bench.test/feed`,
  title: `Bench Source ${i}`,
  categories: [],
  priority: i % 7 === 0 ? 1 : 0,
  headers: {},
  discover: false,
}));

/** The bundled config's topics and output settings, with the bench's sources, database and output dir. */
function benchConfig(database: string, outputDir: string): Config {
  const file = join(ROOT, 'config', 'gazette.yaml');
  const bundled = parseConfig(readFileSync(file, 'utf8'), file);
  return { ...bundled, database, output: { ...bundled.output, dir: outputDir }, sources: benchSources };
}

// Text: a Zipf-skewed vocabulary of pseudo-words around a country name, so headlines share
// common words but not whole phrases, and summaries are of news length.
const SYLLABLES = 'ba ko ri te lu ma no pe si da vo ge ra mi tu le fa zo ni ka'.split(' ');
const WORDS = Array.from({ length: 5000 }, (_, i) => {
  let word = '';
  for (let n = i + 1; n > 0; n = Math.floor(n / SYLLABLES.length)) word += SYLLABLES[n % SYLLABLES.length];
  return word;
});

function writer(rand: () => number) {
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rand() ** 3 * WORDS.length)]!).join(' ');
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  // Countries by a Zipf(1) weight over a shuffled order: a few get most articles, every one gets some.
  const countries = allCountries().map((c) => c.code).sort(() => rand() - 0.5);
  const cumulative = countries.map((_, k) => 1 / (k + 1));
  for (let k = 1; k < cumulative.length; k++) cumulative[k]! += cumulative[k - 1]!;
  const country = () => {
    const x = rand() * cumulative.at(-1)!;
    return countries[cumulative.findIndex((c) => c >= x)]!;
  };
  return { words, between, country, countries };
}

let serial = 0;

/** One article as a cycle stores it: identity from the real dedupe stage, places ranked by score. */
function addArticle(store: Store, o: { source: number; title: string; summary: string; publishedAt: number; places: string[]; story?: number }): number {
  serial += 1;
  const sourceId = `src${o.source}`;
  const article: Article = {
    sourceId,
    guid: `https://src${o.source}.bench.test/a/${serial}`,
    link: `https://src${o.source}.bench.test/news/${serial}-${o.title.split(' ').slice(0, 4).join('-').toLowerCase()}`,
    title: o.title,
    summary: o.summary,
    contentHtml: `<p>${o.summary}</p>`,
    author: o.source % 3 === 0 ? `Reporter ${o.source % 97}` : undefined,
    categories: o.source % 2 === 0 ? ['World'] : [],
    language: 'en',
    publishedAt: o.publishedAt,
    publishedRaw: new Date(o.publishedAt).toUTCString(),
    updatedAt: o.publishedAt,
  };
  const identity = identify(article);
  const storyId = o.story ?? store.createStory(storyEntryId(sourceId, identity.key), o.publishedAt, o.publishedAt);
  if (o.story !== undefined) store.touchStory(o.story, o.publishedAt, o.publishedAt);
  const id = store.insertArticle(article, identity, storyId, o.publishedAt, storyBands(storyKeys(article, identity)));
  store.replacePlaces(
    id,
    o.places.map((code, rank) => ({ code, score: 0.9 - rank * 0.2, evidence: [`title:${code}`] })),
  );
  return storyId;
}

/** Builds the cached database: stories of 1–3 articles (from distinct sources) spread over DAYS days. */
function build(file: string): void {
  const started = performance.now();
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const store = openSqliteStore(partial);
  store.syncSources(benchSources);
  const rand = prng(SEED);
  const { words, between, country } = writer(rand);
  for (let made = 0; made < ARTICLES; ) {
    store.transaction(() => {
      for (let stop = Math.min(ARTICLES, made + 5_000); made < stop; ) {
        const places = rand() < 0.15 ? [] : [...new Set(Array.from({ length: between(1, 3) }, country))];
        const name = places[0] ?? 'World';
        const title = `${name}: ${words(between(6, 11))}`;
        const summary = `${words(between(30, 60))}.`;
        const publishedAt = T0 + Math.floor((made / ARTICLES) * DAYS * DAY);
        const members = Math.min(stop - made, rand() < 0.6 ? 1 : rand() < 0.6 ? 2 : 3);
        const first = between(0, SOURCES - 1);
        let story: number | undefined;
        for (let m = 0; m < members; m++, made++) {
          story = addArticle(store, {
            source: (first + m * 101) % SOURCES,
            title: m === 0 ? title : `${title} ${words(2)}`,
            summary: m === 0 ? summary : `${words(8)} ${summary}`,
            publishedAt: publishedAt + m * 600_000,
            places: m === 0 || rand() < 0.7 ? places : places.slice(0, 1),
            story,
          });
        }
      }
    });
  }
  store.close();
  renameSync(partial, file);
  console.log(`built ${file}: ${ARTICLES} articles in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

/** One new story per country, newer than everything stored: every topic feed changes. */
function changeEveryTopic(file: string, round: number): void {
  const store = openSqliteStore(file);
  const rand = prng(SEED + round);
  const { words, countries } = writer(rand);
  store.transaction(() => {
    countries.forEach((code, i) => {
      addArticle(store, {
        source: (round * 37 + i) % SOURCES,
        title: `${code}: ${words(8)} (round ${round})`,
        summary: `${words(40)}.`,
        publishedAt: NOW - DAY / 2 + round * 60_000 + i,
        places: [code],
      });
    });
  });
  store.close();
}

/** Forgets every topic's state and output: the next publish is a first one. */
function forgetPublishing(file: string, outputDir: string): void {
  const db = new Database(file);
  db.exec('DELETE FROM topic_state; DELETE FROM topic_archive; DELETE FROM published_files;');
  db.close();
  rmSync(outputDir, { recursive: true, force: true });
}

interface Figures {
  ms: number;
  /** CPU time of the process during the call (user + system): what load from other work inflates least. */
  cpuMs: number;
  rssMb: number;
  written: number;
  unchanged: number;
}

async function child(file: string, outputDir: string): Promise<void> {
  const config = benchConfig(file, outputDir);
  const store = openSqliteStore(file);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const report = await publishTopics(config, store, NOW);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  store.close();
  const figures: Figures = {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    rssMb: process.resourceUsage().maxRSS / 1024,
    written: report.written.length,
    unchanged: report.unchanged.length,
  };
  console.log(JSON.stringify(figures));
}

function publishOnce(file: string, outputDir: string): Figures {
  const self = fileURLToPath(import.meta.url);
  const run = spawnSync(process.execPath, [...process.execArgv, self, '--child', file, '--dir', outputDir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`publish child exited ${run.status}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Figures;
}

async function main(): Promise<void> {
  if (values.child !== undefined) return child(values.child, values.dir);
  mkdirSync(values.dir, { recursive: true });
  const cached = join(values.dir, `articles-${ARTICLES}-seed-${SEED}.db`);
  if (!existsSync(cached)) build(cached);
  const work = join(values.dir, 'work.db');
  const outputDir = join(values.dir, 'out');
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${work}${suffix}`, { force: true });
  copyFileSync(cached, work);

  const results: Record<'first' | 'changed' | 'unchanged', Figures[]> = { first: [], changed: [], unchanged: [] };
  for (let i = 0; i < RUNS; i++) {
    forgetPublishing(work, outputDir);
    results.first.push(publishOnce(work, outputDir));
  }
  for (let i = 0; i < RUNS; i++) {
    changeEveryTopic(work, i + 1);
    results.changed.push(publishOnce(work, outputDir));
  }
  for (let i = 0; i < RUNS; i++) results.unchanged.push(publishOnce(work, outputDir));

  const stats = openSqliteStore(work);
  const { articles, stories } = stats.stats();
  stats.close();
  console.log(`${articles} articles, ${stories} stories, ${SOURCES} sources; median of ${RUNS} run(s), wall time of publishTopics(), peak RSS of the process`);
  console.log('| what | median wall | median CPU | peak RSS | files written / unchanged |');
  console.log('|---|---|---|---|---|');
  const time = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
  const label = { first: 'first publish (empty output dir)', changed: 'every topic changed', unchanged: 'nothing changed' };
  for (const [name, runs] of Object.entries(results) as [keyof typeof results, Figures[]][]) {
    const rss = Math.max(...runs.map((r) => r.rssMb));
    const last = runs.at(-1)!;
    const wall = time(median(runs.map((r) => r.ms)));
    console.log(`| ${label[name]} | ${wall} | ${time(median(runs.map((r) => r.cpuMs)))} | ${rss.toFixed(0)} MB | ${last.written} / ${last.unchanged} |`);
  }
  console.log(`runs (ms): ${Object.entries(results).map(([k, rs]) => `${k} ${rs.map((r) => r.ms.toFixed(0)).join(', ')}`).join('; ')}`);
}

await main();
