import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Article, ArticleIdentity, Place, StoredArticle } from '../model.js';
import { migrations } from './migrations.js';
import { TopicQueries } from './topic-queries.js';
import type {
  ArchivePageInfo,
  ArticleQuery,
  ArticleRef,
  EntryRef,
  FinishedCycle,
  MetricsSnapshot,
  SourceLinks,
  StoreChanges,
  TopicState,
} from './topic-types.js';
import type {
  ClassifiedArticle,
  CycleTotals,
  ExistingArticle,
  PollRecord,
  SourceState,
  Stats,
  Store,
  StoryCandidate,
  StoryCandidateQuery,
  StoryQuery,
  StoredStory,
} from './types.js';

/** The database cannot be opened, migrated or written: the cycle cannot run. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/**
 * Creates the database's folder when missing. Fails with a StoreError naming the
 * setting, the path and the system's reason (a file where a folder should be, no
 * permission), which is what the operator has to fix.
 */
export function ensureDatabaseFolder(file: string): void {
  if (file === ':memory:') return;
  const folder = dirname(file);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (err) {
    throw new StoreError(
      `cannot create the folder ${folder} for the database ${file} (setting "database", or GAZETTE_DB): ${(err as Error).message}`,
      { cause: err },
    );
  }
}

export function openSqliteStore(file: string): Store {
  ensureDatabaseFolder(file);
  let db: Database.Database;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 64 MiB of page cache (allocated as used): the dedupe window's articles and indexes stay
    // in memory, so a lookup costs the same with 1,000 or 1,000,000 stored articles.
    db.pragma('cache_size = -65536');
    // Checkpoint in bigger steps: at the default 1,000 pages a cold cycle spent a third of its time syncing.
    db.pragma('wal_autocheckpoint = 16384');
    migrate(db);
  } catch (err) {
    throw new StoreError(`cannot open database ${file} (setting "database", or GAZETTE_DB): ${(err as Error).message}`, { cause: err });
  }
  return new SqliteStore(db);
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`schema version ${current} is newer than this Gazette understands (${latest}); upgrade Gazette`);
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

const orUndefined = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

interface SourceRow {
  id: string;
  url: string;
  current_url: string | null;
  title: string | null;
  feed_title: string | null;
  site_url: string | null;
  language: string | null;
  etag: string | null;
  last_modified: string | null;
  body_hash: string | null;
  last_attempt_at: number | null;
  last_success_at: number | null;
  last_status: number | null;
  consecutive_failures: number;
  next_poll_at: number | null;
  last_error: string | null;
  last_warning: string | null;
  gone: number;
  article_count: number;
  current_url_via: string | null;
  last_outcome: string | null;
  last_error_code: string | null;
  next_poll_reason: string | null;
  ttl_minutes: number | null;
  update_period_minutes: number | null;
}

function toSourceState(r: SourceRow): SourceState {
  return {
    id: r.id,
    url: r.url,
    currentUrl: orUndefined(r.current_url),
    title: orUndefined(r.title),
    feedTitle: orUndefined(r.feed_title),
    siteUrl: orUndefined(r.site_url),
    language: orUndefined(r.language),
    etag: orUndefined(r.etag),
    lastModified: orUndefined(r.last_modified),
    bodyHash: orUndefined(r.body_hash),
    lastAttemptAt: orUndefined(r.last_attempt_at),
    lastSuccessAt: orUndefined(r.last_success_at),
    lastStatus: orUndefined(r.last_status),
    consecutiveFailures: r.consecutive_failures,
    nextPollAt: orUndefined(r.next_poll_at),
    lastError: orUndefined(r.last_error),
    lastWarning: orUndefined(r.last_warning),
    gone: r.gone === 1,
    articleCount: r.article_count,
    currentUrlVia: orUndefined(r.current_url_via) as SourceState['currentUrlVia'],
    lastOutcome: orUndefined(r.last_outcome) as SourceState['lastOutcome'],
    lastErrorCode: orUndefined(r.last_error_code),
    nextPollReason: orUndefined(r.next_poll_reason),
    ttlMinutes: orUndefined(r.ttl_minutes),
    updatePeriodMinutes: orUndefined(r.update_period_minutes),
  };
}

