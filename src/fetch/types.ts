export interface FetchRequest {
  url: string;
  /** Validators remembered from the last successful fetch, sent as If-None-Match / If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  /** Extra request headers, sent as given (they override the defaults). */
  headers?: Record<string, string>;
  userAgent?: string;
  /**
   * The only origin that gets the Authorization/Cookie headers of `headers`
   * (default: the origin of `url`). A source that moved or was discovered
   * elsewhere keeps its credentials for the origin they were configured for.
   */
  credentialsOrigin?: string;
}

/** Caching headers of the final response, raw. */
export interface ResponseValidators {
  etag?: string;
  lastModified?: string;
  cacheControl?: string;
  expires?: string;
  /** Date and Age: Expires is read against Date, and a cache's Age is deducted from the freshness. */
  date?: string;
  age?: string;
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
  /** Problems that did not stop the fetch: a non-feed Content-Type, an unknown charset, invalid bytes. */
  warnings: string[];
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
