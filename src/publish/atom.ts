// Atom 1.0 (RFC 4287) serializer. Hand-written rather than `feed`'s atom1(): that one runs
// entry ids through new URL() (throws on urn:/tag: ids, rewrites others), cannot emit
// atom:source or rel="related", leaves attributes unescaped and stamps the write time.
import type { TopicFeed } from '../model.js';
import type { PublishContext } from './context.js';
import { rfc3339 } from './dates.js';
import type { EntryView } from './entry.js';
import { buildFeedView, GENERATOR, type Paging } from './feed-view.js';
import { element, serializeXmlDocument, textElement, type XmlElement } from './xml-writer.js';

const ATOM_NS = 'http://www.w3.org/2005/Atom';
/** RFC 5005 "Feed Paging and Archiving". */
export const HISTORY_NS = 'http://purl.org/syndication/history/1.0';

export function renderAtom(feed: TopicFeed, ctx: PublishContext, paging?: Paging): string {
  const view = buildFeedView(feed, ctx, paging);
  const archive = view.archivePage !== undefined;
  const root = element('feed', { xmlns: ATOM_NS, 'xmlns:fh': archive ? HISTORY_NS : undefined, 'xml:lang': view.language }, [
    textElement('id', view.urls.feedId),
    textElement('title', view.title),
    textElement('subtitle', view.description),
    textElement('updated', rfc3339(view.updated, `topic '${feed.id}' updated time`)),
    element('author', {}, [textElement('name', view.authorName)]),
    textElement('generator', GENERATOR.name, { uri: GENERATOR.uri }),
    element('link', { rel: 'self', type: 'application/atom+xml', href: view.self.atom }),
    element('link', { rel: 'alternate', type: 'text/html', href: view.urls.home }),
    view.hub !== undefined && element('link', { rel: 'hub', href: view.hub }),
    archive && element('link', { rel: 'current', type: 'application/atom+xml', href: view.urls.atom }),
    view.prevArchive && element('link', { rel: 'prev-archive', type: 'application/atom+xml', href: view.prevArchive.atom }),
    archive && element('fh:archive', {}),
    view.entries.map((entry) => atomEntry(entry, view.language === undefined)),
  ]);
  return serializeXmlDocument(root);
}

function atomEntry(entry: EntryView, ownLanguage: boolean): XmlElement {
  const { source } = entry;
  return element('entry', { 'xml:lang': ownLanguage ? entry.language : undefined }, [
    textElement('id', entry.id),
    textElement('title', entry.title),
    textElement('published', rfc3339(entry.published, `entry '${entry.id}' published time`)),
    textElement('updated', rfc3339(entry.updated, `entry '${entry.id}' updated time`)),
    entry.author !== undefined && element('author', {}, [textElement('name', entry.author)]),
    entry.link !== undefined && element('link', { rel: 'alternate', type: 'text/html', href: entry.link }),
    entry.related.map((link) => element('link', { rel: 'related', type: 'text/html', href: link.href, title: link.title })),
    entry.categories.map((c) => element('category', { term: c.term, label: c.label, scheme: c.scheme })),
    source !== undefined &&
      element('source', {}, [
        textElement('id', source.feedUrl),
        textElement('title', source.title),
        element('link', { rel: 'self', href: source.feedUrl }),
        source.siteUrl !== undefined && element('link', { rel: 'alternate', type: 'text/html', href: source.siteUrl }),
      ]),
    entry.summary !== '' && textElement('summary', entry.summary, { type: 'text' }),
    // Always present, even empty: an entry without content needs an alternate link, which some leads lack.
    textElement('content', entry.contentHtml, { type: 'html' }),
  ]);
}
