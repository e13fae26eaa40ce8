import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countryInfo, EDITORIAL, type Classifier } from '../src/classify/index.js';
import type { Classification } from '../src/model.js';
import { normalizeItem } from '../src/normalize/index.js';

// The two measurements of docs/CLASSIFY.md, shared by bench/classify-eval.ts (which
// prints them) and tests/classify/evaluation.test.ts (which holds them to the targets).

/** The outlet's own section labels in REGIONAL_ITEMS.tsv → the default editorial regions. */
export const LABEL_REGION: Readonly<Record<string, string>> = {
  africa: EDITORIAL.africa,
  asia: EDITORIAL.asia,
  europe: EDITORIAL.europe,
  middle_east: EDITORIAL.middleEast,
  latin_america: EDITORIAL.latinAmerica,
  us_canada: EDITORIAL.usCanada,
  australia: EDITORIAL.australia,
};

export interface EvalItem {
  title: string;
  summary: string;
}

export interface RegionalItem extends EvalItem {
  link: string;
  label: string;
  outlet: 'bbc' | 'nyt' | 'allafrica';
}

interface DumpEntry {
  title?: string;
  description?: string;
  link?: string;
}

/** The labelled items of REGIONAL_ITEMS.tsv, one per link (query string dropped), cleaned as the pipeline cleans them. */
export function loadRegionalItems(corpusDir: string): RegionalItem[] {
  const rows = readFileSync(join(corpusDir, 'REGIONAL_ITEMS.tsv'), 'utf8').trim().split('\n').slice(1);
  const dumps = new Map<string, DumpEntry[]>();
  const seen = new Set<string>();
  const items: RegionalItem[] = [];
  for (const row of rows) {
    const [file, index, label, , , feedUrl, link] = row.split('\t');
    if (!file || !index || !label || !link || !feedUrl) throw new Error(`REGIONAL_ITEMS.tsv: malformed row "${row}"`);
    const key = link.replace(/[?#].*$/, '');
    if (seen.has(key)) continue;
    seen.add(key);
    let dump = dumps.get(file);
    if (!dump) {
      // The archiver wrote some days as `{ entries: [...] }`, others as a bare list.
      const parsed = JSON.parse(readFileSync(join(corpusDir, file), 'utf8')) as DumpEntry[] | { entries: DumpEntry[] };
      dump = Array.isArray(parsed) ? parsed : parsed.entries;
      dumps.set(file, dump);
    }
    const entry = dump[Number(index)];
    if (!entry) throw new Error(`${file}: no entry ${index}`);
    const article = normalizeItem(
      { title: entry.title, summaryHtml: entry.description, link: entry.link, categories: [] },
      { sourceId: 'eval', baseUrl: feedUrl, now: 0 },
    );
    items.push({
      link: key,
      label,
      outlet: feedUrl.includes('bbc') ? 'bbc' : feedUrl.includes('nytimes') ? 'nyt' : 'allafrica',
      title: article?.title ?? '',
      summary: article?.summary ?? '',
    });
  }
  return items;
}

/** The article's editorial region: the strongest of the seven its classification lists, if any. */
export function articleRegion(result: Classification): string | undefined {
  const sections = new Set(Object.values(LABEL_REGION));
  return result.regions.find((r) => sections.has(r));
}

export interface RegionalReport {
  items: number;
  correct: number;
  unclassified: number;
  accuracy: number;
  unclassifiedShare: number;
  /** Per label: items and correct ones. */
  byLabel: Record<string, { items: number; correct: number }>;
  misses: { label: string; got: string | null; primary: string | null; title: string }[];
}

export function evaluateRegional(classifier: Classifier, items: RegionalItem[]): RegionalReport {
  const byLabel: RegionalReport['byLabel'] = {};
  const misses: RegionalReport['misses'] = [];
  let correct = 0;
  let unclassified = 0;
  for (const item of items) {
    const result = classifier.classify(item);
    const got = articleRegion(result);
    const stats = (byLabel[item.label] ??= { items: 0, correct: 0 });
    stats.items++;
    if (got === undefined) unclassified++;
    if (got === LABEL_REGION[item.label]) {
      correct++;
      stats.correct++;
    } else {
      misses.push({ label: item.label, got: got ?? null, primary: result.primary, title: item.title });
    }
  }
  return {
    items: items.length,
    correct,
    unclassified,
    accuracy: correct / items.length,
    unclassifiedShare: unclassified / items.length,
    byLabel,
    misses,
  };
}

export interface LabelledItem extends EvalItem {
  /** The correct countries, the primary one first; empty when the article is about no country. */
  countries: string[];
  origin: string;
}

/**
 * The hand-labelled set: a TSV of `countries  title  summary  origin`, countries as
 * space-separated ISO codes with the primary first, "-" for none.
 */
export function loadLabelledSet(file: string): LabelledItem[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const items: LabelledItem[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const [countries, title, summary, origin] = line.split('\t');
    if (countries === undefined || !title || summary === undefined || !origin) {
      throw new Error(`${file}:${i + 1}: expected four tab-separated columns: countries, title, summary, origin`);
    }
    const codes = countries === '-' ? [] : countries.split(' ');
    for (const code of codes) {
      if (!countryInfo(code)) throw new Error(`${file}:${i + 1}: unknown country code "${code}"`);
    }
    items.push({ countries: codes, title, summary, origin });
  });
  return items;
}

export interface LabelledReport {
  items: number;
  primaryAccuracy: number;
  continentAccuracy: number;
  precision: number;
  recall: number;
  misses: { want: string[]; got: string[]; title: string }[];
}

export function evaluateLabelled(classifier: Classifier, items: LabelledItem[]): LabelledReport {
  let primaryOk = 0;
  let continentOk = 0;
  let truePositives = 0;
  let predicted = 0;
  let relevant = 0;
  const misses: LabelledReport['misses'] = [];
  const continentOf = (code: string | null | undefined) => (code ? countryInfo(code)?.continent : undefined) ?? null;
  for (const item of items) {
    const result = classifier.classify(item);
    const got = result.countries.map((p) => p.code);
    const want = item.countries;
    const wantPrimary = want[0] ?? null;
    if (result.primary === wantPrimary) primaryOk++;
    if (continentOf(result.primary) === continentOf(wantPrimary)) continentOk++;
    truePositives += got.filter((c) => want.includes(c)).length;
    predicted += got.length;
    relevant += want.length;
    if (result.primary !== wantPrimary || got.length !== want.length || got.some((c) => !want.includes(c))) {
      misses.push({ want, got, title: item.title });
    }
  }
  return {
    items: items.length,
    primaryAccuracy: primaryOk / items.length,
    continentAccuracy: continentOk / items.length,
    precision: predicted === 0 ? 1 : truePositives / predicted,
    recall: relevant === 0 ? 1 : truePositives / relevant,
    misses,
  };
}
