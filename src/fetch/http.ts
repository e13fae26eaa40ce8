import { createHash } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { Agent, request, type Dispatcher } from 'undici';
import type { FetchSettings } from '../config/schema.js';
import { assertLiteralHostAllowed, guardedLookup, PrivateAddressError } from './address-guard.js';
import { BodyTooLargeError, ContentEncodingError, readCappedBody } from './body.js';
import { decodeBody } from './charset.js';
import { contentTypeWarning } from './content-type.js';
import { FetchError, networkFailure } from './errors.js';
import type { FetchOutcome, FetchRequest, ResponseValidators } from './types.js';
import { DEFAULT_USER_AGENT } from './user-agent.js';

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PERMANENT_REDIRECT_STATUSES = new Set([301, 308]);
const RETRY_AFTER_STATUSES = new Set([429, 503]);
// Not handed to another origin by a redirect (as browsers and curl do).
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

type ResponseHeaders = Dispatcher.ResponseData['headers'];

/** Everything one fetchFeed call shares across its redirect hops. */
interface Exchange {
  settings: FetchSettings;
  agent: Agent;
  /** Fires at the deadline or when the caller aborts. */
  signal: AbortSignal;
  deadline: AbortSignal;
  callerSignal: AbortSignal | undefined;
}

function header(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function requestHeaders(req: FetchRequest, settings: FetchSettings): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': req.userAgent ?? settings.userAgent ?? DEFAULT_USER_AGENT,
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (req.etag) headers['if-none-match'] = req.etag;
  if (req.lastModified) headers['if-modified-since'] = req.lastModified;
  for (const [name, value] of Object.entries(req.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.includes(name)));
}

