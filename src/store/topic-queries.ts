// SQL of topic publishing: article queries, per-topic archive bookkeeping and the /metrics figures.
import type Database from 'better-sqlite3';
import type { PollOutcome } from './types.js';
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

const LANGUAGE = `lower(replace(a.language, '_', '-'))`;

interface EntryRow {
  entry_id: string;
  story_id: number | null;
  article_id: number | null;
  published_at: number;
}

const toEntryRef = (r: EntryRow): EntryRef => ({
  entryId: r.entry_id,
  ...(r.story_id !== null ? { storyId: r.story_id } : {}),
  ...(r.article_id !== null ? { articleId: r.article_id } : {}),
  publishedAt: r.published_at,
});

export class TopicQueries {
  /** Article queries differ only in which filters are present: one prepared statement per shape. */
  private readonly byShape = new Map<string, Database.Statement>();
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      // One index probe per country (a skip scan) instead of reading every place row.
      countries: db
        .prepare(`
          WITH RECURSIVE c(country) AS (
            SELECT min(country) FROM article_places
            UNION ALL SELECT (SELECT min(country) FROM article_places WHERE country > c.country) FROM c WHERE c.country IS NOT NULL)
          SELECT country FROM c WHERE country IS NOT NULL`)
        .pluck(),
      maxArticleId: db.prepare(`SELECT coalesce(max(id), 0) FROM articles`).pluck(),
      topicState: db.prepare(`SELECT last_article_id AS lastArticleId, current, fingerprint FROM topic_state WHERE topic_id = ?`),
      saveTopicState: db.prepare(`
        INSERT INTO topic_state (topic_id, last_article_id, current, fingerprint) VALUES (?, ?, ?, ?)
        ON CONFLICT(topic_id) DO UPDATE SET last_article_id = excluded.last_article_id, current = excluded.current,
          fingerprint = excluded.fingerprint`),
      sourceLinks: db.prepare(`SELECT id, feed_title AS feedTitle, current_url AS currentUrl, site_url AS siteUrl FROM sources ORDER BY id`),
      mark: db.prepare(`SELECT article_id AS articleId, change_seq AS seq FROM publish_mark WHERE id = 1`),
      lastChange: db.prepare(`SELECT coalesce(max(seq), 0) FROM story_changes`).pluck(),
      changes: db.prepare(`
        SELECT c.story_id AS storyId, c.article_id AS articleId, a.id IS NOT NULL AS live
        FROM story_changes c LEFT JOIN articles a ON a.id = c.article_id WHERE c.seq > ? AND c.seq <= ?`),
      setMark: db.prepare(`UPDATE publish_mark SET article_id = ?, change_seq = max(change_seq, ?) WHERE id = 1`),
      dropChanges: db.prepare(`DELETE FROM story_changes WHERE seq <= ?`),
      isArchived: db.prepare(`SELECT 1 FROM topic_archive WHERE topic_id = ? AND entry_id = ?`).pluck(),
      newestPage: db.prepare(`
        SELECT page, count(*) AS entries, max(position) AS lastPosition FROM topic_archive
        WHERE topic_id = ? GROUP BY page ORDER BY page DESC LIMIT 1`),
      insertArchived: db.prepare(`
        INSERT OR IGNORE INTO topic_archive (topic_id, page, position, entry_id, story_id, article_id, published_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`),
      pages: db.prepare(`SELECT page, count(*) AS entries FROM topic_archive WHERE topic_id = ? GROUP BY page ORDER BY page`),
      pageEntries: db.prepare(`
        SELECT entry_id, story_id, article_id, published_at FROM topic_archive
        WHERE topic_id = ? AND page = ? ORDER BY position`),
      topicIds: db.prepare(`SELECT topic_id FROM topic_state UNION SELECT topic_id FROM topic_archive`).pluck(),
      forgetState: db.prepare(`DELETE FROM topic_state WHERE topic_id = ?`),
      forgetArchive: db.prepare(`DELETE FROM topic_archive WHERE topic_id = ?`),
      lastFinishedCycle: db.prepare(`
        SELECT started_at AS startedAt, finished_at AS finishedAt, sources_ok AS sourcesOk, sources_failed AS sourcesFailed,
               new_count AS newCount, updated_count AS updatedCount, feeds_written AS feedsWritten
        FROM cycles WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1`),
      totals: db.prepare(`
        SELECT (SELECT count(*) FROM cycles WHERE finished_at IS NOT NULL) AS cyclesFinished,
               (SELECT count(*) FROM sources) AS sources,
               (SELECT count(*) FROM articles) AS articles,
               (SELECT count(*) FROM stories) AS stories,
               (SELECT coalesce(sum(bytes), 0) FROM polls) AS fetchBytes`),
      pollsByOutcome: db.prepare(`SELECT outcome, count(*) AS count FROM polls GROUP BY outcome ORDER BY outcome`),
      perSource: db.prepare(`
        SELECT s.id, s.consecutive_failures AS consecutiveFailures, s.last_success_at AS lastSuccessAt,
               (SELECT count(*) FROM polls p WHERE p.source_id = s.id AND p.outcome = 'failed') AS failedPolls,
               (SELECT count(*) FROM articles a WHERE a.source_id = s.id) AS articles
        FROM sources s ORDER BY s.id`),
    };
  }

  queryArticles(q: ArticleQuery): ArticleRef[] {
    if (q.countries?.length === 0 || q.sources?.length === 0 || q.languages?.length === 0 || q.ids?.length === 0) return [];
    const where: string[] = [];
    const params: (string | number)[] = [];
    const list = (values: string[]) => values.map(() => '?').join(',');
    if (q.countries && q.afterId === undefined && q.ids === undefined && this.isCommon(q.countries, q.limit)) {
      // Newest first through the publication index, each article's places probed: the articles
      // about these countries are many, so `limit` of them come within a short stretch.
      where.push(`EXISTS (SELECT 1 FROM article_places p WHERE p.article_id = a.id AND p.country IN (${list(q.countries)}))`);
      params.push(...q.countries);
    } else if (q.countries) {
      // The id bound inside too: the place index then reads only the newer rows of each country.
      const newer = q.afterId !== undefined ? ' AND article_id > ?' : '';
      where.push(`a.id IN (SELECT article_id FROM article_places WHERE country IN (${list(q.countries)})${newer})`);
      params.push(...q.countries, ...(q.afterId !== undefined ? [q.afterId] : []));
    }
    if (q.ids) {
      where.push(`a.id IN (SELECT value FROM json_each(?))`);
      params.push(JSON.stringify(q.ids));
    }
    if (q.sources) {
      where.push(`a.source_id IN (${list(q.sources)})`);
      params.push(...q.sources);
    }
    if (q.languages) {
      where.push(`(${q.languages.map(() => `${LANGUAGE} = ? OR ${LANGUAGE} LIKE ?`).join(' OR ')})`);
      params.push(...q.languages.flatMap((tag) => [tag, `${tag}-%`]));
    }
    if (q.since !== undefined) {
      where.push('a.published_at >= ?');
      params.push(q.since);
    }
    if (q.afterId !== undefined) {
      where.push('a.id > ?');
      params.push(q.afterId);
    }
    if (q.before) {
      where.push('(a.published_at, a.id) < (?, ?)');
      params.push(q.before.publishedAt, q.before.id);
    }
    const sql = `
      SELECT a.id, a.story_id AS storyId, s.entry_id AS storyEntryId, a.source_id AS sourceId,
             a.identity_key AS identityKey, a.title, a.summary, a.published_at AS publishedAt
      FROM articles a JOIN stories s ON s.id = a.story_id ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${q.afterId !== undefined ? 'a.id' : 'a.published_at DESC, a.id DESC'} LIMIT ?`;
    return this.prepared(sql).all(...params, q.limit) as ArticleRef[];
  }

  /**
   * Whether a newest-first scan finds `limit` articles about these countries sooner than
   * reading all of theirs and sorting them: with n of N articles about them, the scan reads
   * about limit·N/n rows, the sort n rows.
   */
  private isCommon(countries: string[], limit: number): boolean {
    const n = this.prepared(`SELECT count(*) FROM article_places WHERE country IN (${countries.map(() => '?').join(',')})`)
      .pluck()
      .get(...countries) as number;
    return n * n > limit * this.maxArticleId();
  }

  private prepared(sql: string): Database.Statement {
    let stmt = this.byShape.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.byShape.set(sql, stmt);
    }
    return stmt;
  }

  countriesWithArticles(): string[] {
    return this.stmt.countries.all() as string[];
  }

  maxArticleId(): number {
    return this.stmt.maxArticleId.get() as number;
  }

  topicState(topicId: string): TopicState | undefined {
    const row = this.stmt.topicState.get(topicId) as { lastArticleId: number; current: string; fingerprint: string } | undefined;
    return row && { lastArticleId: row.lastArticleId, current: JSON.parse(row.current) as EntryRef[], fingerprint: row.fingerprint };
  }

  saveTopicState(topicId: string, state: TopicState): void {
    this.stmt.saveTopicState.run(topicId, state.lastArticleId, JSON.stringify(state.current), state.fingerprint);
  }

  sourceLinks(): SourceLinks[] {
    const rows = this.stmt.sourceLinks.all() as { id: string; feedTitle: string | null; currentUrl: string | null; siteUrl: string | null }[];
    return rows.map((r) => ({
      id: r.id,
      ...(r.feedTitle !== null ? { feedTitle: r.feedTitle } : {}),
      ...(r.currentUrl !== null ? { currentUrl: r.currentUrl } : {}),
      ...(r.siteUrl !== null ? { siteUrl: r.siteUrl } : {}),
    }));
  }

  changesSincePublish(): StoreChanges {
    const mark = this.stmt.mark.get() as { articleId: number; seq: number };
    const seq = this.stmt.lastChange.get() as number;
    const stories = new Set<number>();
    const oldArticles: StoreChanges['oldArticles'] = [];
    for (const row of this.stmt.changes.iterate(mark.seq, seq) as Iterable<{ storyId: number; articleId: number | null; live: number }>) {
      stories.add(row.storyId);
      if (row.articleId !== null && row.articleId <= mark.articleId) {
        oldArticles.push({ id: row.articleId, storyId: row.storyId, live: row.live === 1 });
      }
    }
    return { markArticleId: mark.articleId, seq, stories, oldArticles };
  }

  markPublished(newestArticleId: number, changes: StoreChanges): void {
    this.db.transaction(() => {
      this.stmt.setMark.run(newestArticleId, changes.seq);
      this.stmt.dropChanges.run(changes.seq);
    })();
  }

  archivedEntryIds(topicId: string, entryIds: string[]): Set<string> {
    return new Set(entryIds.filter((id) => this.stmt.isArchived.get(topicId, id) !== undefined));
  }

  appendArchive(topicId: string, entries: EntryRef[], pageSize: number): void {
    const newest = this.stmt.newestPage.get(topicId) as { page: number; entries: number; lastPosition: number } | undefined;
    let page = newest?.page ?? 1;
    let count = newest?.entries ?? 0;
    let position = (newest?.lastPosition ?? -1) + 1;
    this.db.transaction(() => {
      for (const e of entries) {
        if (count >= pageSize) {
          page += 1;
          count = 0;
          position = 0;
        }
        const { changes } = this.stmt.insertArchived.run(
          topicId, page, position, e.entryId, e.storyId ?? null, e.articleId ?? null, e.publishedAt,
        );
        if (changes === 0) continue;
        count += 1;
        position += 1;
      }
    })();
  }

  archivePages(topicId: string): ArchivePageInfo[] {
    return this.stmt.pages.all(topicId) as ArchivePageInfo[];
  }

  archiveEntries(topicId: string, page: number): EntryRef[] {
    return (this.stmt.pageEntries.all(topicId, page) as EntryRow[]).map(toEntryRef);
  }

  forgetTopicsExcept(topicIds: string[]): void {
    const keep = new Set(topicIds);
    this.db.transaction(() => {
      for (const id of this.stmt.topicIds.all() as string[]) {
        if (keep.has(id)) continue;
        this.stmt.forgetState.run(id);
        this.stmt.forgetArchive.run(id);
      }
    })();
  }

  lastFinishedCycle(): FinishedCycle | undefined {
    return this.stmt.lastFinishedCycle.get() as FinishedCycle | undefined;
  }

  metrics(): MetricsSnapshot {
    const last = this.lastFinishedCycle();
    const totals = this.stmt.totals.get() as Omit<MetricsSnapshot, 'lastFinishedCycle' | 'polls' | 'perSource'>;
    const perSource = (
      this.stmt.perSource.all() as { id: string; consecutiveFailures: number; lastSuccessAt: number | null; failedPolls: number; articles: number }[]
    ).map(({ lastSuccessAt, ...rest }) => ({ ...rest, ...(lastSuccessAt !== null ? { lastSuccessAt } : {}) }));
    return {
      ...(last ? { lastFinishedCycle: last } : {}),
      ...totals,
      polls: this.stmt.pollsByOutcome.all() as { outcome: PollOutcome; count: number }[],
      perSource,
    };
  }
}