interface ArticleRow {
  id: number;
  source_id: string;
  story_id: number;
  identity_key: string;
  guid: string | null;
  link: string | null;
  canonical_url: string | null;
  title: string;
  summary: string;
  content_html: string | null;
  author: string | null;
  categories: string;
  language: string | null;
  published_at: number;
  published_raw: string | null;
  updated_at: number;
  first_seen_at: number;
}

/** ArticleRow's columns: publishing reads thousands of rows, without the dedupe keys and band blob. */
const ARTICLE_COLUMNS = `id, source_id, story_id, identity_key, guid, link, canonical_url, title, summary, content_html,
  author, categories, language, published_at, published_raw, updated_at, first_seen_at`;

function toStoredArticle(r: ArticleRow, places: Place[]): StoredArticle {
  return {
    id: r.id,
    storyId: r.story_id,
    sourceId: r.source_id,
    identityKey: r.identity_key,
    guid: orUndefined(r.guid),
    link: orUndefined(r.link),
    canonicalUrl: orUndefined(r.canonical_url),
    title: r.title,
    summary: r.summary,
    contentHtml: orUndefined(r.content_html),
    author: orUndefined(r.author),
    categories: JSON.parse(r.categories) as string[],
    language: orUndefined(r.language),
    publishedAt: r.published_at,
    publishedRaw: orUndefined(r.published_raw),
    updatedAt: r.updated_at,
    firstSeenAt: r.first_seen_at,
    places,
  };
}

const EXISTING_SELECT = `
  SELECT id, story_id AS storyId, content_hash AS contentHash, identity_key AS identityKey, updated_at AS updatedAt
  FROM articles`;

const CANDIDATE_SELECT = `
  SELECT a.id, a.story_id AS storyId, a.source_id AS sourceId, a.canonical_url AS canonicalUrl, a.title_key AS titleKey,
         a.title, a.summary, a.published_at AS publishedAt
  FROM articles a`;

/** Band keys as stored: big-endian 32-bit integers, one after another. */
function bandsToBlob(bands: readonly number[]): Buffer {
  const blob = Buffer.allocUnsafe(bands.length * 4);
  bands.forEach((band, i) => blob.writeUInt32BE(band >>> 0, i * 4));
  return blob;
}

function bandsFromBlob(blob: Buffer): Uint32Array {
  const bands = new Uint32Array(blob.length >>> 2);
  for (let i = 0; i < bands.length; i++) bands[i] = blob.readUInt32BE(i * 4);
  return bands;
}

type CandidateRow = Omit<StoryCandidate, 'canonicalUrl' | 'storySources'> & { id: number; canonicalUrl: string | null };

const SOURCE_SELECT = `
  SELECT s.*, (SELECT count(*) FROM articles a WHERE a.source_id = s.id) AS article_count
  FROM sources s`;

class SqliteStore implements Store {
  private readonly stmt;
  /** Topic publishing's SQL (topic-queries.ts). */
  private readonly topics: TopicQueries;

