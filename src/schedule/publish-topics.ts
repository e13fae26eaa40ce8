import type { Config } from '../config/schema.js';
import { silentLogger, type Logger } from '../log.js';
import { notifyHub, publishFeeds, type HubOptions, type PublishReport, type PublishTopic } from '../publish/index.js';
import type { Store } from '../store/index.js';
import { archivePages, updateArchive } from './archive.js';
import { loadEntries, newestEntries, priorityOf, publishContext, topicSpecs } from './topics.js';

export interface PublishTopicsOptions {
  log?: Logger;
  /** WebSub retry and timeout settings (tests shorten them). */
  hub?: Partial<HubOptions>;
}

/**
 * Runs every topic's query (configured and automatic), moves what left each topic's feed to its
 * archive, rewrites the files whose content changed, removes those of topics that are gone, and
 * tells the WebSub hub (if any) which feeds changed. Records what the output dir holds.
 */
/** What publishing did, and which stories the topic feeds show now (retention must keep them). */
export interface PublishTopicsReport extends PublishReport {
  shownStoryIds: number[];
}

export async function publishTopics(
  config: Config,
  store: Store,
  now: number,
  options: PublishTopicsOptions = {},
): Promise<PublishTopicsReport> {
  const log = options.log ?? silentLogger;
  const { enabled: archiving, pageSize } = config.output.archive;
  const priority = priorityOf(config);
  const specs = topicSpecs(config, store, now);
  const topics: PublishTopic[] = specs.map((spec) => {
    const current = newestEntries(spec, store);
    if (archiving) updateArchive(spec, current, store, pageSize);
    return {
      id: spec.id,
      title: spec.title,
      description: spec.description,
      path: spec.path,
      group: spec.group,
      stories: loadEntries(current, store, priority),
      archive: archiving
        ? archivePages(spec.id, store, pageSize).map((page) => ({
            page: page.page,
            sealed: page.sealed,
            stories: () => loadEntries(page.entries(), store, priority),
          }))
        : [],
    };
  });
  store.forgetTopicsExcept(specs.map((s) => s.id));

  const report = await publishFeeds(config.output.dir, topics, publishContext(config, store));
  store.setPublishedFiles(
    topics.flatMap((t) => ['atom', 'rss', 'json', 'html'].map((ext) => ({ path: `${t.path}.${ext}`, topicId: t.id }))),
    now,
  );
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
  // An article entry (dedupe off) is its story's too: its lead carries the story id either way.
  const shownStoryIds = [...new Set(topics.flatMap((t) => t.stories.map((s) => s.lead.storyId)))];
  return { ...report, shownStoryIds };
}
