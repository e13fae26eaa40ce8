// RSS 0.90-0.94, 2.0 and RSS 1.0 (RDF) onto the feed model, with the namespaces
// they are written with: dc, dcterms, content, atom:link, Media RSS, itunes.
import type { Element } from 'domhandler';
import type { RawItem } from '../model.js';
import { alternateLink, differentBase } from './atom.js';
import { assignDefined, first, type Dialect, type FeedFields } from './dialect.js';
import { attribute, baseUrlOf, childNamed, childrenNamed, descendants, firstText, inScope, isElement, resolveHref, textOf } from './dom.js';
import { htmlToText, xhtmlToHtml } from './html-text.js';
import { isImage, mediaOf, urlOf } from './media.js';
import type { Vocabulary } from './namespaces.js';
import { updatePeriodMinutes } from './syndication.js';
import { atomTextHtml, plainTextHtml, rssHtml } from './text-construct.js';

// RSS elements have no namespace (0.9x, 2.0) or one of the RSS namespaces (0.90, 1.0).
const RSS: Vocabulary[] = ['none', 'rss'];

export const rss: Dialect = {
  feed(root, documentUrl): FeedFields {
    const channel = childNamed(root, RSS, 'channel');
    if (channel === undefined) return { warnings: [`the <${root.name}> document has no <channel>`] };
    const named = (local: string) => childrenNamed(channel, RSS, local);
    const ttl = Number.parseInt(firstText(named('ttl')) ?? '', 10);
    return assignDefined<FeedFields>(
      {},
      {
        title: first([...named('title'), ...childrenNamed(channel, ['dc'], 'title')].map((title) => htmlToText(rssHtml(title) ?? ''))),
        link: linkOf(channel, documentUrl),
        language: firstText([...named('language'), ...childrenNamed(channel, ['dc'], 'language')]) ?? (inScope(channel, 'xml:lang')?.trim() || undefined),
        ttlMinutes: Number.isInteger(ttl) && ttl > 0 ? ttl : undefined,
        updatePeriodMinutes: updatePeriodMinutes(channel),
      },
    );
  },

  // Items belong in the channel (RSS 2.0) or beside it (RSS 1.0); RSS 0.9x feeds put them in both places.
  items(root) {
    return descendants(root, (element) => isElement(element, RSS, 'item'));
  },

  item(item, _root, documentUrl): RawItem {
    const named = (local: string) => childrenNamed(item, RSS, local);
    const dc = (local: string) => childrenNamed(item, ['dc'], local);
    const baseUrl = baseUrlOf(item, documentUrl);
    const guidElement = named('guid')[0];
    const summary = first([
      ...[...named('description'), ...dc('description')].map((element) => htmlField(element, rssHtml(element))),
      ...childrenNamed(item, ['atom'], 'summary').map((element) => htmlField(element, atomTextHtml(element)?.html)),
      ...childrenNamed(item, ['itunes'], 'summary').map((element) => htmlField(element, plainTextHtml(element))),
    ]);
    const content = first([
      ...childrenNamed(item, ['content'], 'encoded').map((element) => htmlField(element, rssHtml(element))),
      ...childrenNamed(item, ['atom'], 'content').map((element) => htmlField(element, atomTextHtml(element)?.html)),
      ...childrenNamed(item, ['xhtml'], 'body').map((element) => htmlField(element, xhtmlToHtml(element.children).trim() || undefined)),
    ]);
    const media = mediaOf(item, documentUrl);

    return assignDefined<RawItem>(
      { categories: categoriesOf(item), baseUrl },
      {
        guid: firstText([guidElement]) ?? attribute(item, 'rdf:about')?.trim() ?? firstText([...dc('identifier'), ...childrenNamed(item, ['atom'], 'id')]),
        link: linkOf(item, documentUrl) ?? permalinkOf(guidElement, baseUrl) ?? webUrl(attribute(item, 'rdf:about')),
        title: first([...named('title'), ...dc('title')].map(rssHtml)),
        published: firstText([
          ...named('pubdate'),
          ...dc('date'),
          ...childrenNamed(item, ['dcterms'], 'issued'),
          ...childrenNamed(item, ['dcterms'], 'created'),
          ...childrenNamed(item, ['atom'], 'published'),
        ]),
        updated: firstText([...childrenNamed(item, ['atom'], 'updated'), ...childrenNamed(item, ['dcterms'], 'modified')]),
        author: authorOf(item),
        summaryHtml: summary?.html,
        contentHtml: content?.html,
        mediaDescriptionHtml: media.descriptionHtml,
        thumbnail: media.thumbnail ?? urlOf(named('enclosure').filter(isImage), 'url', documentUrl),
        language: firstText(dc('language')) ?? (inScope(item, 'xml:lang')?.trim() || undefined),
        summaryBaseUrl: summary && differentBase(summary.element, baseUrl, documentUrl),
        contentBaseUrl: content && differentBase(content.element, baseUrl, documentUrl),
      },
    );
  },
};

function htmlField(element: Element, html: string | undefined): { element: Element; html: string } | undefined {
  return html === undefined ? undefined : { element, html };
}

/** The <link> text (some feeds write an href attribute instead), else an atom:link alternate. */
function linkOf(parent: Element, documentUrl: string): string | undefined {
  for (const link of childrenNamed(parent, RSS, 'link')) {
    const href = textOf(link)?.trim() || attribute(link, 'href');
    const url = resolveHref(href, baseUrlOf(link, documentUrl));
    if (url !== undefined) return url;
  }
  return alternateLink(childrenNamed(parent, ['atom'], 'link'), documentUrl);
}

/** An RSS <guid> is the item's permalink unless isPermaLink="false". */
function permalinkOf(guid: Element | undefined, baseUrl: string): string | undefined {
  if (attribute(guid, 'isPermaLink')?.trim().toLowerCase() === 'false') return undefined;
  return webUrl(resolveHref(textOf(guid), baseUrl));
}

function webUrl(url: string | undefined): string | undefined {
  return url !== undefined && /^https?:\/\//i.test(url.trim()) ? url.trim() : undefined;
}

/** RSS <author> is text ("mail@example.com (Name)"); else dc:creator, Atom authors, itunes:author. */
function authorOf(item: Element): string | undefined {
  const texts = (elements: Element[]) => {
    const names = elements.map((element) => textOf(element)?.trim()).filter((name): name is string => name !== undefined);
    return names.length ? names.join(', ') : undefined;
  };
  const atomAuthors = childrenNamed(item, ['atom'], 'author').flatMap((author) => childrenNamed(author, ['atom'], 'name'));
  return (
    texts(childrenNamed(item, RSS, 'author')) ??
    texts(childrenNamed(item, ['dc'], 'creator')) ??
    texts(atomAuthors) ??
    texts(childrenNamed(item, ['itunes'], 'author'))
  );
}

/** RSS <category> and dc:subject are text; an atom:category has a term and a label. */
function categoriesOf(item: Element): string[] {
  return [
    ...childrenNamed(item, RSS, 'category').map((category) => textOf(category)?.trim()),
    ...childrenNamed(item, ['dc'], 'subject').map((subject) => textOf(subject)?.trim()),
    ...childrenNamed(item, ['atom'], 'category').map((category) => (attribute(category, 'label') ?? attribute(category, 'term'))?.trim()),
  ].filter((category): category is string => category !== undefined && category !== '');
}
