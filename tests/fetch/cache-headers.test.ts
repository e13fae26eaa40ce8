import { describe, expect, it } from 'vitest';
import { freshness, retryAfterAt } from '../../src/fetch/index.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const SECOND = 1000;

describe('freshness: how long the server says its answer stays fresh', () => {
  it.each([
    ['max-age', { cacheControl: 'public, max-age=3600' }, { ms: 3600 * SECOND, source: 'Cache-Control max-age=3600' }],
    ['quoted max-age', { cacheControl: 'max-age="600"' }, { ms: 600 * SECOND, source: 'Cache-Control max-age=600' }],
    ['max-age less Age', { cacheControl: 'max-age=600', age: '100' }, { ms: 500 * SECOND, source: 'Cache-Control max-age=600' }],
    ['Age past max-age', { cacheControl: 'max-age=60', age: '100' }, { ms: 0, source: 'Cache-Control max-age=60' }],
    ['max-age wins over Expires', { cacheControl: 'max-age=60', expires: 'Sun, 01 Mar 2026 14:00:00 GMT' }, { ms: 60 * SECOND, source: 'Cache-Control max-age=60' }],
    ['no-cache', { cacheControl: 'no-cache, max-age=600' }, { ms: 0, source: 'Cache-Control no-cache, max-age=600' }],
    ['no-store', { cacheControl: 'no-store' }, { ms: 0, source: 'Cache-Control no-store' }],
    [
      'Expires against Date (the server clock, not ours)',
      { expires: 'Sun, 01 Mar 2026 10:30:00 GMT', date: 'Sun, 01 Mar 2026 10:00:00 GMT' },
      { ms: 1800 * SECOND, source: 'Expires: Sun, 01 Mar 2026 10:30:00 GMT' },
    ],
    ['Expires against now without Date', { expires: 'Sun, 01 Mar 2026 12:10:00 GMT' }, { ms: 600 * SECOND, source: 'Expires: Sun, 01 Mar 2026 12:10:00 GMT' }],
    ['Expires in asctime form', { expires: 'Sun Mar  1 12:05:00 2026' }, { ms: 300 * SECOND, source: 'Expires: Sun Mar  1 12:05:00 2026' }],
    ['an invalid Expires means already expired', { expires: '0' }, { ms: 0, source: 'Expires: 0' }],
    ['Cache-Control without max-age falls to Expires', { cacheControl: 'public', expires: 'Sun, 01 Mar 2026 12:01:00 GMT' }, { ms: 60 * SECOND, source: 'Expires: Sun, 01 Mar 2026 12:01:00 GMT' }],
  ])('%s', (_case, headers, expected) => {
    expect(freshness(headers, NOW)).toEqual(expected);
  });

  it('is undefined when the response says nothing', () => {
    expect(freshness({}, NOW)).toBeUndefined();
    expect(freshness({ cacheControl: 'public', etag: '"x"' }, NOW)).toBeUndefined();
  });
});

describe('retryAfterAt', () => {
  it.each([
    ['120', NOW + 120 * SECOND],
    [' 0 ', NOW],
    ['Sun, 01 Mar 2026 12:30:00 GMT', Date.parse('2026-03-01T12:30:00Z')],
    ['Sunday, 01-Mar-26 12:30:00 GMT', Date.parse('2026-03-01T12:30:00Z')],
    ['soon', undefined],
    ['-5', undefined],
    [undefined, undefined],
  ])('%j', (value, expected) => {
    expect(retryAfterAt(value, NOW)).toBe(expected);
  });
});
