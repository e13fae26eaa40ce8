import { Command } from 'commander';
import type { Config } from '../config/schema.js';
import type { Store } from '../store/index.js';
import { configOption, openStore, readConfig } from './context.js';
import { statusJson, statusTable, type StatusRow } from './status-format.js';

/**
 * Every configured source with what the database knows of it (a source never
 * polled yet has an empty row), then the ones still stored but no longer configured.
 */
export function statusRows(config: Config, store: Store): StatusRow[] {
  const stored = new Map(store.sourceStates().map((s) => [s.id, s]));
  const configured = config.sources.map((s) => ({
    ...(stored.get(s.id) ?? { id: s.id, url: s.url, title: s.title, consecutiveFailures: 0, gone: false, articleCount: 0 }),
    inConfig: true,
  }));
  const ids = new Set(config.sources.map((s) => s.id));
  const removed = [...stored.values()].filter((s) => !ids.has(s.id)).map((s) => ({ ...s, inConfig: false }));
  return [...configured, ...removed];
}

/** The terminal's width; 120 when stdout is not a terminal and $COLUMNS is unset. */
function terminalWidth(): number {
  return process.stdout.columns || Number(process.env.COLUMNS) || 120;
}

/** `gazette status [--json]`: per-source fetch state, read from the database only. */
export function status(options: { config?: string; json?: boolean }): void {
  const config = readConfig(options.config);
  const store = openStore(config);
  try {
    const rows = statusRows(config, store);
    const now = Date.now();
    process.stdout.write(`${options.json ? statusJson(rows, now) : statusTable(rows, now, terminalWidth())}\n`);
  } finally {
    store.close();
  }
}

export const statusCommand = () =>
  new Command('status')
    .description('one row per source: last poll, HTTP status, failures, next poll, articles, last error (from the database)')
    .option('--json', 'every field, machine-readable')
    .addOption(configOption())
    .addHelpText('after', '\nExample:\n  gazette status\n  gazette status --json --config config/gazette.yaml')
    .action((opts: { config?: string; json?: boolean }) => status(opts));
