import * as cheerio from 'cheerio';
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { TopicFeed } from '../../src/model.js';
import { contentHash, publishFeeds, renderAtom, renderOpml, type PublishTopic } from '../../src/publish/index.js';
import { article, BASE_URL, context, expectValid, makeTempDir, parseXmlWithExpat, place, removeTempDirs, russiaTopic, story, T0 } from './helpers.js';

const ctx = context();
const PAST = new Date('2020-01-01T00:00:00Z');

function ukraineTopic(updatedAt = T0): PublishTopic {
  const lead = article({
    sourceId: 'daily',
    title: 'Ukraine Dam Breach',
    link: 'https://daily.example.net/dam',
    places: [place('UA')],
    updatedAt,
  });
  return { id: 'countries/ua', title: 'Ukraine & “friends”', path: 'countries/ua', group: 'countries', stories: [story(20, lead)] };
}

const topicFiles = (path: string) => ['atom', 'rss', 'json', 'html'].map((ext) => `${path}.${ext}`);
const RUSSIA = topicFiles('russia');
const UKRAINE = topicFiles('countries/ua');
const SITE = ['index.opml', 'index.html'];
const ALL_FILES = [...RUSSIA, ...UKRAINE, ...SITE];

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
  for (const file of await listFiles(out)) await utimes(join(out, file), PAST, PAST);
}

async function untouched(): Promise<string[]> {
  const result = [];
  for (const file of await listFiles(out)) if ((await stat(join(out, file))).mtimeMs === PAST.getTime()) result.push(file);
  return result;
}

const manifestOf = async (dir: string) =>
  JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { files: Record<string, { sha256: string; bytes: number; topic?: string; sealed?: boolean }> };

