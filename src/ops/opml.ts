import { load } from 'cheerio';
import type { SourceConfig } from '../config/schema.js';
import { element, serializeXmlDocument, textElement } from '../publish/index.js';

/** A feed subscription found in an OPML file. */
export interface OpmlSubscription {
  url: string;
  title?: string;
  /** From the outline's `category` attribute and the folders it is nested in, outermost first. */
  categories: string[];
}

export class OpmlError extends Error {
  readonly code = 'bad-opml';
  constructor(message: string) {
    super(message);
    this.name = 'OpmlError';
  }
}

/**
 * Every outline with an xmlUrl, in document order. A folder (an outline
 * without xmlUrl) gives its text as a category to everything inside it; the
 * OPML 2.0 `category` attribute ("/News/World,Tech") adds its entries.
 */
export function readOpml(text: string): OpmlSubscription[] {
  const $ = load(text, { xml: true });
  const body = $('opml > body').first();
  if (body.length === 0) throw new OpmlError('not an OPML document: no <opml><body> element');
  const top = body.children('outline').toArray();
  const found: OpmlSubscription[] = [];
  const walk = (outline: (typeof top)[number], folders: string[]) => {
    const attrs = outline.attribs;
    const name = (attrs.title ?? attrs.text ?? '').trim();
    const url = attrs.xmlUrl?.trim();
    const children = $(outline).children('outline').toArray();
    if (url) {
      const own = (attrs.category ?? '')
        .split(',')
        .map((c) => c.trim().replace(/^\/+|\/+$/g, ''))
        .filter((c) => c !== '');
      found.push({ url, title: name || undefined, categories: [...new Set([...folders, ...own])] });
    }
    const inner = url || !name ? folders : [...folders, name];
    for (const child of children) walk(child, inner);
  };
  for (const outline of top) walk(outline, []);
  return found;
}

/** OPML 2.0 subscription list of the configured sources, categories in the `category` attribute. */
export function renderSourcesOpml(sources: SourceConfig[], title: string): string {
  const root = element('opml', { version: '2.0' }, [
    element('head', {}, [textElement('title', `${title} sources`)]),
    element(
      'body',
      {},
      sources.map((s) =>
        element('outline', {
          type: 'rss',
          text: s.title ?? s.id,
          title: s.title ?? s.id,
          xmlUrl: s.url,
          category: s.categories.length > 0 ? s.categories.join(',') : undefined,
        }),
      ),
    ),
  ]);
  return serializeXmlDocument(root);
}
