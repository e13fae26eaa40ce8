export type ParseErrorCode = 'not-a-feed' | 'malformed' | 'empty' | 'unsupported';

export interface ParseErrorDetails {
  line?: number;
  column?: number;
  /** Feed URLs announced by an HTML page (absolute). */
  discovered?: string[];
  cause?: unknown;
}

/** The document could not be read as a feed. The message names the problem; the caller adds the source. */
export class ParseError extends Error {
  readonly code: ParseErrorCode;
  readonly line?: number;
  readonly column?: number;
  readonly discovered?: string[];

  constructor(code: ParseErrorCode, message: string, details: ParseErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ParseError';
    this.code = code;
    if (details.line !== undefined) this.line = details.line;
    if (details.column !== undefined) this.column = details.column;
    if (details.discovered !== undefined) this.discovered = details.discovered;
  }
}
