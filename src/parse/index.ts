import type { ParsedFeed } from '../model.js';
import { detectDocument } from './detect.js';
import { ParseError } from './errors.js';
import { htmlPageError } from './html-page.js';
import { readJsonFeed } from './jsonfeed.js';
import { readXmlFeed } from './rss.js';

export { ParseError } from './errors.js';
export type { ParseErrorCode } from './errors.js';

export interface ParseContext {
  /** The URL the document was fetched from (after redirects), for resolving discovered feed links. */
  url: string;
}

/**
 * Reads an already-decoded feed document (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.x)
 * into raw items. Rejects with a ParseError only.
 */
export async function parseFeed(text: string, ctx: ParseContext): Promise<ParsedFeed> {
  try {
    return await readDocument(text, ctx);
  } catch (error) {
    if (error instanceof ParseError) throw error;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new ParseError('unsupported', `the feed reader failed on this document (${reason})`, { cause: error });
  }
}

async function readDocument(text: string, ctx: ParseContext): Promise<ParsedFeed> {
  const document = detectDocument(text);
  switch (document.kind) {
    case 'empty':
      throw new ParseError('empty', 'the document is empty');
    case 'json':
      return readJsonFeed(text);
    case 'html':
      throw htmlPageError(text, ctx.url);
    case 'text':
      throw new ParseError('not-a-feed', 'the document has no markup: it is neither XML nor JSON');
    case 'other-xml':
      throw new ParseError('unsupported', `the root element <${document.root.name}> is not RSS, RDF or Atom`);
    case 'feed':
      return readXmlFeed(text, document.format, document.root);
  }
}
