import { createHash } from 'node:crypto';
import type { Config } from '../config/schema.js';
import { silentLogger, type Logger } from '../log.js';
import type { StoredArticle, TopicFeed } from '../model.js';
import {
  notifyHub,
  publishFeeds,
  renderAtom,
  renderJsonFeed,
  renderRss,
  renderTopicPage,
  type HubOptions,
  type PublishContext,
  type PublishReport,
  type PublishTopic,
} from '../publish/index.js';
import type { EntryRef, Store, StoreChanges, TopicState } from '../store/index.js';
import { ARCHIVE_SCAN_LIMIT, archivePages, updateArchive } from './archive.js';
import { articlesStoredAfter, EntryLoader, mergeNewest, newestEntries, priorityOf, publishContext, topicSpecs, type StoredAfter, type TopicSpec } from './topics.js';

export interface PublishTopicsOptions {
  log?: Logger;
  /** WebSub retry and timeout settings (tests shorten them). */
  hub?: Partial<HubOptions>;
}

/** What publishing did, and which stories the topic feeds show now (retention must keep them). */
export interface PublishTopicsReport extends PublishReport {
  shownStoryIds: number[];
}

/**
 * Runs every topic's query (configured and automatic), moves what left each topic's feed to its
 * archive, rewrites the files whose content changed, removes those of topics that are gone, and
 * tells the WebSub hub (if any) which feeds changed. Records what the output dir holds.
 *
 * Only topics that something changed for are queried and rendered: the store logs every write
 * to a stored article, its places or its story (changesSincePublish), and articles stored since
 * the last publish are found by id. A topic whose shown stories, definition and site context
 * are as last published, and that no new or changed article matches, keeps its files.
 */
export async function publishTopics(
  config: Config,
  store: Store,
  now: number,
  options: PublishTopicsOptions = {},
): Promise<PublishTopicsReport> {
  const log = options.log ?? silentLogger;
  const { enabled: archiving, pageSize } = config.output.archive;
  const loader = new EntryLoader(store, priorityOf(config));
  const ctx = publishContext(config, store);
  const site = siteFingerprint(config, ctx);
  const storeChanges = store.changesSincePublish();
  const changes = {
    ...storeChanges,
    changedArticles: new Set(storeChanges.oldArticles.map((a) => a.id)),
    liveArticles: [...new Set(storeChanges.oldArticles.flatMap((a) => (a.live ? [a.id] : [])))],
  };
  const newestId = store.maxArticleId();
  // No article stored since the last publish: no topic has one it has not looked at.
  const noneNew = newestId === storeChanges.markArticleId;
  const specs = topicSpecs(config, store, now);
  const shown: EntryRef[] = [];
  const topics: PublishTopic[] = specs.map((spec) => {
    const fingerprint = topicFingerprint(spec, site);
    // Without an archive no topic state is kept: every topic is queried and rendered.
    const plan: Plan = archiving ? planTopic(spec, fingerprint, changes, store, pageSize, noneNew) : { kind: 'full' };
    const current = plannedEntries(plan, spec, store);
    if (archiving && plan.kind !== 'unchanged') {
      updateArchive(spec, current, store, pageSize, fingerprint, plan.kind === 'merge' ? plan.unseen : undefined);
    }
    shown.push(...current);
    let stories: PublishTopic['stories'] | undefined;
    return {
      id: spec.id,
      title: spec.title,
      description: spec.description,
      path: spec.path,
      group: spec.group,
      // Read only when the topic is rendered: an unchanged topic whose files are on disk is not.
      get stories() {
        return (stories ??= loader.load(current));
      },
      ...(plan.kind === 'unchanged' ? { unchanged: { entries: current.length } } : {}),
      archive: archiving
        ? archivePages(spec.id, store, pageSize).map((page) => ({
            page: page.page,
            sealed: page.sealed,
            stories: () => loader.load(page.entries()),
          }))
        : [],
    };
  });
  store.forgetTopicsExcept(specs.map((s) => s.id));

  const report = await publishFeeds(config.output.dir, topics, ctx);
  store.setPublishedFiles(
    topics.flatMap((t) => ['atom', 'rss', 'json', 'html'].map((ext) => ({ path: `${t.path}.${ext}`, topicId: t.id }))),
    now,
  );
  // Only now: had publishing failed, the next one would still see these changes.
  store.markPublished(newestId, storeChanges);
  if (report.kept.length > 0) {
    log.warn({ files: report.kept }, 'files of removed topics were changed by someone else since Gazette wrote them; left in place');
  }
  const hub = config.websub.hub;
  if (hub !== undefined && report.changedFeeds.length > 0) {
    const pings = await notifyHub(hub, report.changedFeeds, options.hub);
    for (const failed of pings.filter((p) => !p.ok)) {
      log.warn({ hub, feed: failed.feedUrl, attempts: failed.attempts, error: failed.error }, 'WebSub hub was not told about a changed feed');
    }
    log.info({ hub, notified: pings.filter((p) => p.ok).length, failed: pings.filter((p) => !p.ok).length }, 'WebSub hub pinged');
  }
  return { ...report, shownStoryIds: shownStories(shown, store) };
}

