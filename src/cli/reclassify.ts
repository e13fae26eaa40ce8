import { Command, InvalidArgumentError, Option } from 'commander';
import type { Classifier } from '../classify/index.js';
import type { Config } from '../config/schema.js';
import type { Place } from '../model.js';
import { CycleLockError, startProgress, withCycleLock } from '../ops/index.js';
import { publishTopics } from '../schedule/publish-topics.js';
import type { Store } from '../store/index.js';
import { ensureDatabaseFolder, StoreError } from '../store/index.js';
import { CliExit, configOption, EXIT, readConfig, runtimeFor } from './context.js';

export interface ReclassifyOptions {
  config?: string;
  json?: boolean;
  batch?: number;
}

export interface ReclassifyReport {
  checked: number;
  changed: number;
  feedsWritten: string[];
  feedsUnchanged: string[];
}

const DEFAULT_BATCH = 500;

/**
 * Classifies every stored article again with the current config and cues, in
 * batches of one transaction each (memory stays bounded; an interrupted run keeps
 * the batches it finished), then rewrites the topic feeds whose content changed.
 */
export async function reclassifyArticles(
  store: Store,
  classifier: Classifier,
  config: Config,
  batchSize = DEFAULT_BATCH,
  onBatch: (articles: number) => void = () => undefined,
): Promise<{ checked: number; changed: number }> {
  const hints = new Map(config.sources.map((s) => [s.id, s.country]));
  let checked = 0;
  let changed = 0;
  for (let after = 0; ; ) {
    const batch = store.articlesAfter(after, batchSize);
    if (batch.length === 0) break;
    store.transaction(() => {
      for (const article of batch) {
        const places = classifier.classify({
          title: article.title,
          summary: article.summary,
          categories: article.categories,
          countryHint: hints.get(article.sourceId),
          sourceId: article.sourceId,
        }).countries;
        if (!samePlaces(article.places, places)) {
          store.replacePlaces(article.id, places);
          changed++;
        }
      }
    });
    checked += batch.length;
    after = batch.at(-1)!.id;
    onBatch(batch.length);
    // Between batches the event loop runs: the cycle lock stays refreshed and signals are heard.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { checked, changed };
}

function samePlaces(a: Place[], b: Place[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function reclassify(options: ReclassifyOptions): Promise<ReclassifyReport> {
  const config = readConfig(options.config);
  try {
    // As for run --once: the lock lives beside the database, whose folder may not exist yet.
    ensureDatabaseFolder(config.database);
    return await withCycleLock(config.database, {}, async () => {
      const runtime = runtimeFor(config);
      try {
        const progress = startProgress({ label: 'articles', total: runtime.store.stats().articles });
        const counts = await reclassifyArticles(runtime.store, runtime.classifier, config, options.batch, (n) =>
          progress.increment(n),
        ).finally(() => progress.stop());
        const published = await publishTopics(config, runtime.store, Date.now());
        const report = { ...counts, feedsWritten: published.written, feedsUnchanged: published.unchanged };
        process.stdout.write(`${options.json ? JSON.stringify(report) : formatReport(report)}\n`);
        return report;
      } finally {
        runtime.store.close();
      }
    });
  } catch (err) {
    if (err instanceof CycleLockError) throw new CliExit(EXIT.locked, err.message);
    if (err instanceof StoreError) throw new CliExit(EXIT.cannotRun, err.message);
    throw err;
  }
}

function formatReport(r: ReclassifyReport): string {
  return [
    `articles: ${r.checked} classified again, ${r.changed} changed`,
    `feeds:    ${r.feedsWritten.length} written, ${r.feedsUnchanged.length} unchanged`,
  ].join('\n');
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number, 1 or more');
  return n;
}

export const reclassifyCommand = () =>
  new Command('reclassify')
    .description('classify every stored article again (after a change of cues, rules or regions) and rewrite the topic feeds that change')
    .option('--json', 'machine-readable output: {"checked","changed","feedsWritten","feedsUnchanged"}')
    .addOption(new Option('--batch <n>', `articles per transaction (default ${DEFAULT_BATCH})`).argParser(positiveInteger))
    .addOption(configOption())
    .addHelpText('after', '\nExample:\n  gazette reclassify --config config/gazette.yaml')
    .action(async (opts: ReclassifyOptions) => {
      await reclassify(opts);
    });
