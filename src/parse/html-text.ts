// Every text field of a RawItem is HTML. These turn what feeds hold (plain text,
// escaped HTML, inline XHTML) into that one form.
import { load } from 'cheerio/slim';
import { isCDATA, isTag, isText, type AnyNode } from 'domhandler';
import { localName } from './dom.js';

/** Plain text as HTML that shows exactly that text. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Plain text that may carry HTML entities, as HTML: tags are shown as text but entities
 * still decode. JSON feeds write "Q&amp;A" and "&#8217;" in their plain-text fields.
 */
export function escapeTags(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The text an HTML fragment shows, on one line; undefined when blank. */
export function htmlToText(html: string): string | undefined {
  const text = load(html, null, false).text().replace(/[ \t\n\r\f\v]+/g, ' ').trim();
  return text === '' ? undefined : text;
}

// A tag of the HTML that feed bodies are made of, escaped: "&lt;p&gt;", "&lt;a href=…&gt;", "&lt;/em&gt;".
const ESCAPED_TAG =
  /&lt;\/?(?:p|a|br|img|div|span|b|i|em|strong|u|ul|ol|li|h[1-6]|blockquote|pre|code|table|tr|td|th|figure|iframe|script|object|embed|svg)(?:\s[^]*?)?\/?&gt;/i;
const REAL_TAG = /<\/?[A-Za-z][\w:-]*[\s/>]|<!--/;

/**
 * HTML whose markup was escaped once more than it should be ("&lt;p&gt;Hi&lt;/p&gt;"
 * with no real tag) is decoded one level. Only one: decoding until nothing changes
 * would turn text that shows an entity into markup.
 */
export function undoDoubleEscaping(html: string): string {
  if (REAL_TAG.test(html) || !ESCAPED_TAG.test(html)) return html;
  return load(html, null, false).text();
}

// Elements HTML writes without a closing tag.
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * Inline XHTML (Atom type="xhtml", markup left unescaped inside an RSS element) as an
 * HTML string: namespace prefixes and declarations dropped, CDATA as text. What the
 * markup may do is the sanitiser's business, later.
 */
export function xhtmlToHtml(nodes: readonly AnyNode[]): string {
  return nodes
    .map((node) => {
      if (isText(node)) return escapeHtml(node.data);
      if (isCDATA(node)) return xhtmlToHtml(node.children);
      if (!isTag(node)) return '';
      const name = localName(node.name);
      const attributes = Object.entries(node.attribs)
        .filter(([attribute]) => !/^(?:xmlns(?::|$)|xml:)/.test(attribute))
        .map(([attribute, value]) => ` ${localName(attribute)}="${escapeHtml(value).replace(/"/g, '&quot;')}"`)
        .join('');
      return VOID_ELEMENTS.has(name) ? `<${name}${attributes}>` : `<${name}${attributes}>${xhtmlToHtml(node.children)}</${name}>`;
    })
    .join('');
}
