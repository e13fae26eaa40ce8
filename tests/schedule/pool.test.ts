import { describe, expect, it } from 'vitest';
import { keyedLimiter, mapPooled, NotStarted } from '../../src/schedule/pool.js';

/** Tasks that stay in flight until released, recording the most in flight at once, overall and per key. */
function tracker() {
  let inFlight = 0;
  const perKey = new Map<string, number>();
  const peak = { overall: 0, perKey: new Map<string, number>() };
  const waiting: (() => void)[] = [];
  const run = async (item: { key: string; id: number }) => {
    inFlight++;
    perKey.set(item.key, (perKey.get(item.key) ?? 0) + 1);
    peak.overall = Math.max(peak.overall, inFlight);
    peak.perKey.set(item.key, Math.max(peak.perKey.get(item.key) ?? 0, perKey.get(item.key)!));
    await new Promise<void>((resolve) => waiting.push(resolve));
    inFlight--;
    perKey.set(item.key, perKey.get(item.key)! - 1);
    return item.id;
  };
  /** Releases the tasks in flight, one event-loop turn at a time, until all are done. */
  const drain = async (done: Promise<unknown>) => {
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished) {
      waiting.splice(0).forEach((release) => release());
      await new Promise((r) => setImmediate(r));
    }
  };
  return { run, peak, drain, inFlight: () => inFlight };
}

const items = (spec: Record<string, number>) =>
  Object.entries(spec).flatMap(([key, n]) => Array.from({ length: n }, (_, i) => ({ key, id: Number(`${key.length}${i}`) })));

/** Every item through one keyed limiter, as the cycle sends its fetches. */
const throughLimiter = (list: { key: string; id: number }[], t: ReturnType<typeof tracker>) => {
  const limit = keyedLimiter({ concurrency: 4, perKey: 2 });
  return Promise.all(list.map((item) => limit(item.key, () => t.run(item))));
};

describe('keyedLimiter', () => {
  it('keeps at most perKey in flight for one key and at most concurrency overall', async () => {
    const t = tracker();
    const list = items({ a: 6, bb: 3, ccc: 1 });
    const done = throughLimiter(list, t);
    await t.drain(done);
    expect(await done).toEqual(list.map((i) => i.id));
    expect(t.peak.perKey.get('a')).toBe(2);
    expect(t.peak.perKey.get('bb')).toBe(2);
    expect(t.peak.overall).toBe(4);
  });

  it('does not let a busy key hold the overall slots: other keys start at once', async () => {
    const t = tracker();
    const done = throughLimiter(items({ a: 8, bb: 1, ccc: 1 }), t);
    await new Promise((r) => setImmediate(r));
    // Two of "a" plus the other two keys, although six more "a" items come first in the list.
    expect(t.inFlight()).toBe(4);
    await t.drain(done);
  });

  it('with skipAfter: calls still waiting when it aborts are not run, the ones running finish', async () => {
    const t = tracker();
    const stop = new AbortController();
    const limit = keyedLimiter({ concurrency: 2, perKey: 2 });
    const list = items({ a: 5 });
    const done = Promise.allSettled(list.map((item) => limit(item.key, () => t.run(item), stop.signal)));
    await new Promise((r) => setImmediate(r));
    stop.abort();
    await t.drain(done);
    const results = await done;
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'rejected']);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(NotStarted);
  });
});

describe('mapPooled', () => {
  it('keeps at most concurrency in flight, results in item order', async () => {
    const t = tracker();
    const list = items({ a: 6, bb: 3 });
    const done = mapPooled(list, { concurrency: 3 }, t.run);
    await t.drain(done);
    expect(await done).toEqual(list.map((i) => i.id));
    expect(t.peak.overall).toBe(3);
  });

  it('starts nothing new once the signal aborts', async () => {
    const t = tracker();
    const controller = new AbortController();
    const list = items({ a: 5 });
    const done = mapPooled(list, { concurrency: 2, signal: controller.signal }, t.run);
    await new Promise((r) => setImmediate(r));
    controller.abort();
    await t.drain(done);
    expect(await done).toEqual(list.slice(0, 2).map((i) => i.id));
  });
});