describe('publishFeeds', () => {
  it('writes three feeds and a page per topic, index.opml, index.html and manifest.json; every feed valid', { timeout: 180_000 }, async () => {
    const report = await publishFeeds(out, [russiaTopic(), ukraineTopic()], ctx);
    expect(report.written).toEqual([...ALL_FILES, 'manifest.json']);
    expect(report.unchanged).toEqual([]);
    expect(await listFiles(out)).toEqual([...ALL_FILES, 'manifest.json'].sort());
    expect(await readFile(join(out, 'russia.atom'), 'utf8')).toBe(renderAtom(russiaTopic(), ctx));
    await expectValid([...RUSSIA, ...UKRAINE].filter((f) => !f.endsWith('.html')).map((f) => join(out, f)));
  });

  it('manifest.json lists every other file with the hash and size of its bytes and its topic', async () => {
    await publishFeeds(out, [russiaTopic(), ukraineTopic()], ctx);
    const manifest = await manifestOf(out);
    expect(Object.keys(manifest.files)).toEqual([...ALL_FILES].sort());
    for (const [path, entry] of Object.entries(manifest.files)) {
      const bytes = await readFile(join(out, path));
      expect(entry.sha256).toBe(contentHash(bytes));
      expect(entry.bytes).toBe(bytes.length);
    }
    expect(manifest.files['countries/ua.rss']!.topic).toBe('countries/ua');
    expect(manifest.files['index.html']!.topic).toBeUndefined();
  });

  it('index.opml is well-formed OPML 2.0: configured topics first, automatic ones in folders', async () => {
    await publishFeeds(out, [russiaTopic(), ukraineTopic()], ctx);
    const file = join(out, 'index.opml');
    expect(await parseXmlWithExpat(file)).toBe('opml');
    const $ = cheerio.load(await readFile(file, 'utf8'), { xml: true });
    expect($('opml').attr('version')).toBe('2.0');
    expect($('head > title').text()).toBe('Gazette topic feeds');
    expect($('head > dateCreated, head > dateModified')).toHaveLength(0);
    expect($('body > outline').toArray().map((o) => ({ ...o.attribs }))).toEqual([
      { type: 'rss', text: 'Russia', title: 'Russia', xmlUrl: `${BASE_URL}russia.atom`, htmlUrl: `${BASE_URL}russia.html` },
      { text: 'Countries' },
    ]);
    expect($('body > outline[text="Countries"] > outline').toArray().map((o) => ({ ...o.attribs }))).toEqual([
      { type: 'rss', text: 'Ukraine & “friends”', title: 'Ukraine & “friends”', xmlUrl: `${BASE_URL}countries/ua.atom`, htmlUrl: `${BASE_URL}countries/ua.html` },
    ]);
  });

  it('a second run with the same stories writes nothing', async () => {
    await publishFeeds(out, [russiaTopic(), ukraineTopic()], ctx);
    await ageAll();
    const report = await publishFeeds(out, [russiaTopic(), ukraineTopic()], ctx);
    expect(report.written).toEqual([]);
    expect(report.unchanged).toEqual([...ALL_FILES, 'manifest.json']);
    expect(await untouched()).toEqual(await listFiles(out));
  });

  it('an updated story rewrites only its topic’s three feeds and the manifest', async () => {
    await publishFeeds(out, [russiaTopic(), ukraineTopic()], ctx);
    await ageAll();
    const report = await publishFeeds(out, [russiaTopic(), ukraineTopic(T0 + 60_000)], ctx);
    expect(report.written).toEqual(['countries/ua.atom', 'countries/ua.rss', 'countries/ua.json', 'manifest.json']);
    expect(report.changedFeeds).toEqual([`${BASE_URL}countries/ua.atom`, `${BASE_URL}countries/ua.rss`, `${BASE_URL}countries/ua.json`]);
    expect(await untouched()).toEqual([...RUSSIA, ...UKRAINE.filter((f) => f.endsWith('.html')), ...SITE].sort());
  });

  it('a new topic rewrites index.opml and index.html', async () => {
    await publishFeeds(out, [russiaTopic()], ctx);
    const report = await publishFeeds(out, [russiaTopic(), ukraineTopic()], ctx);
    expect(report.written).toEqual(expect.arrayContaining(['index.opml', 'index.html']));
    expect(report.unchanged).toEqual(RUSSIA);
    expect(await readFile(join(out, 'index.opml'), 'utf8')).toBe(renderOpml([russiaTopic(), ukraineTopic()], ctx));
  });

  it('a topic gone from the config loses its files, and its emptied directory, but nothing else', async () => {
    await writeFile(join(out, 'README.txt'), 'the operator’s own file');
    await mkdir(join(out, 'countries'), { recursive: true });
    await writeFile(join(out, 'countries', 'notes.atom'), 'not written by Gazette');
    await publishFeeds(out, [russiaTopic(), ukraineTopic()], ctx);
    const report = await publishFeeds(out, [russiaTopic()], ctx);
    expect(report.removed).toEqual([...UKRAINE].sort());
    expect(await listFiles(out)).toEqual(['README.txt', 'countries/notes.atom', ...RUSSIA, ...SITE, 'manifest.json'].sort());
    expect(Object.keys((await manifestOf(out)).files)).toEqual([...RUSSIA, ...SITE].sort());

    await publishFeeds(out, [russiaTopic(), ukraineTopic()], ctx);
    await writeFile(join(out, 'countries', 'notes.atom'), 'gone');
    await publishFeeds(out, [russiaTopic()], ctx);
    await expect(readdir(join(out, 'countries'))).resolves.toEqual(['notes.atom']);
  });

  it('a file of a removed topic that someone changed since is left alone and reported', async () => {
    await publishFeeds(out, [russiaTopic(), ukraineTopic()], ctx);
    await writeFile(join(out, 'countries', 'ua.atom'), 'edited by hand');
    const report = await publishFeeds(out, [russiaTopic()], ctx);
    expect(report.kept).toEqual(['countries/ua.atom']);
    expect(report.removed).toEqual(['countries/ua.html', 'countries/ua.json', 'countries/ua.rss']);
    expect(await readFile(join(out, 'countries', 'ua.atom'), 'utf8')).toBe('edited by hand');
  });

  it('a manifest that names files outside the output directory gets no say', async () => {
    const outside = await makeTempDir();
    await writeFile(join(outside, 'victim.atom'), 'x');
    const relative = join('..', outside.split('/').at(-1)!, 'victim.atom');
    await writeFile(join(out, 'manifest.json'), JSON.stringify({ generator: 'Gazette', files: { [relative]: { sha256: contentHash('x'), bytes: 1 } } }));
    const report = await publishFeeds(out, [russiaTopic()], ctx);
    expect(report.removed).toEqual([]);
    await expect(readFile(join(outside, 'victim.atom'), 'utf8')).resolves.toBe('x');
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

describe('archive pages', () => {
  const older = (n: number) =>
    story(100 + n, article({ sourceId: 'daily', title: `Archived ${n}`, link: `https://daily.example.net/a${n}`, publishedAt: T0 - n * 60_000 }));
  const withArchive = (sealedCalls: { count: number }, open: TopicFeed['stories']): PublishTopic => ({
    ...russiaTopic(),
    archive: [
      {
        page: 1,
        sealed: true,
        stories: () => {
          sealedCalls.count += 1;
          return [older(1), older(2)];
        },
      },
      { page: 2, sealed: false, stories: () => open },
    ],
  });

  it('are written under archive/<path>/ with RFC 5005 links, and every one is valid', { timeout: 180_000 }, async () => {
    const calls = { count: 0 };
    const report = await publishFeeds(out, [withArchive(calls, [older(3)])], ctx);
    const pages = ['archive/russia/1', 'archive/russia/2'].flatMap((p) => ['atom', 'rss', 'json'].map((e) => `${p}.${e}`));
    expect(report.written.slice(0, 6)).toEqual(pages);
    await expectValid([...pages, 'russia.atom', 'russia.rss', 'russia.json'].map((f) => join(out, f)));

    const current = cheerio.load(await readFile(join(out, 'russia.atom'), 'utf8'), { xml: true });
    expect(current('feed > link[rel="prev-archive"]').attr('href')).toBe(`${BASE_URL}archive/russia/2.atom`);
    expect(current('feed > fh\\:archive')).toHaveLength(0);
    const page2 = cheerio.load(await readFile(join(out, 'archive/russia/2.atom'), 'utf8'), { xml: true });
    expect(page2('feed > id').text()).toBe(`${BASE_URL}topics/russia`);
    expect(page2('feed > link[rel="self"]').attr('href')).toBe(`${BASE_URL}archive/russia/2.atom`);
    expect(page2('feed > link[rel="current"]').attr('href')).toBe(`${BASE_URL}russia.atom`);
    expect(page2('feed > link[rel="prev-archive"]').attr('href')).toBe(`${BASE_URL}archive/russia/1.atom`);
    expect(page2('feed').attr('xmlns:fh')).toBe('http://purl.org/syndication/history/1.0');
    expect(page2('feed > fh\\:archive')).toHaveLength(1);
    expect(page2('entry > title').text()).toBe('Archived 3');
    const page1 = cheerio.load(await readFile(join(out, 'archive/russia/1.atom'), 'utf8'), { xml: true });
    expect(page1('feed > link[rel="prev-archive"]')).toHaveLength(0);
    expect(page1('entry > title').toArray().map((e) => cheerio.load(e).text())).toEqual(['Archived 1', 'Archived 2']);

    const rss = cheerio.load(await readFile(join(out, 'archive/russia/2.rss'), 'utf8'), { xml: true });
    expect(rss('channel > atom\\:link[rel="prev-archive"]').attr('href')).toBe(`${BASE_URL}archive/russia/1.rss`);
    expect(rss('channel > atom\\:link[rel="current"]').attr('href')).toBe(`${BASE_URL}russia.rss`);
    expect(rss('channel > fh\\:archive')).toHaveLength(1);
    const json = JSON.parse(await readFile(join(out, 'russia.json'), 'utf8'));
    expect(json.next_url).toBe(`${BASE_URL}archive/russia/2.json`);
    expect(JSON.parse(await readFile(join(out, 'archive/russia/2.json'), 'utf8'))).toMatchObject({
      feed_url: `${BASE_URL}russia.json`,
      next_url: `${BASE_URL}archive/russia/1.json`,
    });
    expect(JSON.parse(await readFile(join(out, 'archive/russia/1.json'), 'utf8')).next_url).toBeUndefined();
    expect((await manifestOf(out)).files['archive/russia/1.atom']!.sealed).toBe(true);
    expect((await manifestOf(out)).files['archive/russia/2.atom']!.sealed).toBeUndefined();
  });

  it('a sealed page is rendered once: later runs neither render nor rewrite it, even if its stories changed', async () => {
    const calls = { count: 0 };
    await publishFeeds(out, [withArchive(calls, [older(3)])], ctx);
    const sealed = await readFile(join(out, 'archive/russia/1.atom'), 'utf8');
    await ageAll();
    const report = await publishFeeds(out, [withArchive(calls, [older(3), older(4)])], ctx);
    expect(calls.count).toBe(1);
    expect(report.written).toEqual(expect.arrayContaining(['archive/russia/2.atom']));
    expect(report.written.filter((f) => f.startsWith('archive/russia/1'))).toEqual([]);
    expect(report.unchanged.filter((f) => f.startsWith('archive/russia/1'))).toEqual([]);
    expect(await readFile(join(out, 'archive/russia/1.atom'), 'utf8')).toBe(sealed);
    expect((await stat(join(out, 'archive/russia/1.atom'))).mtimeMs).toBe(PAST.getTime());
    expect(Object.keys((await manifestOf(out)).files)).toContain('archive/russia/1.atom');
  });

  it('a sealed page whose file went missing is rendered again', async () => {
    const calls = { count: 0 };
    await publishFeeds(out, [withArchive(calls, [older(3)])], ctx);
    await writeFile(join(out, 'archive/russia/1.rss'), 'truncat');
    await publishFeeds(out, [withArchive(calls, [older(3)])], ctx);
    expect(calls.count).toBe(2);
    await expectValid([join(out, 'archive/russia/1.rss')]);
  });

  it('are removed with their topic', async () => {
    await publishFeeds(out, [withArchive({ count: 0 }, [older(3)]), ukraineTopic()], ctx);
    const report = await publishFeeds(out, [ukraineTopic()], ctx);
    expect(report.removed).toEqual(expect.arrayContaining(['archive/russia/1.atom', 'archive/russia/2.json', 'russia.atom']));
    expect(await readdir(out)).not.toContain('archive');
  });
});
