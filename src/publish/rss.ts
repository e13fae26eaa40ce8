// RSS 2.0 serializer. Hand-written rather than `feed`'s rss2(): that one writes bare names
// into <author>, un-escapes "&amp;" in text, leaves attributes unescaped, splits "]]>" wrongly
// and stamps the write time.
import type { TopicFeed } from '../model.js';
import type { PublishContext } from './context.js';
import { rfc822 } from './dates.js';
import type { EntryView } from './entry.js';
import { HISTORY_NS } from './atom.js';
import { buildFeedView, GENERATOR, type Paging } from './feed-view.js';
import { element, serializeXmlDocument, textElement, type XmlElement } from './xml-writer.js';

// RSS <author> must be an email address, optionally followed by "(Name)".
const RSS_AUTHOR = /^[^\s@()]+@[^\s@()]+\.[^\s@()]+( \([^()]+\))?$/;

export function renderRss(feed: TopicFeed, ctx: PublishContext, paging?: Paging): string {
  const view = buildFeedView(feed, ctx, paging);
  const archive = view.archivePage !== undefined;
  const root = element(
    'rss',
    {
      version: '2.0',
      'xmlns:atom': 'http://www.w3.org/2005/Atom',
      'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      'xmlns:fh': archive ? HISTORY_NS : undefined,
    },
    [
      element('channel', {}, [
        textElement('title', view.title),
        textElement('link', view.urls.home),
        textElement('description', view.description),
        view.language !== undefined && textElement('language', view.language),
        textElement('lastBuildDate', rfc822(view.updated, `topic '${feed.id}' updated time`)),
        textElement('generator', GENERATOR.name),
        element('atom:link', { rel: 'self', type: 'application/rss+xml', href: view.self.rss }),
        view.hub !== undefined && element('atom:link', { rel: 'hub', href: view.hub }),
        archive && element('atom:link', { rel: 'current', type: 'application/rss+xml', href: view.urls.rss }),
        view.prevArchive && element('atom:link', { rel: 'prev-archive', type: 'application/rss+xml', href: view.prevArchive.rss }),
        archive && element('fh:archive', {}),
        view.entries.map(rssItem),
      ]),
    ],
  );
  return serializeXmlDocument(root);
}

function rssItem(entry: EntryView): XmlElement {
  const { author, source } = entry;
  return element('item', {}, [
    textElement('title', entry.title),
    entry.link !== undefined && textElement('link', entry.link),
    textElement('guid', entry.id, { isPermaLink: 'false' }),
    textElement('pubDate', rfc822(entry.published, `entry '${entry.id}' published time`)),
    author !== undefined &&
      (RSS_AUTHOR.test(author) ? textElement('author', author) : textElement('dc:creator', author)),
    entry.categories.map((c) => textElement('category', c.label ?? c.term, { domain: c.scheme })),
    source !== undefined && textElement('source', source.title, { url: source.feedUrl }),
    textElement('description', entry.contentHtml),
  ]);
}
