export interface FetchRequest {
  url: string;
  /** Validators remembered from the last successful fetch, sent as If-None-Match / If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  /** Extra request headers, sent as given (they override the defaults). */
  headers?: Record<string, string>;
  userAgent?: string;
}

/** Caching headers of the final response, raw. */
export interface ResponseValidators {
  etag?: string;
  lastModified?: string;
  cacheControl?: string;
  expires?: string;
}

export interface FetchedResponse extends ResponseValidators {
  kind: 'fetched';
  status: number;
  requestedUrl: string;
  finalUrl: string;
  /** Set when every redirect from the requested URL was permanent (301/308): the feed's new home. */
  permanentUrl?: string;
  /** Raw Content-Type header. */
  contentType?: string;
  charset: string;
  text: string;
  /** Size of the body after Content-Encoding was undone. */
  bytes: number;
  /** sha256 (hex) of the body bytes after Content-Encoding was undone, before charset decoding. */
  bodyHash: string;
}

export interface NotModifiedResponse extends ResponseValidators {
  kind: 'not-modified';
  status: 304;
  requestedUrl: string;
  finalUrl: string;
  /** As in FetchedResponse: the redirects to the 304 were all permanent. */
  permanentUrl?: string;
}

export type FetchOutcome = FetchedResponse | NotModifiedResponse;
