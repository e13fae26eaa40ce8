import { Command } from 'commander';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseConfig } from '../config/load.js';
import { createLogger } from '../log.js';
import { bundledFile } from '../paths.js';
import { runCycle } from '../schedule/cycle.js';
import { openSqliteStore } from '../store/index.js';
import { buildClassifier } from './context.js';
import { formatSummary } from './summary.js';

const DEMO_DIR = bundledFile('config', 'demo');

const TYPES: Record<string, string> = {
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  // No charset: the windows-1251 sample must be decoded from its XML prolog.
  '.xml': 'application/xml',
};

/** Serves the bundled sample feeds on 127.0.0.1, the way a publisher would. */
function startSampleServer(): Promise<Server> {
  const server = createServer((req, res) => {
    const name = basename(new URL(req.url ?? '/', 'http://x').pathname);
    const type = TYPES[extname(name)];
    let body: Buffer | undefined;
    try {
      body = type ? readFileSync(join(DEMO_DIR, name)) : undefined;
    } catch {
      body = undefined;
    }
    if (!type || !body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length }).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** `gazette demo`: one real cycle over the bundled samples, offline, into a temp dir. */
export async function demo(): Promise<void> {
  const server = await startSampleServer();
  const dir = mkdtempSync(join(tmpdir(), 'gazette-demo-'));
  try {
    const { port } = server.address() as AddressInfo;
    const file = join(DEMO_DIR, 'gazette.yaml');
    const text = readFileSync(file, 'utf8')
      .replaceAll('${DEMO_URL}', `http://127.0.0.1:${port}`)
      .replaceAll('${DEMO_DIR}', dir);
    const config = parseConfig(text, file);
    const store = openSqliteStore(config.database);
    try {
      const report = await runCycle({ config, store, classifier: buildClassifier(config), log: createLogger('warn') });
      process.stdout.write(`${formatSummary(report)}\n\n`);
    } finally {
      store.close();
    }
    process.stdout.write(
      [
        `demo feeds written to ${config.output.dir}`,
        `  e.g. ${join(config.output.dir, 'russia.atom')}`,
        `  index of all topic feeds: ${join(config.output.dir, 'index.opml')}`,
        `database: ${config.database}`,
        '',
      ].join('\n'),
    );
  } finally {
    await new Promise((r) => server.close(r));
  }
}

export const demoCommand = () =>
  new Command('demo')
    .description('offline demo: serve bundled sample feeds on 127.0.0.1 and run one cycle into a temp dir')
    .addHelpText('after', '\nExample:\n  gazette demo')
    .action(async () => {
      await demo();
    });
