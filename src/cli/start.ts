import { Command } from 'commander';
import { Scheduler } from '../schedule/scheduler.js';
import { ConfigReloader } from './config-reload.js';
import { configOption, openRuntime } from './context.js';
import { scheduledCycle } from './run.js';
import { closeServer, feedServer, listen } from './serve.js';

/** `gazette start`: the scheduler plus the feed server, until SIGTERM/SIGINT. */
export async function start(options: { config?: string }): Promise<void> {
  const runtime = openRuntime(options.config);
  const { config, store, log } = runtime;
  const reloader = new ConfigReloader(options.config, runtime, log);
  const scheduler = new Scheduler(
    config.schedule,
    async (signal) => {
      // A changed config file applies from the next cycle on (the schedule itself needs a restart).
      await scheduledCycle({ ...runtime, ...reloader.next() }, signal);
    },
    log,
  );
  const server = feedServer(config, store);
  const port = await listen(server, config.server.port, config.server.host);
  log.info({ port, schedule: config.schedule, output: config.output.dir }, 'gazette started');
  process.stdout.write(`gazette: serving ${config.output.dir} on http://${config.server.host}:${port}/ (schedule "${config.schedule}")\n`);
  scheduler.start();

  await new Promise<void>((resolveStop) => {
    const stop = (signal: string) => {
      log.info({ signal }, 'stopping: finishing the cycle in progress');
      void (async () => {
        await scheduler.stop();
        await closeServer(server);
        store.close();
        resolveStop();
      })();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

export const startCommand = () =>
  new Command('start')
    .description('run cycles on the schedule and serve the output directory over HTTP until SIGTERM')
    .addOption(configOption())
    .addHelpText('after', '\nExample:\n  gazette start --config config/gazette.yaml')
    .action(async (opts: { config?: string }) => {
      await start(opts);
    });
