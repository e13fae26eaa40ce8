import { isTag, type Document, type Element } from 'domhandler';
import type { ParsedFeed } from '../model.js';
import { atom } from './atom.js';
import type { Dialect } from './dialect.js';
import { descendants, isElement } from './dom.js';
import { ParseError } from './errors.js';
import { rss } from './rss.js';
import { isComplete, readXml } from './xml-read.js';

type XmlFormat = Exclude<ParsedFeed['format'], 'json'>;

const DIALECTS: Record<XmlFormat, Dialect> = { rss, rdf: rss, atom };

/**
 * Reads an RSS, RDF or Atom document, also one wrapped in another XML document (an
 * Atom feed inside an XHTML page). Malformed documents are read from a repaired copy,
 * or leniently with only the items the document completes, and say so in a warning.
 */
export function readXmlFeed(text: string, documentUrl: string): ParsedFeed {
  const reading = readXml(text);
  const found = findFeedElement(reading.document);
  if (found === undefined) {
    if (reading.quality !== 'well-formed') throw reading.problem;
    throw new ParseError('unsupported', 'the document holds no RSS, RDF or Atom feed element');
  }
  const dialect = DIALECTS[found.format];
  const warnings: string[] = [];
  let items = dialect.items(found.element);

  if (reading.quality === 'repaired') {
    warnings.push(`${reading.problem.message}; read a repaired copy (${reading.changes.join(', ')})`);
  } else if (reading.quality === 'lenient') {
    const complete = items.filter((item) => isComplete(item, reading.text));
    if (complete.length === 0) throw reading.problem;
    const dropped = items.length - complete.length;
    const repaired = reading.changes.length ? `, after repairs (${reading.changes.join(', ')})` : '';
    warnings.push(
      `${reading.problem.message}; read it leniently${repaired}: ${complete.length} complete items` +
        (dropped ? `, ${dropped} incomplete dropped (the document is cut short or its tags do not match)` : ''),
    );
    items = complete;
  }

  const { warnings: feedWarnings = [], ...fields } = dialect.feed(found.element, documentUrl);
  return {
    format: found.format,
    ...fields,
    items: items.map((item) => dialect.item(item, found.element, documentUrl)),
    warnings: [...warnings, ...feedWarnings],
  };
}

/** The root element when it is a feed, else the first feed element inside the document. */
function findFeedElement(document: Document): { element: Element; format: XmlFormat } | undefined {
  const top = document.children.filter(isTag);
  const element = top.find((root) => feedFormat(root)) ?? top.flatMap((root) => descendants(root, (inner) => feedFormat(inner) !== undefined))[0];
  const format = element && feedFormat(element);
  return element && format && { element, format };
}

function feedFormat(element: Element): XmlFormat | undefined {
  if (isElement(element, ['none', 'rss'], 'rss')) return 'rss';
  if (isElement(element, ['rdf'], 'rdf')) return 'rdf';
  if (isElement(element, ['atom', 'atom03', 'none'], 'feed')) return 'atom';
  return undefined;
}
