import type { Logger } from '../log.js';

/** Why a cycle's polls were cut short: the abort reason the fetches report. */
class CycleDeadlineError extends Error {
  override readonly name = 'CycleDeadlineError';

  constructor(seconds: number) {
    super(`cycle deadline of ${seconds} s (fetch.cycleDeadlineSeconds) reached before this source answered`);
  }
}

export interface CycleDeadline {
  /** Aborts, with a CycleDeadlineError, when the deadline passes. */
  signal: AbortSignal;
  /** Ends the timer once the polls are done. */
  stop(): void;
}

/**
 * Starts the deadline of a cycle's polls. Its signal goes to every fetch: when it
 * fires, the fetches in flight fail at once and the polls not started yet fail
 * without a request, each recorded with the deadline as its error, so one slow
 * or hanging host can hold up a cycle for no longer than this.
 */
export function startCycleDeadline(seconds: number, log: Logger): CycleDeadline {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    log.warn({ deadlineSeconds: seconds }, 'cycle deadline reached: polls in flight are aborted and no new ones start');
    controller.abort(new CycleDeadlineError(seconds));
  }, seconds * 1000);
  timer.unref();
  return { signal: controller.signal, stop: () => clearTimeout(timer) };
}
