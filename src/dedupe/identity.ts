import { createHash } from 'node:crypto';
import type { Article, ArticleIdentity } from '../model.js';
import { canonicalUrl, trackingParamFilter, type ParamFilter } from './canonical-url.js';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

/** Lower-case words only: titles that differ in case, quotes or punctuation compare equal. */
export function titleKey(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function identify(article: Article, isTracking: ParamFilter = trackingParamFilter()): ArticleIdentity {
  const canonical = article.link ? canonicalUrl(article.link, isTracking) : undefined;
  const tKey = titleKey(article.title);
  const key = article.guid
    ? `guid:${article.guid}`
    : canonical
      ? `url:${canonical}`
      : // The raw date string, not publishedAt: an undated item gets a new first-seen time every poll.
        `title:${sha1(`${tKey}\n${article.publishedRaw ?? ''}`)}`;
  const contentHash = sha1(JSON.stringify([article.title, article.summary, article.contentHtml ?? '', article.link ?? '']));
  return { key, canonicalUrl: canonical, titleKey: tKey, contentHash };
}

/** A stable entry id for a story, derived from its first article: never changes as members join. */
export function storyEntryId(sourceId: string, identityKey: string): string {
  const h = sha1(`${sourceId}\n${identityKey}`);
  // RFC 4122 layout, version 5 (name-based, SHA-1) and variant bits set.
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
