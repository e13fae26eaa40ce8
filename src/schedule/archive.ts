// RFC 5005 archives: every entry that a topic published and that is no longer in its current
// feed (pushed out by newer ones, or never shown because more than `limit` arrived at once)
// is appended to the topic's newest archive page, from the topic's first run on. Pages fill in order and never lose or
// reorder entries, so a page that is full never changes again.
import type { EntryRef, Store } from '../store/index.js';
import { articlesStoredAfter, entriesOf, newestEntries, type StoredAfter, type TopicSpec } from './topics.js';

/** Articles looked at per topic and cycle for the archive; a larger backlog is taken over the next cycles. */
export const ARCHIVE_SCAN_LIMIT = 20_000;

/** One archive page as the publisher needs it. */
export interface ArchivePageRef {
  page: number;
  /** Full, or followed by a newer page: its file is written once and then left alone. */
  sealed: boolean;
  entries: () => EntryRef[];
}

/** The articles a topic has not looked at yet, for updateArchive(); undefined for a topic's first run. */
export function unseenArticles(spec: TopicSpec, store: Store): StoredAfter | undefined {
  const state = store.topicState(spec.id);
  return state && articlesStoredAfter(spec, store, state.lastArticleId, ARCHIVE_SCAN_LIMIT);
}

/**
 * Moves the entries that left the topic's current feed, or that arrived beyond its limit, to
 * the archive, and remembers the current feed (and what it was rendered from) for the next
 * cycle. `unseen` is unseenArticles() when the caller already has it. Runs in one transaction.
 */
export function updateArchive(
  spec: TopicSpec,
  current: EntryRef[],
  store: Store,
  pageSize: number,
  fingerprint: string,
  unseen = unseenArticles(spec, store),
): void {
  const state = store.topicState(spec.id);
  const newestId = store.maxArticleId();
  // A topic's first run seeds its archive with one page of the entries just older than its
  // feed; the history before that was never published by this topic and is not rendered.
  const fresh =
    state && unseen
      ? { entries: entriesOf(spec, unseen.articles), lastId: unseen.lastId, complete: unseen.complete }
      : { entries: newestEntries({ ...spec, limit: spec.limit + pageSize }, store), lastId: newestId, complete: true };
  const inCurrent = new Set(current.map((e) => e.entryId));
  const candidates = new Map<string, EntryRef>();
  for (const entry of [...(state?.current ?? []), ...fresh.entries]) {
    if (!inCurrent.has(entry.entryId) && !candidates.has(entry.entryId)) candidates.set(entry.entryId, entry);
  }
  const archived = store.archivedEntryIds(spec.id, [...candidates.keys()]);
  const leaving = [...candidates.values()]
    .filter((e) => !archived.has(e.entryId))
    .sort((a, b) => a.publishedAt - b.publishedAt || (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0));
  store.transaction(() => {
    store.appendArchive(spec.id, leaving, pageSize);
    // A finished scan saw every article up to newestId, matching or not: the next one starts after it.
    store.saveTopicState(spec.id, { lastArticleId: fresh.complete ? newestId : fresh.lastId, current, fingerprint });
  });
}

/** The topic's archive pages, oldest first. */
export function archivePages(topicId: string, store: Store, pageSize: number): ArchivePageRef[] {
  const pages = store.archivePages(topicId);
  const newest = pages.at(-1)?.page ?? 0;
  return pages.map(({ page, entries }) => ({
    page,
    sealed: page < newest || entries >= pageSize,
    entries: () => store.archiveEntries(topicId, page),
  }));
}
