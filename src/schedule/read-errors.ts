import { ParseError } from '../parse/index.js';

/** A ParseError as plain data, to cross a worker thread's boundary, and back. */
export interface ParseErrorData {
  code: ParseError['code'];
  message: string;
  line?: number;
  column?: number;
  discovered?: string[];
}

export const parseErrorData = (e: ParseError): ParseErrorData => ({
  code: e.code,
  message: e.message,
  line: e.line,
  column: e.column,
  discovered: e.discovered,
});

export const parseErrorFrom = (d: ParseErrorData): ParseError =>
  new ParseError(d.code, d.message, { line: d.line, column: d.column, discovered: d.discovered });

/**
 * A reader thread failed on a document: it died (the document exhausted its
 * heap) or threw what the parse and normalize stages never should. The source
 * fails with this; the other documents, and the cycle, go on.
 */
export class ReaderError extends Error {
  override readonly name = 'ReaderError';
}
