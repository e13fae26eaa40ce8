import { retryAfterAt, type Freshness } from '../fetch/index.js';

// When to poll a source next: the polling policy of README "Polling policy".
// Pure functions; every input is passed in, `now` included.

const MINUTE = 60_000;
/** The window over which a source's posting rate is observed. */
export const POSTING_WINDOW_MS = 7 * 24 * 60 * MINUTE;
/** The first retry of a failing source; each further failure doubles it, up to fetch.backoffCapHours. */
export const FIRST_BACKOFF_MS = 5 * MINUTE;

export interface NextPoll {
  /** Epoch ms from which the source is due. */
  at: number;
  /** The rule that chose `at`, in words for `gazette status`. */
  reason: string;
}

export interface SuccessSignals {
  now: number;
  /** Cache-Control max-age / Expires of the response, when it had them. */
  freshness?: Freshness;
  /** RSS <ttl> of the document. */
  ttlMinutes?: number;
  /** sy:updatePeriod / sy:updateFrequency of the document. */
  updatePeriodMinutes?: number;
  /** Articles of the source published within POSTING_WINDOW_MS before now. */
  postsInWindow: number;
  /** The source's bounds (its own, else fetch.minIntervalMinutes / maxIntervalMinutes). */
  minMinutes: number;
  maxMinutes: number;
}

interface Hint {
  ms: number;
  reason: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const minutesText = (minutes: number) => `${Number(minutes.toFixed(2))} min`;

/** About one new article per poll: the mean gap between the posts of the window. */
function postingHint(posts: number): Hint {
  if (posts === 0) return { ms: Infinity, reason: 'posting rate: no posts in 7 days' };
  return { ms: POSTING_WINDOW_MS / posts, reason: `posting rate: ${plural(posts, 'post')} in 7 days` };
}

/**
 * After a successful poll (fetched, 304 or same body). The server's freshness
 * and the document's <ttl>/sy:updatePeriod ask not to come back sooner; the
 * posting rate says when something new is likely. The longest of them wins,
 * then the source's min/max interval bound it.
 */
export function nextPollAfterSuccess(s: SuccessSignals): NextPoll {
  const hints: Hint[] = [postingHint(s.postsInWindow)];
  if (s.freshness) hints.push({ ms: s.freshness.ms, reason: s.freshness.source });
  if (s.ttlMinutes !== undefined) hints.push({ ms: s.ttlMinutes * MINUTE, reason: `RSS <ttl> ${minutesText(s.ttlMinutes)}` });
  if (s.updatePeriodMinutes !== undefined) {
    hints.push({ ms: s.updatePeriodMinutes * MINUTE, reason: `sy:updatePeriod ${minutesText(s.updatePeriodMinutes)}` });
  }
  const longest = hints.reduce((a, b) => (b.ms > a.ms ? b : a));
  const min = s.minMinutes * MINUTE;
  const max = s.maxMinutes * MINUTE;
  if (longest.ms < min) {
    return { at: s.now + min, reason: `minimum interval ${minutesText(s.minMinutes)} (${longest.reason})` };
  }
  if (longest.ms > max) {
    return { at: s.now + max, reason: `maximum interval ${minutesText(s.maxMinutes)} (${longest.reason})` };
  }
  return { at: s.now + Math.round(longest.ms), reason: longest.reason };
}

export interface FailureSignals {
  now: number;
  /** Failures in a row, this one included. */
  consecutiveFailures: number;
  /** Raw Retry-After of a 429/503. */
  retryAfter?: string;
  capHours: number;
  random?: () => number;
}

/**
 * After a failed poll. A readable Retry-After is honoured exactly. Otherwise the
 * wait doubles with each failure in a row (5 min, 10, 20, …) up to the cap, less
 * up to 20% jitter so that sources failing together do not retry together.
 */
export function nextPollAfterFailure(s: FailureSignals): NextPoll {
  const retryAt = retryAfterAt(s.retryAfter, s.now);
  if (retryAt !== undefined) return { at: Math.max(retryAt, s.now), reason: `Retry-After: ${s.retryAfter!.trim()}` };
  const base = Math.min(FIRST_BACKOFF_MS * 2 ** Math.max(0, s.consecutiveFailures - 1), s.capHours * 60 * MINUTE);
  const random = s.random ?? Math.random;
  return {
    at: s.now + Math.round(base * (0.8 + 0.2 * random())),
    reason: `backoff after ${plural(s.consecutiveFailures, 'failure')}`,
  };
}
