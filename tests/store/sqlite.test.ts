import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { identify } from '../../src/dedupe/index.js';
import type { Article } from '../../src/model.js';
import { openSqliteStore, StoreError, type Store } from '../../src/store/index.js';
import { migrations } from '../../src/store/migrations.js';

const article = (n: number, over: Partial<Article> = {}): Article => ({
  sourceId: 'a',
  guid: `g${n}`,
  link: `https://a.test/${n}`,
  title: `Story number ${n} about something`,
  summary: 's',
  categories: ['x'],
  publishedAt: 1000 * n,
  updatedAt: 1000 * n,
  ...over,
});

describe('SQLite store', () => {
  let file: string;
  let store: Store;
  beforeEach(() => {
    file = join(mkdtempSync(join(tmpdir(), 'gazette-store-')), 'nested', 'g.db');
    store = openSqliteStore(file);
    store.syncSources([
      { id: 'a', url: 'https://a.test/feed' },
      { id: 'b', url: 'https://b.test/feed' },
    ]);
  });
  afterEach(() => store.close());

  const insert = (a: Article) => {
    const identity = identify(a);
    const story = store.createStory(`urn:${identity.key}`, a.publishedAt, a.updatedAt);
    const id = store.insertArticle(a, identity, story, 5, []);
    store.replacePlaces(id, [{ code: 'RU', score: 1, evidence: ['title:Russia'] }]);
    return { id, story };
  };

  it('creates the file and its folder, in WAL mode, at the latest schema version', () => {
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    db.close();
  });

  it('refuses a database from a newer Gazette', () => {
    store.close();
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openSqliteStore(file)).toThrow(StoreError);
    store = openSqliteStore(':memory:');
  });

  it('rolls back a whole source transaction when it fails midway', () => {
    expect(() =>
      store.transaction(() => {
        insert(article(1));
        throw new Error('crash in the middle');
      }),
    ).toThrow('crash in the middle');
    expect(store.stats().articles).toBe(0);
    expect(store.stats().stories).toBe(0);
  });

  it('finds an article of the same source by identity key or by canonical URL', () => {
    const { id } = insert(article(1));
    expect(store.findArticle('a', identify(article(1)))?.id).toBe(id);
    // guid changed, link the same: still the same article
    expect(store.findArticle('a', identify(article(1, { guid: 'moved-1' })))?.id).toBe(id);
    expect(store.findArticle('b', identify(article(1)))).toBeUndefined();
  });

  it('records polls: failures count up, success resets and keeps validators', () => {
    const poll = { sourceId: 'a', startedAt: 1, finishedAt: 2, bytes: 0, newCount: 0, updatedCount: 0, nextPollAt: 3 };
    store.recordPoll({ ...poll, outcome: 'failed', error: 'HTTP 500', httpStatus: 500 });
    store.recordPoll({ ...poll, outcome: 'failed', error: 'HTTP 502', httpStatus: 502 });
    expect(store.sourceState('a')).toMatchObject({ consecutiveFailures: 2, lastError: 'HTTP 502', lastStatus: 502 });
    store.recordPoll({ ...poll, outcome: 'fetched', httpStatus: 200, etag: '"e1"', bodyHash: 'h' });
    store.recordPoll({ ...poll, outcome: 'not-modified', httpStatus: 304 });
    expect(store.sourceState('a')).toMatchObject({ consecutiveFailures: 0, etag: '"e1"', bodyHash: 'h', lastStatus: 304 });
    expect(store.sourceState('a')?.lastError).toBeUndefined();
  });

  it('a changed source URL in config forgets the old validators', () => {
    const poll = { sourceId: 'a', startedAt: 1, finishedAt: 2, bytes: 0, newCount: 0, updatedCount: 0, nextPollAt: 3 };
    store.recordPoll({ ...poll, outcome: 'fetched', etag: '"e1"' });
    store.syncSources([{ id: 'a', url: 'https://a.test/feed' }]);
    expect(store.sourceState('a')?.etag).toBe('"e1"');
    store.syncSources([{ id: 'a', url: 'https://a.test/new-feed' }]);
    expect(store.sourceState('a')).toMatchObject({ url: 'https://a.test/new-feed', etag: undefined });
  });

  it('queries stories newest first, by country and by source, with their members and places', () => {
    insert(article(1));
    insert(article(3));
    const b = article(2, { sourceId: 'b' });
    const { id } = insert(b);
    store.replacePlaces(id, [{ code: 'CU', score: 0.9, evidence: ['title-prefix:Cuba'] }]);
    expect(store.queryStories({ limit: 10 }).map((s) => s.publishedAt)).toEqual([3000, 2000, 1000]);
    expect(store.queryStories({ limit: 2 }).length).toBe(2);
    expect(store.queryStories({ countries: ['CU'], limit: 10 }).map((s) => s.members[0]!.sourceId)).toEqual(['b']);
    expect(store.queryStories({ sources: ['a'], limit: 10 }).length).toBe(2);
    expect(store.queryStories({ countries: [], limit: 10 })).toEqual([]);
    const [story] = store.queryStories({ countries: ['CU'], limit: 1 });
    expect(story!.members[0]).toMatchObject({ title: b.title, categories: ['x'], places: [{ code: 'CU', evidence: ['title-prefix:Cuba'] }] });
  });

  it('counts topic feeds from the published files', () => {
    store.setPublishedFiles(
      [
        { path: 'russia.atom', topicId: 'russia' },
        { path: 'russia.rss', topicId: 'russia' },
        { path: 'all.atom', topicId: 'all' },
      ],
      1,
    );
    expect(store.stats()).toMatchObject({ sources: 2, articles: 0, feeds: 2 });
  });
});
