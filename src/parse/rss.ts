import Parser from 'rss-parser';
import type { ParsedFeed, RawItem } from '../model.js';
import type { RootElement } from './detect.js';
import { ParseError } from './errors.js';
import { repairXml } from './repair.js';
import { asArray, attributeOf, firstText, stringOf, textOf } from './xml-values.js';

type XmlFormat = 'rss' | 'rdf' | 'atom';
type Fields = Record<string, unknown>;

// rss-parser 3 turns Atom dates into ISO strings with new Date(...).toISOString(), which
// throws on a date it cannot read and so loses the whole feed. These elements are renamed
// so that it never sees them; their text is read raw like every other date.
const HIDDEN_ELEMENTS: Record<string, string> = { published: 'raw-published', updated: 'raw-updated' };

const ITEM_FIELDS = [
  ['link', 'linkElements', { keepArray: true }],
  ['guid', 'guidElements', { keepArray: true }],
  ['author', 'authorElements', { keepArray: true }],
  ['category', 'categoryElements', { keepArray: true }],
  ['dc:subject', 'subjectElements', { keepArray: true }],
  ['dc:creator', 'creatorElements', { keepArray: true }],
  ['raw-published', 'published'],
  ['raw-updated', 'updated'],
  'dc:date',
  'issued',
  'created',
  'modified',
  'atom:updated',
  'dcterms:modified',
];

const FEED_FIELDS = [['link', 'linkElements', { keepArray: true }], 'dc:language'];

// Namespaces whose elements rss-parser expects unprefixed.
const FEED_NAMESPACES: Record<XmlFormat, string[]> = {
  atom: ['http://www.w3.org/2005/Atom', 'http://purl.org/atom/ns#'],
  rdf: ['http://purl.org/rss/1.0/', 'http://my.netscape.com/rdf/simple/0.9/'],
  rss: [],
};

/** Reads an RSS 0.9x/2.0, RDF or Atom document; retries once on a repaired copy when that fails. */
export async function readXmlFeed(text: string, format: XmlFormat, root: RootElement): Promise<ParsedFeed> {
  try {
    return toParsedFeed(await parseXml(text, format, root), format, root);
  } catch (error) {
    // Junk before the document can also parse "fine" as a wrong root element, so any failure counts.
    const repair = error instanceof ParseError ? repairXml(text) : null;
    if (!repair) throw error;
    let output: Fields;
    try {
      output = await parseXml(repair.text, format, root);
    } catch {
      throw error; // report the original error: its position refers to the document as received
    }
    const feed = toParsedFeed(output, format, root);
    feed.warnings.push(
      `document was not well-formed XML; read a repaired copy (${repair.changes.join(', ')}); ${(error as ParseError).message}`,
    );
    return feed;
  }
}

async function parseXml(text: string, format: XmlFormat, root: RootElement): Promise<Fields> {
  // A fresh parser each time: xml2js keeps state between documents and an error can leave it stuck.
  const parser = new Parser<Fields, Fields>({
    defaultRSS: 2,
    // rss-parser's typings allow only plain names for feed fields, but it reads [from, to, options] there too.
    customFields: { feed: FEED_FIELDS, item: ITEM_FIELDS } as unknown as Parser.CustomFields<Fields, Fields>,
    xml2js: { tagNameProcessors: [elementNamer(format, root)] },
  });
  try {
    return (await parser.parseString(text)) as Fields;
  } catch (error) {
    throw toParseError(error, root);
  }
}

function elementNamer(format: XmlFormat, root: RootElement): (name: string) => string {
  const prefix = feedNamespacePrefix(format, root);
  return (name) => {
    const local = prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name;
    return HIDDEN_ELEMENTS[local] ?? local;
  };
}

/** "atom:" when the feed's own elements are written with a prefix, as in <atom:feed xmlns:atom="…">. */
function feedNamespacePrefix(format: XmlFormat, root: RootElement): string | undefined {
  const namespaces = FEED_NAMESPACES[format];
  if (namespaces.includes(root.attributes.xmlns ?? '')) return undefined;
  for (const [attribute, value] of Object.entries(root.attributes)) {
    if (attribute.startsWith('xmlns:') && namespaces.includes(value)) return `${attribute.slice('xmlns:'.length)}:`;
  }
  return undefined;
}

