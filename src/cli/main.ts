#!/usr/bin/env node
import { Command, Option } from 'commander';
import { createRequire } from 'node:module';
import { CliExit, EXIT } from './context.js';
import { demo } from './demo.js';
import { runOnce } from './run.js';
import { start } from './start.js';
import { stats } from './stats.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

const configOption = () =>
  new Option('-c, --config <file>', 'config file (default: $GAZETTE_CONFIG or config/gazette.yaml)');

export function buildProgram(): Command {
  const program = new Command('gazette')
    .description('Feed aggregator: polls sources, deduplicates stories, classifies by region, writes topic feeds.')
    .version(version)
    .showHelpAfterError();

  program
    .command('run')
    .description('run one full cycle (poll due sources, store, classify, write feeds) and exit')
    .option('--once', 'run a single cycle (the only mode of this command; for cron)')
    .option('--force', 'poll every source, not just the due ones')
    .addOption(configOption())
    .addHelpText('after', '\nExample:\n  gazette run --once --config config/gazette.yaml')
    .action(async (opts: { config?: string; force?: boolean }) => {
      await runOnce(opts);
    });

  program
    .command('start')
    .description('run cycles on the schedule and serve the output directory over HTTP until SIGTERM')
    .addOption(configOption())
    .addHelpText('after', '\nExample:\n  gazette start --config config/gazette.yaml')
    .action(async (opts: { config?: string }) => {
      await start(opts);
    });

  program
    .command('demo')
    .description('offline demo: serve bundled sample feeds on 127.0.0.1 and run one cycle into a temp dir')
    .addHelpText('after', '\nExample:\n  gazette demo')
    .action(async () => {
      await demo();
    });

  program
    .command('stats')
    .description('counts of sources, articles, stories and feeds in the database')
    .option('--json', 'machine-readable output')
    .addOption(configOption())
    .addHelpText('after', '\nExample:\n  gazette stats --json')
    .action((opts: { config?: string; json?: boolean }) => stats(opts));

  return program;
}

async function main(): Promise<void> {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CliExit) {
      process.stderr.write(`gazette: ${err.message}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    process.stderr.write(`gazette: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = EXIT.cannotRun;
  }
}

await main();