  constructor(private readonly db: Database.Database) {
    this.topics = new TopicQueries(db);
    this.stmt = {
      upsertSource: db.prepare(`
        INSERT INTO sources (id, url, title) VALUES (@id, @url, @title)
        ON CONFLICT(id) DO UPDATE SET title = excluded.title,
          -- a new configured URL starts over: old validators and redirects belong to the old one
          current_url = CASE WHEN sources.url = excluded.url THEN sources.current_url END,
          current_url_via = CASE WHEN sources.url = excluded.url THEN sources.current_url_via END,
          ttl_minutes = CASE WHEN sources.url = excluded.url THEN sources.ttl_minutes END,
          update_period_minutes = CASE WHEN sources.url = excluded.url THEN sources.update_period_minutes END,
          consecutive_failures = CASE WHEN sources.url = excluded.url THEN sources.consecutive_failures ELSE 0 END,
          next_poll_reason = CASE WHEN sources.url = excluded.url THEN sources.next_poll_reason END,
          etag = CASE WHEN sources.url = excluded.url THEN sources.etag END,
          last_modified = CASE WHEN sources.url = excluded.url THEN sources.last_modified END,
          body_hash = CASE WHEN sources.url = excluded.url THEN sources.body_hash END,
          gone = CASE WHEN sources.url = excluded.url THEN sources.gone ELSE 0 END,
          next_poll_at = CASE WHEN sources.url = excluded.url THEN sources.next_poll_at END,
          url = excluded.url`),
      sources: db.prepare(`${SOURCE_SELECT} ORDER BY s.id`),
      source: db.prepare(`${SOURCE_SELECT} WHERE s.id = ?`),
      insertPoll: db.prepare(`
        INSERT INTO polls (source_id, started_at, finished_at, outcome, http_status, bytes, new_count, updated_count, error)
        VALUES (@sourceId, @startedAt, @finishedAt, @outcome, @httpStatus, @bytes, @newCount, @updatedCount, @error)`),
      pollSucceeded: db.prepare(`
        UPDATE sources SET last_attempt_at = @startedAt, last_success_at = @finishedAt, last_status = @httpStatus,
          consecutive_failures = 0, next_poll_at = @nextPollAt, last_error = NULL, last_warning = @warning,
          etag = COALESCE(@etag, etag), last_modified = COALESCE(@lastModified, last_modified),
          body_hash = COALESCE(@bodyHash, body_hash), current_url = COALESCE(@currentUrl, current_url),
          feed_title = COALESCE(@feedTitle, feed_title), site_url = COALESCE(@siteUrl, site_url),
          language = COALESCE(@language, language),
          current_url_via = CASE WHEN @currentUrl IS NULL THEN current_url_via ELSE @currentUrlVia END,
          last_outcome = @outcome, last_error_code = NULL, next_poll_reason = @nextPollReason, gone = 0,
          ttl_minutes = CASE WHEN @outcome = 'fetched' THEN @ttlMinutes ELSE ttl_minutes END,
          update_period_minutes = CASE WHEN @outcome = 'fetched' THEN @updatePeriodMinutes ELSE update_period_minutes END
        WHERE id = @sourceId`),
      pollFailed: db.prepare(`
        UPDATE sources SET last_attempt_at = @startedAt, last_status = @httpStatus,
          consecutive_failures = consecutive_failures + 1, next_poll_at = @nextPollAt, last_error = @error,
          last_outcome = @outcome, last_error_code = @errorCode, next_poll_reason = @nextPollReason,
          gone = CASE WHEN @gone = 1 THEN 1 ELSE gone END
        WHERE id = @sourceId`),
      countPublished: db.prepare(
        `SELECT count(*) FROM articles WHERE source_id = ? AND published_at BETWEEN ? AND ?`,
      ).pluck(),
      findByKey: db.prepare(`${EXISTING_SELECT} WHERE source_id = ? AND identity_key = ?`),
      // Two rows: a link that several stored articles share identifies none of them. "+source_id"
      // keeps the planner on the link index: the source index would read all of a source's articles.
      findByUrl: db.prepare(`${EXISTING_SELECT} WHERE canonical_url = ? AND +source_id = ? LIMIT 2`),
      candidatesByUrl: db.prepare(`${CANDIDATE_SELECT} WHERE a.canonical_url = ? AND a.source_id <> ? LIMIT 50`),
      candidatesByTitle: db.prepare(
        `${CANDIDATE_SELECT} WHERE a.title_key = ? AND a.source_id <> ? AND a.published_at BETWEEN ? AND ? LIMIT 50`,
      ),
      candidatesById: db.prepare(`
        ${CANDIDATE_SELECT} WHERE a.id IN (SELECT value FROM json_each(?))
        AND a.source_id <> ? AND a.published_at BETWEEN ? AND ?`),
      articleBands: db.prepare(
        `SELECT id, band_keys AS bands FROM articles WHERE published_at >= ? AND published_at < ? AND id <= ? AND band_keys IS NOT NULL`,
      ),
      storySources: db.prepare(
        `SELECT DISTINCT story_id AS storyId, source_id AS sourceId FROM articles WHERE story_id IN (SELECT value FROM json_each(?))`,
      ),
      createStory: db.prepare(`INSERT INTO stories (entry_id, published_at, updated_at) VALUES (?, ?, ?)`),
      touchStory: db.prepare(
        `UPDATE stories SET published_at = min(published_at, ?), updated_at = max(updated_at, ?) WHERE id = ?`,
      ),
      insertArticle: db.prepare(`
        INSERT INTO articles (source_id, story_id, identity_key, guid, link, canonical_url, title, title_key, summary,
          content_html, author, categories, language, published_at, published_raw, updated_at, first_seen_at, content_hash,
          band_keys)
        VALUES (@sourceId, @storyId, @identityKey, @guid, @link, @canonicalUrl, @title, @titleKey, @summary,
          @contentHtml, @author, @categories, @language, @publishedAt, @publishedRaw, @updatedAt, @firstSeenAt, @contentHash,
          @bandKeys)`),
      updateArticle: db.prepare(`
        UPDATE articles SET guid = @guid, link = @link, canonical_url = @canonicalUrl, title = @title,
          title_key = @titleKey, summary = @summary, content_html = @contentHtml, author = @author,
          categories = @categories, language = @language, published_at = @publishedAt,
          published_raw = @publishedRaw, updated_at = @updatedAt, content_hash = @contentHash,
          identity_key = @identityKey, band_keys = @bandKeys
        WHERE id = @id`),
      deletePlaces: db.prepare(`DELETE FROM article_places WHERE article_id = ?`),
      insertPlace: db.prepare(
        `INSERT INTO article_places (article_id, country, rank, score, evidence) VALUES (?, ?, ?, ?, ?)`,
      ),
      storyMembers: db.prepare(`SELECT * FROM articles WHERE story_id = ? ORDER BY first_seen_at, id`),
      storyRow: db.prepare(`SELECT id, entry_id AS entryId, published_at AS publishedAt, updated_at AS updatedAt FROM stories WHERE id = ?`),
      placesOf: db.prepare(`SELECT country, score, evidence FROM article_places WHERE article_id = ? ORDER BY rank`),
      // Set-based reads for publishing: a topic's stories in three queries, whatever their number.
      storyRows: db.prepare(
        `SELECT id, entry_id AS entryId, published_at AS publishedAt, updated_at AS updatedAt FROM stories WHERE id IN (SELECT value FROM json_each(?))`,
      ),
      membersOf: db.prepare(
        `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE story_id IN (SELECT value FROM json_each(?)) ORDER BY story_id, first_seen_at, id`,
      ),
      articlesById: db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id IN (SELECT value FROM json_each(?))`),
      placesOfMany: db.prepare(
        `SELECT article_id AS articleId, country, score, evidence FROM article_places WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, rank`,
      ),
      articlesAfter: db.prepare(
        `SELECT id, source_id AS sourceId, title, summary, categories FROM articles WHERE id > ? ORDER BY id LIMIT ?`,
      ),
      beginCycle: db.prepare(`INSERT INTO cycles (started_at) VALUES (?)`),
      finishCycle: db.prepare(`
        UPDATE cycles SET finished_at = @finishedAt, sources_ok = @sourcesOk, sources_failed = @sourcesFailed,
          new_count = @newCount, updated_count = @updatedCount, feeds_written = @feedsWritten WHERE id = @id`),
      clearPublished: db.prepare(`DELETE FROM published_files`),
      // Old articles by the first-seen index; per-source overflow only in the sources over the cap.
      pruneCandidates: db.prepare(`
        SELECT id FROM articles
        WHERE first_seen_at < @olderThan AND story_id NOT IN (SELECT value FROM json_each(@keepStories))
        UNION
        SELECT id FROM (
          SELECT id, story_id,
                 row_number() OVER (PARTITION BY source_id ORDER BY published_at DESC, id DESC) AS newest
          FROM articles
          WHERE source_id IN (SELECT source_id FROM articles GROUP BY source_id HAVING count(*) > @maxPerSource))
        WHERE newest > @maxPerSource AND story_id NOT IN (SELECT value FROM json_each(@keepStories))
        LIMIT @batch`).pluck(),
      deleteArticles: db.prepare(`DELETE FROM articles WHERE id IN (SELECT value FROM json_each(?))`),
      deleteEmptyStories: db.prepare(
        `DELETE FROM stories WHERE id IN (SELECT value FROM json_each(?)) AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = stories.id)`,
      ),
      storiesOf: db.prepare(`SELECT DISTINCT story_id FROM articles WHERE id IN (SELECT value FROM json_each(?))`).pluck(),
      deleteOldPolls: db.prepare(`DELETE FROM polls WHERE started_at < ?`),
      insertPublished: db.prepare(`INSERT INTO published_files (path, topic_id, written_at) VALUES (?, ?, ?)`),
      lastCycle: db.prepare(`
        SELECT started_at AS startedAt, finished_at AS finishedAt, sources_ok AS sourcesOk, sources_failed AS sourcesFailed
        FROM cycles ORDER BY id DESC LIMIT 1`),
    };
  }

  syncSources(sources: { id: string; url: string; title?: string }[]): void {
    this.db.transaction(() => {
      for (const s of sources) this.stmt.upsertSource.run({ id: s.id, url: s.url, title: s.title ?? null });
    })();
  }

  sourceStates(): SourceState[] {
    return (this.stmt.sources.all() as SourceRow[]).map(toSourceState);
  }

  sourceState(id: string): SourceState | undefined {
    const row = this.stmt.source.get(id) as SourceRow | undefined;
    return row && toSourceState(row);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  recordPoll(p: PollRecord): void {
    const params = {
      sourceId: p.sourceId,
      startedAt: p.startedAt,
      finishedAt: p.finishedAt,
      outcome: p.outcome,
      httpStatus: p.httpStatus ?? null,
      bytes: p.bytes,
      newCount: p.newCount,
      updatedCount: p.updatedCount,
      error: p.error ?? null,
      warning: p.warning ?? null,
      nextPollAt: p.nextPollAt,
      etag: p.etag ?? null,
      lastModified: p.lastModified ?? null,
      bodyHash: p.bodyHash ?? null,
      currentUrl: p.currentUrl ?? null,
      feedTitle: p.feedTitle ?? null,
      siteUrl: p.siteUrl ?? null,
      language: p.language ?? null,
      currentUrlVia: p.currentUrlVia ?? null,
      errorCode: p.errorCode ?? null,
      gone: p.gone ? 1 : 0,
      nextPollReason: p.nextPollReason ?? null,
      ttlMinutes: p.ttlMinutes ?? null,
      updatePeriodMinutes: p.updatePeriodMinutes ?? null,
    };
    this.stmt.insertPoll.run(params);
    if (p.outcome === 'failed') this.stmt.pollFailed.run(params);
    else this.stmt.pollSucceeded.run(params);
  }

  countPublished(sourceId: string, from: number, to: number): number {
    return this.stmt.countPublished.get(sourceId, from, to) as number;
  }

  findArticle(sourceId: string, identity: ArticleIdentity): ExistingArticle | undefined {
    const byKey = this.stmt.findByKey.get(sourceId, identity.key) as ExistingArticle | undefined;
    if (byKey || !identity.canonicalUrl) return byKey;
    const byUrl = this.stmt.findByUrl.all(identity.canonicalUrl, sourceId) as ExistingArticle[];
    return byUrl.length === 1 ? byUrl[0] : undefined;
  }

  findStoryCandidates(q: StoryCandidateQuery): StoryCandidate[] {
    const rows = [
      ...(q.canonicalUrl ? this.stmt.candidatesByUrl.all(q.canonicalUrl, q.excludeSourceId) : []),
      ...(q.titleKey ? this.stmt.candidatesByTitle.all(q.titleKey, q.excludeSourceId, q.from, q.to) : []),
      ...(q.articleIds.length > 0
        ? this.stmt.candidatesById.all(JSON.stringify(q.articleIds), q.excludeSourceId, q.from, q.to)
        : []),
    ] as CandidateRow[];
    const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
    if (unique.length === 0) return [];
    const sources = new Map<number, string[]>();
    const storyIds = JSON.stringify([...new Set(unique.map((r) => r.storyId))]);
    for (const { storyId, sourceId } of this.stmt.storySources.all(storyIds) as { storyId: number; sourceId: string }[]) {
      sources.set(storyId, [...(sources.get(storyId) ?? []), sourceId]);
    }
    return unique.map(({ id: _id, canonicalUrl, ...rest }) => ({
      ...rest,
      canonicalUrl: canonicalUrl ?? undefined,
      storySources: sources.get(rest.storyId) ?? [],
    }));
  }

  *articleBands(from: number, to: number, maxId: number): Iterable<{ id: number; bands: Uint32Array }> {
    for (const row of this.stmt.articleBands.iterate(from, to, maxId) as Iterable<{ id: number; bands: Buffer }>) {
      yield { id: row.id, bands: bandsFromBlob(row.bands) };
    }
  }

  createStory(entryId: string, publishedAt: number, updatedAt: number): number {
    return Number(this.stmt.createStory.run(entryId, publishedAt, updatedAt).lastInsertRowid);
  }

  touchStory(storyId: number, publishedAt: number, updatedAt: number): void {
    this.stmt.touchStory.run(publishedAt, updatedAt, storyId);
  }

  insertArticle(article: Article, identity: ArticleIdentity, storyId: number, firstSeenAt: number, bands: number[]): number {
    const info = this.stmt.insertArticle.run({
      ...articleParams(article, identity, bands),
      sourceId: article.sourceId,
      storyId,
      identityKey: identity.key,
      firstSeenAt,
    });
    return Number(info.lastInsertRowid);
  }

  updateArticle(id: number, article: Article, identity: ArticleIdentity, bands: number[]): void {
    // The key too: an article found under a new guid is looked up by it from now on.
    this.stmt.updateArticle.run({ ...articleParams(article, identity, bands), identityKey: identity.key, id });
  }

  replacePlaces(articleId: number, places: Place[]): void {
    this.stmt.deletePlaces.run(articleId);
    places.forEach((p, rank) =>
      this.stmt.insertPlace.run(articleId, p.code, rank, p.score, JSON.stringify(p.evidence)),
    );
  }

  articlesAfter(afterId: number, limit: number): ClassifiedArticle[] {
    const rows = this.stmt.articlesAfter.all(afterId, limit) as (Omit<ClassifiedArticle, 'categories' | 'places'> & {
      categories: string;
    })[];
    return rows.map((r) => ({
      ...r,
      categories: JSON.parse(r.categories) as string[],
      places: this.placesOfArticle(r.id),
    }));
  }

  queryStories(query: StoryQuery): StoredStory[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.countries) {
      where.push(`p.country IN (${query.countries.map(() => '?').join(',')})`);
      params.push(...query.countries);
    }
    if (query.sources) {
      where.push(`a.source_id IN (${query.sources.map(() => '?').join(',')})`);
      params.push(...query.sources);
    }
    if (query.countries?.length === 0 || query.sources?.length === 0) return [];
    const join = query.countries ? 'JOIN article_places p ON p.article_id = a.id' : '';
    const filter = where.length > 0 ? `WHERE EXISTS (SELECT 1 FROM articles a ${join} WHERE a.story_id = s.id AND ${where.join(' AND ')})` : '';
    const ids = this.db
      .prepare(`SELECT s.id FROM stories s ${filter} ORDER BY s.published_at DESC, s.id DESC LIMIT ?`)
      .pluck()
      .all(...params, query.limit) as number[];
    return ids.map((id) => this.loadStory(id));
  }

  private loadStory(id: number): StoredStory {
    const row = this.stmt.storyRow.get(id) as Omit<StoredStory, 'members'>;
    const members = (this.stmt.storyMembers.all(id) as ArticleRow[]).map((r) => toStoredArticle(r, this.placesOfArticle(r.id)));
    return { ...row, members };
  }

  private placesOfArticle(articleId: number): Place[] {
    return (this.stmt.placesOf.all(articleId) as { country: string; score: number; evidence: string }[]).map((p) => ({
      code: p.country,
      score: p.score,
      evidence: JSON.parse(p.evidence) as string[],
    }));
  }

  loadStories(ids: number[]): StoredStory[] {
    if (ids.length === 0) return [];
    const json = JSON.stringify(ids);
    const rows = new Map((this.stmt.storyRows.all(json) as Omit<StoredStory, 'members'>[]).map((r) => [r.id, r]));
    const members = this.withPlaces(this.stmt.membersOf.all(json) as ArticleRow[]);
    const byStory = new Map<number, StoredArticle[]>();
    for (const m of members) {
      const list = byStory.get(m.storyId);
      if (list) list.push(m);
      else byStory.set(m.storyId, [m]);
    }
    return ids.flatMap((id) => {
      const row = rows.get(id);
      return row ? [{ ...row, members: byStory.get(id) ?? [] }] : [];
    });
  }

  loadArticles(ids: number[]): StoredArticle[] {
    if (ids.length === 0) return [];
    const found = new Map(this.withPlaces(this.stmt.articlesById.all(JSON.stringify(ids)) as ArticleRow[]).map((a) => [a.id, a]));
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  /** Rows as stored articles, with their places read in one query. */
  private withPlaces(rows: ArticleRow[]): StoredArticle[] {
    const places = new Map<number, Place[]>();
    const placeRows = this.stmt.placesOfMany.all(JSON.stringify(rows.map((r) => r.id))) as {
      articleId: number;
      country: string;
      score: number;
      evidence: string;
    }[];
    for (const p of placeRows) {
      const place = { code: p.country, score: p.score, evidence: JSON.parse(p.evidence) as string[] };
      const list = places.get(p.articleId);
      if (list) list.push(place);
      else places.set(p.articleId, [place]);
    }
    return rows.map((r) => toStoredArticle(r, places.get(r.id) ?? []));
  }

  queryArticles(query: ArticleQuery): ArticleRef[] {
    return this.topics.queryArticles(query);
  }

  countriesWithArticles(): string[] {
    return this.topics.countriesWithArticles();
  }

  sourceLinks(): SourceLinks[] {
    return this.topics.sourceLinks();
  }

  changesSincePublish(): StoreChanges {
    return this.topics.changesSincePublish();
  }

  markPublished(newestArticleId: number, changes: StoreChanges): void {
    this.topics.markPublished(newestArticleId, changes);
  }

  maxArticleId(): number {
    return this.topics.maxArticleId();
  }

  topicState(topicId: string): TopicState | undefined {
    return this.topics.topicState(topicId);
  }

  saveTopicState(topicId: string, state: TopicState): void {
    this.topics.saveTopicState(topicId, state);
  }

  archivedEntryIds(topicId: string, entryIds: string[]): Set<string> {
    return this.topics.archivedEntryIds(topicId, entryIds);
  }

  appendArchive(topicId: string, entries: EntryRef[], pageSize: number): void {
    this.topics.appendArchive(topicId, entries, pageSize);
  }

  archivePages(topicId: string): ArchivePageInfo[] {
    return this.topics.archivePages(topicId);
  }

  archiveEntries(topicId: string, page: number): EntryRef[] {
    return this.topics.archiveEntries(topicId, page);
  }

  forgetTopicsExcept(topicIds: string[]): void {
    this.topics.forgetTopicsExcept(topicIds);
  }

  lastFinishedCycle(): FinishedCycle | undefined {
    return this.topics.lastFinishedCycle();
  }

  metrics(): MetricsSnapshot {
    return this.topics.metrics();
  }

  beginCycle(startedAt: number): number {
    return Number(this.stmt.beginCycle.run(startedAt).lastInsertRowid);
  }

  finishCycle(id: number, finishedAt: number, totals: CycleTotals): void {
    this.stmt.finishCycle.run({ id, finishedAt, ...totals });
  }

  setPublishedFiles(files: { path: string; topicId: string }[], at: number): void {
    this.db.transaction(() => {
      this.stmt.clearPublished.run();
      for (const f of files) this.stmt.insertPublished.run(f.path, f.topicId, at);
    })();
  }

  pruneBatch(policy: { olderThan: number; maxPerSource: number; keepStories: number[]; batch: number }): number {
    return this.db.transaction(() => {
      const ids = this.stmt.pruneCandidates.all({ ...policy, keepStories: JSON.stringify(policy.keepStories) }) as number[];
      if (ids.length > 0) {
        const json = JSON.stringify(ids);
        const stories = JSON.stringify(this.stmt.storiesOf.all(json));
        this.stmt.deleteArticles.run(json);
        this.stmt.deleteEmptyStories.run(stories);
      }
      this.stmt.deleteOldPolls.run(policy.olderThan);
      return ids.length;
    })();
  }

  stats(): Stats {
    const count = (table: string) => this.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const last = this.stmt.lastCycle.get() as Stats['lastCycle'] | undefined;
    return {
      sources: count('sources'),
      articles: count('articles'),
      stories: count('stories'),
      feeds: this.db.prepare(`SELECT count(DISTINCT topic_id) FROM published_files`).pluck().get() as number,
      ...(last ? { lastCycle: { ...last, finishedAt: last.finishedAt ?? undefined } } : {}),
    };
  }

  close(): void {
    this.db.close();
  }
}

function articleParams(a: Article, identity: ArticleIdentity, bands: readonly number[]) {
  return {
    guid: a.guid ?? null,
    link: a.link ?? null,
    canonicalUrl: identity.canonicalUrl ?? null,
    title: a.title,
    titleKey: identity.titleKey,
    summary: a.summary,
    contentHtml: a.contentHtml ?? null,
    author: a.author ?? null,
    categories: JSON.stringify(a.categories),
    language: a.language ?? null,
    publishedAt: a.publishedAt,
    publishedRaw: a.publishedRaw ?? null,
    updatedAt: a.updatedAt,
    contentHash: identity.contentHash,
    bandKeys: bandsToBlob(bands),
  };
}
