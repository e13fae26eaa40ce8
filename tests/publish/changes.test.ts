// Publishing only what changed: a real SQLite store, publishTopics as a cycle calls it, and the
// files it leaves. Each change that can alter a feed must re-publish exactly the topics it shows
// in; a topic nothing changed for keeps its files untouched.
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { identify } from '../../src/dedupe/index.js';
import { publishTopics } from '../../src/schedule/publish-topics.js';
import { newestEntries, topicSpecs } from '../../src/schedule/topics.js';
import { makeTempDir, removeTempDirs } from './helpers.js';
import { addArticle, configFor, HOUR, NOW, openStoreFor, readJsonFeed } from './store-fixture.js';

afterAll(removeTempDirs);

const SOURCES = `
sources:
  - { id: wire, url: "https://wire.example.org/feed", title: Wire }
  - { id: blog, url: "https://blog.example.org/feed", title: Blog }
topics:
  - { id: russia, title: Russia, countries: [RU] }
  - { id: france, title: France, countries: [FR] }
`;

async function setUp(extra = '') {
  const dir = await makeTempDir();
  const config = configFor(dir, SOURCES + extra, 'archive: { pageSize: 2 }');
  const store = openStoreFor(config);
  return { config, store, out: config.output.dir };
}

/** The topics whose current feed files were written by a publish. */
const writtenTopics = (written: string[]) =>
  [...new Set(written.filter((p) => p.endsWith('.atom') && !p.startsWith('archive/')).map((p) => p.replace(/\.atom$/, '')))].sort();

const titles = async (config: Parameters<typeof readJsonFeed>[0], path: string) => (await readJsonFeed(config, path)).items.map((i) => i.title);

