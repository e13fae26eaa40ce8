import type { FeedFormat } from '../model.js';

/** The root element of an XML document, as read from its start tag. */
export interface RootElement {
  /** Qualified name as written, e.g. "rss", "rdf:RDF", "atom:feed". */
  name: string;
  attributes: Record<string, string>;
}

export type DocumentKind =
  | { kind: 'empty' }
  | { kind: 'json' }
  | { kind: 'text' }
  | { kind: 'html' }
  | { kind: 'other-xml'; root: RootElement }
  | { kind: 'feed'; format: Exclude<FeedFormat, 'json'>; root: RootElement };

const BOM = '\uFEFF';
// How far to look for an XML declaration that junk (PHP warnings, stray output) pushed down.
const PROLOG_SEARCH_LIMIT = 4096;
const HTML_ROOTS = new Set(['html', 'head', 'body']);

const START_TAG = /<([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/y;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
/** A document type declaration with its internal subset, if any. */
export const DOCTYPE_DECLARATION = /<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>/i;
const DOCTYPE = new RegExp(DOCTYPE_DECLARATION.source, 'iy');

/**
 * Where the XML document really begins: its XML declaration when junk precedes it,
 * else the first markup. Everything before this index is junk or whitespace.
 */
export function documentStart(text: string): number {
  const prolog = text.indexOf('<?xml');
  // Behind a CDATA section or comment, "<?xml" is text inside the document, e.g. a code sample.
  const declaration = prolog >= 0 && prolog < PROLOG_SEARCH_LIMIT && !/<!\[CDATA\[|<!--/.test(text.slice(0, prolog));
  if (declaration) return prolog;
  const markup = text.search(/<[?!A-Za-z_]/);
  return markup < 0 ? text.length : markup;
}

/** Tells what kind of document `text` is from its first characters and its root element. */
export function detectDocument(text: string): DocumentKind {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const trimmed = body.trimStart();
  if (trimmed === '') return { kind: 'empty' };
  if (trimmed.startsWith('{')) return { kind: 'json' };

  let i = documentStart(text);
  for (;;) {
    i = text.indexOf('<', i);
    if (i < 0) return { kind: 'text' };
    if (text.startsWith('<?', i)) {
      i = skipPast(text, '?>', i);
    } else if (text.startsWith('<!--', i)) {
      i = skipPast(text, '-->', i);
    } else if (/^<!DOCTYPE/i.test(text.slice(i, i + 9))) {
      if (/^<!DOCTYPE\s+html\b/i.test(text.slice(i, i + 20))) return { kind: 'html' };
      DOCTYPE.lastIndex = i;
      i = DOCTYPE.test(text) ? DOCTYPE.lastIndex : i + 2;
    } else {
      START_TAG.lastIndex = i;
      const tag = START_TAG.exec(text);
      if (tag) return classifyRoot({ name: tag[1]!, attributes: readAttributes(tag[2]!) });
      i += 1; // a stray '<' in junk before the root
    }
  }
}

function classifyRoot(root: RootElement): DocumentKind {
  const local = (root.name.split(':').pop() ?? '').toLowerCase();
  if (HTML_ROOTS.has(local)) return { kind: 'html' };
  const format = local === 'rss' ? 'rss' : local === 'rdf' ? 'rdf' : local === 'feed' ? 'atom' : undefined;
  return format ? { kind: 'feed', format, root } : { kind: 'other-xml', root };
}

function readAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(ATTRIBUTE)) attributes[match[1]!] = match[2] ?? match[3] ?? '';
  return attributes;
}

function skipPast(text: string, terminator: string, from: number): number {
  const end = text.indexOf(terminator, from + 2);
  return end < 0 ? text.length : end + terminator.length;
}
