import type { Article, RawItem } from '../model.js';
import { parseDate } from './dates.js';
import { sanitizeHtml } from './sanitize.js';
import { firstSentence, stripBoilerplate, summarize } from './summary.js';
import { cleanTitle, collapseWhitespace, decodeEntities, plainText } from './text.js';
import { absoluteHttpUrl } from './urls.js';

export { parseDate } from './dates.js';
export { sanitizeHtml } from './sanitize.js';
export { stripBoilerplate, summarize } from './summary.js';
export { plainText } from './text.js';

export interface NormalizeContext {
  sourceId: string;
  /** The feed's final URL, against which relative links are resolved. */
  baseUrl: string;
  siteUrl?: string;
  language?: string;
  /** Epoch ms: when the item is first seen; stands in for missing or impossible dates. */
  now: number;
}

// Clocks and time zones are often off a little; further ahead than this, a date is wrong.
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** Cleans one raw feed item into an article; null when it has no usable title, link or summary. */
export function normalizeItem(item: RawItem, ctx: NormalizeContext): Article | null {
  const link = absoluteHttpUrl(item.link, ctx.baseUrl);
  const summary = summaryOf(item);
  const title = cleanTitle(item.title ?? '');
  if (!title && !link && !summary) return null;

  const article: Article = {
    sourceId: ctx.sourceId,
    title: title || (summary ? firstSentence(summary) : link!),
    summary,
    categories: categoriesOf(item.categories),
    ...datesOf(item, ctx.now),
  };
  const guid = item.guid?.trim();
  const contentHtml = sanitizeHtml(item.contentHtml ?? item.summaryHtml ?? '', ctx.baseUrl);
  const author = item.author === undefined ? '' : authorName(plainText(item.author));
  if (guid) article.guid = guid;
  if (link) article.link = link;
  if (contentHtml) article.contentHtml = contentHtml;
  if (author) article.author = author;
  if (ctx.language) article.language = ctx.language;
  return article;
}

/** Plain text of the summary field, else of the content, without feed boilerplate, shortened. */
function summaryOf(item: RawItem): string {
  const text = [item.summaryHtml, item.contentHtml]
    .map((html) => (html === undefined ? '' : stripBoilerplate(plainText(html))))
    .find((candidate) => candidate !== '');
  return summarize(text ?? '');
}

function datesOf(item: RawItem, now: number): Pick<Article, 'publishedAt' | 'publishedRaw' | 'updatedAt'> {
  const latest = now + FUTURE_TOLERANCE_MS;
  const published = parseDate(item.published);
  const updated = parseDate(item.updated);
  const readable = published ?? updated;
  const publishedAt = readable === undefined || readable > latest ? now : readable;
  return {
    publishedAt,
    // Kept as found: it identifies an undated or clamped item across polls, and shows what the feed said.
    publishedRaw: item.published ?? item.updated,
    updatedAt: updated === undefined || updated > latest ? publishedAt : Math.max(updated, publishedAt),
  };
}

function categoriesOf(categories: string[]): string[] {
  const seen = new Set<string>();
  return categories
    .map((category) => decodeEntities(category))
    .filter((category) => {
      const key = category.toLowerCase();
      if (category === '' || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** RSS <author> is often "mail@example.com (Jane Doe)": the name is what readers want. */
function authorName(author: string): string {
  return collapseWhitespace(/^\S+@\S+\s+\((.+)\)$/.exec(author)?.[1] ?? author);
}