/**
 * full: query the topic afresh. merge: only articles were added since the last publish, so the
 * new feed is the old one merged with those that match. unchanged: nothing it shows changed.
 */
type Plan = { kind: 'full' } | { kind: 'merge'; state: TopicState; unseen: StoredAfter } | { kind: 'unchanged'; state: TopicState };

/** The store's changes, with the changed old articles as a set, and those still stored. */
type Changes = StoreChanges & { changedArticles: Set<number>; liveArticles: number[] };

/** Beyond this many edited old articles (a reclassification), every topic is queried afresh. */
const MANY_CHANGES = 10_000;

function planTopic(spec: TopicSpec, fingerprint: string, changes: Changes, store: Store, pageSize: number, noneNew: boolean): Plan {
  const state = store.topicState(spec.id);
  // No state, another definition, or a publish that failed after saving the state.
  const [definition, looks] = fingerprint.split(' ');
  const [stateDefinition, stateLooks] = (state?.fingerprint ?? '').split(' ');
  if (!state || stateDefinition !== definition || state.lastArticleId > changes.markArticleId) return { kind: 'full' };
  const since = spec.query.since;
  if (since !== undefined && state.current.some((e) => e.publishedAt < since)) return { kind: 'full' };
  if (oldArticlesMatter(spec, state.current, changes, store)) return { kind: 'full' };
  // Articles between a skipped topic's lastArticleId and the mark did not match it then, and
  // any that changed since are among changes.oldArticles: with nothing new there is nothing to read.
  const unseen = noneNew ? { articles: [], lastId: state.lastArticleId, complete: true } : articlesStoredAfter(spec, store, state.lastArticleId, ARCHIVE_SCAN_LIMIT);
  if (!unseen.complete) return { kind: 'full' };
  const written = changes.stories.size > 0 || changes.changedArticles.size > 0;
  const newestPage = written ? (archivePages(spec.id, store, pageSize).at(-1)?.entries() ?? []) : [];
  const touched = stateLooks !== looks || (written && [...state.current, ...newestPage].some((e) => shows(e, changes)));
  return unseen.articles.length === 0 && !touched ? { kind: 'unchanged', state } : { kind: 'merge', state, unseen };
}

function plannedEntries(plan: Plan, spec: TopicSpec, store: Store): EntryRef[] {
  if (plan.kind === 'full') return newestEntries(spec, store);
  return plan.kind === 'merge' ? mergeNewest(spec, plan.state.current, plan.unseen.articles) : plan.state.current;
}

/** The entry renders a story or article written since the last publish. */
function shows(entry: EntryRef, changes: Changes): boolean {
  if (entry.storyId !== undefined) return changes.stories.has(entry.storyId);
  return entry.articleId !== undefined && changes.changedArticles.has(entry.articleId);
}

