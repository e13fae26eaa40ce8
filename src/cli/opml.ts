import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import pLimit from 'p-limit';
import type { Config } from '../config/schema.js';
import {
  addSourceText,
  deriveSourceId,
  OpmlError,
  probeFeed,
  readOpml,
  renderSourcesOpml,
  startProgress,
  type NewSource,
  type OpmlSubscription,
} from '../ops/index.js';
import { CliExit, configOption, EXIT, readConfig } from './context.js';
import { feedUrl, probeFailure, readEditableConfig, writeEditedConfig } from './sources.js';

interface ImportOptions {
  config?: string;
  /** false with --no-check: add the feeds without fetching them. */
  check: boolean;
}

/** What happened to each outline of an import. */
interface ImportResult {
  added: NewSource[];
  present: string[];
  failed: string[];
}

/**
 * `gazette opml import FILE`: adds every subscription not yet configured.
 * Each new feed is fetched once (a progress bar on a terminal) and only the
 * ones that are feeds are added; folders and `category` become categories.
 */
export async function importOpml(path: string, options: ImportOptions): Promise<ImportResult> {
  let subscriptions: OpmlSubscription[];
  try {
    subscriptions = readOpml(readFileSync(path, 'utf8'));
  } catch (err) {
    const reason = err instanceof OpmlError ? err.message : `cannot read it: ${(err as Error).message}`;
    throw new CliExit(EXIT.invalidConfig, `${path}: ${reason}`);
  }
  const { file, text, config } = readEditableConfig(options.config);
  const result: ImportResult = { added: [], present: [], failed: [] };
  const configured = () => new Set(config.sources.map((s) => new URL(s.url).href));
  const fresh = newSubscriptions(subscriptions, configured(), result);
  const checked = options.check ? await checkFeeds(fresh, config, result) : fresh;

  const taken = new Set(config.sources.map((s) => s.id));
  const urls = configured();
  for (const sub of checked) {
    // A probe may land on a feed already there (a web page and its feed both listed).
    if (urls.has(sub.url)) {
      result.present.push(sub.url);
      continue;
    }
    urls.add(sub.url);
    const id = deriveSourceId(sub.url, taken);
    taken.add(id);
    result.added.push({ id, url: sub.url, title: sub.title, categories: sub.categories });
  }
  if (result.added.length > 0) await writeEditedConfig(file, result.added.reduce(addSourceText, text));

  const lines = [`imported ${result.added.length} sources into ${file}; ${result.present.length} already present, ${result.failed.length} failed`];
  for (const s of result.added) lines.push(`  + ${s.id}: ${s.url}${s.categories?.length ? ` [${s.categories.join(', ')}]` : ''}`);
  for (const f of result.failed) lines.push(`  ! ${f}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return result;
}

/** Subscriptions with a usable URL that the config does not have yet, first occurrence only. */
function newSubscriptions(subs: OpmlSubscription[], seen: Set<string>, result: ImportResult): OpmlSubscription[] {
  const fresh: OpmlSubscription[] = [];
  for (const sub of subs) {
    let url: string;
    try {
      url = feedUrl(sub.url);
    } catch (err) {
      result.failed.push((err as Error).message);
      continue;
    }
    if (seen.has(url)) result.present.push(url);
    else fresh.push({ ...sub, url });
    seen.add(url);
  }
  return fresh;
}

/** Fetches each feed once, fetch.concurrency at a time; keeps the feeds (at the URL the probe settled on). */
async function checkFeeds(subs: OpmlSubscription[], config: Config, result: ImportResult): Promise<OpmlSubscription[]> {
  const limit = pLimit(config.fetch.concurrency);
  const progress = startProgress({ label: 'feeds', total: subs.length });
  try {
    const probed = await Promise.all(
      subs.map((sub) =>
        limit(async () => {
          try {
            const feed = await probeFeed(sub.url, config.fetch);
            return { ...sub, url: new URL(feed.url).href };
          } catch (err) {
            result.failed.push(probeFailure(sub.url, err));
            return undefined;
          } finally {
            progress.increment();
          }
        }),
      ),
    );
    return probed.filter((s): s is OpmlSubscription => s !== undefined);
  } finally {
    progress.stop();
  }
}

/** `gazette opml export`: the configured sources as OPML 2.0 on stdout. */
export function exportOpml(options: { config?: string }): void {
  const config = readConfig(options.config);
  process.stdout.write(renderSourcesOpml(config.sources, config.output.title));
}

export const opmlCommand = () => {
  const command = new Command('opml').description('import sources from, or export them to, an OPML subscription list');
  command
    .command('import')
    .description('add the feeds of an OPML file to the config (folders and categories become source categories; URLs already present are skipped)')
    .argument('<file>', 'OPML file, e.g. exported from a feed reader')
    .option('--no-check', 'add the feeds without fetching each once to check it')
    .addOption(configOption())
    .addHelpText('after', '\nExample:\n  gazette opml import subscriptions.opml')
    .action(async (path: string, opts: ImportOptions) => {
      await importOpml(path, opts);
    });
  command
    .command('export')
    .description('print the configured sources as OPML 2.0 on stdout')
    .addOption(configOption())
    .addHelpText('after', '\nExample:\n  gazette opml export > sources.opml')
    .action((opts: { config?: string }) => exportOpml(opts));
  return command.addHelpText('after', '\nExample:\n  gazette opml import subscriptions.opml');
};
