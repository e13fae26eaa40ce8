import { load } from 'cheerio/slim';
import { detectDocument, documentStart } from './detect.js';
import { FORBIDDEN_CHARACTERS } from './xml-check.js';

/** A repaired copy of a document and what was changed, for the parse warning. */
export interface Repair {
  text: string;
  changes: string[];
}

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
// Sections whose text is taken literally; entities inside them must stay as they are.
const LITERAL_SECTIONS = /(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/;
const AMPERSAND = /&(?:#(\d{1,8});|#[xX]([0-9a-fA-F]{1,8});|([A-Za-z][A-Za-z0-9]{0,31});)?/g;

interface EntityCounts {
  htmlEntities: number;
  unknownEntities: number;
  bareAmpersands: number;
  badCharacterReferences: number;
}

/**
 * Cheap fixes for the most common ways feeds break XML: junk before or after the
 * document (PHP warnings, injected scripts), control characters, HTML named entities XML does not know, bare '&' and references
 * to characters XML forbids. Returns null when none applies, so there is nothing new to try.
 *
 * Entities declared in a DTD are not expanded here either: they become literal text,
 * which is what keeps entity bombs and external entities harmless.
 */
export function repairXml(text: string): Repair | null {
  const changes: string[] = [];
  const start = documentStart(text);
  let body = text.slice(start);
  const junk = text.slice(0, start).replace(/^\uFEFF/, '');
  if (junk.trim() !== '') changes.push(`removed ${junk.length} characters of junk before the document`);
  const end = rootEnd(body);
  if (end !== undefined && body.slice(end).trim() !== '') {
    changes.push(`removed ${body.length - end} characters of junk after the document`);
    body = body.slice(0, end);
  }
  let forbidden = 0;
  body = body.replace(FORBIDDEN_CHARACTERS, () => {
    forbidden += 1;
    return '';
  });
  if (forbidden) changes.push(`removed ${forbidden} control characters XML does not allow`);

  const counts: EntityCounts = { htmlEntities: 0, unknownEntities: 0, bareAmpersands: 0, badCharacterReferences: 0 };
  body = body
    .split(LITERAL_SECTIONS)
    .map((part, index) => (index % 2 === 1 ? part : repairReferences(part, counts)))
    .join('');
  if (counts.htmlEntities) changes.push(`replaced ${counts.htmlEntities} HTML entities`);
  if (counts.unknownEntities) changes.push(`kept ${counts.unknownEntities} undefined entities as literal text`);
  if (counts.bareAmpersands) changes.push(`escaped ${counts.bareAmpersands} bare '&'`);
  if (counts.badCharacterReferences) changes.push(`replaced ${counts.badCharacterReferences} invalid character references`);

  return changes.length ? { text: body, changes } : null;
}

/** Where the root element's last closing tag ends; undefined when the document never closes it. */
function rootEnd(text: string): number | undefined {
  const document = detectDocument(text);
  if (document.kind !== 'feed' && document.kind !== 'other-xml') return undefined;
  const name = document.root.name.replace(/[.]/g, '\\.');
  const closings = [...text.matchAll(new RegExp(`</${name}\\s*>`, 'g'))];
  const last = closings.at(-1);
  return last === undefined ? undefined : last.index + last[0].length;
}

function repairReferences(markup: string, counts: EntityCounts): string {
  return markup.replace(AMPERSAND, (whole, decimal?: string, hex?: string, name?: string) => {
    if (decimal !== undefined || hex !== undefined) {
      const codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex!, 16);
      if (isXmlChar(codePoint)) return whole;
      counts.badCharacterReferences += 1;
      return '&#xFFFD;';
    }
    if (name === undefined) {
      counts.bareAmpersands += 1;
      return '&amp;';
    }
    if (XML_ENTITIES.has(name)) return whole;
    const decoded = decodeHtmlEntity(name);
    if (decoded === undefined) {
      counts.unknownEntities += 1;
      return `&amp;${name};`;
    }
    counts.htmlEntities += 1;
    return Array.from(decoded, (char) => `&#${char.codePointAt(0)};`).join('');
  });
}

// Holds every HTML entity name (about 2,200) plus unknown names seen, up to a bound.
const ENTITY_CACHE_LIMIT = 10_000;
const htmlEntityCache = new Map<string, string | undefined>();

function decodeHtmlEntity(name: string): string | undefined {
  if (htmlEntityCache.has(name)) return htmlEntityCache.get(name);
  const reference = `&${name};`;
  const decoded = load(reference).text();
  // The HTML decoder also reads legacy prefixes ("&notit;" → "¬it;"); those are not this entity.
  const known = decoded !== reference && !(decoded.length > 1 && decoded.endsWith(';'));
  const result = known ? decoded : undefined;
  if (htmlEntityCache.size < ENTITY_CACHE_LIMIT) htmlEntityCache.set(name, result);
  return result;
}

// https://www.w3.org/TR/xml/#NT-Char
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}