/**
 * An article published before was edited, re-placed or deleted, and it was among the topic's
 * entries or matches the topic now: which entries the topic has may have changed.
 */
function oldArticlesMatter(spec: TopicSpec, current: EntryRef[], changes: Changes, store: Store): boolean {
  if (changes.oldArticles.length === 0) return false;
  const shownStories = new Set(current.flatMap((e) => (e.storyId !== undefined ? [e.storyId] : [])));
  const shownArticles = new Set(current.flatMap((e) => (e.articleId !== undefined ? [e.articleId] : [])));
  if (changes.oldArticles.some((a) => shownStories.has(a.storyId) || shownArticles.has(a.id))) return true;
  // A deleted article (retention) mattered only if shown; one still stored may match now.
  const ids = changes.liveArticles;
  if (ids.length === 0) return false;
  if (ids.length > MANY_CHANGES) return true;
  return store.queryArticles({ ...spec.query, ids, limit: ids.length }).some(spec.matches);
}

const digest = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * Two hashes: which entries the topic has (its query and limit: another one means the query
 * runs afresh), then how they look (its names and the site: another one means rendering again).
 */
function topicFingerprint(spec: TopicSpec, site: string): string {
  const query = JSON.stringify({ ...spec.query, since: undefined });
  const entries = digest(`${spec.id}\n${query}\n${spec.definition}\n${spec.limit}\n${spec.dedupe}`);
  return `${entries} ${digest(`${site}\n${spec.id}\n${spec.title}\n${spec.description}\n${spec.path}\n${spec.group}`)}`;
}

/** Everything besides a topic's own definition that its files are rendered from. */
function siteFingerprint(config: Config, ctx: PublishContext): string {
  return digest(
    JSON.stringify({
      renderers: sampleDocuments(config, ctx),
      baseUrl: ctx.baseUrl,
      siteTitle: ctx.siteTitle,
      hub: ctx.hub,
      regions: config.regions,
      archive: config.output.archive,
      sources: [...ctx.sources.values()],
      priorities: config.sources.map((s) => [s.id, s.priority]),
    }),
  );
}

/**
 * What the renderers make of a sample story: a Gazette version that renders entries or feeds
 * differently renders every topic again instead of keeping files an older one wrote.
 */
function sampleDocuments(config: Config, ctx: PublishContext): string {
  const article: StoredArticle = {
    id: 1,
    storyId: 1,
    identityKey: 'sample',
    sourceId: config.sources[0]?.id ?? 'sample',
    guid: 'sample',
    link: 'https://sample.example/a',
    title: 'Sample & title',
    summary: 'Sample summary',
    contentHtml: '<p>Sample content</p>',
    author: 'Sample author',
    categories: ['sample'],
    language: 'en',
    publishedAt: 1,
    publishedRaw: 'Thu, 01 Jan 1970 00:00:00 GMT',
    updatedAt: 2,
    firstSeenAt: 1,
    places: [{ code: 'FR', score: 1, evidence: ['sample'] }],
  };
  const other = { ...article, id: 2, sourceId: config.sources[1]?.id ?? 'other', link: 'https://sample.example/b' };
  const feed: TopicFeed = {
    id: 'sample',
    title: 'Sample',
    path: 'sample',
    stories: [{ id: 1, entryId: 'urn:uuid:00000000-0000-4000-8000-000000000000', lead: article, others: [other], updatedAt: 2 }],
  };
  return [renderAtom, renderRss, renderJsonFeed].map((render) => render(feed, ctx, { prevArchive: 1 })).join('') + renderTopicPage(feed, ctx, { newestArchivePage: 1 });
}

/** The stories the entries show; an article entry (dedupe off) is its story's too. */
function shownStories(entries: EntryRef[], store: Store): number[] {
  const articleIds = entries.flatMap((e) => (e.articleId !== undefined ? [e.articleId] : []));
  const ids = entries.flatMap((e) => (e.storyId !== undefined ? [e.storyId] : []));
  return [...new Set([...ids, ...store.loadArticles(articleIds).map((a) => a.storyId)])];
}
