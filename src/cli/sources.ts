import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { ConfigError, parseConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { FetchError } from '../fetch/index.js';
import { addSourceText, deriveSourceId, probeFeed, removeSourceText, type NewSource, type ProbedFeed } from '../ops/index.js';
import { ParseError } from '../parse/index.js';
import { writeFileIfChanged } from '../publish/index.js';
import { CliExit, configOption, configPath, EXIT, readConfig } from './context.js';

/** The config file as text plus its validated content: the starting point of an edit. */
export interface EditableConfig {
  file: string;
  text: string;
  config: Config;
}

export function readEditableConfig(option: string | undefined): EditableConfig {
  const file = configPath(option);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliExit(EXIT.invalidConfig, `cannot read config ${file}: ${(err as Error).message}`);
  }
  return { file, text, config: parsed(text, file, 'the config is invalid; fix it first (gazette check)') };
}

/** Validates the edited text like any config load, then replaces the file atomically. */
export async function writeEditedConfig(file: string, text: string): Promise<void> {
  parsed(text, file, 'the edit would make the config invalid; nothing was written');
  await writeFileIfChanged(file, text);
}

function parsed(text: string, file: string, context: string): Config {
  try {
    return parseConfig(text, file);
  } catch (err) {
    if (err instanceof ConfigError) throw new CliExit(EXIT.invalidConfig, `${context}:\n${err.message}`);
    throw err;
  }
}

/** A URL as typed, checked and in the form compared for duplicates. */
export function feedUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new CliExit(EXIT.invalidConfig, `"${input}" is not a URL; give an absolute http:// or https:// URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliExit(EXIT.invalidConfig, `"${input}" is not an http:// or https:// URL`);
  }
  return url.href;
}

/** The configured source with this URL, if any. */
export const sourceWithUrl = (config: Config, url: string) => config.sources.find((s) => new URL(s.url).href === new URL(url).href);

/** A probe failure as an operator reads it. */
export function probeFailure(url: string, err: unknown): string {
  if (err instanceof FetchError || err instanceof ParseError) return `${url} is not a usable feed: ${err.message}`;
  throw err;
}

interface AddOptions {
  config?: string;
  id?: string;
  country?: string;
  title?: string;
  category?: string[];
}

/** `gazette sources add URL`: fetches the URL once to check it is a feed, then appends it to the config. */
export async function addSource(input: string, options: AddOptions): Promise<void> {
  const { file, text, config } = readEditableConfig(options.config);
  const rejectDuplicate = (url: string) => {
    const existing = sourceWithUrl(config, url);
    if (existing) throw new CliExit(EXIT.invalidConfig, `${url} is already configured as source "${existing.id}"`);
  };
  const url = feedUrl(input);
  rejectDuplicate(url);
  if (options.id && config.sources.some((s) => s.id === options.id)) {
    throw new CliExit(EXIT.invalidConfig, `a source with the id "${options.id}" already exists`);
  }
  let feed: ProbedFeed;
  try {
    feed = await probeFeed(url, config.fetch);
  } catch (err) {
    throw new CliExit(EXIT.cannotRun, probeFailure(url, err));
  }
  if (feed.url !== url) rejectDuplicate(feed.url);
  const entry: NewSource = {
    id: options.id ?? deriveSourceId(feed.url, new Set(config.sources.map((s) => s.id))),
    url: feed.url,
    title: options.title,
    country: options.country?.toUpperCase(),
    categories: options.category,
  };
  await writeEditedConfig(file, addSourceText(text, entry));
  const found = feed.discoveredFrom ? ` (the feed announced by ${feed.discoveredFrom})` : '';
  process.stdout.write(
    `added source "${entry.id}": ${feed.url}${found}\n  ${feed.format} feed "${feed.title ?? ''}" with ${feed.items} items; written to ${file}\n`,
  );
}

/** `gazette sources remove ID`; refuses while a topic still selects the source. */
export async function removeSource(id: string, options: { config?: string }): Promise<void> {
  const { file, text, config } = readEditableConfig(options.config);
  const users = config.topics.filter((t) => t.sources.includes(id)).map((t) => t.id);
  if (users.length > 0) {
    throw new CliExit(EXIT.invalidConfig, `topic${users.length > 1 ? 's' : ''} ${users.join(', ')} select source "${id}"; remove it there first`);
  }
  const edited = removeSourceText(text, id);
  if (edited === undefined) throw new CliExit(EXIT.invalidConfig, `no source has the id "${id}" in ${file}`);
  await writeEditedConfig(file, edited);
  process.stdout.write(`removed source "${id}" from ${file}\n`);
}

/** `gazette sources list`: the configured sources, one a line (tab-separated), or JSON. */
export function listSources(options: { config?: string; json?: boolean }): void {
  const { sources } = readConfig(options.config);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(sources)}\n`);
    return;
  }
  const rows = sources.map((s) => [s.id, s.url, s.country ?? '-', s.categories.join(',') || '-', s.title ?? '']);
  process.stdout.write(rows.map((r) => `${r.join('\t')}\n`).join(''));
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export const sourcesCommand = () => {
  const command = new Command('sources').description('list, add or remove the configured feed sources (edits the config file in place, keeping its comments)');
  command
    .command('add')
    .description('fetch URL once to check it is a feed (a web page leads to the feed it announces) and add it to the config')
    .argument('<url>', 'feed or web page URL')
    .option('--id <id>', 'source id (default: derived from the host name)')
    .option('--country <code>', 'country hint, ISO 3166-1 alpha-2 (e.g. RU)')
    .option('--title <title>', 'title (default: the feed’s own)')
    .option('--category <name>', 'category; repeat for several', collect)
    .addOption(configOption())
    .addHelpText('after', '\nExample:\n  gazette sources add https://example.org/news --country FR --id example-fr')
    .action(async (url: string, opts: AddOptions) => {
      await addSource(url, opts);
    });
  command
    .command('remove')
    .description('remove a source from the config')
    .argument('<id>', 'source id')
    .addOption(configOption())
    .addHelpText('after', '\nExample:\n  gazette sources remove example-fr')
    .action(async (id: string, opts: { config?: string }) => {
      await removeSource(id, opts);
    });
  command
    .command('list')
    .description('list the configured sources: id, URL, country, categories, title (tab-separated)')
    .option('--json', 'machine-readable output')
    .addOption(configOption())
    .addHelpText('after', '\nExample:\n  gazette sources list --json')
    .action((opts: { config?: string; json?: boolean }) => listSources(opts));
  return command.addHelpText('after', '\nExample:\n  gazette sources add https://example.org/feed.xml');
};
