// Topics as queries over a real SQLite store, published by publishTopics the way a cycle does,
// and read back with rss-parser and JSON.parse.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Parser from 'rss-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/load.js';
import { publishTopics } from '../../src/schedule/publish-topics.js';
import type { Store } from '../../src/store/index.js';
import { expectValid, makeTempDir, removeTempDirs } from './helpers.js';
import { addArticle, configFor, HOUR, NOW, openStoreFor, readJsonFeed, type Added } from './store-fixture.js';

afterAll(removeTempDirs);

const SOURCES = `
sources:
  - { id: wire, url: "https://wire.example.org/feed", title: Wire, categories: [news] }
  - { id: blog, url: "https://blog.example.org/feed", title: Blog, categories: [analysis, Opinion] }
  - { id: daily, url: "https://daily.example.org/feed", title: Daily, categories: [news] }
`;

const titles = async (config: Parameters<typeof readJsonFeed>[0], path: string) =>
  (await readJsonFeed(config, path)).items.map((i) => i.title).sort();

async function published(topicsYaml: string, fill: (store: Store) => void, output = 'autoTopics: false') {
  const dir = await makeTempDir();
  const config = configFor(dir, `${SOURCES}topics:\n${topicsYaml}`, output);
  const store = openStoreFor(config);
  fill(store);
  await publishTopics(config, store, NOW);
  return { config, store, dir };
}