describe('publishing only the topics that changed', () => {
  it('with nothing changed, no file is rendered or written again', async () => {
    const { config, store, out } = await setUp();
    addArticle(store, { sourceId: 'wire', title: 'Moscow', hoursAgo: 2, places: ['RU'] });
    addArticle(store, { sourceId: 'wire', title: 'Paris', hoursAgo: 1, places: ['FR'] });
    const first = await publishTopics(config, store, NOW);
    expect(writtenTopics(first.written)).toEqual(['countries/fr', 'countries/ru', 'france', 'regions/europe', 'russia']);
    const before = await stat(join(out, 'russia.atom'));

    const again = await publishTopics(config, store, NOW);
    expect(again.written).toEqual([]);
    expect(again.changedFeeds).toEqual([]);
    expect(again.unchanged).toContain('russia.atom');
    expect((await stat(join(out, 'russia.atom'))).mtimeMs).toBe(before.mtimeMs);
    expect(again.shownStoryIds.sort()).toEqual(first.shownStoryIds.sort());
    store.close();
  });

  it('a new article re-publishes the topics it is about and only those', async () => {
    const { config, store } = await setUp();
    addArticle(store, { sourceId: 'wire', title: 'Moscow', hoursAgo: 3, places: ['RU'] });
    addArticle(store, { sourceId: 'wire', title: 'Paris', hoursAgo: 2, places: ['FR'] });
    await publishTopics(config, store, NOW);
    addArticle(store, { sourceId: 'blog', title: 'Kremlin', hoursAgo: 1, places: ['RU'] });
    const report = await publishTopics(config, store, NOW);
    expect(writtenTopics(report.written)).toEqual(['countries/ru', 'regions/europe', 'russia']);
    expect(await titles(config, 'russia')).toEqual(['Kremlin', 'Moscow']);
    expect(await titles(config, 'france')).toEqual(['Paris']);
    store.close();
  });

  it('an article joining a story re-publishes every topic showing that story, even one the article is not about', async () => {
    const { config, store, out } = await setUp();
    const story = addArticle(store, { sourceId: 'wire', title: 'Summit in Moscow', hoursAgo: 3, places: ['RU'] });
    addArticle(store, { sourceId: 'wire', title: 'Paris', hoursAgo: 2, places: ['FR'] });
    await publishTopics(config, store, NOW);
    // The new member is about France only: Russia's entries are the same, but its story gained a source.
    addArticle(store, { sourceId: 'blog', title: 'Summit report', hoursAgo: 1, places: ['FR'], story: story.storyId });
    const report = await publishTopics(config, store, NOW);
    expect(writtenTopics(report.written)).toEqual(['countries/fr', 'countries/ru', 'france', 'regions/europe', 'russia']);
    expect(await readFile(join(out, 'russia.atom'), 'utf8')).toContain('Also reported by');
    store.close();
  });

  it('a reclassified article moves between topics; an edited one is re-rendered where it is shown', async () => {
    const { config, store } = await setUp();
    const moved = addArticle(store, { sourceId: 'wire', title: 'Border talks', hoursAgo: 3, places: ['RU'] });
    addArticle(store, { sourceId: 'wire', title: 'Paris', hoursAgo: 2, places: ['FR'] });
    await publishTopics(config, store, NOW);

    store.replacePlaces(moved.id, [{ code: 'FR', score: 0.9, evidence: ['test:FR'] }]);
    const report = await publishTopics(config, store, NOW);
    // Europe shows the same story with other categories; no article is about Russia any more.
    expect(writtenTopics(report.written)).toEqual(['countries/fr', 'france', 'regions/europe', 'russia']);
    expect(report.removed).toContain('countries/ru.atom');
    expect(await titles(config, 'russia')).toEqual([]);
    expect(await titles(config, 'france')).toEqual(['Paris', 'Border talks']);

    const edited = { ...moved.article, title: 'Border talks resume' };
    store.updateArticle(moved.id, edited, identify(edited), []);
    const after = await publishTopics(config, store, NOW);
    expect(writtenTopics(after.written)).toEqual(['countries/fr', 'france', 'regions/europe']);
    expect(await titles(config, 'france')).toEqual(['Paris', 'Border talks resume']);
    store.close();
  });

  it('a publish that failed is redone in full by the next one', async () => {
    const { config, store, out } = await setUp();
    addArticle(store, { sourceId: 'wire', title: 'Moscow', hoursAgo: 2, places: ['RU'] });
    await publishTopics(config, store, NOW);
    addArticle(store, { sourceId: 'blog', title: 'Kremlin', hoursAgo: 1, places: ['RU'] });
    // A directory where the feed goes: its rename fails after the topic's state was saved.
    await rm(join(out, 'russia.rss'));
    await mkdir(join(out, 'russia.rss'));
    await expect(publishTopics(config, store, NOW)).rejects.toMatchObject({ code: 'WRITE_FAILED' });
    await rm(join(out, 'russia.rss'), { recursive: true });
    // The files renamed before the failure already hold the new feed; the one that failed is written now.
    const report = await publishTopics(config, store, NOW);
    expect(report.written).toContain('russia.rss');
    expect(await readFile(join(out, 'russia.rss'), 'utf8')).toContain('Kremlin');
    expect(await titles(config, 'russia')).toEqual(['Kremlin', 'Moscow']);
    store.close();
  });

  it('pruning articles that no feed shows rewrites no feed', async () => {
    const dir = await makeTempDir();
    const config = configFor(dir, SOURCES, 'limit: 1, archive: { pageSize: 2 }');
    const store = openStoreFor(config);
    for (const [n, hoursAgo] of [30, 20, 10].entries()) addArticle(store, { sourceId: 'wire', title: `Paris ${n}`, hoursAgo, places: ['FR'] });
    const first = await publishTopics(config, store, NOW);
    expect(store.pruneBatch({ olderThan: NOW + HOUR, maxPerSource: 1000, keepStories: first.shownStoryIds, batch: 100 })).toBe(2);
    const after = await publishTopics(config, store, NOW);
    expect(writtenTopics(after.written)).toEqual([]);
    expect(await titles(config, 'france')).toEqual(['Paris 2']);
    store.close();
  });

  it('a file of an unchanged topic that went missing is written again', async () => {
    const { config, store, out } = await setUp();
    addArticle(store, { sourceId: 'wire', title: 'Moscow', hoursAgo: 1, places: ['RU'] });
    await publishTopics(config, store, NOW);
    const bytes = await readFile(join(out, 'russia.rss'), 'utf8');
    await rm(join(out, 'russia.rss'));
    const report = await publishTopics(config, store, NOW);
    expect(report.written).toEqual(['russia.rss']);
    expect(await readFile(join(out, 'russia.rss'), 'utf8')).toBe(bytes);
    store.close();
  });

  it('a changed topic definition or source title re-publishes without any article change; a removed topic’s files go', async () => {
    const { config, store } = await setUp();
    addArticle(store, { sourceId: 'wire', title: 'Moscow', hoursAgo: 2, places: ['RU'] });
    addArticle(store, { sourceId: 'blog', title: 'Paris', hoursAgo: 1, places: ['FR'] });
    await publishTopics(config, store, NOW);

    const retitled = { ...config, topics: config.topics.map((t) => (t.id === 'russia' ? { ...t, title: 'Russia news' } : t)) };
    expect(writtenTopics((await publishTopics(retitled, store, NOW)).written)).toEqual(['russia']);

    // Every topic is rendered again; only those with an article of that source change.
    const renamed = { ...retitled, sources: retitled.sources.map((s) => (s.id === 'blog' ? { ...s, title: 'The Blog' } : s)) };
    expect(writtenTopics((await publishTopics(renamed, store, NOW)).written)).toEqual(['countries/fr', 'france', 'regions/europe']);
    expect((await readJsonFeed(renamed, 'france')).items).toEqual([expect.objectContaining({ authors: [{ name: 'The Blog' }] })]);

    const fewer = { ...renamed, topics: renamed.topics.filter((t) => t.id !== 'france') };
    const report = await publishTopics(fewer, store, NOW);
    expect(report.written.filter((p) => p.endsWith('.atom'))).toEqual([]);
    expect(report.removed).toEqual(expect.arrayContaining(['france.atom', 'france.json', 'france.rss', 'france.html']));
    store.close();
  });

  it('a topic with maxAge is re-published when an entry ages out, with no change in the store', async () => {
    const { config, store } = await setUp('  - { id: recent, title: Recent, maxAge: 2h }\n');
    addArticle(store, { sourceId: 'wire', title: 'Older', hoursAgo: 1.5 });
    addArticle(store, { sourceId: 'wire', title: 'Newer', hoursAgo: 0.5 });
    await publishTopics(config, store, NOW);
    expect(await titles(config, 'recent')).toEqual(['Newer', 'Older']);
    const later = await publishTopics(config, store, NOW + 3_600_000);
    expect(writtenTopics(later.written)).toEqual(['recent']);
    expect(await titles(config, 'recent')).toEqual(['Newer']);
    store.close();
  });

  it('after many publishes of new, joined and older articles, every feed holds what a fresh query finds', async () => {
    const { config, store } = await setUp('  - { id: all, title: All, limit: 3 }\n');
    const places = [['RU'], ['FR'], ['RU', 'FR'], []];
    const stories: number[] = [];
    for (let round = 0; round < 6; round++) {
      for (let n = 0; n < 4; n++) {
        const joins = round > 0 && n === 1 ? stories[(round * 7) % stories.length] : undefined;
        // Some arrive older than what is shown: they must not displace newer entries.
        const hoursAgo = n === 3 ? 50 + round : 10 - round - n / 10;
        const added = addArticle(store, { sourceId: n % 2 ? 'blog' : 'wire', title: `R${round} N${n}`, hoursAgo, places: places[(round + n) % 4], story: joins });
        stories.push(added.storyId);
      }
      await publishTopics(config, store, NOW);
      for (const spec of topicSpecs(config, store, NOW)) {
        const expected = newestEntries(spec, store).map((e) => e.entryId);
        expect(store.topicState(spec.id)?.current.map((e) => e.entryId), spec.id).toEqual(expected);
        expect((await readJsonFeed(config, spec.path)).items.map((i) => i.id).sort(), spec.id).toEqual([...expected].sort());
      }
    }
    store.close();
  });
});