function isHttpUrl(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

function validators(headers: ResponseHeaders): ResponseValidators {
  return {
    etag: header(headers, 'etag'),
    lastModified: header(headers, 'last-modified'),
    cacheControl: header(headers, 'cache-control'),
    expires: header(headers, 'expires'),
    date: header(headers, 'date'),
    age: header(headers, 'age'),
  };
}

/** Drops a body we will not read; destroying it is reported as an error nobody needs. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => {});
  body.destroy();
}

function redirectTarget(status: number, location: string | undefined, from: URL): URL {
  const problem = (what: string) => new FetchError('bad-redirect', from.href, `HTTP ${status} redirect from ${from.href} ${what}`);
  if (!location) throw problem('has no Location header');
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    throw problem(`points to an invalid URL "${location}"`);
  }
  if (!isHttpUrl(target)) throw problem(`points to ${target.href}, which is not an http(s) URL`);
  target.hash = '';
  return target;
}

function httpStatusError(status: number, url: URL, headers: ResponseHeaders): FetchError {
  const retryAfter = RETRY_AFTER_STATUSES.has(status) ? header(headers, 'retry-after') : undefined;
  const reason = STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : '';
  const retryNote = retryAfter === undefined ? '' : ` (Retry-After: ${retryAfter})`;
  return new FetchError('http-status', url.href, `HTTP ${status}${reason} from ${url.href}${retryNote}`, {
    status,
    ...(retryAfter === undefined ? {} : { retryAfter }),
  });
}

/** Any failure of one hop, as the FetchError that explains it. */
function explain(err: unknown, url: URL, exchange: Exchange): FetchError {
  if (err instanceof FetchError) return err;
  const cause = { cause: err };
  // Aborting surfaces as whatever the interrupted stream or socket reports, so the signals decide.
  if (exchange.callerSignal?.aborted) {
    // A caller that aborts with an Error of its own (a cycle deadline) says why.
    const reason: unknown = exchange.callerSignal.reason;
    const why = reason instanceof Error && reason.name !== 'AbortError' ? `: ${reason.message}` : '';
    return new FetchError('aborted', url.href, `Fetch of ${url.href} was aborted${why}`, cause);
  }
  const timeoutSeconds = exchange.settings.timeoutSeconds;
  if (exchange.deadline.aborted || (err as { code?: unknown } | null)?.code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new FetchError(
      'timeout',
      url.href,
      `No complete response from ${url.href} within ${timeoutSeconds} s (fetch.timeoutSeconds)`,
      cause,
    );
  }
  if (err instanceof PrivateAddressError) {
    return new FetchError('private-network', url.href, `Refusing to fetch ${url.href}: ${err.message}`, cause);
  }
  if (err instanceof BodyTooLargeError) {
    return new FetchError('too-large', url.href, `Response from ${url.href} refused: ${err.message}`, cause);
  }
  if (err instanceof ContentEncodingError) {
    return new FetchError('decode', url.href, `Response from ${url.href} is unreadable: ${err.message}`, cause);
  }
  return networkFailure(err, url);
}

async function readOutcome(
  req: FetchRequest,
  url: URL,
  permanentUrl: string | undefined,
  response: Dispatcher.ResponseData,
  exchange: Exchange,
): Promise<FetchOutcome> {
  const { statusCode: status, headers, body } = response;
  const common = { requestedUrl: req.url, finalUrl: url.href, ...(permanentUrl ? { permanentUrl } : {}) };
  if (status === 304) {
    discard(body);
    // A 304 confirms the validators we sent still hold, even when it does not repeat them.
    const fresh = validators(headers);
    return {
      kind: 'not-modified',
      status,
      ...common,
      ...fresh,
      etag: fresh.etag ?? req.etag,
      lastModified: fresh.lastModified ?? req.lastModified,
    };
  }
  if (status < 200 || status > 299) {
    discard(body);
    throw httpStatusError(status, url, headers);
  }
  const { maxBytes } = exchange.settings;
  if (Number(header(headers, 'content-length')) > maxBytes) {
    discard(body);
    throw new BodyTooLargeError(maxBytes, 'received');
  }
  const raw = await readCappedBody(body, header(headers, 'content-encoding'), maxBytes, exchange.signal);
  const contentType = header(headers, 'content-type');
  const { text, charset, warnings } = decodeBody(raw, contentType);
  const typeWarning = contentTypeWarning(contentType);
  return {
    kind: 'fetched',
    status,
    ...common,
    contentType,
    charset,
    text,
    bytes: raw.length,
    bodyHash: createHash('sha256').update(raw).digest('hex'),
    warnings: typeWarning === undefined ? warnings : [typeWarning, ...warnings],
    ...validators(headers),
  };
}

async function follow(req: FetchRequest, start: URL, exchange: Exchange): Promise<FetchOutcome> {
  const { settings, agent, signal } = exchange;
  const withCredentials = requestHeaders(req, settings);
  const credentialsOrigin = req.credentialsOrigin ?? start.origin;
  // Once a hop leaves the credentials' origin they are gone for the rest of the chain.
  let headers = start.origin === credentialsOrigin ? withCredentials : withoutCredentials(withCredentials);
  const visited = [start.href];
  let allPermanent = true;
  let url = start;
  for (;;) {
    try {
      if (!settings.allowPrivateNetworks) assertLiteralHostAllowed(url);
      const response = await request(url, { method: 'GET', headers, dispatcher: agent, signal });
      if (!REDIRECT_STATUSES.has(response.statusCode)) {
        const permanentUrl = allPermanent && visited.length > 1 ? url.href : undefined;
        return await readOutcome(req, url, permanentUrl, response, exchange);
      }
      discard(response.body);
      const next = redirectTarget(response.statusCode, header(response.headers, 'location'), url);
      const chain = [...visited, next.href].join(' -> ');
      if (visited.includes(next.href)) throw new FetchError('redirect-loop', url.href, `Redirect loop: ${chain}`);
      if (visited.length > settings.maxRedirects) {
        throw new FetchError(
          'too-many-redirects',
          url.href,
          `More than ${settings.maxRedirects} redirects (fetch.maxRedirects): ${chain}`,
        );
      }
      allPermanent &&= PERMANENT_REDIRECT_STATUSES.has(response.statusCode);
      if (next.origin !== credentialsOrigin) headers = withoutCredentials(headers);
      visited.push(next.href);
      url = next;
    } catch (err) {
      throw explain(err, url, exchange);
    }
  }
}

/**
 * GETs one feed URL: follows redirects itself, sends conditional headers,
 * undoes Content-Encoding and charset, and enforces fetch.timeoutSeconds over
 * the whole exchange and fetch.maxBytes on every count of the body.
 * Uses `connections` when given (see openConnections), else its own.
 * Throws FetchError only.
 */
export async function fetchFeed(
  req: FetchRequest,
  settings: FetchSettings,
  signal?: AbortSignal,
  connections?: Agent,
): Promise<FetchOutcome> {
  let start: URL;
  try {
    start = new URL(req.url);
  } catch {
    throw new FetchError('network', req.url, `Cannot fetch "${req.url}": not a valid URL`);
  }
  if (!isHttpUrl(start)) throw new FetchError('network', req.url, `Cannot fetch ${req.url}: only http and https URLs are supported`);
  start.hash = '';

  const deadline = AbortSignal.timeout(settings.timeoutSeconds * 1000);
  const agent = connections ?? openConnections(settings);
  const exchange: Exchange = {
    settings,
    agent,
    deadline,
    callerSignal: signal,
    signal: signal ? AbortSignal.any([deadline, signal]) : deadline,
  };
  try {
    return await follow(req, start, exchange);
  } finally {
    if (!connections) await agent.destroy();
  }
}

/**
 * Connections to share between the fetches of one cycle (kept alive, so that
 * feeds of one host reuse them), with the settings' connect timeout and
 * private-address guard. The owner destroys it when the cycle is done.
 */
export function openConnections(settings: FetchSettings): Agent {
  return new Agent({
    connect: { timeout: settings.timeoutSeconds * 1000, ...(settings.allowPrivateNetworks ? {} : { lookup: guardedLookup }) },
    // The whole-exchange deadline governs; undici's per-phase timers would only blur it.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
}
