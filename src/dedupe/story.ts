import type { ArticleIdentity, Story } from '../model.js';
import type { StoredStory, StoryCandidate } from '../store/index.js';

export const DEFAULT_STORY_WINDOW_MS = 3 * 24 * 3600 * 1000;

/** Titles this short ("Live updates", "Letters") name a column, not an event. */
const MIN_TITLE_WORDS = 4;

/**
 * Which stored story an incoming article of another source joins: the same
 * canonical URL, else the same normalised title published within the window.
 */
export function chooseStory(
  identity: ArticleIdentity,
  publishedAt: number,
  candidates: StoryCandidate[],
  windowMs = DEFAULT_STORY_WINDOW_MS,
): number | undefined {
  const sameUrl = identity.canonicalUrl
    ? candidates.find((c) => c.canonicalUrl === identity.canonicalUrl)
    : undefined;
  if (sameUrl) return sameUrl.storyId;
  if (identity.titleKey.split(' ').length < MIN_TITLE_WORDS) return undefined;
  const sameTitle = candidates
    .filter((c) => c.titleKey === identity.titleKey && Math.abs(c.publishedAt - publishedAt) <= windowMs)
    .sort((a, b) => a.publishedAt - b.publishedAt);
  return sameTitle[0]?.storyId;
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
