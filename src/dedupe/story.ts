import type { Article, ArticleIdentity, Story } from '../model.js';
import type { StoredStory, StoryCandidate, StoryCandidateQuery } from '../store/index.js';
import type { BandIndex } from './band-index.js';
import { bandKeysOf } from './minhash.js';
import type { DedupePolicy } from './policy.js';
import { containment, jaccard, shinglesOf, storyText, words } from './text.js';

/** Titles this short ("Live updates", "Letters") name a column, not an event. */
const MIN_TITLE_WORDS = 4;
/** Below this many bigrams a short text is found inside a longer one by chance. */
const MIN_CONTAINED_SHINGLES = 12;

/** What decides whether two articles report the same story. */
export interface StoryKeys {
  sourceId: string;
  canonicalUrl?: string;
  titleKey: string;
  publishedAt: number;
  /** The words of title + summary (tokenised once for both the shingles and the band keys). */
  readonly words: string[];
  /** Word-bigram hashes of title + summary. */
  readonly shingles: Set<number>;
}

/**
 * The keys of an article. Words and shingles are worked out when first read:
 * most articles are decided by their link, their title or their band keys
 * alone, and only the few with candidates compare texts.
 */
export function storyKeys(
  article: Pick<Article, 'sourceId' | 'title' | 'summary' | 'publishedAt'>,
  identity: Pick<ArticleIdentity, 'canonicalUrl' | 'titleKey'>,
): StoryKeys {
  let textWords: string[] | undefined;
  let textShingles: Set<number> | undefined;
  return {
    sourceId: article.sourceId,
    canonicalUrl: identity.canonicalUrl,
    titleKey: identity.titleKey,
    publishedAt: article.publishedAt,
    get words() {
      return (textWords ??= words(storyText(article.title, article.summary)));
    },
    get shingles() {
      return (textShingles ??= shinglesOf(this.words));
    },
  };
}

/** The LSH band keys of an article's title and summary (what storyBands gives for its keys). */
export const articleBands = (article: Pick<Article, 'title' | 'summary'>): number[] =>
  bandKeysOf(words(storyText(article.title, article.summary)));

export interface StoryMatch {
  /** Same canonical link; same normalised title within the window; near-duplicate text within the window. */
  reason: 'url' | 'title' | 'text';
  /** Jaccard similarity of the texts (1 for a link or title match). */
  similarity: number;
}

const longTitle = (titleKey: string) => titleKey.split(' ').length >= MIN_TITLE_WORDS;

/**
 * The "same story" decision for two articles of different sources. Articles of
 * one source are never one story: telling them apart is the identity's job.
 */
export function sameStory(a: StoryKeys, b: StoryKeys, policy: DedupePolicy): StoryMatch | undefined {
  if (a.sourceId === b.sourceId || policy.neverMerge(a.sourceId, b.sourceId)) return undefined;
  if (a.canonicalUrl !== undefined && a.canonicalUrl === b.canonicalUrl) return { reason: 'url', similarity: 1 };
  if (Math.abs(a.publishedAt - b.publishedAt) > policy.windowMs) return undefined;
  if (a.titleKey === b.titleKey && longTitle(a.titleKey)) return { reason: 'title', similarity: 1 };
  const similarity = jaccard(a.shingles, b.shingles);
  if (similarity >= policy.similarity) return { reason: 'text', similarity };
  const contained =
    Math.min(a.shingles.size, b.shingles.size) >= MIN_CONTAINED_SHINGLES &&
    containment(a.shingles, b.shingles) >= policy.containment;
  return contained ? { reason: 'text', similarity } : undefined;
}

/** The LSH band keys an article is found by: computed once, looked up now and stored for later cycles. */
export const storyBands = (keys: StoryKeys): number[] => bandKeysOf(keys.words);

/** What the store is asked for: every stored article that could pass sameStory, and hardly any more. */
export function candidateQuery(keys: StoryKeys, bands: readonly number[], policy: DedupePolicy, index: BandIndex): StoryCandidateQuery {
  const from = keys.publishedAt - policy.windowMs;
  const to = keys.publishedAt + policy.windowMs;
  return {
    canonicalUrl: keys.canonicalUrl,
    titleKey: longTitle(keys.titleKey) ? keys.titleKey : undefined,
    articleIds: index.candidates(bands, from, to),
    excludeSourceId: keys.sourceId,
    from,
    to,
  };
}

const STRENGTH = { url: 3, title: 2, text: 1 } as const;

interface Ranked {
  storyId: number;
  match: StoryMatch;
  publishedAt: number;
}

/** A stronger reason, then a more similar text, then the older article. */
const outranks = (a: Ranked, b: Ranked) =>
  (STRENGTH[a.match.reason] - STRENGTH[b.match.reason] ||
    a.match.similarity - b.match.similarity ||
    b.publishedAt - a.publishedAt ||
    b.storyId - a.storyId) > 0;

/**
 * The stored story an incoming article joins, if any: the best match among the
 * candidates, skipping stories that already hold an article of the incoming
 * source or of a source it must never be merged with.
 */
export function chooseStory(keys: StoryKeys, candidates: StoryCandidate[], policy: DedupePolicy): number | undefined {
  let best: Ranked | undefined;
  for (const c of candidates) {
    if (c.storySources.some((s) => s === keys.sourceId || policy.neverMerge(s, keys.sourceId))) continue;
    const match = sameStory(keys, storyKeys(c, c), policy);
    if (match === undefined) continue;
    const ranked = { storyId: c.storyId, match, publishedAt: c.publishedAt };
    if (best === undefined || outranks(ranked, best)) best = ranked;
  }
  return best?.storyId;
}

/** The lead is the article of the highest-priority source, then the earliest seen. */
export function toStory(stored: StoredStory, priorityOf: (sourceId: string) => number): Story {
  const ranked = [...stored.members].sort(
    (a, b) => priorityOf(b.sourceId) - priorityOf(a.sourceId) || a.firstSeenAt - b.firstSeenAt || a.id - b.id,
  );
  const [lead, ...others] = ranked;
  if (!lead) throw new Error(`story ${stored.id} has no articles`);
  return { id: stored.id, entryId: stored.entryId, lead, others, updatedAt: stored.updatedAt };
}
