import type { Article, ArticleIdentity, Place, StoredArticle } from '../model.js';
import type { TopicStore } from './topic-types.js';

/** What the store remembers about one source between polls. Times are epoch ms. */
export interface SourceState {
  id: string;
  url: string;
  currentUrl?: string;
  title?: string;
  feedTitle?: string;
  siteUrl?: string;
  language?: string;
  etag?: string;
  lastModified?: string;
  bodyHash?: string;
  lastAttemptAt?: number;
  lastSuccessAt?: number;
  lastStatus?: number;
  consecutiveFailures: number;
  nextPollAt?: number;
  lastError?: string;
  lastWarning?: string;
  gone: boolean;
  articleCount: number;
  /** How currentUrl was learnt: a 301/308 chain, or an HTML page's announced feed (`discover: true`). */
  currentUrlVia?: CurrentUrlVia;
  lastOutcome?: PollOutcome;
  /** The FetchError / ParseError code of lastError ("timeout", "http-status", "not-a-feed", …). */
  lastErrorCode?: string;
  /** Which rule chose nextPollAt, in words ("RSS <ttl> 60 min", "Retry-After: 120", …). */
  nextPollReason?: string;
  /** Refresh hints of the last document read, kept for the polls that do not read it (304, same body). */
  ttlMinutes?: number;
  updatePeriodMinutes?: number;
}

export type CurrentUrlVia = 'redirect' | 'discovery';

export type PollOutcome = 'fetched' | 'not-modified' | 'unchanged' | 'failed';

/** The bookkeeping of one poll, written together with its articles. */
export interface PollRecord {
  sourceId: string;
  startedAt: number;
  finishedAt: number;
  outcome: PollOutcome;
  httpStatus?: number;
  bytes: number;
  newCount: number;
  updatedCount: number;
  error?: string;
  warning?: string;
  nextPollAt: number;
  /** Conditional-GET validators and body hash, for outcomes that saw the server's answer. */
  etag?: string;
  lastModified?: string;
  bodyHash?: string;
  currentUrl?: string;
  feedTitle?: string;
  siteUrl?: string;
  language?: string;
  currentUrlVia?: CurrentUrlVia;
  errorCode?: string;
  /** The server said 410 Gone: stop polling until the configured URL changes. A success clears it. */
  gone?: boolean;
  nextPollReason?: string;
  /** Document hints; written only by 'fetched' polls (the others keep the stored ones). */
  ttlMinutes?: number;
  updatePeriodMinutes?: number;
}

/** A stored article of the same source that an incoming one may be. */
export interface ExistingArticle {
  id: number;
  storyId: number;
  contentHash: string;
  /** Its key: another than the incoming one's when it was found by canonical link. */
  identityKey: string;
  updatedAt: number;
}

/** Which stored articles of other sources an incoming article may share a story with. */
export interface StoryCandidateQuery {
  /** Articles with this canonical link, whenever published. */
  canonicalUrl?: string;
  /** Articles with this title key, published within [from, to]. */
  titleKey?: string;
  /** Articles with these ids (found by their LSH band keys), published within [from, to]. */
  articleIds: number[];
  excludeSourceId: string;
  from: number;
  to: number;
}

/** A stored article of another source that an incoming one may share a story with. */
export interface StoryCandidate {
  storyId: number;
  sourceId: string;
  canonicalUrl?: string;
  titleKey: string;
  title: string;
  summary: string;
  publishedAt: number;
  /** The sources of every member of its story. */
  storySources: string[];
}

/** A story's members as stored; the dedupe stage picks the lead. */
export interface StoredStory {
  id: number;
  entryId: string;
  publishedAt: number;
  updatedAt: number;
  members: StoredArticle[];
}

export interface StoryQuery {
  /** Only stories with a member about one of these countries; undefined = no country filter. */
  countries?: string[];
  /** Only stories with a member from one of these sources; undefined = any source. */
  sources?: string[];
  limit: number;
}

export interface Stats {
  sources: number;
  articles: number;
  stories: number;
  /** Topic feeds in the output dir (each written in several formats). */
  feeds: number;
  lastCycle?: { startedAt: number; finishedAt?: number; sourcesOk: number; sourcesFailed: number };
}

export interface CycleTotals {
  sourcesOk: number;
  sourcesFailed: number;
  newCount: number;
  updatedCount: number;
  feedsWritten: number;
}

/** What re-classification needs of a stored article. */
export interface ClassifiedArticle {
  id: number;
  sourceId: string;
  title: string;
  summary: string;
  categories: string[];
  places: Place[];
}

/**
 * The storage interface the pipeline uses. SQLite implements it today; a
 * PostgreSQL backend for multi-worker deployments will implement the same.
 */
export interface Store extends TopicStore {
  syncSources(sources: { id: string; url: string; title?: string }[]): void;
  sourceStates(): SourceState[];
  sourceState(id: string): SourceState | undefined;
  /** Runs fn in one transaction: all of a source's changes land, or none. */
  transaction<T>(fn: () => T): T;
  recordPoll(poll: PollRecord): void;
  /** How many of a source's stored articles were published in [from, to]: its observed posting rate. */
  countPublished(sourceId: string, from: number, to: number): number;
  findArticle(sourceId: string, identity: ArticleIdentity): ExistingArticle | undefined;
  findStoryCandidates(query: StoryCandidateQuery): StoryCandidate[];
  /** LSH band keys of the articles published in [from, to) with an id up to maxId, read as they are iterated. */
  articleBands(from: number, to: number, maxId: number): Iterable<{ id: number; bands: Uint32Array }>;
  createStory(entryId: string, publishedAt: number, updatedAt: number): number;
  touchStory(storyId: number, publishedAt: number, updatedAt: number): void;
  /** `bands`: the LSH band keys the article is found by in later cycles (see articleBands). */
  insertArticle(article: Article, identity: ArticleIdentity, storyId: number, firstSeenAt: number, bands: number[]): number;
  updateArticle(id: number, article: Article, identity: ArticleIdentity, bands: number[]): void;
  replacePlaces(articleId: number, places: Place[]): void;
  /** Up to `limit` articles with an id above `afterId`, in id order, with their places: re-classification in batches. */
  articlesAfter(afterId: number, limit: number): ClassifiedArticle[];
  queryStories(query: StoryQuery): StoredStory[];
  beginCycle(startedAt: number): number;
  finishCycle(id: number, finishedAt: number, totals: CycleTotals): void;
  /** Replaces the record of which files the output dir holds (one row per file). */
  setPublishedFiles(files: { path: string; topicId: string }[], at: number): void;
  /**
   * Deletes at most `batch` articles (with their places and band keys) first seen before
   * `olderThan` (not published: an old article seen today would come back as new at once), or
   * beyond the newest `maxPerSource` of their source, never one of `keepStories`;
   * then stories left empty and polls older than `olderThan`. Returns the articles deleted.
   */
  pruneBatch(policy: { olderThan: number; maxPerSource: number; keepStories: number[]; batch: number }): number;
  stats(): Stats;
  close(): void;
}