function toParseError(error: unknown, root: RootElement): ParseError {
  const message = error instanceof Error ? error.message : String(error);
  const position = /\nLine: (\d+)\nColumn: (\d+)/.exec(message);
  if (position) {
    // sax counts lines from 0 and columns from 1.
    const line = Number(position[1]) + 1;
    const column = Number(position[2]);
    const reason = message.split('\n')[0];
    return new ParseError('malformed', `not well-formed XML: ${reason} at line ${line}, column ${column}`, {
      line,
      column,
      cause: error,
    });
  }
  return new ParseError('unsupported', `the <${root.name}> document has a structure the feed reader does not understand (${message})`, {
    cause: error,
  });
}

function toParsedFeed(output: Fields, format: XmlFormat, root: RootElement): ParsedFeed {
  const feed: ParsedFeed = {
    format,
    items: asArray(output.items).map((item) => toRawItem(item as Fields, format)),
    warnings: [],
  };
  const title = textOf(output.title);
  const link = pickLink(asArray(output.linkElements));
  const language = firstText(output.language, output['dc:language'], root.attributes['xml:lang']);
  const ttl = Number.parseInt(textOf(output.ttl) ?? '', 10);
  if (title !== undefined) feed.title = title;
  if (link !== undefined) feed.link = link;
  if (language !== undefined) feed.language = language.trim();
  if (Number.isInteger(ttl) && ttl > 0) feed.ttlMinutes = ttl;
  return feed;
}

function toRawItem(item: Fields, format: XmlFormat): RawItem {
  const guidElement = asArray(item.guidElements)[0];
  const guid = firstText(guidElement, item.id, item['rdf:about']);
  return {
    guid,
    link: pickLink(asArray(item.linkElements)) ?? permalinkOf(guidElement),
    title: textOf(item.title),
    published: firstText(item.published, item.pubDate, item['dc:date'], item.issued, item.created),
    updated: firstText(item.updated, item.modified, item['atom:updated'], item['dcterms:modified']),
    author: authorOf(item),
    categories: [...asArray(item.categoryElements), ...asArray(item.subjectElements)]
      .map(categoryOf)
      .filter((category): category is string => category !== undefined),
    // rss-parser puts RSS <description> and Atom <content> both into `content`.
    summaryHtml: format === 'atom' ? stringOf(item.summary) : (stringOf(item.content) ?? stringOf(item.summary)),
    contentHtml: format === 'atom' ? stringOf(item.content) : stringOf(item['content:encoded']),
  };
}

/** RSS: the <link> text. Atom: the href of the rel="alternate" link (rel defaults to alternate), HTML preferred. */
function pickLink(elements: unknown[]): string | undefined {
  const text = firstText(...elements.filter((element) => attributeOf(element, 'href') === undefined));
  if (text !== undefined) return text.trim();
  const alternates = elements.filter(
    (element) =>
      attributeOf(element, 'href') !== undefined &&
      (attributeOf(element, 'rel') ?? 'alternate').trim().toLowerCase() === 'alternate',
  );
  const html = alternates.find((element) => /html/i.test(attributeOf(element, 'type') ?? 'html'));
  return attributeOf(html ?? alternates[0], 'href')?.trim();
}

/** An RSS <guid> is the item's permalink unless isPermaLink="false". */
function permalinkOf(guidElement: unknown): string | undefined {
  const guid = textOf(guidElement)?.trim();
  if (!guid || attributeOf(guidElement, 'isPermaLink')?.trim().toLowerCase() === 'false') return undefined;
  return /^https?:\/\//i.test(guid) ? guid : undefined;
}

function authorOf(item: Fields): string | undefined {
  // RSS <author> is text; an Atom <author> has <name> and <email> children.
  const authors = asArray(item.authorElements)
    .map((author) => (isElement(author) ? firstText(author.name, author.email, author._) : firstText(author)))
    .filter((name): name is string => name !== undefined);
  return authors.length ? authors.join(', ') : firstText(...asArray(item.creatorElements));
}

function isElement(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null;
}

/** RSS <category> and dc:subject are text; an Atom <category> has term and label attributes. */
function categoryOf(element: unknown): string | undefined {
  return firstText(element) ?? attributeOf(element, 'label') ?? attributeOf(element, 'term');
}
