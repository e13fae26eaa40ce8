import type { Store } from '../store/index.js';

export interface BatchLimits {
  /** Commit once this many writes are waiting. */
  maxWrites: number;
  /** Commit at the latest this long after the first write of a batch was queued. */
  maxDelayMs: number;
}

interface Pending {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * Commits the sources' writes in batches: one SQLite transaction for several
 * sources instead of one each, because every commit rewrites the pages it
 * dirtied (the story-band index scatters a source's rows over most of them).
 * A write is all-or-nothing on its own (a savepoint inside the batch), and its
 * promise settles only once the batch has committed, so nothing is reported
 * stored before it is on disk; a crash loses at most the batch being written,
 * whose sources are simply polled again by the next cycle.
 */
export class BatchWriter {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Pick<Store, 'transaction'>,
    private readonly limits: BatchLimits,
  ) {}

  write<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (this.queue.length >= this.limits.maxWrites) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.limits.maxDelayMs);
    });
  }

  /** Commits every queued write now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      this.store.transaction(() => {
        for (const { write } of batch) {
          try {
            outcomes.push({ ok: true, value: this.store.transaction(write) });
          } catch (err) {
            outcomes.push({ ok: false, value: err });
          }
        }
      });
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
    batch.forEach((p, i) => (outcomes[i]!.ok ? p.resolve(outcomes[i]!.value) : p.reject(outcomes[i]!.value)));
  }
}
