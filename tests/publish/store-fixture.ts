// A real SQLite store filled through the store API, and configs parsed from YAML like the
// CLI does, for the topic tests (not a test file itself).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { identify, storyEntryId } from '../../src/dedupe/index.js';
import type { Article } from '../../src/model.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';

export const HOUR = 3_600_000;
export const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);

export interface AddOptions {
  sourceId: string;
  title: string;
  summary?: string;
  language?: string;
  /** Hours before NOW. */
  hoursAgo: number;
  places?: string[];
  /** Joins this story instead of starting one. */
  story?: number;
}

export interface Added {
  id: number;
  storyId: number;
  entryId: string;
  article: Article;
}

let serial = 0;

export function addArticle(store: Store, o: AddOptions): Added {
  serial += 1;
  const publishedAt = NOW - o.hoursAgo * HOUR;
  const article: Article = {
    sourceId: o.sourceId,
    guid: `guid-${serial}`,
    link: `https://${o.sourceId}.example.org/articles/${serial}`,
    title: o.title,
    summary: o.summary ?? `Summary ${serial}`,
    categories: [],
    language: o.language,
    publishedAt,
    updatedAt: publishedAt,
  };
  const identity = identify(article);
  const entryId = storyEntryId(o.sourceId, identity.key);
  const storyId = o.story ?? store.createStory(entryId, publishedAt, publishedAt);
  if (o.story !== undefined) store.touchStory(o.story, publishedAt, publishedAt);
  const id = store.insertArticle(article, identity, storyId, publishedAt, []);
  store.replacePlaces(id, (o.places ?? []).map((code) => ({ code, score: 0.9, evidence: [`test:${code}`] })));
  return { id, storyId, entryId, article };
}

/** A config parsed and validated from YAML, writing into dir; `output` adds keys to the output map. */
export function configFor(dir: string, yaml: string, output = ''): Config {
  const outputMap = `{ dir: ${join(dir, 'out')}, baseUrl: "http://feeds.test/"${output ? `, ${output}` : ''} }`;
  return parseConfig(`database: ${join(dir, 'g.db')}\noutput: ${outputMap}\n${yaml}`, join(dir, 'gazette.yaml'));
}

export function openStoreFor(config: Config): Store {
  const store = openSqliteStore(config.database);
  store.syncSources(config.sources);
  return store;
}

export async function readJsonFeed(config: Config, path: string): Promise<{ items: { id: string; title: string; url?: string }[]; [key: string]: unknown }> {
  return JSON.parse(await readFile(join(config.output.dir, `${path}.json`), 'utf8'));
}
