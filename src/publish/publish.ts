import { statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import pLimit from 'p-limit';
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
import { commitFile, discardFile, stageFile, sweepTempFiles, syncDirectory, writeFileIfChanged, type StagedFile } from './write.js';

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
  /**
   * The caller knows that nothing the topic's documents show changed since the run that wrote
   * them, when it had `entries` entries: documents on disk as the manifest lists them are kept
   * without being rendered (`stories` is then not read).
   */
  unchanged?: { entries: number };
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
 * Every document is rendered before the first one takes its place, so a topic that cannot be
 * rendered leaves the output directory untouched: documents are staged in temp files while
 * the next ones render, and renamed into place once all are. Archive pages go first: a feed
 * never links to a page that is not there yet.
 */
export async function publishFeeds(outputDir: string, topics: PublishTopic[], ctx: PublishContext): Promise<PublishReport> {
  rejectSharedPaths(topics);
  await sweepTempFiles(outputDir);
  const previous = await readManifest(outputDir);
  const carried = new Map<string, ManifestEntry>();
  const archives = new Staging(outputDir, previous);
  const feeds = new Staging(outputDir, previous);
  const site = new Staging(outputDir, previous);
  const pagePaths = (topic: PublishTopic, page: ArchivePage) =>
    FORMATS.map(({ extension }) => `${archivePath(topic.path, page.page)}.${extension}`);
  // Files that can stay as they are: all of an unchanged topic's, or a sealed page's.
  const keptTopics = topics.map((topic) =>
    topic.unchanged
      ? asWritten(outputDir, previous, [...topicPaths(topic.path), ...(topic.archive ?? []).flatMap((page) => pagePaths(topic, page))], false)
      : undefined,
  );
  const render = async () => {
    for (const [i, topic] of topics.entries()) {
      const keptTopic = keptTopics[i];
      if (keptTopic) {
        for (const [path, entry] of keptTopic) carried.set(path, entry);
        continue;
      }
      const pages = topic.archive ?? [];
      for (const page of pages) {
        const kept = page.sealed ? asWritten(outputDir, previous, pagePaths(topic, page), true) : undefined;
        if (kept) {
          for (const [path, entry] of kept) carried.set(path, entry);
          continue;
        }
        const feed = { ...topic, stories: page.stories() };
        const paging: Paging = { archivePage: page.page, prevArchive: page.page > 1 ? page.page - 1 : undefined };
        for (const { extension, render } of FORMATS) {
          archives.add({
            path: `${archivePath(topic.path, page.page)}.${extension}`,
            content: render(feed, ctx, paging),
            topic: topic.id,
            ...(page.sealed ? { sealed: true as const } : {}),
          });
          await ioTurn();
        }
      }
      const newest = pages.at(-1)?.page;
      const urls = feedUrls(ctx.baseUrl, topic.id, topic.path);
      for (const { extension, render } of FORMATS) {
        feeds.add({
          path: `${topic.path}.${extension}`,
          content: render(topic, ctx, { prevArchive: newest }),
          topic: topic.id,
          feedUrl: urls[extension],
        });
        await ioTurn();
      }
      feeds.add({ path: `${topic.path}.html`, content: renderTopicPage(topic, ctx, { newestArchivePage: newest }), topic: topic.id });
      await ioTurn();
    }
    site.add({ path: OPML_FILE, content: renderOpml(topics, ctx) });
    site.add({
      path: INDEX_FILE,
      content: renderIndexPage(
        topics.map((t) => ({ id: t.id, title: t.title, path: t.path, group: t.group ?? 'topics', entries: t.unchanged?.entries ?? t.stories.length })),
        ctx,
      ),
    });
  };
  const groups = [archives, feeds, site];
  try {
    await render();
    for (const group of groups) await group.staged();
  } catch (err) {
    await Promise.all(groups.map((group) => group.discard()));
    throw err;
  }

  // An unchanged topic's files count as unchanged, as if rendered; its sealed pages, like any, are not listed.
  const keptUnsealed = keptTopics.flatMap((kept) => [...(kept ?? [])].flatMap(([path, entry]) => (entry.sealed ? [] : [path])));
  const report: PublishReport = { written: [], unchanged: keptUnsealed, removed: [], kept: [], changedFeeds: [] };
  const manifest = new Map(carried);
  // Archive pages before the feeds that link to them, then the site files.
  for (const group of groups) await group.commit();
  groups.flatMap((group) => group.results()).forEach(({ doc, written, sha256, bytes }) => {
    (written ? report.written : report.unchanged).push(doc.path);
    if (written && doc.feedUrl !== undefined) report.changedFeeds.push(doc.feedUrl);
    manifest.set(doc.path, {
      sha256,
      bytes,
      ...(doc.topic !== undefined ? { topic: doc.topic } : {}),
      ...(doc.sealed ? { sealed: true as const } : {}),
    });
  });
  const { removed, kept } = await removeStaleFiles(outputDir, previous, new Set(manifest.keys()));
  report.removed = removed;
  report.kept = kept;
  // The manifest goes last: until then the old one still lists every file the old run wrote.
  const wroteManifest = await writeFileIfChanged(join(outputDir, MANIFEST_FILE), renderManifest(manifest));
  (wroteManifest ? report.written : report.unchanged).push(MANIFEST_FILE);
  return report;
}

const topicPaths = (path: string) => [...FORMATS.map(({ extension }) => `${path}.${extension}`), `${path}.html`];

/** The manifest entries of files (of a sealed page, with `sealed`) when all of them are on disk as written; else undefined. */
function asWritten(dir: string, previous: Manifest | undefined, paths: string[], sealed: boolean): Map<string, ManifestEntry> | undefined {
  const found = new Map<string, ManifestEntry>();
  for (const path of paths) {
    const entry = previous?.files[path];
    if (!entry || (sealed && !entry.sealed)) return undefined;
    // Synchronous: thousands of stats of an unchanged site cost less than their trips through the thread pool.
    const info = statSync(join(dir, ...path.split('/')), { throwIfNoEntry: false });
    if (!info?.isFile() || info.size !== entry.bytes) return undefined;
    found.set(path, entry);
  }
  return found;
}

/** Lets the staging writes take their next step (each is several) between two renders. */
const ioTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Files staged at once: enough to keep the disk busy while each waits for its fsync. */
const WRITERS = 8;

/** Documents staged (stageFile) as they are rendered, then committed in the order added. */
class Staging {
  /** What the manifest and the report need of each document (its text is let go once encoded). */
  private readonly docs: { doc: Omit<Document, 'content'>; sha256: string; bytes: number }[] = [];
  private readonly pending: Promise<StagedFile | undefined>[] = [];
  private readonly limit = pLimit(WRITERS);
  private done: (StagedFile | undefined)[] = [];
  /** Each directory is made once, not once per file in it. */
  private readonly directories = new Map<string, Promise<unknown>>();

  constructor(
    private readonly dir: string,
    private readonly previous: Manifest | undefined,
  ) {}

  add({ content, ...doc }: Document): void {
    const bytes = Buffer.from(content, 'utf8');
    const sha256 = contentHash(bytes);
    this.docs.push({ doc, sha256, bytes: bytes.length });
    const file = join(this.dir, ...doc.path.split('/'));
    // The manifest says what the file holds when its size still matches: no need to read it.
    const listed = this.previous?.files[doc.path];
    const asListed = listed !== undefined && statSync(file, { throwIfNoEntry: false })?.size === listed.bytes;
    const staging =
      asListed && listed.sha256 === sha256
        ? Promise.resolve(undefined)
        : this.limit(async () => {
            await this.directory(dirname(file)).catch((err: Error) => {
              throw new PublishError('WRITE_FAILED', `cannot write ${file}: ${err.message}`, { cause: err });
            });
            return stageFile(file, bytes, { compare: !asListed, makeDirectory: false });
          });
    staging.catch(() => undefined); // observed by staged() or discard()
    this.pending.push(staging);
  }

  private directory(dir: string): Promise<unknown> {
    let made = this.directories.get(dir);
    if (!made) this.directories.set(dir, (made = mkdir(dir, { recursive: true })));
    return made;
  }

  /** Waits for every document to be staged; throws the first failure. */
  async staged(): Promise<void> {
    this.done = await Promise.all(this.pending);
  }

  /** Removes the temp files of whatever was staged. */
  async discard(): Promise<void> {
    const settled = await Promise.allSettled(this.pending);
    await Promise.all(settled.map((s) => (s.status === 'fulfilled' && s.value ? discardFile(s.value) : undefined)));
  }

  /** Renames every staged file into place, then syncs each directory once (not once per file). */
  async commit(): Promise<void> {
    const staged = this.done.filter((s): s is StagedFile => s !== undefined);
    await Promise.all(staged.map((s) => this.limit(() => commitFile(s))));
    await Promise.all([...new Set(staged.map((s) => dirname(s.file)))].map((d) => this.limit(() => syncDirectory(d))));
  }

  /** Each document, its hash and size, and whether it was written, in the order added. */
  results(): { doc: Omit<Document, 'content'>; written: boolean; sha256: string; bytes: number }[] {
    return this.docs.map((d, i) => ({ ...d, written: this.done[i] !== undefined }));
  }
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
