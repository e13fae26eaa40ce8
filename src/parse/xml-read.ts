// Turns the text of an XML feed into an element tree, as strictly as the document
// allows: as is when it is well-formed; else from a repaired copy (repair.ts); else
// leniently, the way a forgiving reader does (unknown close tags ignored, elements the
// document never closes closed at its end). Which of the three it was is reported, so
// the caller can warn, and drop what a lenient read could only guess.
import { DomHandler, type Document, type Element } from 'domhandler';
import { Parser } from 'htmlparser2';
import { DOCTYPE_DECLARATION } from './detect.js';
import { ParseError } from './errors.js';
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
  assertElementCount(text);
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

/**
 * A feed of 10 MB (the default fetch.maxBytes) holds a few thousand items of a few
 * dozen elements each. The tree of a document costs about 450 bytes per element, so
 * this bounds what one document can take (about 250 MB) whatever its size in bytes:
 * 10 MB of "<item/>" would otherwise be 1.4 million elements and over 1 GB.
 */
const MAX_ELEMENTS = 500_000;

/** Rejects a document with more start tags than MAX_ELEMENTS, counted before any tree is built. */
function assertElementCount(text: string): void {
  let count = 0;
  for (let at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1)) {
    const next = text.charCodeAt(at + 1);
    // Not "</", "<!" (comments, CDATA, DOCTYPE) or "<?": an element starts here, or stray text that might.
    if (next !== 0x2f && next !== 0x21 && next !== 0x3f) count += 1;
  }
  if (count > MAX_ELEMENTS) {
    throw new ParseError(
      'unsupported',
      `the document has ${count.toLocaleString('en-US')} elements, more than the ${MAX_ELEMENTS.toLocaleString('en-US')} Gazette reads from one document`,
    );
  }
}

/**
 * Deeper than any real feed (XHTML content nests a few dozen levels), shallow enough
 * for the recursive tree walks of the dialects and of the HTML libraries downstream.
 */
const MAX_ELEMENT_DEPTH = 1000;

/** Builds the element tree, refusing it the moment an element opens deeper than MAX_ELEMENT_DEPTH. */
class ShallowTree extends DomHandler {
  override onopentag(name: string, attribs: Record<string, string>): void {
    // The stack holds the document and the open elements: its length is the new element's depth.
    if (this.tagStack.length > MAX_ELEMENT_DEPTH) {
      throw new ParseError(
        'malformed',
        `elements nested deeper than ${MAX_ELEMENT_DEPTH.toLocaleString('en-US')} levels (<${name}> elements); no feed nests that deep`,
      );
    }
    super.onopentag(name, attribs);
  }
}

function buildTree(text: string): Document {
  const options = { xmlMode: true, withStartIndices: true, withEndIndices: true };
  const tree = new ShallowTree(undefined, options);
  // Stopping early matters: the parser's work per tag grows with the depth.
  new Parser(tree, options).end(text);
  return tree.root;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
