// What the publisher asks of the store: topic queries over articles, the archive of each
// topic's entries (RFC 5005 pages), and the figures behind /metrics.
import type { StoredArticle } from '../model.js';
import type { PollOutcome, StoredStory } from './types.js';

/** Article-level filters of a topic; every given filter must hold (AND). */
export interface ArticleQuery {
  /** The article is about one of these countries; undefined = any place, [] = nothing matches. */
  countries?: string[];
  /** The article comes from one of these sources; undefined = any source, [] = nothing matches. */
  sources?: string[];
  /** Lower-case language tags; "en" matches "en", "en-GB" and "en_us". */
  languages?: string[];
  /** Published at or after this time. */
  since?: number;
  /**
   * Stored after this article id: the archive's watermark. With it, results come in id order
   * (oldest stored first) and the next batch continues after the last id seen.
   */
  afterId?: number;
  /** Strictly older than this (publishedAt, id) position: the next batch of a newest-first scan. */
  before?: { publishedAt: number; id: number };
  /** Only these articles. */
  ids?: number[];
  limit: number;
}

/** Enough of an article to filter it by text and to name its entry, without loading it whole. */
export interface ArticleRef {
  id: number;
  storyId: number;
  storyEntryId: string;
  sourceId: string;
  identityKey: string;
  title: string;
  summary: string;
  publishedAt: number;
}

/** One entry of a topic feed: a story (dedupe on) or a single article (dedupe off). */
export interface EntryRef {
  entryId: string;
  storyId?: number;
  articleId?: number;
  publishedAt: number;
  /**
   * The article that ranks the entry in its topic (its newest matching one): with publishedAt,
   * the newest-first order. Kept in a topic's current entries only.
   */
  rankId?: number;
}

/** What the archive remembers of a topic between cycles. */
export interface TopicState {
  /** Articles up to this id have been looked at for the archive. */
  lastArticleId: number;
  /** The entries of the topic's current feed, as last published. */
  current: EntryRef[];
  /** What the topic was rendered from (topicFingerprint()); '' when unknown. */
  fingerprint: string;
}

/** What changed in the store since the last publish that finished (the publish mark). */
export interface StoreChanges {
  /** The newest article id when the last publish finished: newer articles are new. */
  markArticleId: number;
  /** The newest change logged now; passed back to markPublished(). */
  seq: number;
  /** Stories written since (a member added to, edited, re-placed or deleted, or the story row touched). */
  stories: Set<number>;
  /** Articles up to markArticleId edited, re-placed or deleted (`live: false`) since, with their story at the time. */
  oldArticles: { id: number; storyId: number; live: boolean }[];
}

/** A source's feed-level facts as the last poll learnt them. */
export interface SourceLinks {
  id: string;
  feedTitle?: string;
  currentUrl?: string;
  siteUrl?: string;
}

export interface ArchivePageInfo {
  /** 1 is the oldest page. */
  page: number;
  entries: number;
}

export interface FinishedCycle {
  startedAt: number;
  finishedAt: number;
  sourcesOk: number;
  sourcesFailed: number;
  newCount: number;
  updatedCount: number;
  feedsWritten: number;
}

/** Figures for /metrics, all read from the database. */
export interface MetricsSnapshot {
  /** The newest cycle that finished. */
  lastFinishedCycle?: FinishedCycle;
  cyclesFinished: number;
  sources: number;
  articles: number;
  stories: number;
  /** Bytes of every recorded poll body. */
  fetchBytes: number;
  polls: { outcome: PollOutcome; count: number }[];
  perSource: { id: string; failedPolls: number; consecutiveFailures: number; lastSuccessAt?: number; articles: number }[];
}

export interface TopicStore {
  /** Matching articles, newest first (published time, then id), or in id order with `afterId`. */
  queryArticles(query: ArticleQuery): ArticleRef[];
  /** Stories by id, with members and places; ids that no longer exist are left out. */
  loadStories(ids: number[]): StoredStory[];
  /** Articles by id, with places; ids that no longer exist are left out. */
  loadArticles(ids: number[]): StoredArticle[];
  /** Every country some article is about. */
  countriesWithArticles(): string[];
  /** Each source's feed title and URLs, without the per-source counts sourceStates() adds. */
  sourceLinks(): SourceLinks[];
  /** What changed since the last publish that finished. */
  changesSincePublish(): StoreChanges;
  /** A publish that read `changes` finished with `newestArticleId` the newest article: forget the changes it saw. */
  markPublished(newestArticleId: number, changes: StoreChanges): void;
  /** The newest article id (0 when there is none). */
  maxArticleId(): number;
  topicState(topicId: string): TopicState | undefined;
  saveTopicState(topicId: string, state: TopicState): void;
  /** Which of these entries the topic's archive already holds. */
  archivedEntryIds(topicId: string, entryIds: string[]): Set<string>;
  /** Appends entries (in the given order) to the newest page, opening a new page whenever one holds pageSize. */
  appendArchive(topicId: string, entries: EntryRef[], pageSize: number): void;
  archivePages(topicId: string): ArchivePageInfo[];
  archiveEntries(topicId: string, page: number): EntryRef[];
  /** Drops the state and archive of every topic not listed. */
  forgetTopicsExcept(topicIds: string[]): void;
  /** The newest cycle that finished (a later one may be running). */
  lastFinishedCycle(): FinishedCycle | undefined;
  metrics(): MetricsSnapshot;
}
