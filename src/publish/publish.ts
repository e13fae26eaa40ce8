import { join } from 'node:path';
import type { TopicFeed } from '../model.js';
import { renderAtom } from './atom.js';
import type { PublishContext } from './context.js';
import { PublishError } from './errors.js';
import { renderJsonFeed } from './jsonfeed.js';
import { renderOpml } from './opml.js';
import { renderRss } from './rss.js';
import { checkOutputPath } from './urls.js';
import { writeFileIfChanged } from './write.js';

/** Output paths relative to the output directory, '/'-separated. */
export interface PublishReport {
  written: string[];
  unchanged: string[];
}

const FORMATS = [
  { extension: 'atom', render: renderAtom },
  { extension: 'rss', render: renderRss },
  { extension: 'json', render: renderJsonFeed },
] as const;

export const OPML_FILE = 'index.opml';

/**
 * Writes `<path>.atom`, `<path>.rss` and `<path>.json` for every topic plus `index.opml`,
 * each only when its bytes changed. Every document is rendered before the first write,
 * so a topic that cannot be rendered leaves the output directory untouched.
 */
export async function publishFeeds(outputDir: string, feeds: TopicFeed[], ctx: PublishContext): Promise<PublishReport> {
  rejectSharedPaths(feeds);
  const documents = feeds.flatMap((feed) =>
    FORMATS.map(({ extension, render }) => ({ path: `${feed.path}.${extension}`, content: render(feed, ctx) })),
  );
  documents.push({ path: OPML_FILE, content: renderOpml(feeds, ctx) });

  const report: PublishReport = { written: [], unchanged: [] };
  for (const { path, content } of documents) {
    const written = await writeFileIfChanged(join(outputDir, ...path.split('/')), content);
    (written ? report.written : report.unchanged).push(path);
  }
  return report;
}

function rejectSharedPaths(feeds: TopicFeed[]): void {
  const owners = new Map<string, string>();
  for (const feed of feeds) {
    checkOutputPath(feed.path);
    const owner = owners.get(feed.path);
    if (owner !== undefined) {
      throw new PublishError('INVALID_OUTPUT_PATH', `topics '${owner}' and '${feed.id}' both use output path '${feed.path}'`);
    }
    owners.set(feed.path, feed.id);
  }
}
