import { describe, expect, it } from 'vitest';
import { nextPollAfterFailure, nextPollAfterSuccess, type SuccessSignals } from '../../src/schedule/next-poll.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('nextPollAfterSuccess: the longest hint wins, bounded by min/max interval', () => {
  const base: SuccessSignals = { now: NOW, postsInWindow: 7 * 24, minMinutes: 5, maxMinutes: 1440 };
  it.each<[string, Partial<SuccessSignals>, number, string]>([
    ['one post an hour: about one new post per poll', {}, HOUR, 'posting rate: 168 posts in 7 days'],
    ['one post a day', { postsInWindow: 7 }, 24 * HOUR, 'posting rate: 7 posts in 7 days'],
    ['a very busy feed is held to the minimum interval', { postsInWindow: 10_000 }, 5 * MIN, 'minimum interval 5 min (posting rate: 10000 posts in 7 days)'],
    ['no posts in a week: the maximum interval', { postsInWindow: 0 }, 24 * HOUR, 'maximum interval 1440 min (posting rate: no posts in 7 days)'],
    ['one post a week is capped at the maximum', { postsInWindow: 1 }, 24 * HOUR, 'maximum interval 1440 min (posting rate: 1 post in 7 days)'],
    [
      'Cache-Control max-age longer than the posting gap',
      { freshness: { ms: 3 * HOUR, source: 'Cache-Control max-age=10800' } },
      3 * HOUR,
      'Cache-Control max-age=10800',
    ],
    ['max-age shorter than the posting gap does not hurry us', { freshness: { ms: 60_000, source: 'Cache-Control max-age=60' } }, HOUR, 'posting rate: 168 posts in 7 days'],
    ['Expires', { freshness: { ms: 2 * HOUR, source: 'Expires: x' } }, 2 * HOUR, 'Expires: x'],
    ['RSS <ttl>', { ttlMinutes: 90 }, 90 * MIN, 'RSS <ttl> 90 min'],
    ['sy:updatePeriod hourly, frequency 2 (30 min) loses to the posting gap', { updatePeriodMinutes: 30 }, HOUR, 'posting rate: 168 posts in 7 days'],
    ['sy:updatePeriod daily', { updatePeriodMinutes: 1440 }, 24 * HOUR, 'sy:updatePeriod 1440 min'],
    ['the longest of several hints', { ttlMinutes: 120, updatePeriodMinutes: 180, freshness: { ms: HOUR, source: 'Expires: x' } }, 3 * HOUR, 'sy:updatePeriod 180 min'],
    ['a ttl beyond the maximum is capped', { ttlMinutes: 7 * 1440 }, 24 * HOUR, 'maximum interval 1440 min (RSS <ttl> 10080 min)'],
    ['per-source bounds', { postsInWindow: 0, maxMinutes: 120 }, 2 * HOUR, 'maximum interval 120 min (posting rate: no posts in 7 days)'],
    ['minimum 0 and maximum 0: every cycle', { minMinutes: 0, maxMinutes: 0 }, 0, 'maximum interval 0 min (posting rate: 168 posts in 7 days)'],
    ['a fractional interval', { updatePeriodMinutes: 1440 / 7, postsInWindow: 0, maxMinutes: 300 }, 300 * MIN, 'maximum interval 300 min (posting rate: no posts in 7 days)'],
  ])('%s', (_case, signals, wait, reason) => {
    expect(nextPollAfterSuccess({ ...base, ...signals })).toEqual({ at: NOW + wait, reason });
  });
});

describe('nextPollAfterFailure', () => {
  const cap = 24;
  it('honours Retry-After in seconds or as an HTTP date exactly, whatever the failure count', () => {
    expect(nextPollAfterFailure({ now: NOW, consecutiveFailures: 7, retryAfter: '120', capHours: cap })).toEqual({
      at: NOW + 120_000,
      reason: 'Retry-After: 120',
    });
    expect(
      nextPollAfterFailure({ now: NOW, consecutiveFailures: 1, retryAfter: 'Tue, 03 Mar 2026 08:00:00 GMT', capHours: cap }),
    ).toEqual({ at: Date.parse('2026-03-03T08:00:00Z'), reason: 'Retry-After: Tue, 03 Mar 2026 08:00:00 GMT' });
    // A date already past: due at once.
    expect(nextPollAfterFailure({ now: NOW, consecutiveFailures: 1, retryAfter: 'Sun, 01 Mar 2026 11:00:00 GMT', capHours: cap }).at).toBe(NOW);
  });

  it.each([
    [1, 5 * MIN],
    [2, 10 * MIN],
    [3, 20 * MIN],
    [6, 160 * MIN],
    [10, 24 * HOUR],
    [5000, 24 * HOUR],
  ])('backs off exponentially: failure %i waits up to %i ms, never past the cap', (failures, ceiling) => {
    const top = nextPollAfterFailure({ now: NOW, consecutiveFailures: failures, capHours: cap, random: () => 0.999999 });
    const bottom = nextPollAfterFailure({ now: NOW, consecutiveFailures: failures, capHours: cap, random: () => 0 });
    expect(top.at - NOW).toBeLessThanOrEqual(ceiling);
    expect(top.at - NOW).toBeGreaterThan(ceiling * 0.99);
    expect(bottom.at - NOW).toBe(Math.round(ceiling * 0.8));
    expect(top.reason).toBe(`backoff after ${failures} failure${failures === 1 ? '' : 's'}`);
  });

  it('uses the configured cap and falls back to backoff on an unreadable Retry-After', () => {
    const next = nextPollAfterFailure({ now: NOW, consecutiveFailures: 20, retryAfter: 'later', capHours: 2, random: () => 0.5 });
    expect(next).toEqual({ at: NOW + 2 * HOUR * 0.9, reason: 'backoff after 20 failures' });
  });

  it('spreads sources that fail together', () => {
    const times = new Set([0.1, 0.4, 0.7].map((r) => nextPollAfterFailure({ now: NOW, consecutiveFailures: 3, capHours: cap, random: () => r }).at));
    expect(times.size).toBe(3);
  });
});
