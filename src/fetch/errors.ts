export type FetchErrorCode =
  | 'timeout'
  | 'too-large'
  | 'http-status'
  | 'private-network'
  | 'dns'
  | 'connection-refused'
  | 'tls'
  | 'network'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'bad-redirect'
  | 'decode'
  | 'aborted';

export interface FetchErrorDetails {
  status?: number;
  retryAfter?: string;
  cause?: unknown;
}

/** The only error fetchFeed throws. `url` is the URL being requested when it failed (a redirect hop, maybe). */
export class FetchError extends Error {
  override readonly name = 'FetchError';
  readonly code: FetchErrorCode;
  readonly url: string;
  readonly status?: number;
  /** Raw Retry-After header of a 429/503 answer. */
  readonly retryAfter?: string;

  constructor(code: FetchErrorCode, url: string, message: string, details: FetchErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.url = url;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfter !== undefined) this.retryAfter = details.retryAfter;
  }
}

const TLS_CODE =
  /^(ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|CERT_|INVALID_CA$|HOSTNAME_MISMATCH$|EPROTO$)/;

/** The system/library error code of a low-level failure, looking through wrappers. */
function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { code, cause, errors } = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') return code;
  if (cause !== undefined) return errorCode(cause);
  // Happy-eyeballs connects report every address tried in one AggregateError.
  if (Array.isArray(errors)) return errorCode(errors[0]);
  return undefined;
}

/** Turns a socket, DNS, TLS or HTTP-parser failure into a FetchError an operator can act on. */
export function networkFailure(err: unknown, url: URL): FetchError {
  const code = errorCode(err);
  const detail = err instanceof Error ? err.message : String(err);
  const withCause = { cause: err };
  if (code === 'ECONNREFUSED') {
    return new FetchError(
      'connection-refused',
      url.href,
      `Connection refused by ${url.host} for ${url.href}: nothing is listening on that port (server down or wrong URL)`,
      withCause,
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'EAI_NODATA') {
    const why = code === 'ENOTFOUND' ? 'the name does not exist' : 'the DNS server did not answer';
    return new FetchError('dns', url.href, `DNS lookup of ${url.hostname} failed (${code}: ${why}) for ${url.href}`, withCause);
  }
  if (code !== undefined && TLS_CODE.test(code)) {
    return new FetchError('tls', url.href, `TLS connection to ${url.host} failed for ${url.href}: ${detail} (${code})`, withCause);
  }
  const suffix = code === undefined ? '' : ` (${code})`;
  return new FetchError('network', url.href, `Network error fetching ${url.href}: ${detail}${suffix}`, withCause);
}
