import { allCountries, countriesMatching, countryInfo, regionsByCountry } from '../classify/index.js';
import { anyPattern } from '../config/patterns.js';
import type { Config, TopicConfig } from '../config/schema.js';
import { storyEntryId, toStory } from '../dedupe/index.js';
import type { SourceInfo, StoredArticle, Story } from '../model.js';
import type { PublishContext, TopicGroup } from '../publish/index.js';
import type { ArticleQuery, ArticleRef, EntryRef, Store } from '../store/index.js';

/** A topic as a query: configured, or one of the automatic continent and country topics. */
export interface TopicSpec {
  id: string;
  title: string;
  description?: string;
  /** Output path without extension: the topic id, or "regions/europe", "countries/ru". */
  path: string;
  group: TopicGroup;
  limit: number;
  /** false: every article is its own entry. */
  dedupe: boolean;
  /** The filters SQL applies. */
  query: Omit<ArticleQuery, 'limit' | 'before' | 'afterId'>;
  /** The text filters (include/exclude), applied to each candidate article. */
  matches: (article: ArticleRef) => boolean;
  /** The configuration the topic's entries come from, as text: another one means its query runs afresh. */
  definition: string;
}

/** Candidate articles read per query: the first batch fits the limit, later ones grow (sparse text filters). */
const BATCH = 500;
const firstBatch = (limit: number) => Math.min(BATCH, Math.max(100, 2 * limit));

/** Every configured topic, then (with output.autoTopics) one per continent and per country that has articles. */
export function topicSpecs(config: Config, store: Store, now: number): TopicSpec[] {
  const configured = config.topics.map((topic) => configuredSpec(topic, config, now));
  return config.output.autoTopics ? [...configured, ...autoSpecs(config, store)] : configured;
}

function configuredSpec(topic: TopicConfig, config: Config, now: number): TopicSpec {
  const byPlace = topic.countries.length + topic.subregions.length + topic.continents.length + topic.regions.length > 0;
  return {
    id: topic.id,
    title: topic.title,
    description: topic.description,
    path: topic.id,
    group: 'topics',
    limit: topic.limit ?? config.output.limit,
    dedupe: topic.dedupe,
    query: {
      countries: byPlace ? [...countriesMatching(topic, config.regions)] : undefined,
      sources: topicSources(topic, config),
      languages: topic.language.length > 0 ? topic.language : undefined,
      since: topic.maxAge === undefined ? undefined : now - topic.maxAge,
    },
    matches: textFilter(topic),
    definition: JSON.stringify({ topic, limit: topic.limit ?? config.output.limit, sources: topicSources(topic, config) }),
  };
}

/** `sources` and `categories` both narrow the sources (AND); undefined when neither is set. */
function topicSources(topic: TopicConfig, config: Config): string[] | undefined {
  let ids: string[] | undefined = topic.sources.length > 0 ? topic.sources : undefined;
  if (topic.categories.length > 0) {
    const wanted = new Set(topic.categories.map((c) => c.toLowerCase()));
    const inCategory = config.sources.filter((s) => s.categories.some((c) => wanted.has(c.toLowerCase()))).map((s) => s.id);
    ids = ids === undefined ? inCategory : ids.filter((id) => inCategory.includes(id));
  }
  return ids;
}

