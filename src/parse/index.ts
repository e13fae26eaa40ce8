import type { ParsedFeed } from '../model.js';
import { detectDocument } from './detect.js';
import { ParseError } from './errors.js';
import { htmlPageError } from './html-page.js';
import { readJsonFeed } from './jsonfeed.js';
import { readXmlFeed } from './xml-feed.js';

export { ParseError } from './errors.js';
export type { ParseErrorCode } from './errors.js';

export interface ParseContext {
  /** The URL the document was fetched from (after redirects): the base of relative links and of discovered feeds. */
  url: string;
}

/**
 * Reads an already-decoded feed document (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.x)
 * into raw items. A malformed XML document is read from a repaired copy or leniently when
 * that gives complete items, with a warning; else, and for anything that is not a feed,
 * it rejects with a ParseError only.
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
      return readJsonFeed(text, ctx.url);
    case 'html':
      if (EMBEDDED_ATOM.test(text)) return readEmbeddedFeed(text, ctx);
      throw htmlPageError(text, ctx.url);
    case 'text':
      throw new ParseError('not-a-feed', 'the document has no markup: it is neither XML nor JSON');
    case 'other-xml':
      throw new ParseError('unsupported', `the root element <${document.root.name}> is not RSS, RDF or Atom`);
    case 'feed':
      return readXmlFeed(text, ctx.url);
  }
}

// An XHTML page that carries an Atom feed inside it, as some blog engines serve.
const EMBEDDED_ATOM = /<(?:[\w.-]+:)?feed\s[^>]*xmlns(?::[\w.-]+)?\s*=\s*["']http:\/\/www\.w3\.org\/2005\/Atom["']/;

function readEmbeddedFeed(text: string, ctx: ParseContext): ParsedFeed {
  try {
    return readXmlFeed(text, ctx.url);
  } catch (error) {
    if (error instanceof ParseError) throw htmlPageError(text, ctx.url);
    throw error;
  }
}
