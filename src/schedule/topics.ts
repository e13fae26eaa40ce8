import { countriesMatching, countryInfo } from '../classify/index.js';
import type { Config } from '../config/schema.js';
import { toStory } from '../dedupe/index.js';
import type { SourceInfo, TopicFeed } from '../model.js';
import type { PublishContext } from '../publish/index.js';
import type { Store } from '../store/index.js';

/** Runs every configured topic's query against the store. */
export function buildTopicFeeds(config: Config, store: Store): TopicFeed[] {
  const priority = new Map(config.sources.map((s) => [s.id, s.priority]));
  const priorityOf = (id: string) => priority.get(id) ?? 0;
  return config.topics.map((topic) => {
    const byPlace =
      topic.countries.length + topic.subregions.length + topic.continents.length + topic.regions.length > 0;
    const stored = store.queryStories({
      countries: byPlace ? [...countriesMatching(topic, config.regions)] : undefined,
      sources: topic.sources.length > 0 ? topic.sources : undefined,
      limit: topic.limit ?? config.output.limit,
    });
    return {
      id: topic.id,
      title: topic.title,
      description: topic.description,
      path: topic.id,
      stories: stored.map((s) => toStory(s, priorityOf)),
    };
  });
}

export function publishContext(config: Config, store: Store): PublishContext {
  const states = new Map(store.sourceStates().map((s) => [s.id, s]));
  const sources = new Map<string, SourceInfo>(
    config.sources.map((s) => {
      const state = states.get(s.id);
      return [s.id, { id: s.id, title: s.title ?? state?.feedTitle ?? s.id, url: state?.currentUrl ?? s.url, siteUrl: state?.siteUrl }];
    }),
  );
  return {
    baseUrl: config.output.baseUrl,
    siteTitle: config.output.title,
    sources,
    placeNames: (code) => countryInfo(code),
  };
}
