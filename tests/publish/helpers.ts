// Shared fixtures and tools for the publish tests (not a test file itself).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Country } from 'world-countries';
import type { Place, SourceInfo, StoredArticle, Story, TopicFeed } from '../../src/model.js';
import type { PlaceNames, PublishContext } from '../../src/publish/index.js';
import { validateFeeds } from '../helpers/validate.js';

export const BASE_URL = 'http://localhost:8080/';

const HOUR = 3_600_000;
export const T0 = Date.UTC(2024, 3, 29, 9, 0, 0);

let nextArticleId = 1;

export function place(code: string, score = 0.9): Place {
  return { code, score, evidence: [`title:${code}`] };
}

export function article(overrides: Partial<StoredArticle> & Pick<StoredArticle, 'sourceId' | 'title'>): StoredArticle {
  const id = nextArticleId++;
  return {
    id,
    storyId: 0,
    identityKey: `key-${id}`,
    summary: `Summary of ${overrides.title}`,
    categories: [],
    publishedAt: T0,
    firstSeenAt: T0,
    places: [],
    ...overrides,
    updatedAt: overrides.updatedAt ?? overrides.publishedAt ?? T0,
  };
}

export function story(id: number, lead: StoredArticle, others: StoredArticle[] = [], entryId = `urn:uuid:00000000-0000-4000-8000-${String(id).padStart(12, '0')}`): Story {
  const updatedAt = Math.max(lead.updatedAt, ...others.map((o) => o.updatedAt));
  return { id, entryId, lead: { ...lead, storyId: id }, others: others.map((o) => ({ ...o, storyId: id })), updatedAt };
}

export const SOURCES: SourceInfo[] = [
  { id: 'marxist', title: 'In Defence of Marxism', url: 'https://www.marxist.com/feed.rss', siteUrl: 'https://www.marxist.com/' },
  { id: 'wire', title: 'Wire & <Co> "News"', url: 'https://wire.example.org/atom.xml?lang=en&kind=all' },
  { id: 'daily', title: 'The Daily Example', url: 'https://daily.example.net/rss', siteUrl: 'https://daily.example.net/' },
];

const countries = createRequire(import.meta.url)('world-countries') as Country[];
const byCode = new Map<string, PlaceNames>(countries.map((c) => [c.cca2, { name: c.name.common, subregion: c.subregion, continent: c.region }]));

/** Country names from world-countries, plus whatever a test adds on top. */
export function context(extraPlaces: Record<string, PlaceNames> = {}, overrides: Partial<PublishContext> = {}): PublishContext {
  return {
    baseUrl: BASE_URL,
    siteTitle: 'Gazette',
    sources: new Map(SOURCES.map((s) => [s.id, s])),
    placeNames: (code) => extraPlaces[code] ?? byCode.get(code),
    ...overrides,
  };
}

/**
 * A topic that exercises every branch: places with subregions/continents, other reports
 * with and without links, a lead without a link, markup and control characters in
 * upstream text, a lead author and leads without one, unicode, an email author.
 */
export function russiaTopic(): TopicFeed {
  const withOthers = story(
    1,
    article({
      sourceId: 'marxist',
      title: 'Russia: Prigozhin’s Failed Adventure',
      link: 'https://www.marxist.com/russia-prigozhin-s-failed-adventure.htm',
      summary: 'Last weekend’s events in Russia have given rise to all sorts of speculation.',
      contentHtml: '<p>Last weekend’s events in Russia have given rise to <em>all sorts</em> of speculation.</p>',
      author: 'Jorge Martín',
      language: 'en',
      publishedAt: T0 + 5 * HOUR,
      updatedAt: T0 + 6 * HOUR,
      places: [place('RU'), place('UA', 0.5)],
    }),
    [
      article({ sourceId: 'wire', title: 'Wagner chief ends mutiny', link: 'https://wire.example.org/2024/wagner?a=1&b=2', publishedAt: T0 + 5 * HOUR, updatedAt: T0 + 8 * HOUR }),
      article({ sourceId: 'daily', title: 'Mutiny over', publishedAt: T0 + 5 * HOUR }),
    ],
  );
  const noLink = story(
    2,
    article({
      sourceId: 'wire',
      title: 'Ukraine Dam Breach \u000CUnleashes\u0000 “Hysteria” & <more>',
      summary: 'A dam in Nova Kakhovka was breached \u0007resulting in flooding in the Kherson Oblast. 1 < 2 && 3 > 2',
      language: 'en',
      publishedAt: T0 + 3 * HOUR,
      places: [place('UA')],
    }),
  );
  const emailAuthor = story(
    3,
    article({
      sourceId: 'daily',
      title: 'Кагарлицкий: кто он и почему его преследуют? ]]> ]]>',
      link: 'https://daily.example.net/kagarlitsky?x=1&y=2',
      summary: 'Борис Кагарлицкий arrested on “justification of terrorism” charges.',
      contentHtml: '<p>CDATA breakers ]]> twice ]]> and a lone surrogate \uD800 here.</p>',
      author: 'desk@daily.example.net (Desk)',
      language: 'en',
      publishedAt: T0 + 1 * HOUR,
      places: [place('RU')],
    }),
  );
  // Stored in an order that is not the publication order, as a store might return them.
  return { id: 'russia', title: 'Russia', description: 'News about Russia & its neighbours', path: 'russia', stories: [noLink, emailAuthor, withOthers] };
}

const tempDirs: string[] = [];

/** A fresh directory under the OS temp dir, removed by removeTempDirs(). */
export async function makeTempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gazette-publish-'));
  tempDirs.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Writes documents into a fresh temp dir; returns their paths. */
export async function writeTemp(files: Record<string, string>): Promise<{ dir: string; paths: string[] }> {
  const dir = await makeTempDir();
  const paths = [];
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    await writeFile(path, content);
    paths.push(path);
  }
  return { dir, paths };
}

/** Asserts validity and shows the validator's own words when it is not. */
export async function expectValid(paths: string[]): Promise<string> {
  const result = await validateFeeds(paths);
  if (result.code !== 0) {
    throw new Error(`validate-feed exited ${result.code}:\n${result.output}`);
  }
  return result.output;
}

/** Well-formedness by a real XML parser (expat, via Debian's python3 that validate-feed also uses). */
export function parseXmlWithExpat(path: string): Promise<string> {
  const script = 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); print(d.documentElement.tagName)';
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/python3', ['-c', script, path], (err, stdout, stderr) =>
      err ? reject(new Error(`${path} is not well-formed XML: ${stderr}`)) : resolve(stdout.trim()),
    );
  });
}