describe('topic queries', () => {
  it('places are OR-ed, sources AND-ed with them', async () => {
    const { config, store } = await published(
      `  - { id: t, title: T, countries: [RU], continents: [Africa], sources: [wire] }\n`,
      (s) => {
        addArticle(s, { sourceId: 'wire', title: 'Wire Russia', hoursAgo: 1, places: ['RU'] });
        addArticle(s, { sourceId: 'wire', title: 'Wire Kenya', hoursAgo: 2, places: ['KE'] });
        addArticle(s, { sourceId: 'wire', title: 'Wire France', hoursAgo: 3, places: ['FR'] });
        addArticle(s, { sourceId: 'blog', title: 'Blog Russia', hoursAgo: 4, places: ['RU'] });
      },
    );
    expect(await titles(config, 't')).toEqual(['Wire Kenya', 'Wire Russia']);
    store.close();
  });

  it('categories select the sources that have one of them, in any case', async () => {
    const { config, store } = await published(
      `  - { id: news, title: News, categories: [NEWS] }\n  - { id: op, title: Op, categories: [opinion], sources: [blog, wire] }\n`,
      (s) => {
        addArticle(s, { sourceId: 'wire', title: 'From wire', hoursAgo: 1 });
        addArticle(s, { sourceId: 'blog', title: 'From blog', hoursAgo: 2 });
        addArticle(s, { sourceId: 'daily', title: 'From daily', hoursAgo: 3 });
      },
    );
    expect(await titles(config, 'news')).toEqual(['From daily', 'From wire']);
    expect(await titles(config, 'op')).toEqual(['From blog']);
    store.close();
  });

  it('include and exclude: keywords match whole words in any case and punctuation, /regexes/ run as written', async () => {
    const { config, store } = await published(
      [
        `  - { id: strikes, title: Strikes, include: [strike, "general walkout"], exclude: [football] }`,
        `  - { id: wm, title: WM, include: ["/\\\\bwal-?mart\\\\b/i"] }`,
        `  - { id: titles, title: Titles, include: [oil], in: title }`,
        `  - { id: summaries, title: Summaries, include: [oil], in: summary }`,
        '',
      ].join('\n'),
      (s) => {
        addArticle(s, { sourceId: 'wire', title: 'Dockers STRIKE in Rotterdam', hoursAgo: 1 });
        addArticle(s, { sourceId: 'wire', title: 'Strikers win the football cup', hoursAgo: 2 });
        addArticle(s, { sourceId: 'wire', title: 'Football strike called off', hoursAgo: 3 });
        addArticle(s, { sourceId: 'wire', title: 'A general-walkout looms', hoursAgo: 4 });
        addArticle(s, { sourceId: 'wire', title: 'Walmart workers organise', hoursAgo: 5 });
        addArticle(s, { sourceId: 'wire', title: 'Wal-Mart, again', hoursAgo: 6 });
        addArticle(s, { sourceId: 'wire', title: 'Walmarts everywhere', hoursAgo: 7 });
        addArticle(s, { sourceId: 'blog', title: 'Oil price falls', summary: 'Markets react.', hoursAgo: 8 });
        addArticle(s, { sourceId: 'blog', title: 'Markets react', summary: 'Oil is cheaper.', hoursAgo: 9 });
      },
    );
    expect(await titles(config, 'strikes')).toEqual(['A general-walkout looms', 'Dockers STRIKE in Rotterdam']);
    expect(await titles(config, 'wm')).toEqual(['Wal-Mart, again', 'Walmart workers organise']);
    expect(await titles(config, 'titles')).toEqual(['Oil price falls']);
    expect(await titles(config, 'summaries')).toEqual(['Markets react']);
    store.close();
  });

  it('a catastrophic regex is harmless: RE2 answers in linear time', async () => {
    const { config, store } = await published(`  - { id: evil, title: Evil, include: ["/^(a+)+$/"], in: title }\n`, (s) => {
      addArticle(s, { sourceId: 'wire', title: `${'a'.repeat(5000)}!`, hoursAgo: 1 });
      addArticle(s, { sourceId: 'wire', title: 'aaaa', hoursAgo: 2 });
    });
    expect(await titles(config, 'evil')).toEqual(['aaaa']);
    store.close();
  });

  it('language matches the tag and its subtags; maxAge drops older articles', async () => {
    const { config, store } = await published(
      `  - { id: en, title: En, language: en }\n  - { id: recent, title: Recent, maxAge: 36h }\n  - { id: ru-pt, title: RuPt, language: [ru, pt-BR] }\n`,
      (s) => {
        addArticle(s, { sourceId: 'wire', title: 'British', language: 'en-GB', hoursAgo: 1 });
        addArticle(s, { sourceId: 'wire', title: 'American', language: 'en_us', hoursAgo: 30 });
        addArticle(s, { sourceId: 'wire', title: 'Russian', language: 'ru', hoursAgo: 40 });
        addArticle(s, { sourceId: 'wire', title: 'Portuguese', language: 'pt', hoursAgo: 41 });
        addArticle(s, { sourceId: 'wire', title: 'Brazilian', language: 'pt-br', hoursAgo: 42 });
        addArticle(s, { sourceId: 'wire', title: 'Unknown', hoursAgo: 2 });
      },
    );
    expect(await titles(config, 'en')).toEqual(['American', 'British']);
    expect(await titles(config, 'recent')).toEqual(['American', 'British', 'Unknown']);
    expect(await titles(config, 'ru-pt')).toEqual(['Brazilian', 'Russian']);
    store.close();
  });

  it('limit caps entries, newest first; output.limit is the default', async () => {
    const { config, store } = await published(`  - { id: three, title: Three, limit: 3 }\n  - { id: dflt, title: Default }\n`, (s) => {
      for (let n = 1; n <= 6; n++) addArticle(s, { sourceId: 'wire', title: `Story ${n}`, hoursAgo: n });
    }, 'autoTopics: false, limit: 4');
    expect((await readJsonFeed(config, 'three')).items.map((i) => i.title)).toEqual(['Story 1', 'Story 2', 'Story 3']);
    expect((await readJsonFeed(config, 'dflt')).items).toHaveLength(4);
    store.close();
  });
});

