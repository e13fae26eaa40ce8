import sax from 'sax';
import { ParseError } from './errors.js';

// Characters XML 1.0 forbids even as text (control characters, unpaired surrogates,
// U+FFFE/U+FFFF). sax lets them through, so they are looked for here.
const FORBIDDEN_CHARACTER =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const FORBIDDEN_CHARACTERS = new RegExp(FORBIDDEN_CHARACTER.source, 'g');

const STOP = Symbol('stop');

/**
 * The first well-formedness error of an XML document as a ParseError naming the
 * problem and its line and column, or undefined when the document is well-formed.
 * Only the five XML entities are known: DTD entities are never expanded.
 */
export function firstXmlProblem(text: string): ParseError | undefined {
  // Counting lines costs sax a third of its time: only a document with an error is read twice.
  const problem = saxProblem(text, false) && saxProblem(text, true);
  const forbidden = FORBIDDEN_CHARACTER.exec(text);
  const first =
    forbidden && (problem === undefined || forbidden.index < problem.offset)
      ? { reason: `character U+${forbidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`, ...lineAndColumn(text, forbidden.index) }
      : problem;
  if (first === undefined) return undefined;
  const { reason, line, column } = first;
  return new ParseError('malformed', `not well-formed XML: ${reason} at line ${line}, column ${column}`, { line, column });
}

interface SaxProblem {
  reason: string;
  line: number;
  column: number;
  offset: number;
}

function saxProblem(text: string, position: boolean): SaxProblem | undefined {
  // strictEntities (sax >= 1.2.4) is missing from @types/sax: without it sax decodes HTML entities too.
  const parser = sax.parser(true, { strictEntities: true, position } as sax.SAXOptions);
  let problem: SaxProblem | undefined;
  parser.onerror = (error) => {
    // sax counts lines from 0 and columns from 1; it reports the character after a bad one.
    problem = { reason: error.message.split('\n')[0]!.replace(/\.$/, ''), line: parser.line + 1, column: parser.column, offset: parser.position };
    throw STOP;
  };
  try {
    parser.write(text).close();
  } catch (error) {
    if (error !== STOP) throw error;
  }
  return problem;
}

function lineAndColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: index - lineStart + 1 };
}
