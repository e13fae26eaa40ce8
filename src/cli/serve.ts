import { Command, Option } from 'commander';
import type { Server } from 'node:http';
import type { Config } from '../config/schema.js';
import { health, schedulePeriodMs } from '../server/health.js';
import { createFeedServer } from '../server/http.js';
import { createMetrics } from '../server/metrics.js';
import type { Store } from '../store/index.js';
import { configOption, openStore, readConfig } from './context.js';

/** The feed server of this config: the output files, plus /healthz, /metrics and /status from the database. */
export function feedServer(config: Config, store: Store): Server {
  const period = schedulePeriodMs(config.schedule);
  return createFeedServer({
    dir: config.output.dir,
    health: () => health(store, period, Date.now()),
    // A reader polling more often than cycles run would only ever get 304s.
    maxAgeSeconds: Math.round(period / 1000),
    sources: () => store.sourceStates(),
    metrics: createMetrics(() => store.metrics()),
    siteTitle: config.output.title,
    baseUrl: config.output.baseUrl,
    hub: config.websub.hub,
  });
}

/** Listens and resolves with the bound port (port 0 picks a free one). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Resolves on the first SIGTERM or SIGINT, with its name. */
export function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
}

export function closeServer(server: Server): Promise<void> {
  server.closeIdleConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export interface ServeOptions {
  config?: string;
  port?: number;
  host?: string;
}

/** `gazette serve`: the feed server alone, for an output directory that cron-driven `run --once` keeps fresh. */
export async function serve(options: ServeOptions): Promise<void> {
  const config = readConfig(options.config);
  const store = openStore(config);
  const server = feedServer(config, store);
  const host = options.host ?? config.server.host;
  const port = await listen(server, options.port ?? config.server.port, host);
  process.stdout.write(`gazette: serving ${config.output.dir} on http://${host}:${port}/ (no cycles run here)\n`);
  await untilSignal();
  await closeServer(server);
  store.close();
}

const portNumber = (value: string): number => {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, not "${value}"`);
  return port;
};

export const serveCommand = () =>
  new Command('serve')
    .description('serve the output directory, /status, /metrics and /healthz over HTTP without running cycles, until SIGTERM')
    .addOption(configOption())
    .addOption(new Option('-p, --port <port>', 'port to listen on (default: server.port)').argParser(portNumber))
    .addOption(new Option('--host <host>', 'address to listen on (default: server.host)'))
    .addHelpText('after', '\nExample:\n  gazette serve --config config/gazette.yaml --port 8080   # beside `gazette run --once` in cron')
    .action(async (opts: ServeOptions) => {
      await serve(opts);
    });
