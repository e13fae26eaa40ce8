import type { ResponseValidators } from './types.js';

// Reading the headers by which a server says when to come back (RFC 9111
// freshness, RFC 9110 Retry-After). Pure: `now` comes from the caller.

// asctime has no zone but is defined as GMT; Date.parse would read it as local time.
const ASCTIME = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/;
// Every HTTP date form names the month and has a time; Date.parse alone takes "-5" for a year.
const DATE_SHAPE = /[A-Za-z]{3}.*\d\d:\d\d/;

/** Epoch ms of an HTTP date (IMF-fixdate, RFC 850 or asctime), else undefined. */
export function parseHttpDate(value: string | undefined): number | undefined {
  if (value === undefined || !DATE_SHAPE.test(value)) return undefined;
  const text = value.trim();
  const ms = Date.parse(ASCTIME.test(text) ? `${text} GMT` : text);
  return Number.isNaN(ms) ? undefined : ms;
}

function deltaSeconds(value: string | undefined): number | undefined {
  const text = value?.trim().replace(/^"(.*)"$/, '$1');
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/** The value of a Cache-Control directive ("" when it has none), undefined when absent. */
function directive(cacheControl: string, name: string): string | undefined {
  for (const part of cacheControl.split(',')) {
    const [key, ...value] = part.split('=');
    if (key?.trim().toLowerCase() === name) return value.join('=');
  }
  return undefined;
}

export interface Freshness {
  /** How long from now the response stays fresh, ms (0 when already stale). */
  ms: number;
  /** Which header said so, e.g. "Cache-Control max-age=3600" or "Expires". */
  source: string;
}

/**
 * How long the server says its answer stays fresh: Cache-Control max-age (less
 * Age), else Expires against the response's Date. `no-cache`/`no-store` mean 0.
 * Undefined when the response says nothing about it.
 */
export function freshness(headers: ResponseValidators, now: number): Freshness | undefined {
  const age = (deltaSeconds(headers.age) ?? 0) * 1000;
  if (headers.cacheControl !== undefined) {
    const cc = headers.cacheControl;
    if (directive(cc, 'no-store') !== undefined || directive(cc, 'no-cache') !== undefined) {
      return { ms: 0, source: `Cache-Control ${cc.trim()}` };
    }
    const maxAge = deltaSeconds(directive(cc, 'max-age'));
    if (maxAge !== undefined) return { ms: Math.max(0, maxAge * 1000 - age), source: `Cache-Control max-age=${maxAge}` };
  }
  if (headers.expires !== undefined) {
    // An Expires that is not a date ("0", "-1") means "already expired".
    const expires = parseHttpDate(headers.expires) ?? 0;
    const date = parseHttpDate(headers.date) ?? now;
    return { ms: Math.max(0, expires - date - age), source: `Expires: ${headers.expires.trim()}` };
  }
  return undefined;
}

/** When a Retry-After header (seconds or an HTTP date) allows the next request, epoch ms; undefined if unreadable. */
export function retryAfterAt(value: string | undefined, now: number): number | undefined {
  const seconds = deltaSeconds(value);
  if (seconds !== undefined) return now + seconds * 1000;
  return parseHttpDate(value);
}
