import { Command } from 'commander';
import { runCycle, type CycleReport } from '../schedule/cycle.js';
import { CliExit, configOption, EXIT, openRuntime } from './context.js';
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

export const runCommand = () =>
  new Command('run')
    .description('run one full cycle (poll due sources, store, classify, write feeds) and exit')
    .option('--once', 'run a single cycle (the only mode of this command; for cron)')
    .option('--force', 'poll every source, not just the due ones')
    .addOption(configOption())
    .addHelpText('after', '\nExample:\n  gazette run --once --config config/gazette.yaml')
    .action(async (opts: RunOptions) => {
      await runOnce(opts);
    });
