import type { Config } from '../config/schema.js';
import { publishFeeds, type PublishReport } from '../publish/index.js';
import type { Store } from '../store/index.js';
import { buildTopicFeeds, publishContext } from './topics.js';

/** Runs every topic's query and rewrites the feeds whose content changed; records what the output dir holds. */
export async function publishTopics(config: Config, store: Store, now: number): Promise<PublishReport> {
  const feeds = buildTopicFeeds(config, store);
  const published = await publishFeeds(config.output.dir, feeds, publishContext(config, store));
  store.setPublishedFiles(
    feeds.flatMap((f) => ['atom', 'rss', 'json'].map((ext) => ({ path: `${f.path}.${ext}`, topicId: f.id }))),
    now,
  );
  return published;
}
