// JSON Feed 1.1 serializer. Not `feed`'s json1(): that one declares version 1.0, uses the
// 1.0 `author` object, puts HTML into the plain-text `summary` and drops ids it is not given.
import type { TopicFeed } from '../model.js';
import type { PublishContext } from './context.js';
import { rfc3339 } from './dates.js';
import type { EntryView } from './entry.js';
import { buildFeedView, type Paging } from './feed-view.js';

interface JsonFeedAuthor {
  name: string;
}

interface JsonFeedItem {
  id: string;
  url?: string;
  title: string;
  content_html: string;
  summary?: string;
  date_published: string;
  date_modified: string;
  authors?: JsonFeedAuthor[];
  tags?: string[];
  language?: string;
}

interface JsonFeedDocument {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  home_page_url: string;
  /** Always the current feed: it identifies the feed, archive pages included. */
  feed_url: string;
  /** The next older page (JSON Feed's pagination), for the current feed and every archive page but the oldest. */
  next_url?: string;
  hubs?: { type: 'WebSub'; url: string }[];
  description: string;
  language?: string;
  authors: JsonFeedAuthor[];
  items: JsonFeedItem[];
}

export function renderJsonFeed(feed: TopicFeed, ctx: PublishContext, paging?: Paging): string {
  const view = buildFeedView(feed, ctx, paging);
  const document: JsonFeedDocument = {
    version: 'https://jsonfeed.org/version/1.1',
    title: view.title,
    home_page_url: view.urls.home,
    feed_url: view.urls.json,
    next_url: view.prevArchive?.json,
    hubs: view.hub === undefined ? undefined : [{ type: 'WebSub', url: view.hub }],
    description: view.description,
    language: view.language,
    authors: [{ name: view.authorName }],
    items: view.entries.map((entry) => jsonItem(entry, view.language === undefined)),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function jsonItem(entry: EntryView, ownLanguage: boolean): JsonFeedItem {
  // Tags are plain strings, so they carry the readable name; a subregion may share a continent's name.
  const tags = [...new Set(entry.categories.map((c) => c.label ?? c.term))];
  return {
    id: entry.id,
    url: entry.link,
    title: entry.title,
    content_html: entry.contentHtml,
    summary: entry.summary === '' ? undefined : entry.summary,
    date_published: rfc3339(entry.published, `entry '${entry.id}' published time`),
    date_modified: rfc3339(entry.updated, `entry '${entry.id}' updated time`),
    authors: entry.author === undefined ? undefined : [{ name: entry.author }],
    tags: tags.length === 0 ? undefined : tags,
    language: ownLanguage ? entry.language : undefined,
  };
}
