import { Command, InvalidArgumentError, Option } from 'commander';
import type { Config } from '../config/schema.js';
import { createLogger, type Logger } from '../log.js';
import { CycleLockError, startProgress, withCycleLock, type Progress } from '../ops/index.js';
import { runCycle, type CycleReport } from '../schedule/cycle.js';
import { ensureDatabaseFolder } from '../store/index.js';
import { CliExit, configOption, EXIT, readConfig, runtimeFor, type Runtime } from './context.js';
import { formatSummary, formatTimings } from './summary.js';

export interface RunOptions {
  config?: string;
  force?: boolean;
  /** Seconds to wait for another process's cycle on the same database. */
  wait?: number;
  /** Print the time of each pipeline stage after the summary. */
  timings?: boolean;
}

/**
 * `gazette run --once`: one cycle under the database's cycle lock, a summary on
 * stdout. SIGTERM/SIGINT stop new polls from starting; the polls in flight
 * finish (each is one transaction), the feeds are written (atomically), exit 0.
 * Resolves undefined when stopped before the cycle began.
 */
export async function runOnce(options: RunOptions): Promise<CycleReport | undefined> {
  const config = readConfig(options.config);
  const log = createLogger();
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) return;
    log.info({ signal }, 'stopping: no new polls start; the ones in flight finish');
    stop.abort();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    // The lock lives beside the database: a folder that cannot be made is the database's problem, said so.
    ensureDatabaseFolder(config.database);
    return await withCycleLock(
      config.database,
      {
        waitSeconds: options.wait ?? 0,
        signal: stop.signal,
        onCompromised: (err) => log.error({ err }, 'lost the cycle lock; no new polls start'),
      },
      (signal) => cycle(config, log, signal, options),
    );
  } catch (err) {
    if (err instanceof CycleLockError) throw new CliExit(EXIT.locked, err.message);
    if (err instanceof CliExit) throw err;
    if (stop.signal.aborted && (err as Error).name === 'AbortError') {
      log.info('stopped before the cycle started');
      return undefined;
    }
    throw new CliExit(EXIT.cannotRun, `cycle could not run: ${(err as Error).message}`);
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
}

async function cycle(config: Config, log: Logger, signal: AbortSignal, options: RunOptions) {
  const runtime = runtimeFor(config, log);
  let progress: Progress | undefined;
  try {
    const report = await runCycle(
      {
        ...runtime,
        signal,
        timings: options.timings,
        onPoll: (_report, due) => {
          progress ??= startProgress({ label: 'sources', total: due });
          progress.increment();
        },
      },
      { force: options.force },
    );
    progress?.stop();
    process.stdout.write(`${formatSummary(report)}\n`);
    if (report.timings) process.stdout.write(`${formatTimings(report.timings, report.finishedAt - report.startedAt)}\n`);
    return report;
  } finally {
    progress?.stop();
    runtime.store.close();
  }
}

/**
 * One cycle of `gazette start` under the same lock as `run --once`, so a cron
 * run and a long-lived service on one database never overlap: when another
 * process holds the lock, this tick is skipped.
 */
export async function scheduledCycle(runtime: Runtime, signal: AbortSignal): Promise<void> {
  try {
    await withCycleLock(
      runtime.config.database,
      { signal, onCompromised: (err) => runtime.log.error({ err }, 'lost the cycle lock; no new polls start') },
      (locked) => runCycle({ ...runtime, signal: locked }),
    );
  } catch (err) {
    if (signal.aborted && (err as Error).name === 'AbortError') return; // stopping before the cycle began
    if (!(err instanceof CycleLockError)) throw err;
    runtime.log.warn({ lock: err.lockPath }, 'another gazette process is running a cycle on this database; skipping this tick');
  }
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('must be a number of seconds, 0 or more');
  return n;
}

export const runCommand = () =>
  new Command('run')
    .description('run one full cycle (poll due sources, store, classify, write feeds) and exit')
    .option('--once', 'run a single cycle (the only mode of this command; for cron)')
    .option('--force', 'poll every source, not just the due ones')
    .option('--timings', 'after the summary, print the time spent in each pipeline stage')
    .addOption(
      new Option('--wait <seconds>', 'if another process is running a cycle on the same database, wait up to this long (default: exit 3 at once)').argParser(
        seconds,
      ),
    )
    .addOption(configOption())
    .addHelpText(
      'after',
      '\nExamples:\n  gazette run --once --config config/gazette.yaml\n  gazette run --once --wait 300     # from cron: wait for a cycle still running',
    )
    .action(async (opts: RunOptions) => {
      await runOnce(opts);
    });
