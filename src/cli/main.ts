#!/usr/bin/env node
import { Command } from 'commander';
import { createRequire } from 'node:module';
import { checkCommand } from './check.js';
import { classifyCommand } from './classify.js';
import { CliExit, EXIT } from './context.js';
import { demoCommand } from './demo.js';
import { opmlCommand } from './opml.js';
import { reclassifyCommand } from './reclassify.js';
import { runCommand } from './run.js';
import { serveCommand } from './serve.js';
import { sourcesCommand } from './sources.js';
import { startCommand } from './start.js';
import { statsCommand } from './stats.js';
import { statusCommand } from './status.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** Every subcommand; each module builds its own commander Command. */
const COMMANDS = [runCommand, startCommand, demoCommand, statsCommand, statusCommand, checkCommand, sourcesCommand, opmlCommand, classifyCommand, reclassifyCommand, serveCommand];

export function buildProgram(): Command {
  const program = new Command('gazette')
    .description('Feed aggregator: polls sources, deduplicates stories, classifies by region, writes topic feeds.')
    .version(version)
    .showHelpAfterError();
  for (const command of COMMANDS) program.addCommand(command());
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
