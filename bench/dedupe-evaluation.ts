import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createClassifier } from '../src/classify/index.js';
import { dedupePolicy, type DedupeSettings } from '../src/dedupe/index.js';
// charset.js, not the stage's index: the index reads package.json relative to itself, which dist-bench/ lacks.
import { decodeBody } from '../src/fetch/charset.js';
import type { Article, RawItem, Source } from '../src/model.js';
import { normalizeItem } from '../src/normalize/index.js';
import { parseFeed } from '../src/parse/index.js';
import { candidateIndex, storeArticles, type IngestDeps } from '../src/schedule/ingest.js';
import { openSqliteStore, type Store } from '../src/store/index.js';

// The "same story" measurement of docs/DEDUPE.md, shared by bench/dedupe-eval.ts (which
// prints it) and tests/dedupe/evaluation.test.ts (which holds it to the targets).
//
// Each labelled pair names two items of ../shared/corpus. They are read the way the
// pipeline reads them (decode, parse, normalize), given to two different sources of a
// fresh SQLite store through the real ingest path, and the pair counts as "same story"
// when the second article joined the first one's story.

export type Label = 'same' | 'related' | 'different';

export interface LabelledPair {
  /** `<file under corpus/>#<item index>`: the index into the parsed feed's items, or into a dump's entries. */
  a: string;
  b: string;
  label: Label;
  /** How the two items came to be (moved-url, format-twin, series, follow-up, …). */
  kind: string;
  /** The titles as labelled; checked against what the corpus yields. */
  ta: string;
  tb: string;
}

export interface PairResult {
  pair: LabelledPair;
  joined: boolean;
}

export interface Evaluation {
  results: PairResult[];
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  /** Pairs labelled "related" (one event, written separately): not a target either way. */
  relatedJoined: number;
  related: number;
}

export interface EvaluationOptions {
  /** Drops links and guids, so that only the title and text rules can join a pair. */
  withoutLinks?: boolean;
  settings?: Partial<DedupeSettings>;
}

export function loadPairs(file: string): LabelledPair[] {
  return JSON.parse(readFileSync(file, 'utf8')) as LabelledPair[];
}

// Undated items get the normalizer's "now"; the evaluation then dates them like their partner.
const NOW = Date.UTC(2026, 0, 1);

interface DumpEntry {
  title?: string;
  description?: string | null;
  link?: string;
  date_published?: string;
}

/** Reads corpus items once per file, as the pipeline would. */
class CorpusReader {
  private readonly files = new Map<string, Article[]>();
  constructor(private readonly corpusDir: string) {}

  async article(ref: string): Promise<Article> {
    const hash = ref.lastIndexOf('#');
    const file = ref.slice(0, hash);
    const index = Number(ref.slice(hash + 1));
    let articles = this.files.get(file);
    if (!articles) {
      articles = await this.read(file);
      this.files.set(file, articles);
    }
    const article = articles[index];
    if (!article) throw new Error(`${ref}: no such item in the corpus`);
    return article;
  }

  private async read(file: string): Promise<Article[]> {
    const path = join(this.corpusDir, file);
    const normalize = (item: RawItem, baseUrl: string, extra: { siteUrl?: string; language?: string } = {}) =>
      // A dropped item keeps its place so that indexes stay those of the document.
      normalizeItem(item, { sourceId: file, baseUrl, now: NOW, ...extra }) as Article;
    if (file.startsWith('regional/')) {
      // The archiver wrote some days as `{ entries: [...] }`, others as a bare list.
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as DumpEntry[] | { entries: DumpEntry[] };
      const entries = Array.isArray(parsed) ? parsed : parsed.entries;
      return entries.map((e) =>
        normalize(
          { title: e.title, summaryHtml: e.description ?? undefined, link: e.link, published: e.date_published, categories: [] },
          e.link ?? 'https://corpus.invalid/',
        ),
      );
    }
    let bytes = readFileSync(path);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    const url = 'https://corpus.invalid/feed.xml';
    const feed = await parseFeed(decodeBody(bytes).text, { url });
    return feed.items.map((item) => normalize(item, url, { siteUrl: feed.link, language: feed.language }));
  }
}

const source = (id: string): Source => ({ id, url: `https://${id}.invalid/feed`, categories: [], priority: 0, headers: {} });

/** The article as source `sourceId` would store it; an undated one is taken as first seen at `seenAt`. */
function asPolled(article: Article, sourceId: string, seenAt: number, withoutLinks: boolean): Article {
  const dated = article.publishedRaw === undefined ? { publishedAt: seenAt, updatedAt: seenAt } : {};
  const unlinked = withoutLinks ? { link: undefined, guid: undefined } : {};
  return { ...article, ...dated, ...unlinked, sourceId };
}

const ROLLBACK = new Error('rollback');

/**
 * Whether the ingest path puts b into a's story. Each pair runs in a transaction
 * that is rolled back, so every pair meets an empty store.
 */
function joins(store: Store, cycleDeps: Omit<IngestDeps, 'bands'>, a: Article, b: Article): boolean {
  let joined = false;
  try {
    store.transaction(() => {
      const deps = { ...cycleDeps, bands: candidateIndex(store) };
      storeArticles(source('a'), [a], deps);
      storeArticles(source('b'), [b], deps);
      joined = store.stats().stories === 1;
      throw ROLLBACK;
    });
  } catch (err) {
    if (err !== ROLLBACK) throw err;
  }
  return joined;
}

export async function evaluatePairs(corpusDir: string, pairs: LabelledPair[], options: EvaluationOptions = {}): Promise<Evaluation> {
  const reader = new CorpusReader(corpusDir);
  const store = openSqliteStore(':memory:');
  store.syncSources([source('a'), source('b')]);
  const deps = { store, classifier: createClassifier(), dedupe: dedupePolicy(options.settings), now: () => NOW };
  const results: PairResult[] = [];
  for (const pair of pairs) {
    const [a, b] = [await reader.article(pair.a), await reader.article(pair.b)];
    if (a.title !== pair.ta || b.title !== pair.tb) {
      throw new Error(`${pair.a} / ${pair.b}: the corpus yields "${a.title}" / "${b.title}", labelled as "${pair.ta}" / "${pair.tb}"`);
    }
    const seenA = a.publishedRaw === undefined ? b.publishedAt : a.publishedAt;
    const seenB = b.publishedRaw === undefined ? seenA : b.publishedAt;
    const withoutLinks = options.withoutLinks ?? false;
    const joined = joins(store, deps, asPolled(a, 'a', seenA, withoutLinks), asPolled(b, 'b', seenB, withoutLinks));
    results.push({ pair, joined });
  }
  store.close();
  const count = (label: Label, joined: boolean) => results.filter((r) => r.pair.label === label && r.joined === joined).length;
  const truePositives = count('same', true);
  const falsePositives = count('different', true);
  const falseNegatives = count('same', false);
  return {
    results,
    truePositives,
    falsePositives,
    falseNegatives,
    trueNegatives: count('different', false),
    precision: truePositives / (truePositives + falsePositives),
    recall: truePositives / (truePositives + falseNegatives),
    relatedJoined: count('related', true),
    related: results.filter((r) => r.pair.label === 'related').length,
  };
}
