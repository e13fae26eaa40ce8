const MINUTE = 60_000;
const DEFAULT_BACKOFF_CAP_MS = 24 * 60 * MINUTE;

/** A healthy source is due again at the next cycle. */
export function nextPollAfterSuccess(now: number): number {
  return now;
}

/**
 * Failing sources back off exponentially (5 min, 10, 20, … up to the cap) with
 * ±10% jitter so that sources failing together do not retry together.
 */
export function nextPollAfterFailure(now: number, consecutiveFailures: number, random = Math.random): number {
  const base = Math.min(5 * MINUTE * 2 ** Math.max(0, consecutiveFailures - 1), DEFAULT_BACKOFF_CAP_MS);
  return now + Math.round(base * (0.9 + 0.2 * random()));
}
