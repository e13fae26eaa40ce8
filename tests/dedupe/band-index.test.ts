import { describe, expect, it } from 'vitest';
import { BandIndex, type BandSource } from '../../src/dedupe/index.js';

const HOUR = 3_600_000;

/** Stored articles as the store gives them: id, publication time, band keys. */
function storedArticles(rows: { id: number; at: number; bands: number[] }[]) {
  const asked: [number, number][] = [];
  const source: BandSource = {
    bandsBetween(from, to) {
      asked.push([from, to]);
      return rows.filter((r) => r.at >= from && r.at < to).map((r) => ({ id: r.id, bands: Uint32Array.from(r.bands) }));
    },
  };
  return { source, asked };
}

describe('BandIndex', () => {
  it('finds every article sharing a key, once each, among stored and added ones', () => {
    const { source } = storedArticles([
      { id: 1, at: 10 * HOUR, bands: [0xdeadbeef, 5] },
      { id: 2, at: 11 * HOUR, bands: [5, 6] },
      { id: 3, at: 12 * HOUR, bands: [7] },
    ]);
    const index = new BandIndex(source);
    expect(index.candidates([5, 0xdeadbeef], 0, 20 * HOUR).sort()).toEqual([1, 2]);
    index.add(4, [7, 0xdeadbeef]);
    expect(index.candidates([0xdeadbeef], 0, 20 * HOUR).sort()).toEqual([1, 4]);
    expect(index.candidates([7], 0, 20 * HOUR).sort()).toEqual([3, 4]);
    expect(index.candidates([99], 0, 20 * HOUR)).toEqual([]);
  });

  it('reads each stretch of publication time from the store once, as later articles need more', () => {
    const { source, asked } = storedArticles([
      { id: 1, at: 5 * HOUR, bands: [1] },
      { id: 2, at: 50 * HOUR, bands: [1] },
    ]);
    const index = new BandIndex(source);
    expect(index.candidates([1], 0, 10 * HOUR)).toEqual([1]);
    expect(index.candidates([1], 2 * HOUR, 8 * HOUR)).toEqual([1]);
    expect(index.candidates([1], 0, 60 * HOUR).sort()).toEqual([1, 2]);
    expect(asked).toEqual([
      [0, 10 * HOUR + 1],
      [10 * HOUR + 1, 60 * HOUR + 1],
    ]);
  });

  it('keeps every key when it grows far past its first size (colliding slots included)', () => {
    const index = new BandIndex(storedArticles([]).source);
    const n = 200_000;
    // Keys with equal low bits land on one slot first: the probing must keep them all.
    for (let id = 1; id <= n; id++) index.add(id, [id << 16, id]);
    for (const id of [1, 2, 65_535, 65_536, 199_999, n]) {
      expect(index.candidates([id], 0, 1)).toContain(id);
      expect(index.candidates([(id << 16) >>> 0], 0, 1)).toContain(id);
    }
  });

  it('reads at most 64 ids of a key shared by a crowd (a boilerplate phrase)', () => {
    const index = new BandIndex(storedArticles([]).source);
    for (let id = 1; id <= 1000; id++) index.add(id, [42]);
    expect(index.candidates([42], 0, 1).length).toBeLessThanOrEqual(64);
    expect(index.candidates([42], 0, 1).length).toBeGreaterThan(0);
  });

  it('keeps the 8 articles sharing the most keys when more share some', () => {
    const index = new BandIndex(storedArticles([]).source);
    // 100 articles share one common key with the query; five share five keys, three share three.
    for (let id = 1; id <= 100; id++) index.add(id, [7, 1000 + id]);
    for (let id = 201; id <= 205; id++) index.add(id, [1, 2, 3, 4, 5]);
    for (let id = 301; id <= 303; id++) index.add(id, [1, 2, 3]);
    const found = index.candidates([1, 2, 3, 4, 5, 7], 0, 1);
    expect(found).toEqual([205, 204, 203, 202, 201, 303, 302, 301]);
  });
});
