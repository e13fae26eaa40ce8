// Atom 1.0 (RFC 4287) and Atom 0.3 onto the feed model.
import type { Element } from 'domhandler';
import type { RawItem } from '../model.js';
import { assignDefined, first, type Dialect, type FeedFields } from './dialect.js';
import {
  attribute,
  baseUrlOf,
  childrenNamed,
  descendants,
  firstText,
  inScope,
  isElement,
  textOf,
  vocabularyOf,
} from './dom.js';
import { isImage, mediaOf, urlOf } from './media.js';
import type { Vocabulary } from './namespaces.js';
import { updatePeriodMinutes } from './syndication.js';
import { htmlToText } from './html-text.js';
import { atomTextHtml, rssHtml, type HtmlValue } from './text-construct.js';

/** Atom's own vocabularies; a feed written without xmlns has its elements in none. */
function atomVocabularies(root: Element): Vocabulary[] {
  return vocabularyOf(root) === 'none' ? ['atom', 'atom03', 'none'] : ['atom', 'atom03'];
}

export const atom: Dialect = {
  feed(root, documentUrl): FeedFields {
    const own = atomVocabularies(root);
    return assignDefined<FeedFields>(
      {},
      {
        title: plainTitle(atomTextHtml(childrenNamed(root, own, 'title')[0])),
        link: alternateLink(childrenNamed(root, own, 'link'), documentUrl),
        language: inScope(root, 'xml:lang')?.trim() || undefined,
        updatePeriodMinutes: updatePeriodMinutes(root),
      },
    );
  },

  items(root) {
    const own = atomVocabularies(root);
    return descendants(root, (element) => isElement(element, own, 'entry'));
  },

  item(entry, root, documentUrl): RawItem {
    const own = atomVocabularies(root);
    const named = (local: string) => childrenNamed(entry, own, local);
    const title = atomTextHtml(named('title')[0]);
    const summary = first([...named('summary'), ...childrenNamed(entry, ['dc'], 'description')].filter(hasHtml));
    const content = first(named('content').filter(hasHtml));
    const media = mediaOf(entry, documentUrl);
    const baseUrl = baseUrlOf(entry, documentUrl);
    const enclosures = named('link').filter((link) => relOf(link) === 'enclosure' && isImage(link));
    const source = named('source')[0];

    return assignDefined<RawItem>(
      { categories: categoriesOf(entry, own), baseUrl },
      {
        guid: firstText(named('id')),
        link: alternateLink(named('link'), documentUrl),
        title: title?.html,
        titleIsText: title?.isText || undefined,
        published: firstText([...named('published'), ...named('issued'), ...named('created'), ...childrenNamed(entry, ['dc'], 'date')]),
        updated: firstText([...named('updated'), ...named('modified')]),
        author: authorsOf(entry, own) ?? (source && authorsOf(source, own)) ?? authorsOf(root, own),
        summaryHtml: summary && htmlOf(summary),
        contentHtml: content && htmlOf(content),
        mediaDescriptionHtml: media.descriptionHtml,
        thumbnail: media.thumbnail ?? urlOf(enclosures, 'href', documentUrl),
        language: (inScope(entry, 'xml:lang') ?? (content && inScope(content, 'xml:lang')))?.trim() || undefined,
        summaryBaseUrl: summary && differentBase(summary, baseUrl, documentUrl),
        contentBaseUrl: content && differentBase(content, baseUrl, documentUrl),
      },
    );
  },
};

/** A feed title as plain text, for the source's status and listings. */
function plainTitle(title: HtmlValue | undefined): string | undefined {
  return title && htmlToText(title.html);
}

/**
 * The href of the rel="alternate" link (rel defaults to alternate), an HTML one
 * preferred, resolved against the link's own xml:base.
 */
export function alternateLink(links: Element[], documentUrl: string): string | undefined {
  const alternates = links.filter((link) => relOf(link) === 'alternate' && attribute(link, 'href')?.trim());
  const html = alternates.filter((link) => /html/i.test(attribute(link, 'type') ?? 'html'));
  return urlOf(html.length ? html : alternates, 'href', documentUrl);
}

/** A link relation; Atom allows the full IANA IRI for the registered ones. */
function relOf(link: Element): string {
  const rel = (attribute(link, 'rel') ?? 'alternate').trim().toLowerCase();
  return rel.replace(/^http:\/\/www\.iana\.org\/assignments\/relation\//, '');
}

function hasHtml(element: Element): boolean {
  return htmlOf(element) !== undefined;
}

/** Atom text constructs say their type; dc:description inside an entry is HTML by convention. */
function htmlOf(element: Element): string | undefined {
  return vocabularyOf(element) === 'dc' ? rssHtml(element) : atomTextHtml(element)?.html;
}

function authorsOf(parent: Element, own: Vocabulary[]): string | undefined {
  const names = childrenNamed(parent, own, 'author')
    .map((author) => firstText([...childrenNamed(author, own, 'name'), ...childrenNamed(author, own, 'email')]) ?? textOf(author)?.trim())
    .filter((name): name is string => name !== undefined);
  const creators = childrenNamed(parent, ['dc'], 'creator')
    .map((creator) => textOf(creator)?.trim())
    .filter((name): name is string => name !== undefined);
  const all = names.length ? names : creators;
  return all.length ? all.join(', ') : undefined;
}

/** Atom categories carry a term and an optional human label; dc:subject is text. */
function categoriesOf(entry: Element, own: Vocabulary[]): string[] {
  const atomCategories = childrenNamed(entry, own, 'category').map((category) =>
    first([attribute(category, 'label'), attribute(category, 'term'), textOf(category)].map((value) => value?.trim() || undefined)),
  );
  const subjects = childrenNamed(entry, ['dc'], 'subject').map((subject) => textOf(subject)?.trim());
  return [...atomCategories, ...subjects].filter((category): category is string => category !== undefined);
}

/** The base of a content element, when its own xml:base makes it differ from the entry's. */
export function differentBase(element: Element, entryBase: string, documentUrl: string): string | undefined {
  const base = baseUrlOf(element, documentUrl);
  return base === entryBase ? undefined : base;
}
