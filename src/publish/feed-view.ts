// The per-topic view every output format renders, built once from a TopicFeed.
import type { Story, TopicFeed } from '../model.js';
import type { PublishContext } from './context.js';
import { buildEntryView, languageTag, type EntryView } from './entry.js';
import { PublishError } from './errors.js';
import { feedUrls, type CategoryKind, type DocumentUrls, type FeedUrls } from './urls.js';
import { cleanText } from './xml-text.js';

export const GENERATOR = { name: 'Gazette', uri: 'https://github.com/gazette-feeds/gazette' } as const;

/** Where a document sits in its topic's RFC 5005 history. */
export interface Paging {
  /** This document is archive page `archivePage` (1 = oldest); undefined for the current feed. */
  archivePage?: number;
  /** The next older archive page, when there is one. */
  prevArchive?: number;
}

export interface FeedView {
  urls: FeedUrls;
  /** This document's own URLs (the current feed's, or the archive page's). */
  self: DocumentUrls;
  /** Set for an archive page. */
  archivePage?: number;
  prevArchive?: DocumentUrls;
  /** The WebSub hub; only current feeds name it, archives never change. */
  hub?: string;
  title: string;
  /** Never empty: RSS requires a channel description. */
  description: string;
  /** Newest story update, so an unchanged topic renders to identical bytes; 0 (1970) for an empty topic. */
  updated: number;
  /** The feed-level author: the site. */
  authorName: string;
  /** Set when every entry shares one language. */
  language?: string;
  /** Newest first by the lead's publication time. */
  entries: EntryView[];
}

export function buildFeedView(feed: TopicFeed, ctx: PublishContext, paging: Paging = {}): FeedView {
  const urls = feedUrls(ctx.baseUrl, feed.id, feed.path);
  const { archivePage, prevArchive } = paging;
  const siteTitle = cleanText(ctx.siteTitle) || GENERATOR.name;
  const title = cleanText(feed.title) || cleanText(feed.id);
  const entries = feed.stories
    .map((story) => entryView(story, ctx, urls.schemes))
    // Ties broken by id: the store's row order must not leak into the bytes.
    .sort((a, b) => b.published - a.published || compareStrings(a.id, b.id));
  rejectDuplicateIds(entries, feed.id);
  return {
    urls,
    self: archivePage === undefined ? urls : urls.archive(archivePage),
    archivePage,
    prevArchive: prevArchive === undefined ? undefined : urls.archive(prevArchive),
    hub: archivePage === undefined ? ctx.hub : undefined,
    title,
    description: cleanText(feed.description) || `${title}: stories gathered by ${siteTitle}`,
    updated: Math.max(0, ...entries.map((entry) => entry.updated)),
    authorName: siteTitle,
    language: sharedLanguage(entries),
    entries,
  };
}

/**
 * Entry views by context and story: one publish renders a story in several formats and in
 * every topic that shows it (country, continent, region), from one view. The schemes come
 * from the context's base URL, so the context and the story decide the view.
 */
const views = new WeakMap<PublishContext, WeakMap<Story, EntryView>>();

function entryView(story: Story, ctx: PublishContext, schemes: Record<CategoryKind, string>): EntryView {
  let byStory = views.get(ctx);
  if (!byStory) views.set(ctx, (byStory = new WeakMap()));
  let view = byStory.get(story);
  if (!view) byStory.set(story, (view = buildEntryView(story, ctx, schemes)));
  return view;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function rejectDuplicateIds(entries: EntryView[], topicId: string): void {
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.id)) {
      throw new PublishError('INVALID_ENTRY_ID', `topic '${topicId}' has two stories with entry id '${entry.id}'`);
    }
    seen.add(entry.id);
  }
}

function sharedLanguage(entries: EntryView[]): string | undefined {
  const languages = new Set(entries.map((entry) => entry.language?.toLowerCase()));
  const [only] = languages;
  return languages.size === 1 ? languageTag(only) : undefined;
}
