import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Story, TopicFeed } from '../model.js';
import { renderAtom } from './atom.js';
import type { PublishContext } from './context.js';
import { PublishError } from './errors.js';
import type { Paging } from './feed-view.js';
import { renderIndexPage, renderTopicPage, type TopicGroup } from './html.js';
import { renderJsonFeed } from './jsonfeed.js';
import {
  contentHash,
  MANIFEST_FILE,
  readManifest,
  removeStaleFiles,
  renderManifest,
  type Manifest,
  type ManifestEntry,
} from './manifest.js';
import { renderOpml } from './opml.js';
import { renderRss } from './rss.js';
import { archivePath, checkOutputPath, feedUrls } from './urls.js';
import { sweepTempFiles, writeFileIfChanged } from './write.js';

/** One RFC 5005 archive page of a topic. */
export interface ArchivePage {
  /** 1 is the oldest. */
  page: number;
  /** Full (or followed by a newer page): rendered once, then left as it is. */
  sealed: boolean;
  /** Its stories; only called when the page has to be rendered. */
  stories: () => Story[];
}

/** A topic's current entries plus where it is listed and its archive pages (oldest first). */
export interface PublishTopic extends TopicFeed {
  group?: TopicGroup;
  archive?: ArchivePage[];
}

/** Output paths relative to the output directory, '/'-separated. */
export interface PublishReport {
  written: string[];
  unchanged: string[];
  /** Files of topics (or archive pages) that are gone from the config. */
  removed: string[];
  /** Files an earlier run wrote that someone has changed since: not removed. */
  kept: string[];
  /** Public URLs of the current topic feeds that were written: what a WebSub hub is told about. */
  changedFeeds: string[];
}

const FORMATS = [
  { extension: 'atom', render: renderAtom },
  { extension: 'rss', render: renderRss },
  { extension: 'json', render: renderJsonFeed },
] as const;

export const OPML_FILE = 'index.opml';
export const INDEX_FILE = 'index.html';

interface Document {
  path: string;
  content: string;
  topic?: string;
  sealed?: true;
  /** Public URL, for current topic feeds. */
  feedUrl?: string;
}

/**
 * Writes for every topic `<path>.atom`, `.rss`, `.json` and `.html` and its archive pages
 * (`archive/<path>/<n>.*`), plus `index.opml`, `index.html` and `manifest.json`, each only when
 * its bytes changed; then removes what an earlier run wrote for topics that are gone.
 * Every document is rendered before the first write, so a topic that cannot be rendered
 * leaves the output directory untouched. Archive pages go first: a feed never links to a
 * page that is not there yet.
 */
export async function publishFeeds(outputDir: string, topics: PublishTopic[], ctx: PublishContext): Promise<PublishReport> {
  rejectSharedPaths(topics);
  await sweepTempFiles(outputDir);
  const previous = await readManifest(outputDir);
  const carried = new Map<string, ManifestEntry>();
  const archives: Document[] = [];
  const feeds: Document[] = [];
  for (const topic of topics) {
    const pages = topic.archive ?? [];
    for (const page of pages) {
      const paths = FORMATS.map(({ extension }) => `${archivePath(topic.path, page.page)}.${extension}`);
      const kept = page.sealed ? await sealedOnDisk(outputDir, previous, paths) : undefined;
      if (kept) {
        for (const [path, entry] of kept) carried.set(path, entry);
        continue;
      }
      const feed = { ...topic, stories: page.stories() };
      const paging: Paging = { archivePage: page.page, prevArchive: page.page > 1 ? page.page - 1 : undefined };
      for (const { extension, render } of FORMATS) {
        archives.push({
          path: `${archivePath(topic.path, page.page)}.${extension}`,
          content: render(feed, ctx, paging),
          topic: topic.id,
          ...(page.sealed ? { sealed: true as const } : {}),
        });
      }
    }
    const newest = pages.at(-1)?.page;
    const urls = feedUrls(ctx.baseUrl, topic.id, topic.path);
    for (const { extension, render } of FORMATS) {
      feeds.push({
        path: `${topic.path}.${extension}`,
        content: render(topic, ctx, { prevArchive: newest }),
        topic: topic.id,
        feedUrl: urls[extension],
      });
    }
    feeds.push({ path: `${topic.path}.html`, content: renderTopicPage(topic, ctx, { newestArchivePage: newest }), topic: topic.id });
  }
  const site: Document[] = [
    { path: OPML_FILE, content: renderOpml(topics, ctx) },
    {
      path: INDEX_FILE,
      content: renderIndexPage(
        topics.map((t) => ({ id: t.id, title: t.title, path: t.path, group: t.group ?? 'topics', entries: t.stories.length })),
        ctx,
      ),
    },
  ];

  const report: PublishReport = { written: [], unchanged: [], removed: [], kept: [], changedFeeds: [] };
  const manifest = new Map(carried);
  for (const doc of [...archives, ...feeds, ...site]) {
    const written = await writeFileIfChanged(join(outputDir, ...doc.path.split('/')), doc.content);
    (written ? report.written : report.unchanged).push(doc.path);
    if (written && doc.feedUrl !== undefined) report.changedFeeds.push(doc.feedUrl);
    manifest.set(doc.path, {
      sha256: contentHash(doc.content),
      bytes: Buffer.byteLength(doc.content),
      ...(doc.topic !== undefined ? { topic: doc.topic } : {}),
      ...(doc.sealed ? { sealed: true as const } : {}),
    });
  }
  const { removed, kept } = await removeStaleFiles(outputDir, previous, new Set(manifest.keys()));
  report.removed = removed;
  report.kept = kept;
  // The manifest goes last: until then the old one still lists every file the old run wrote.
  const wroteManifest = await writeFileIfChanged(join(outputDir, MANIFEST_FILE), renderManifest(manifest));
  (wroteManifest ? report.written : report.unchanged).push(MANIFEST_FILE);
  return report;
}

/** The manifest entries of a sealed page's files when all of them are on disk as written; else undefined. */
async function sealedOnDisk(
  dir: string,
  previous: Manifest | undefined,
  paths: string[],
): Promise<Map<string, ManifestEntry> | undefined> {
  const entries = new Map<string, ManifestEntry>();
  for (const path of paths) {
    const entry = previous?.files[path];
    if (!entry?.sealed) return undefined;
    const info = await stat(join(dir, ...path.split('/'))).catch(() => undefined);
    if (!info?.isFile() || info.size !== entry.bytes) return undefined;
    entries.set(path, entry);
  }
  return entries;
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
