import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../log.js';

/**
 * Runs a job at start and then on a cron schedule. A tick that comes while the
 * previous run is still going is skipped, so cycles never overlap.
 */
export class Scheduler {
  private task?: ScheduledTask;
  private running?: Promise<void>;
  private readonly abort = new AbortController();

  constructor(
    private readonly expression: string,
    private readonly job: (signal: AbortSignal) => Promise<void>,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.task = cron.schedule(this.expression, () => this.tick(), { name: 'gazette-cycle' });
    this.tick();
  }

  /** Whether a run is in progress right now. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  private tick(): void {
    if (this.abort.signal.aborted) return;
    if (this.running) {
      this.log.warn('previous cycle still running; skipping this tick');
      return;
    }
    this.running = this.job(this.abort.signal)
      .catch((err: unknown) => this.log.error({ err }, 'cycle failed'))
      .finally(() => {
        this.running = undefined;
      });
  }

  /** Stops scheduling, asks the running job to stop starting new work, and waits for it. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.task?.destroy();
    await this.running;
  }
}
