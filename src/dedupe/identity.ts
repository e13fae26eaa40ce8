import { createHash } from 'node:crypto';
import type { Article, ArticleIdentity } from '../model.js';
import { canonicalUrl, trackingParamFilter, type ParamFilter } from './canonical-url.js';
import { titleKey } from './text.js';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

function identityOf(article: Article, canonical: string | undefined, use: { guid: boolean; link: boolean }): ArticleIdentity {
  const tKey = titleKey(article.title);
  const key =
    article.guid && use.guid
      ? `guid:${article.guid}`
      : canonical && use.link
        ? `url:${canonical}`
        : // The raw date string, not publishedAt: an undated item gets a new first-seen time every poll.
          `title:${sha1(`${tKey}\n${article.publishedRaw ?? ''}`)}`;
  // The canonical link: a feed that rotates tracking parameters has not edited its article.
  const contentHash = sha1(JSON.stringify([article.title, article.summary, article.contentHtml ?? '', canonical ?? article.link ?? '']));
  return { key, canonicalUrl: canonical, titleKey: tKey, contentHash };
}

const canonicalOf = (article: Article, isTracking: ParamFilter) =>
  article.link ? canonicalUrl(article.link, isTracking) : undefined;

/** The identity of one article on its own: guid, else canonical link, else title + raw date. */
export function identify(article: Article, isTracking: ParamFilter = trackingParamFilter()): ArticleIdentity {
  return identityOf(article, canonicalOf(article, isTracking), { guid: true, link: true });
}

/** The identities of one document's articles, with what the document as a whole says about them. */
export interface DocumentIdentities {
  identities: ArticleIdentity[];
  keys: Set<string>;
  /** Canonical links that several items of the document share. */
  sharedLinks: Set<string>;
}

/**
 * Identifies every article of one document. A guid or link that several items
 * share identifies none of them (feeds that give a whole day of posts one guid,
 * or every item the page's URL), so those items fall back to the next rule
 * instead of collapsing into one article.
 */
export function identifyDocument(articles: Article[], isTracking: ParamFilter = trackingParamFilter()): DocumentIdentities {
  const canonicals = articles.map((a) => canonicalOf(a, isTracking));
  const guids = repeated(articles.map((a) => a.guid));
  const sharedLinks = repeated(canonicals);
  const identities = articles.map((article, i) => {
    const canonical = canonicals[i];
    return identityOf(article, canonical, {
      guid: article.guid !== undefined && !guids.has(article.guid),
      link: canonical !== undefined && !sharedLinks.has(canonical),
    });
  });
  return { identities, keys: new Set(identities.map((i) => i.key)), sharedLinks };
}

function repeated(values: (string | undefined)[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const v of values) {
    if (v === undefined) continue;
    if (seen.has(v)) twice.add(v);
    seen.add(v);
  }
  return twice;
}

/**
 * Whether a stored article of the same source, found by canonical link under
 * another key, is the incoming article whose guid changed (feed moved, CMS
 * migration). Only when the link is the item's alone in the document and the
 * stored article's own key is gone from it: otherwise two items share a link.
 */
export function isMovedArticle(incoming: ArticleIdentity, storedKey: string, doc: DocumentIdentities): boolean {
  return (
    incoming.canonicalUrl !== undefined &&
    !doc.sharedLinks.has(incoming.canonicalUrl) &&
    !doc.keys.has(storedKey)
  );
}

/** A stable entry id for a story, derived from its first article: never changes as members join. */
export function storyEntryId(sourceId: string, identityKey: string): string {
  const h = sha1(`${sourceId}\n${identityKey}`);
  // RFC 4122 layout, version 5 (name-based, SHA-1) and variant bits set.
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
