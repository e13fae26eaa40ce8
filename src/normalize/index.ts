import type { Article, RawItem } from '../model.js';
import { removeClutter } from './clutter.js';
import { parseDate } from './dates.js';
import { detectLanguage, languageTag } from './language.js';
import { boundedTitle, ItemWarnings, shallowItem, type WarnItem } from './limits.js';
import { sanitizeHtml } from './sanitize.js';
import { firstSentence, stripBoilerplate, summarize } from './summary.js';
import { cleanTitle, collapseWhitespace, decodeEntities, inertText, plainText } from './text.js';
import { absoluteHttpUrl } from './urls.js';

export { parseDate } from './dates.js';
export { removeClutter } from './clutter.js';
export { detectLanguage, languageTag } from './language.js';
export { sanitizeHtml } from './sanitize.js';
export { stripBoilerplate, summarize } from './summary.js';
export { inertText, plainText } from './text.js';
export { MAX_HTML_DEPTH, MAX_TITLE_LENGTH, type WarnItem } from './limits.js';

export interface NormalizeContext {
  sourceId: string;
  /** The feed's final URL, against which relative links are resolved. */
  baseUrl: string;
  siteUrl?: string;
  /** The feed's declared language; an item's own declaration wins. */
  language?: string;
  /** Epoch ms: when the item is first seen; stands in for missing or impossible dates. */
  now: number;
  /** Told about each bound applied to the item (a title cut, HTML nested too deep): see ItemWarnings. */
  warn?: WarnItem;
}

// Clocks and time zones are often off a little; further ahead than this, a date is wrong.
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** An HTML body field of the item with the base URL its relative links resolve against. */
interface Body {
  html: string;
  baseUrl: string;
}

interface Bodies {
  summary?: Body;
  content?: Body;
  media?: Body;
}

/** Cleans one raw feed item into an article; null when it has no usable title, link or summary. */
export function normalizeItem(raw: RawItem, ctx: NormalizeContext): Article | null {
  const item = shallowItem(raw, ctx.warn);
  const baseUrl = item.baseUrl ?? ctx.baseUrl;
  const link = absoluteHttpUrl(item.link, baseUrl);
  const bodies = bodiesOf(item, baseUrl);
  const title = boundedTitle(cleanTitle(item.title ?? '', item.titleIsText), ctx.warn);
  const summary = summaryOf(bodies, title);
  if (!title && !link && !summary) return null;

  const article: Article = {
    sourceId: ctx.sourceId,
    title: inertText(title || (summary ? firstSentence(summary) : link!)),
    summary: inertText(summary),
    categories: categoriesOf(item.categories),
    ...datesOf(item, ctx.now),
  };
  const guid = item.guid?.trim();
  // The fullest body: the content, else the summary, else the media description.
  const body = bodies.content ?? bodies.summary ?? bodies.media;
  const contentHtml = body ? sanitizeHtml(removeClutter(body.html), body.baseUrl) : '';
  const author = item.author === undefined ? '' : inertText(authorName(plainText(item.author)));
  const language = languageTag(item.language) ?? languageTag(ctx.language) ?? detectLanguage(`${article.title}. ${summary}`);
  const thumbnail = absoluteHttpUrl(item.thumbnail, baseUrl);
  if (guid) article.guid = guid;
  if (link) article.link = link;
  if (contentHtml) article.contentHtml = contentHtml;
  if (author) article.author = author;
  if (language) article.language = language;
  if (thumbnail) article.thumbnail = thumbnail;
  return article;
}

/**
 * The newest `max` articles of a document's items, newest first (document order
 * among equal dates), with the problems met as warnings. Items are ordered by their
 * dates before any cleaning, so a document of 100,000 items costs 100,000 date
 * parses but only as many normalizations as it takes to find `max` articles.
 */
export function normalizeNewest(
  items: readonly RawItem[],
  ctx: Omit<NormalizeContext, 'warn'>,
  max: number,
): { articles: Article[]; warnings: string[] } {
  const problems = new ItemWarnings();
  const byDate = items.map((item) => ({ item, at: datesOf(item, ctx.now).publishedAt })).sort((a, b) => b.at - a.at);
  const articles: Article[] = [];
  for (const { item } of byDate) {
    if (articles.length >= max) break;
    const article = normalizeItem(item, { ...ctx, warn: problems.warn });
    if (article !== null) articles.push(article);
  }
  return { articles, warnings: problems.list() };
}

function bodiesOf(item: RawItem, baseUrl: string): Bodies {
  const body = (html: string | undefined, base: string | undefined) =>
    html === undefined || html.trim() === '' ? undefined : { html, baseUrl: base ?? baseUrl };
  return {
    summary: body(item.summaryHtml, item.summaryBaseUrl),
    content: body(item.contentHtml, item.contentBaseUrl),
    media: body(item.mediaDescriptionHtml, undefined),
  };
}

/**
 * Plain text of the best body field, without tracking pixels, share widgets and feed
 * boilerplate, shortened. The best is the first of summary, content and media
 * description that says something the title does not.
 */
function summaryOf(bodies: Bodies, title: string): string {
  let fallback: string | undefined;
  for (const body of [bodies.summary, bodies.content, bodies.media]) {
    if (body === undefined) continue;
    const text = stripBoilerplate(plainText(removeClutter(body.html)));
    if (!/[\p{L}\p{N}]/u.test(text)) continue;
    if (!sameText(text, title) && !/^\S+:\/\/\S+$/.test(text)) return summarize(text);
    fallback ??= text;
  }
  return summarize(fallback ?? '');
}

/** Equal but for case, spaces and punctuation. */
function sameText(a: string, b: string): boolean {
  if (a.length > 2 * b.length + 20) return false;
  const key = (text: string) => text.toLowerCase().replace(/[\s\p{P}]+/gu, '');
  return key(a) === key(b);
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
    .map((category) => inertText(decodeEntities(category)))
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
