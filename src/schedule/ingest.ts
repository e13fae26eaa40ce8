import type { Classifier } from '../classify/index.js';
import {
  BandIndex,
  candidateQuery,
  chooseStory,
  identifyDocument,
  isMovedArticle,
  storyBands,
  storyEntryId,
  storyKeys,
  type DedupePolicy,
  type DocumentIdentities,
} from '../dedupe/index.js';
import type { Article, ArticleIdentity, Place, Source } from '../model.js';
import type { ExistingArticle, Store } from '../store/index.js';

export interface IngestDeps {
  store: Store;
  classifier: Classifier;
  dedupe: DedupePolicy;
  now: () => number;
  /** Where candidates are found by band key: one per cycle (see candidateIndex). */
  bands: BandIndex;
}

/** The band index of one cycle: articles stored before it, loaded as needed; the cycle adds its own. */
export function candidateIndex(store: Store): BandIndex {
  const storedBefore = store.maxArticleId();
  return new BandIndex({ bandsBetween: (from, to) => store.articleBands(from, to, storedBefore) });
}

/** What a reader thread already worked out for each article of a document. */
export interface KnownKeys {
  bands?: readonly number[][];
  places?: readonly Place[][];
}

/** An article's places: what the ingest stores with it. */
export function classifyArticle(classifier: Classifier, article: Article, countryHint: string | undefined): Place[] {
  return classifier.classify({
    title: article.title,
    summary: article.summary,
    categories: article.categories,
    countryHint,
    sourceId: article.sourceId,
  }).countries;
}

/**
 * Dedupes, classifies and writes one source's articles; runs inside the source's transaction.
 * `known`: band keys and places worked out beforehand (by a reader thread), per article.
 */
export function storeArticles(
  source: Source,
  articles: Article[],
  deps: IngestDeps,
  known: KnownKeys = {},
): { newCount: number; updatedCount: number } {
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
    const places = known.places?.[i] ?? classifyArticle(classifier, article, source.country);
    const keys = storyKeys(article, identity);
    const bands = known.bands?.[i] ?? storyBands(keys);
    if (existing) {
      // An edited title or summary is news even when the feed keeps its old updated date.
      const updatedAt = article.updatedAt > existing.updatedAt ? article.updatedAt : deps.now();
      store.updateArticle(existing.id, { ...article, updatedAt }, identity, bands);
      store.replacePlaces(existing.id, places);
      deps.bands.add(existing.id, bands);
      store.touchStory(existing.storyId, article.publishedAt, updatedAt);
      updatedCount++;
      return;
    }
    const firstSeenAt = deps.now();
    const query = candidateQuery(keys, bands, dedupe, deps.bands);
    const joined = chooseStory(keys, store.findStoryCandidates(query), dedupe);
    // Joining changes the story's entry ("also reported by"), so readers must see it as updated.
    if (joined !== undefined) store.touchStory(joined, article.publishedAt, firstSeenAt);
    const storyId =
      joined ?? store.createStory(storyEntryId(source.id, identity.key), article.publishedAt, article.updatedAt);
    const id = store.insertArticle(article, identity, storyId, firstSeenAt, bands);
    store.replacePlaces(id, places);
    deps.bands.add(id, bands);
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
