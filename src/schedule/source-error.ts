import { FetchError } from '../fetch/index.js';
import { ParseError } from '../parse/index.js';
import { ReaderError } from './read-errors.js';

/**
 * Why one poll of a source failed, as recorded for the operator: a FetchError
 * or ParseError with the context only the poll knows (the URL of the
 * document, the page a feed was discovered on, what a 410 means here).
 */
export class SourceError extends Error {
  override readonly name = 'SourceError';

  constructor(
    /** FetchError or ParseError code ("timeout", "http-status", "not-a-feed", …). */
    readonly code: string,
    message: string,
    readonly details: {
      status?: number;
      retryAfter?: string;
      /** 410 Gone: stop polling until the configured URL changes. */
      gone?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: details.cause });
  }

  static fromFetch(err: FetchError): SourceError {
    const gone = err.status === 410;
    const message = gone
      ? `${err.message}: the feed is gone; it is not polled again until its url changes in the config (run --force re-checks it)`
      : err.message;
    return new SourceError(err.code, message, { status: err.status, retryAfter: err.retryAfter, gone, cause: err });
  }

  static fromParse(err: ParseError, url: string, discover: boolean): SourceError {
    const found = err.discovered?.[0];
    const hint = found && !discover ? ` (set "discover: true" on the source to follow ${found}, or configure that URL)` : '';
    return new SourceError(err.code, `Cannot read ${url} as a feed: ${err.message}${hint}`, { cause: err });
  }

  /** The feed an HTML page announced failed too; a 410 there does not make the configured page gone. */
  static inDiscovered(pageUrl: string, feedUrl: string, err: SourceError): SourceError {
    const { gone: _gone, ...details } = err.details;
    return new SourceError(err.code, `${pageUrl} is an HTML page announcing ${feedUrl}, which failed: ${err.message}`, {
      ...details,
      cause: err,
    });
  }
}

/** A FetchError, ParseError or ReaderError as a SourceError; anything else is a bug and is thrown on. */
export function asSourceError(err: unknown, url: string, discover: boolean): SourceError {
  if (err instanceof SourceError) return err;
  if (err instanceof FetchError) return SourceError.fromFetch(err);
  if (err instanceof ParseError) return SourceError.fromParse(err, url, discover);
  if (err instanceof ReaderError) return new SourceError('reader-failed', `Cannot read ${url}: ${err.message}`, { cause: err });
  throw err;
}
