import { PublishError } from './errors.js';

// Both formats need a four-digit year; anything else is a corrupt timestamp, not a date to publish.
const MIN_MS = Date.UTC(1000, 0, 1);
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

function checkedDate(ms: number, what: string): Date {
  if (!Number.isFinite(ms) || ms < MIN_MS || ms > MAX_MS) {
    throw new PublishError('INVALID_DATE', `${what} is not a publishable timestamp: ${ms}`);
  }
  return new Date(ms);
}

/** RFC 3339 in UTC, whole seconds: "2024-04-30T10:00:00Z" (Atom, JSON Feed). */
export function rfc3339(ms: number, what: string): string {
  return checkedDate(ms, what).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 822 with a four-digit year: "Tue, 30 Apr 2024 10:00:00 GMT" (RSS). */
export function rfc822(ms: number, what: string): string {
  return checkedDate(ms, what).toUTCString();
}