describe('dedupe per topic', () => {
  it('on: one entry per story with the story’s id; off: one per article, the founding one keeping the story’s id', async () => {
    let first: Added | undefined;
    let second: Added | undefined;
    const { config, store } = await published(`  - { id: on, title: On }\n  - { id: off, title: Off, dedupe: off }\n`, (s) => {
      first = addArticle(s, { sourceId: 'wire', title: 'Flood in the delta', hoursAgo: 2 });
      second = addArticle(s, { sourceId: 'blog', title: 'Delta flood: what we know', hoursAgo: 1, story: first.storyId });
    });
    const on = await readJsonFeed(config, 'on');
    const off = await readJsonFeed(config, 'off');
    expect(on.items.map((i) => i.id)).toEqual([first!.entryId]);
    expect(off.items.map((i) => [i.id, i.title])).toEqual([
      [second!.entryId, 'Delta flood: what we know'],
      [first!.entryId, 'Flood in the delta'],
    ]);
    expect(second!.entryId).not.toBe(first!.entryId);
    await expectValid(['on', 'off'].flatMap((t) => ['atom', 'rss', 'json'].map((e) => join(config.output.dir, `${t}.${e}`))));
    store.close();
  });
});

describe('automatic topics', () => {
  it('one feed per continent and per country that has articles, under regions/ and countries/', async () => {
    const { config, store } = await published('  - { id: all, title: All }\n', (s) => {
      addArticle(s, { sourceId: 'wire', title: 'Moscow', hoursAgo: 1, places: ['RU'] });
      addArticle(s, { sourceId: 'wire', title: 'Paris', hoursAgo: 2, places: ['FR'] });
      addArticle(s, { sourceId: 'wire', title: 'Havana', hoursAgo: 3, places: ['CU'] });
    }, 'autoTopics: true');
    const out = config.output.dir;
    expect((await readdir(join(out, 'countries'))).filter((f) => f.endsWith('.atom')).sort()).toEqual(['cu.atom', 'fr.atom', 'ru.atom']);
    expect((await readdir(join(out, 'regions'))).filter((f) => f.endsWith('.atom')).sort()).toEqual(['americas.atom', 'europe.atom']);
    expect(await titles(config, 'regions/europe')).toEqual(['Moscow', 'Paris']);
    const cuba = await readJsonFeed(config, 'countries/cu');
    expect(cuba).toMatchObject({ title: 'Cuba', feed_url: 'http://feeds.test/countries/cu.json', home_page_url: 'http://feeds.test/countries/cu.html' });
    const index = await readFile(join(out, 'index.html'), 'utf8');
    expect(index).toContain('href="countries/cu.html"');
    expect(index).toContain('<h2>Continents</h2>');
    store.close();
  });
});

describe('reading the feeds back', () => {
  it('Atom and RSS (rss-parser) and JSON Feed (JSON.parse) carry the stored articles: ids, titles, links, dates', async () => {
    const added: Added[] = [];
    const { config, store } = await published('  - { id: ru, title: Russia, countries: [RU] }\n', (s) => {
      for (let n = 0; n < 5; n++) added.push(addArticle(s, { sourceId: n % 2 ? 'wire' : 'blog', title: `Kremlin story ${n} & <more>`, hoursAgo: n + 1, places: ['RU'] }));
    });
    const expected = added.map((a) => ({
      id: a.entryId,
      title: a.article.title,
      link: a.article.link,
      date: new Date(a.article.publishedAt).toISOString().replace('.000Z', 'Z'),
    }));
    const read = (file: string) => readFile(join(config.output.dir, file), 'utf8');
    const parser = new Parser();
    const atom = await parser.parseString(await read('ru.atom'));
    expect(atom.items.map((i) => ({ id: i.id, title: i.title, link: i.link, date: i.isoDate?.replace('.000Z', 'Z') }))).toEqual(expected);
    const rss = await parser.parseString(await read('ru.rss'));
    expect(rss.items.map((i) => ({ id: i.guid, title: i.title, link: i.link, date: i.isoDate?.replace('.000Z', 'Z') }))).toEqual(expected);
    const json = JSON.parse(await read('ru.json')) as { items: { id: string; title: string; url: string; date_published: string }[] };
    expect(json.items.map((i) => ({ id: i.id, title: i.title, link: i.url, date: i.date_published }))).toEqual(expected);
    store.close();
  });
});

