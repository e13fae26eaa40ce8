// Fetch stage: one feed URL in, its decoded body (or "not modified") out.
export type { FetchRequest, FetchedResponse, NotModifiedResponse, FetchOutcome, ResponseValidators } from './types.js';
export { FetchError, type FetchErrorCode } from './errors.js';
export { fetchFeed, openConnections } from './http.js';
export { decodeBody, type DecodedBody } from './charset.js';
export { DEFAULT_USER_AGENT } from './user-agent.js';
export { freshness, retryAfterAt, type Freshness } from './cache-headers.js';
