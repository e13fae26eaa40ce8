import * as cheerio from 'cheerio';
import { readdir, readFile, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { TopicFeed } from '../../src/model.js';
import { publishFeeds, renderAtom, renderOpml } from '../../src/publish/index.js';
import { article, BASE_URL, context, expectValid, makeTempDir, parseXmlWithExpat, place, removeTempDirs, russiaTopic, story, T0 } from './helpers.js';

const ctx = context();
const PAST = new Date('2020-01-01T00:00:00Z');

function ukraineTopic(updatedAt = T0): TopicFeed {
  const lead = article({
    sourceId: 'daily',
    title: 'Ukraine Dam Breach',
    link: 'https://daily.example.net/dam',
    places: [place('UA')],
    updatedAt,
  });
  return { id: 'ua', title: 'Ukraine & “friends”', path: 'countries/ua', stories: [story(20, lead)] };
}

const ALL_FILES = [
  'russia.atom',
  'russia.rss',
  'russia.json',
  'countries/ua.atom',
  'countries/ua.rss',
  'countries/ua.json',
  'index.opml',
];

let out: string;
afterAll(removeTempDirs);
beforeEach(async () => {
  out = await makeTempDir();
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

async function ageAll(): Promise<void> {
  for (const file of ALL_FILES) await utimes(join(out, file), PAST, PAST);
}

async function untouched(): Promise<string[]> {
  const result = [];
  for (const file of ALL_FILES) if ((await stat(join(out, file))).mtimeMs === PAST.getTime()) result.push(file);
  return result;
}

describe('publishFeeds', () => {
  it('writes three feeds per topic plus index.opml, all valid', { timeout: 180_000 }, async () => {
    const report = await publishFeeds(out, [russiaTopic(), ukraineTopic()], ctx);
    expect(report).toEqual({ written: ALL_FILES, unchanged: [] });
    expect(await listFiles(out)).toEqual([...ALL_FILES].sort());
    expect(await readFile(join(out, 'russia.atom'), 'utf8')).toBe(renderAtom(russiaTopic(), ctx));
    await expectValid(ALL_FILES.filter((f) => f !== 'index.opml').map((f) => join(out, f)));
  });

  it('index.opml is well-formed OPML 2.0 listing each topic’s Atom feed', async () => {
    await publishFeeds(out, [russiaTopic(), ukraineTopic()], ctx);
    const file = join(out, 'index.opml');
    expect(await parseXmlWithExpat(file)).toBe('opml');
    const $ = cheerio.load(await readFile(file, 'utf8'), { xml: true });
    expect($('opml').attr('version')).toBe('2.0');
    expect($('head > title').text()).toBe('Gazette topic feeds');
    expect($('head > dateCreated, head > dateModified')).toHaveLength(0);
    expect($('body > outline').toArray().map((o) => ({ ...o.attribs }))).toEqual([
      { type: 'rss', text: 'Russia', title: 'Russia', xmlUrl: `${BASE_URL}russia.atom`, htmlUrl: BASE_URL },
      { type: 'rss', text: 'Ukraine & “friends”', title: 'Ukraine & “friends”', xmlUrl: `${BASE_URL}countries/ua.atom`, htmlUrl: BASE_URL },
    ]);
  });

  it('a second run with the same stories writes nothing', async () => {
    await publishFeeds(out, [russiaTopic(), ukraineTopic()], ctx);
    await ageAll();
    const report = await publishFeeds(out, [russiaTopic(), ukraineTopic()], ctx);
    expect(report).toEqual({ written: [], unchanged: ALL_FILES });
    expect(await untouched()).toEqual(ALL_FILES);
  });

  it('an updated story rewrites only its topic’s three files', async () => {
    await publishFeeds(out, [russiaTopic(), ukraineTopic()], ctx);
    await ageAll();
    const report = await publishFeeds(out, [russiaTopic(), ukraineTopic(T0 + 60_000)], ctx);
    expect(report.written).toEqual(['countries/ua.atom', 'countries/ua.rss', 'countries/ua.json']);
    expect(await untouched()).toEqual(['russia.atom', 'russia.rss', 'russia.json', 'index.opml']);
  });

  it('a new topic rewrites index.opml', async () => {
    await publishFeeds(out, [russiaTopic()], ctx);
    const report = await publishFeeds(out, [russiaTopic(), ukraineTopic()], ctx);
    expect(report.written).toContain('index.opml');
    expect(report.unchanged).toEqual(['russia.atom', 'russia.rss', 'russia.json']);
    expect(await readFile(join(out, 'index.opml'), 'utf8')).toBe(renderOpml([russiaTopic(), ukraineTopic()], ctx));
  });

  it('refuses output paths that leave the output directory, writing nothing', async () => {
    for (const path of ['../escape', '/etc/gazette', 'a//b', 'a/./b', 'a\\b', '']) {
      const bad = { ...ukraineTopic(), path };
      await expect(publishFeeds(out, [russiaTopic(), bad], ctx)).rejects.toMatchObject({ code: 'INVALID_OUTPUT_PATH' });
    }
    expect(await readdir(out)).toEqual([]);
  });

  it('refuses two topics with one output path', async () => {
    const twin = { ...russiaTopic(), id: 'russia-2' };
    await expect(publishFeeds(out, [russiaTopic(), twin], ctx)).rejects.toThrow(
      "topics 'russia' and 'russia-2' both use output path 'russia'",
    );
  });

  it('renders everything before writing: a topic that cannot be rendered leaves the directory untouched', async () => {
    const broken = ukraineTopic();
    broken.stories[0] = { ...broken.stories[0]!, entryId: 'not an iri' };
    await expect(publishFeeds(out, [russiaTopic(), broken], ctx)).rejects.toMatchObject({ code: 'INVALID_ENTRY_ID' });
    expect(await readdir(out)).toEqual([]);
  });
});