describe('archives across cycles', () => {
  it('entries that leave the feed, or arrive beyond its limit, fill archive pages; full pages are never rewritten', { timeout: 120_000 }, async () => {
    const dir = await makeTempDir();
    const config = configFor(dir, `${SOURCES}topics:\n  - { id: t, title: T, limit: 2 }\n`, 'autoTopics: false, archive: { pageSize: 2 }');
    const store = openStoreFor(config);
    const all: Added[] = [];
    const add = (n: number) => all.push(addArticle(store, { sourceId: 'wire', title: `S${n}`, hoursAgo: 100 - n }));
    const out = config.output.dir;
    const atomIds = async (file: string) => [...(await readFile(join(out, file), 'utf8')).matchAll(/<entry[^]*?<id>([^<]+)<\/id>/g)].map((m) => m[1]);

    for (let n = 1; n <= 3; n++) add(n);
    await publishTopics(config, store, NOW);
    expect(await atomIds('t.atom')).toEqual([all[2]!.entryId, all[1]!.entryId]);
    expect(await atomIds('archive/t/1.atom')).toEqual([all[0]!.entryId]);

    for (let n = 4; n <= 8; n++) add(n);
    await publishTopics(config, store, NOW);
    const page1 = await readFile(join(out, 'archive/t/1.atom'), 'utf8');
    for (let n = 9; n <= 11; n++) add(n);
    await publishTopics(config, store, NOW);
    expect(await readFile(join(out, 'archive/t/1.atom'), 'utf8')).toBe(page1);

    // Current feed plus every archive page hold every entry exactly once.
    const files = (await readdir(join(out, 'archive', 't'))).filter((f) => f.endsWith('.atom')).sort();
    expect(files).toEqual(['1.atom', '2.atom', '3.atom', '4.atom', '5.atom']);
    const seen = [...(await atomIds('t.atom'))];
    for (const f of files) seen.push(...(await atomIds(`archive/t/${f}`)));
    expect(seen.sort()).toEqual(all.map((a) => a.entryId).sort());
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as { files: Record<string, { sealed?: boolean }> };
    expect(['1', '2', '3', '4', '5'].map((p) => manifest.files[`archive/t/${p}.atom`]!.sealed ?? false)).toEqual([true, true, true, true, false]);
    await expectValid([join(out, 't.atom'), join(out, 't.rss'), join(out, 't.json'), ...files.flatMap((f) => ['atom', 'rss', 'json'].map((e) => join(out, 'archive', 't', f.replace('.atom', `.${e}`))))]);
    store.close();
  });

  it('a topic’s first run seeds its archive with one page of the entries just older than its feed, no more', async () => {
    const dir = await makeTempDir();
    const config = configFor(dir, `${SOURCES}topics:\n  - { id: t, title: T, limit: 2 }\n`, 'autoTopics: false, archive: { pageSize: 3 }');
    const store = openStoreFor(config);
    const all = Array.from({ length: 10 }, (_, n) => addArticle(store, { sourceId: 'wire', title: `S${n}`, hoursAgo: 10 - n }));
    await publishTopics(config, store, NOW);
    expect(store.archivePages('t')).toEqual([{ page: 1, entries: 3 }]);
    expect(store.archiveEntries('t', 1).map((e) => e.entryId)).toEqual([all[5]!.entryId, all[6]!.entryId, all[7]!.entryId]);
    expect(store.topicState('t')?.current.map((e) => e.entryId)).toEqual([all[9]!.entryId, all[8]!.entryId]);
    store.close();
  });

  it('a topic removed from the config loses its files, archive pages and archive state', async () => {
    const dir = await makeTempDir();
    const yaml = (topics: string) => `${SOURCES}topics:\n${topics}`;
    const both = configFor(dir, yaml('  - { id: keep, title: Keep, limit: 1 }\n  - { id: gone, title: Gone, limit: 1 }\n'), 'autoTopics: false');
    const store = openStoreFor(both);
    addArticle(store, { sourceId: 'wire', title: 'A', hoursAgo: 2 });
    addArticle(store, { sourceId: 'wire', title: 'B', hoursAgo: 1 });
    await publishTopics(both, store, NOW);
    expect(await readdir(join(both.output.dir, 'archive'))).toEqual(['gone', 'keep']);
    const one = configFor(dir, yaml('  - { id: keep, title: Keep, limit: 1 }\n'), 'autoTopics: false');
    const report = await publishTopics(one, store, NOW);
    expect(report.removed.sort()).toEqual(['archive/gone/1.atom', 'archive/gone/1.json', 'archive/gone/1.rss', 'gone.atom', 'gone.html', 'gone.json', 'gone.rss']);
    expect(await readdir(join(both.output.dir, 'archive'))).toEqual(['keep']);
    expect(store.topicState('gone')).toBeUndefined();
    expect(store.archivePages('gone')).toEqual([]);
    expect(store.archivePages('keep')).toEqual([{ page: 1, entries: 1 }]);
    store.close();
  });
});

