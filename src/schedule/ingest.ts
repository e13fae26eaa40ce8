import type { Classifier } from '../classify/index.js';
import { chooseStory, DEFAULT_STORY_WINDOW_MS, identify, storyEntryId, type ParamFilter } from '../dedupe/index.js';
import type { Article, Source } from '../model.js';
import type { Store } from '../store/index.js';

export interface IngestDeps {
  store: Store;
  classifier: Classifier;
  isTracking: ParamFilter;
  now: () => number;
}

/** Dedupes, classifies and writes one source's articles; runs inside the source's transaction. */
export function storeArticles(source: Source, articles: Article[], deps: IngestDeps): { newCount: number; updatedCount: number } {
  const { store, classifier } = deps;
  let newCount = 0;
  let updatedCount = 0;
  const seenKeys = new Set<string>();
  for (const article of articles) {
    const identity = identify(article, deps.isTracking);
    // A feed that lists one item twice must not count it twice.
    if (seenKeys.has(identity.key)) continue;
    seenKeys.add(identity.key);
    const existing = store.findArticle(source.id, identity);
    if (existing?.contentHash === identity.contentHash) continue;
    const places = classifier.classify({
      title: article.title,
      summary: article.summary,
      categories: article.categories,
      countryHint: source.country,
    }).countries;
    if (existing) {
      store.updateArticle(existing.id, article, identity);
      store.replacePlaces(existing.id, places);
      store.touchStory(existing.storyId, article.publishedAt, deps.now());
      updatedCount++;
      continue;
    }
    const firstSeenAt = deps.now();
    const candidates = store.findStoryCandidates(identity, source.id, article.publishedAt - DEFAULT_STORY_WINDOW_MS);
    const joined = chooseStory(identity, article.publishedAt, candidates);
    // Joining changes the story's entry ("also reported by"), so readers must see it as updated.
    if (joined !== undefined) store.touchStory(joined, article.publishedAt, firstSeenAt);
    const storyId =
      joined ?? store.createStory(storyEntryId(source.id, identity.key), article.publishedAt, article.updatedAt);
    const id = store.insertArticle(article, identity, storyId, firstSeenAt);
    store.replacePlaces(id, places);
    newCount++;
  }
  return { newCount, updatedCount };
}
