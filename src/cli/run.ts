import { runCycle, type CycleReport } from '../schedule/cycle.js';
import { CliExit, EXIT, openRuntime } from './context.js';
import { formatSummary } from './summary.js';

export interface RunOptions {
  config?: string;
  force?: boolean;
}

/** `gazette run --once`: one cycle, a summary on stdout. */
export async function runOnce(options: RunOptions): Promise<CycleReport> {
  const runtime = openRuntime(options.config);
  try {
    const report = await runCycle(runtime, { force: options.force });
    process.stdout.write(`${formatSummary(report)}\n`);
    return report;
  } catch (err) {
    if (err instanceof CliExit) throw err;
    throw new CliExit(EXIT.cannotRun, `cycle could not run: ${(err as Error).message}`);
  } finally {
    runtime.store.close();
  }
}
