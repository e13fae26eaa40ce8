import { describe, expect, it } from 'vitest';
import { StageTimings, timedCalls } from '../../src/schedule/timings.js';

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};
const msOf = (t: StageTimings, stage: string) => t.report().find((s) => s.stage === stage)!.ms;

describe('StageTimings', () => {
  it('counts a nested stage as its own, not as the stage around it', () => {
    const t = new StageTimings();
    t.measure('dedupe', () => {
      busy(20);
      t.measure('store', () => busy(40));
    });
    expect(msOf(t, 'store')).toBeGreaterThanOrEqual(40);
    expect(msOf(t, 'dedupe')).toBeGreaterThanOrEqual(20);
    // The outer stage holds only its own 20 ms, not the inner 40.
    expect(msOf(t, 'dedupe')).toBeLessThan(40);
    expect(t.report().map((s) => s.stage)).toEqual(['fetch', 'parse', 'normalize', 'dedupe', 'classify', 'store', 'publish', 'retention']);
  });

  it('times every method call of an object as one stage, keeping results and this', () => {
    const t = new StageTimings();
    const store = timedCalls({ n: 2, twice(x: number) { busy(5); return x * this.n; } }, 'store', t);
    expect(store.twice(21)).toBe(42);
    expect(store.n).toBe(2);
    expect(t.report().find((s) => s.stage === 'store')).toMatchObject({ calls: 1 });
    expect(msOf(t, 'store')).toBeGreaterThanOrEqual(5);
  });

  it('reports the cost per article of the first and the last tenth of the writes', () => {
    const t = new StageTimings();
    const write = (articles: number, ms: number) => t.measureWrite(() => (busy(ms), articles), (n) => n);
    write(10, 10); // the first tenth of 100 articles
    for (let i = 0; i < 8; i++) write(10, 1);
    write(0, 1); // a 304: no articles, not counted
    write(10, 30); // the last tenth
    const cost = t.articleCost();
    expect(cost.articles).toBe(100);
    expect(cost.firstTenthUs).toBeGreaterThanOrEqual(1000);
    expect(cost.lastTenthUs).toBeGreaterThanOrEqual(3000);
    expect(cost.lastTenthUs).toBeGreaterThan(cost.firstTenthUs);
  });
});