function textFilter(topic: TopicConfig): (article: ArticleRef) => boolean {
  if (topic.include.length === 0 && topic.exclude.length === 0) return () => true;
  const include = anyPattern(topic.include);
  const exclude = anyPattern(topic.exclude);
  const texts = (a: ArticleRef) =>
    topic.in === 'title' ? [a.title] : topic.in === 'summary' ? [a.summary] : [a.title, a.summary];
  return (article) => {
    const fields = texts(article);
    if (topic.include.length > 0 && !fields.some(include)) return false;
    return !fields.some(exclude);
  };
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function autoSpecs(config: Config, store: Store): TopicSpec[] {
  const countries = store
    .countriesWithArticles()
    .flatMap((code) => countryInfo(code) ?? [])
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const continents = [...new Set(countries.map((c) => c.continent))].sort();
  const base = { dedupe: true, limit: config.output.limit, matches: () => true, definition: 'auto' };
  return [
    ...continents.map((continent) => ({
      ...base,
      id: `regions/${slug(continent)}`,
      path: `regions/${slug(continent)}`,
      group: 'regions' as const,
      title: continent,
      description: `Stories about countries of ${continent === 'Antarctic' ? 'the Antarctic' : continent}`,
      query: { countries: allCountries().filter((c) => c.continent === continent).map((c) => c.code) },
    })),
    ...countries.map((country) => ({
      ...base,
      id: `countries/${country.code.toLowerCase()}`,
      path: `countries/${country.code.toLowerCase()}`,
      group: 'countries' as const,
      title: country.name,
      description: `Stories about ${country.name}`,
      query: { countries: [country.code] },
    })),
  ];
}

function entryOf(spec: TopicSpec, article: ArticleRef): EntryRef {
  const ranked = { publishedAt: article.publishedAt, rankId: article.id };
  return spec.dedupe
    ? { entryId: article.storyEntryId, storyId: article.storyId, ...ranked }
    : { entryId: storyEntryId(article.sourceId, article.identityKey), articleId: article.id, ...ranked };
}

/** Newest first, as the topic query orders articles: publication time, then article id. */
const newestFirst = (a: EntryRef, b: EntryRef) => b.publishedAt - a.publishedAt || (b.rankId ?? 0) - (a.rankId ?? 0);

/**
 * The topic's newest `limit` entries when the only change since `current` was computed is
 * `fresh`, the matching articles stored since: what newestEntries() would find, without
 * reading the older articles again. An entry that was not among the newest stays out, since
 * as many newer ones are still there.
 */
export function mergeNewest(spec: TopicSpec, current: EntryRef[], fresh: ArticleRef[]): EntryRef[] {
  const best = new Map(current.map((e) => [e.entryId, e]));
  for (const article of fresh) {
    const entry = entryOf(spec, article);
    const known = best.get(entry.entryId);
    if (!known || newestFirst(entry, known) < 0) best.set(entry.entryId, entry);
  }
  return [...best.values()].sort(newestFirst).slice(0, spec.limit);
}

/** The topic's newest `limit` entries, newest first. */
export function newestEntries(spec: TopicSpec, store: Store): EntryRef[] {
  const entries = new Map<string, EntryRef>();
  let before: ArticleQuery['before'];
  for (let size = firstBatch(spec.limit); ; size = Math.min(4 * size, 4 * BATCH)) {
    const batch = store.queryArticles({ ...spec.query, before, limit: size });
    for (const article of batch) {
      if (!spec.matches(article)) continue;
      const entry = entryOf(spec, article);
      if (!entries.has(entry.entryId)) entries.set(entry.entryId, entry);
      if (entries.size >= spec.limit) return [...entries.values()];
    }
    const last = batch.at(-1);
    if (batch.length < size || !last) return [...entries.values()];
    before = { publishedAt: last.publishedAt, id: last.id };
  }
}

/** The matching articles stored after an id, in id order; unless `complete`, `lastId` is where the next look starts. */
export interface StoredAfter {
  articles: ArticleRef[];
  lastId: number;
  complete: boolean;
}

/** The topic's articles stored after `afterId`, looking at no more than `maxArticles` SQL matches. */
export function articlesStoredAfter(spec: TopicSpec, store: Store, afterId: number, maxArticles: number): StoredAfter {
  const articles: ArticleRef[] = [];
  let lastId = afterId;
  for (let seen = 0; seen < maxArticles; ) {
    const limit = Math.min(BATCH, maxArticles - seen);
    const batch = store.queryArticles({ ...spec.query, afterId: lastId, limit });
    for (const article of batch) {
      lastId = article.id;
      if (spec.matches(article)) articles.push(article);
    }
    seen += batch.length;
    if (batch.length < limit) return { articles, lastId, complete: true };
  }
  return { articles, lastId, complete: false };
}

/** The entries of articles, each once, in the articles' order. */
export function entriesOf(spec: TopicSpec, articles: ArticleRef[]): EntryRef[] {
  const entries = new Map<string, EntryRef>();
  for (const article of articles) {
    const entry = entryOf(spec, article);
    if (!entries.has(entry.entryId)) entries.set(entry.entryId, entry);
  }
  return [...entries.values()];
}

/**
 * Loads the stories behind entries for one publish: a story shown by several topics (its
 * country, continent, region, "all") is read once.
 */
export class EntryLoader {
  private readonly stories = new Map<number, Story | undefined>();
  private readonly articles = new Map<number, Story | undefined>();

  constructor(
    private readonly store: Store,
    private readonly priorityOf: (sourceId: string) => number,
  ) {}

  /** The stories behind entries, in the entries' order; entries whose rows are gone are left out. */
  load(entries: EntryRef[]): Story[] {
    const storyIds = entries.flatMap((e) => (e.storyId !== undefined && !this.stories.has(e.storyId) ? [e.storyId] : []));
    const articleIds = entries.flatMap((e) => (e.articleId !== undefined && !this.articles.has(e.articleId) ? [e.articleId] : []));
    for (const id of storyIds) this.stories.set(id, undefined);
    for (const id of articleIds) this.articles.set(id, undefined);
    for (const s of this.store.loadStories(storyIds)) this.stories.set(s.id, toStory(s, this.priorityOf));
    for (const a of this.store.loadArticles(articleIds)) this.articles.set(a.id, loneArticle(a));
    return entries.flatMap((e) => {
      const story = e.storyId !== undefined ? this.stories.get(e.storyId) : e.articleId !== undefined ? this.articles.get(e.articleId) : undefined;
      return story ? [story] : [];
    });
  }
}

/**
 * One article as its own entry (`dedupe: off`). Its id comes from its source and identity, the
 * way a story's id comes from its first article: the article that started a story carries the
 * story's id in both modes, and every other article gets an id of its own.
 */
function loneArticle(article: StoredArticle): Story {
  return {
    id: article.storyId,
    entryId: storyEntryId(article.sourceId, article.identityKey),
    lead: article,
    others: [],
    updatedAt: article.updatedAt,
  };
}

export function priorityOf(config: Config): (sourceId: string) => number {
  const priority = new Map(config.sources.map((s) => [s.id, s.priority]));
  return (id) => priority.get(id) ?? 0;
}

export function publishContext(config: Config, store: Store): PublishContext {
  const states = new Map(store.sourceLinks().map((s) => [s.id, s]));
  const sources = new Map<string, SourceInfo>(
    config.sources.map((s) => {
      const state = states.get(s.id);
      return [s.id, { id: s.id, title: s.title ?? state?.feedTitle ?? s.id, url: state?.currentUrl ?? s.url, siteUrl: state?.siteUrl }];
    }),
  );
  // Computed once: every entry of every feed asks for its countries' names and regions.
  const regionsOf = regionsByCountry(config.regions);
  const names = new Map(allCountries().map((c) => [c.code, { ...c, regions: regionsOf(c.code) }]));
  return {
    baseUrl: config.output.baseUrl,
    siteTitle: config.output.title,
    sources,
    placeNames: (code) => names.get(code.toUpperCase()),
    hub: config.websub.hub,
  };
}
