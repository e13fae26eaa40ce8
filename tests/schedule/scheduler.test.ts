import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { Scheduler } from '../../src/schedule/scheduler.js';

describe('Scheduler', () => {
  it('runs at start, never overlaps a running job, and stop() waits for it', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    let sawAbort = false;
    // Every second, with a job that takes 2.5 s: ticks that come mid-run must be skipped.
    const scheduler = new Scheduler(
      '* * * * * *',
      async (signal) => {
        runs++;
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 2500));
        sawAbort ||= signal.aborted;
        running--;
      },
      silentLogger,
    );
    scheduler.start();
    expect(runs).toBe(1);
    await new Promise((r) => setTimeout(r, 3500));
    await scheduler.stop();
    expect(maxRunning).toBe(1);
    expect(running).toBe(0);
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(runs).toBeLessThanOrEqual(2);
    expect(sawAbort).toBe(true);
  });
});
