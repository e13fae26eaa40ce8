import type { Classifier } from '../classify/index.js';
import {
  candidateQuery,
  chooseStory,
  identifyDocument,
  isMovedArticle,
  storyEntryId,
  storyKeys,
  type DedupePolicy,
  type DocumentIdentities,
} from '../dedupe/index.js';
import type { Article, ArticleIdentity, Source } from '../model.js';
import type { ExistingArticle, Store } from '../store/index.js';

export interface IngestDeps {
  store: Store;
  classifier: Classifier;
  dedupe: DedupePolicy;
  now: () => number;
}

/** Dedupes, classifies and writes one source's articles; runs inside the source's transaction. */
export function storeArticles(source: Source, articles: Article[], deps: IngestDeps): { newCount: number; updatedCount: number } {
  const { store, classifier, dedupe } = deps;
  let newCount = 0;
  let updatedCount = 0;
  const doc = identifyDocument(articles, dedupe.isTracking);
  const done = new Set<string>();
  articles.forEach((article, i) => {
    const identity = doc.identities[i]!;
    // A feed that lists one item twice must not count it twice.
    if (done.has(identity.key)) return;
    done.add(identity.key);
    const existing = storedVersion(store, source.id, identity, doc);
    if (existing?.contentHash === identity.contentHash) return;
    const places = classifier.classify({
      title: article.title,
      summary: article.summary,
      categories: article.categories,
      countryHint: source.country,
      sourceId: source.id,
    }).countries;
    const keys = storyKeys(article, identity);
    if (existing) {
      // An edited title or summary is news even when the feed keeps its old updated date.
      const updatedAt = article.updatedAt > existing.updatedAt ? article.updatedAt : deps.now();
      store.updateArticle(existing.id, { ...article, updatedAt }, identity);
      store.replacePlaces(existing.id, places);
      store.replaceStoryBands(existing.id, candidateQuery(article, keys, dedupe).bands, article.publishedAt);
      store.touchStory(existing.storyId, article.publishedAt, updatedAt);
      updatedCount++;
      return;
    }
    const firstSeenAt = deps.now();
    const query = candidateQuery(article, keys, dedupe);
    const joined = chooseStory(keys, store.findStoryCandidates(query), dedupe);
    // Joining changes the story's entry ("also reported by"), so readers must see it as updated.
    if (joined !== undefined) store.touchStory(joined, article.publishedAt, firstSeenAt);
    const storyId =
      joined ?? store.createStory(storyEntryId(source.id, identity.key), article.publishedAt, article.updatedAt);
    const id = store.insertArticle(article, identity, storyId, firstSeenAt);
    store.replacePlaces(id, places);
    store.replaceStoryBands(id, query.bands, article.publishedAt);
    newCount++;
  });
  return { newCount, updatedCount };
}

/** The stored article this one is: same key, or same canonical link under a new guid. */
function storedVersion(store: Store, sourceId: string, identity: ArticleIdentity, doc: DocumentIdentities): ExistingArticle | undefined {
  const found = store.findArticle(sourceId, identity);
  if (found === undefined || found.identityKey === identity.key) return found;
  return isMovedArticle(identity, found.identityKey, doc) ? found : undefined;
}
