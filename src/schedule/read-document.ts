import { performance } from 'node:perf_hooks';
import type { Classifier } from '../classify/index.js';
import type { Article, ParsedFeed, Place } from '../model.js';
import { articleBands } from '../dedupe/index.js';
import { normalizeNewest } from '../normalize/index.js';
import { parseFeed } from '../parse/index.js';
import { classifyArticle } from './ingest.js';

/** A fetched document to turn into articles: the parse and normalize stages of one poll. */
export interface ReadRequest {
  text: string;
  /** The URL the document came from (relative links resolve against it). */
  url: string;
  sourceId: string;
  /** Epoch ms the poll started: stands in for missing dates. */
  now: number;
  /** At most this many articles, the newest (fetch.maxItemsPerPoll). */
  maxItems: number;
  /** The source's `country` (evidence for the classifier). */
  countryHint?: string;
}

export interface ReadResult {
  /** The document's feed-level data; its items are in `articles`. */
  feed: Omit<ParsedFeed, 'items'>;
  itemCount: number;
  articles: Article[];
  /**
   * The LSH band keys of each article (dedupe's articleBands): pure work on the text, done
   * here so that reader threads do it beside the main thread's dedupe and store.
   */
  bands: number[][];
  /** The places of each article, when the reader classifies (reader threads do; this thread leaves it to the ingest). */
  places?: Place[][];
  /** Milliseconds each stage took, wherever it ran. */
  ms: { parse: number; normalize: number; classify: number };
}

/** Parses and normalizes one document (pure: no I/O), or rejects with the ParseError of the parse stage. */
export type DocumentReader = (request: ReadRequest) => Promise<ReadResult>;

/** readDocument, and with a classifier the places of each article too. */
export async function readDocument(
  { text, url, sourceId, now, maxItems, countryHint }: ReadRequest,
  classifier?: Classifier,
): Promise<ReadResult> {
  const started = performance.now();
  const { items, ...feed } = await parseFeed(text, { url });
  const parsed = performance.now();
  const { articles, warnings } = normalizeNewest(
    items,
    { sourceId, baseUrl: url, siteUrl: feed.link, language: feed.language, now },
    maxItems,
  );
  // Bounds applied to items (a title cut, HTML nested too deep) are warnings of the document.
  const bands = articles.map(articleBands);
  const normalized = performance.now();
  const places = classifier && articles.map((a) => classifyArticle(classifier, a, countryHint));
  return {
    feed: { ...feed, warnings: [...feed.warnings, ...warnings] },
    itemCount: items.length,
    articles,
    bands,
    places,
    ms: { parse: parsed - started, normalize: normalized - parsed, classify: performance.now() - normalized },
  };
}
