import { performance } from 'node:perf_hooks';

/** The pipeline stages a cycle reports its time in (`run --once --timings`). */
export const STAGES = ['fetch', 'parse', 'normalize', 'dedupe', 'classify', 'store', 'publish', 'retention'] as const;
export type Stage = (typeof STAGES)[number];

/** What storing an article cost (dedupe, classify and store of the writes), early and late in the cycle. */
export interface ArticleCost {
  articles: number;
  /** Mean µs per article over the writes holding the first tenth of the cycle's articles. */
  firstTenthUs: number;
  /** The same over the last tenth: equal to the first when the cost does not grow with the store. */
  lastTenthUs: number;
}

export interface StageTime {
  stage: Stage;
  /** Milliseconds spent in the stage itself (time in nested stages is theirs, not the outer one's). */
  ms: number;
  calls: number;
}

/**
 * Per-stage time of one cycle. Synchronous stages nest (the store's calls made
 * while deduplicating count as store, not dedupe), so the figures add up to the
 * main thread's busy time. `add` takes time measured elsewhere: a fetch's wait
 * for the network, or a stage run in a worker thread.
 */
export class StageTimings {
  private readonly ms = new Map<Stage, number>();
  private readonly calls = new Map<Stage, number>();
  /** Time taken by nested stages, per open measurement, to subtract from the outer one. */
  private readonly nested: number[] = [];
  /** Each source's write in commit order: articles stored and milliseconds taken. */
  private readonly writes: { articles: number; ms: number }[] = [];

  measure<T>(stage: Stage, fn: () => T): T {
    const start = performance.now();
    this.nested.push(0);
    try {
      return fn();
    } finally {
      const elapsed = performance.now() - start;
      const inner = this.nested.pop()!;
      this.add(stage, elapsed - inner);
      if (this.nested.length > 0) this.nested[this.nested.length - 1]! += elapsed;
    }
  }

  async measureAsync<T>(stage: Stage, fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.add(stage, performance.now() - start);
    }
  }

  add(stage: Stage, ms: number): void {
    this.ms.set(stage, (this.ms.get(stage) ?? 0) + ms);
    this.calls.set(stage, (this.calls.get(stage) ?? 0) + 1);
  }

  /** Times one source's write, with the number of articles it stored. */
  measureWrite<T>(write: () => T, articlesOf: (result: T) => number): T {
    const start = performance.now();
    const result = write();
    this.writes.push({ articles: articlesOf(result), ms: performance.now() - start });
    return result;
  }

  articleCost(): ArticleCost {
    const total = this.writes.reduce((a, w) => a + w.articles, 0);
    const first = { articles: 0, ms: 0 };
    const last = { articles: 0, ms: 0 };
    let before = 0;
    for (const w of this.writes) {
      if (w.articles > 0 && before < total * 0.1) Object.assign(first, { articles: first.articles + w.articles, ms: first.ms + w.ms });
      if (w.articles > 0 && before >= total * 0.9) Object.assign(last, { articles: last.articles + w.articles, ms: last.ms + w.ms });
      before += w.articles;
    }
    const us = (part: { articles: number; ms: number }) => (part.articles === 0 ? 0 : (part.ms * 1000) / part.articles);
    return { articles: total, firstTenthUs: us(first), lastTenthUs: us(last) };
  }

  report(): StageTime[] {
    return STAGES.map((stage) => ({ stage, ms: this.ms.get(stage) ?? 0, calls: this.calls.get(stage) ?? 0 }));
  }
}

/**
 * The object with every method call timed as one stage: the store's calls count
 * as `store` wherever the pipeline makes them, without timing code at each call.
 */
export function timedCalls<T extends object>(target: T, stage: Stage, timings: StageTimings): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      const value = Reflect.get(obj, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => timings.measure(stage, () => (value as (...a: unknown[]) => unknown).apply(obj, args));
    },
  });
}
