import { Command } from 'commander';
import cron from 'node-cron';
import type { Server } from 'node:http';
import { runCycle } from '../schedule/cycle.js';
import { Scheduler } from '../schedule/scheduler.js';
import { createFeedServer, type Health } from '../server/http.js';
import type { Store } from '../store/index.js';
import { configOption, openRuntime } from './context.js';

/** `gazette start`: the scheduler plus the feed server, until SIGTERM/SIGINT. */
export async function start(options: { config?: string }): Promise<void> {
  const runtime = openRuntime(options.config);
  const { config, store, log } = runtime;
  const period = schedulePeriodMs(config.schedule);
  const scheduler = new Scheduler(
    config.schedule,
    async (signal) => {
      await runCycle({ ...runtime, signal });
    },
    log,
  );
  const server = createFeedServer({ dir: config.output.dir, health: () => health(store, period, Date.now()) });
  await listen(server, config.server.port, config.server.host);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  log.info({ port, schedule: config.schedule, output: config.output.dir }, 'gazette started');
  process.stdout.write(`gazette: serving ${config.output.dir} on http://${config.server.host}:${port}/ (schedule "${config.schedule}")\n`);
  scheduler.start();

  await new Promise<void>((resolveStop) => {
    const stop = (signal: string) => {
      log.info({ signal }, 'stopping: finishing the cycle in progress');
      void (async () => {
        await scheduler.stop();
        await new Promise((r) => server.close(r));
        store.close();
        resolveStop();
      })();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

/** The gap between the next two scheduled runs. */
export function schedulePeriodMs(expression: string): number {
  const task = cron.createTask(expression, () => undefined);
  const [a, b] = task.getNextRuns(2);
  void task.destroy();
  return a && b ? b.getTime() - a.getTime() : 15 * 60_000;
}

/** Healthy while the last cycle finished within two schedule periods (or the first is still young). */
export function health(store: Store, periodMs: number, now: number): Health {
  const last = store.stats().lastCycle;
  const limit = 2 * periodMs;
  if (!last) return { ok: false, detail: { status: 'no cycle has run yet' } };
  const reference = last.finishedAt ?? last.startedAt;
  const ok = now - reference <= limit;
  return {
    ok,
    detail: {
      status: ok ? 'ok' : `last cycle ${last.finishedAt ? 'finished' : 'started'} over two schedule periods ago`,
      lastCycle: last,
    },
  };
}

export const startCommand = () =>
  new Command('start')
    .description('run cycles on the schedule and serve the output directory over HTTP until SIGTERM')
    .addOption(configOption())
    .addHelpText('after', '\nExample:\n  gazette start --config config/gazette.yaml')
    .action(async (opts: { config?: string }) => {
      await start(opts);
    });
