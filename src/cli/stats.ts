import { Command } from 'commander';
import { configOption, openStore, readConfig } from './context.js';

/** `gazette stats [--json]`: counts from the database. */
export function stats(options: { config?: string; json?: boolean }): void {
  const store = openStore(readConfig(options.config));
  try {
    const s = store.stats();
    const out = { sources: s.sources, articles: s.articles, stories: s.stories, feeds: s.feeds, lastCycle: s.lastCycle ?? null };
    if (options.json) {
      process.stdout.write(`${JSON.stringify(out)}\n`);
      return;
    }
    const last = s.lastCycle ? new Date(s.lastCycle.startedAt).toISOString() : 'never';
    process.stdout.write(
      `sources:  ${s.sources}\narticles: ${s.articles}\nstories:  ${s.stories}\nfeeds:    ${s.feeds}\nlast cycle: ${last}\n`,
    );
  } finally {
    store.close();
  }
}

export const statsCommand = () =>
  new Command('stats')
    .description('counts of sources, articles, stories and feeds in the database')
    .option('--json', 'machine-readable output')
    .addOption(configOption())
    .addHelpText('after', '\nExample:\n  gazette stats --json')
    .action((opts: { config?: string; json?: boolean }) => stats(opts));
