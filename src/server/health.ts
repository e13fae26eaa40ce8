import cron from 'node-cron';
import type { Store } from '../store/index.js';

export interface Health {
  ok: boolean;
  detail: Record<string, unknown>;
}

/** The gap between the next two scheduled runs: how fresh the output is expected to be. */
export function schedulePeriodMs(expression: string): number {
  const task = cron.createTask(expression, () => undefined);
  const [a, b] = task.getNextRuns(2);
  void task.destroy();
  return a && b ? b.getTime() - a.getTime() : 15 * 60_000;
}

const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;

/**
 * Healthy while the last cycle finished within two schedule periods (or, before any has
 * finished, while the first one is that young). Read from the database, so `gazette serve`
 * beside a cron-driven `run --once` reports the same as `gazette start`.
 */
export function health(store: Store, periodMs: number, now: number): Health {
  const limit = 2 * periodMs;
  const latest = store.stats().lastCycle;
  if (!latest) return { ok: false, detail: { status: 'no cycle has run yet' } };
  const finished = store.lastFinishedCycle();
  if (!finished) {
    const age = now - latest.startedAt;
    return age <= limit
      ? { ok: true, detail: { status: 'the first cycle is running', lastCycle: latest } }
      : { ok: false, detail: { status: `no cycle has finished; the first started ${minutes(age)} ago (limit ${minutes(limit)}: two schedule periods)`, lastCycle: latest } };
  }
  const age = now - finished.finishedAt;
  const ok = age <= limit;
  return {
    ok,
    detail: {
      status: ok ? 'ok' : `the last cycle finished ${minutes(age)} ago (limit ${minutes(limit)}: two schedule periods)`,
      lastCycle: latest,
      lastFinishedCycle: finished,
    },
  };
}