describe('topic settings in the config', () => {
  const load = (topic: string) =>
    parseConfig(`sources:\n  - { id: s, url: "https://s.example/feed", categories: [news] }\ntopics:\n  - ${topic}\n`, 'g.yaml');
  const problems = (topic: string) => {
    try {
      load(topic);
    } catch (err) {
      if (err instanceof ConfigError) return err.message;
      throw err;
    }
    return '';
  };

  it('parses include/exclude, in, language, maxAge, categories and dedupe with defaults', () => {
    expect(load('{ id: t, title: T }').topics[0]).toMatchObject({ include: [], exclude: [], in: 'both', language: [], categories: [], dedupe: true });
    expect(load('{ id: t, title: T, language: EN-gb, maxAge: 2d, dedupe: off, in: title, categories: [news] }').topics[0]).toMatchObject({
      language: ['en-gb'],
      maxAge: 2 * 24 * HOUR,
      dedupe: false,
      in: 'title',
    });
    expect(load('{ id: t, title: T, dedupe: false }').topics[0]!.dedupe).toBe(false);
  });

  it('an invalid regular expression is reported with file:line:column and RE2’s reason', () => {
    expect(problems('{ id: t, title: T, include: [ok, "/(?<=a)b/"] }')).toMatch(/^g\.yaml:4:38: topics\.0\.include\.1: regular expression \/\(\?<=a\)b\/ is not valid in RE2 syntax/);
    expect(problems('{ id: t, title: T, exclude: ["/(a)\\\\1/"] }')).toMatch(/g\.yaml:4:\d+: topics\.0\.exclude\.0: .*invalid escape/);
    expect(problems('{ id: t, title: T, include: ["/a/g"] }')).toMatch(/unsupported flag "g"/);
    expect(problems('{ id: t, title: T, include: ["--"] }')).toMatch(/keyword "--" has no letters or digits/);
  });

  it('unknown categories, reserved ids and bad durations are errors', () => {
    expect(problems('{ id: t, title: T, categories: [sport] }')).toMatch(/topics\.0\.categories\.0: no source has the category "sport"/);
    expect(problems('{ id: index, title: T }')).toMatch(/topics\.0\.id: "index" is reserved/);
    expect(problems('{ id: manifest, title: T }')).toMatch(/"manifest" is reserved/);
    expect(problems('{ id: t, title: T, maxAge: 3 days }')).toMatch(/topics\.0\.maxAge: must be a number and a unit/);
    expect(problems('{ id: t, title: T, in: body }')).toMatch(/topics\.0\.in:/);
  });

  it('output.autoTopics, output.archive and websub.hub have defaults and are checked', () => {
    const c = parseConfig('websub: { hub: "https://hub.example/" }\n', 'g.yaml');
    expect(c.output).toMatchObject({ autoTopics: true, archive: { enabled: true, pageSize: 100 } });
    expect(c.websub.hub).toBe('https://hub.example/');
    expect(() => parseConfig('websub: { hub: "ftp://x" }\n', 'g.yaml')).toThrow(/websub\.hub: must be an absolute http/);
    expect(() => parseConfig('output: { archive: { pageSize: 0 } }\n', 'g.yaml')).toThrow(/output\.archive\.pageSize/);
  });
});
