// Turns the text of an XML feed into an element tree, as strictly as the document
// allows: as is when it is well-formed; else from a repaired copy (repair.ts); else
// leniently, the way a forgiving reader does (unknown close tags ignored, elements the
// document never closes closed at its end). Which of the three it was is reported, so
// the caller can warn, and drop what a lenient read could only guess.
import type { Document, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { DOCTYPE_DECLARATION } from './detect.js';
import type { ParseError } from './errors.js';
import { repairXml } from './repair.js';
import { firstXmlProblem } from './xml-check.js';

export type XmlReading =
  | { quality: 'well-formed'; document: Document }
  | {
      quality: 'repaired' | 'lenient';
      document: Document;
      /** The first well-formedness error of the document as received. */
      problem: ParseError;
      /** What the repair changed (empty when no repair applied). */
      changes: string[];
      /** The text the tree was read from, for isComplete(). */
      text: string;
    };

export function readXml(received: string): XmlReading {
  const text = received.replace(/^\uFEFF/, '');
  const problem = firstXmlProblem(text);
  if (problem === undefined) return { quality: 'well-formed', document: buildTree(withoutDoctype(text)) };

  const repair = repairXml(text);
  const repaired = repair?.text ?? text;
  const changes = repair?.changes ?? [];
  const quality = repair !== null && firstXmlProblem(repaired) === undefined ? 'repaired' : 'lenient';
  const source = withoutDoctype(repaired);
  return { quality, document: buildTree(source), problem, changes, text: source };
}

/**
 * Whether the document itself closes `element`: false for an element a lenient read
 * closed because the document ended (a truncated download) or an outer element closed.
 */
export function isComplete(element: Element, text: string): boolean {
  const end = element.endIndex;
  if (end === null || end >= text.length || text[end] !== '>') return false;
  const tail = text.slice(Math.max(element.startIndex ?? 0, end - element.name.length - 16), end + 1);
  return tail.endsWith('/>') || new RegExp(`</${escapeRegExp(element.name)}\\s*>$`).test(tail);
}

// The internal DTD subset is never read: its entities stay unexpanded (no entity bombs,
// no external entities), and markup inside its declarations must not become elements.
function withoutDoctype(text: string): string {
  return text.replace(DOCTYPE_DECLARATION, '');
}

function buildTree(text: string): Document {
  return parseDocument(text, { xmlMode: true, withStartIndices: true, withEndIndices: true });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
