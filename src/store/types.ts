import type { Article, ArticleIdentity, Place, StoredArticle } from '../model.js';

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
}

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
}

/** A stored article of the same source that an incoming one may be. */
export interface ExistingArticle {
  id: number;
  storyId: number;
  contentHash: string;
}

/** A stored article of another source that an incoming one may share a story with. */
export interface StoryCandidate {
  storyId: number;
  sourceId: string;
  canonicalUrl?: string;
  titleKey: string;
  publishedAt: number;
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

/**
 * The storage interface the pipeline uses. SQLite implements it today; a
 * PostgreSQL backend for multi-worker deployments will implement the same.
 */
export interface Store {
  syncSources(sources: { id: string; url: string; title?: string }[]): void;
  sourceStates(): SourceState[];
  sourceState(id: string): SourceState | undefined;
  /** Runs fn in one transaction: all of a source's changes land, or none. */
  transaction<T>(fn: () => T): T;
  recordPoll(poll: PollRecord): void;
  findArticle(sourceId: string, identity: ArticleIdentity): ExistingArticle | undefined;
  findStoryCandidates(identity: ArticleIdentity, excludeSourceId: string, since: number): StoryCandidate[];
  createStory(entryId: string, publishedAt: number, updatedAt: number): number;
  touchStory(storyId: number, publishedAt: number, updatedAt: number): void;
  insertArticle(article: Article, identity: ArticleIdentity, storyId: number, firstSeenAt: number): number;
  updateArticle(id: number, article: Article, identity: ArticleIdentity): void;
  replacePlaces(articleId: number, places: Place[]): void;
  queryStories(query: StoryQuery): StoredStory[];
  beginCycle(startedAt: number): number;
  finishCycle(id: number, finishedAt: number, totals: CycleTotals): void;
  /** Replaces the record of which files the output dir holds (one row per file). */
  setPublishedFiles(files: { path: string; topicId: string }[], at: number): void;
  stats(): Stats;
  close(): void;
}
