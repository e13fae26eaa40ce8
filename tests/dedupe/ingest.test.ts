import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClassifier, type Classifier } from '../../src/classify/index.js';
import { dedupePolicy, type DedupeSettings } from '../../src/dedupe/index.js';
import type { Article, Source } from '../../src/model.js';
import { candidateIndex, storeArticles } from '../../src/schedule/ingest.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';

// The dedupe stage as the pipeline runs it: storeArticles on a real SQLite file,
// one call per poll of one source.

const HOUR = 3600_000;
const T = Date.UTC(2024, 4, 2, 8);
const source = (id: string): Source => ({ id, url: `https://${id}.test/feed`, categories: [], priority: 0, headers: {} });

const item = (sourceId: string, over: Partial<Article> = {}): Article => ({
  sourceId,
  title: 'Parliament approves the new budget after a night of debate',
  summary: 'Lawmakers passed the spending plan by a narrow margin early on Friday after eleven hours of debate.',
  categories: [],
  publishedAt: T,
  publishedRaw: new Date(T).toUTCString(),
  updatedAt: T,
  ...over,
});

// One wire story as three outlets ran it.
const WIRE =
  'Rescuers pulled 14 survivors from the rubble of a collapsed apartment block in the port city overnight, ' +
  'the regional governor said on Tuesday, as the search for dozens still missing went on in freezing rain.';

describe('storeArticles: identity and story clustering', () => {
  let classifier: Classifier;
  let store: Store;
  let clock: number;
  beforeAll(() => {
    classifier = createClassifier();
  });
  beforeEach(() => {
    store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'gazette-dedupe-')), 'g.db'));
    store.syncSources(['a', 'b', 'c', 'd'].map(source));
    clock = T + HOUR;
  });
  afterEach(() => store.close());

  const poll = (sourceId: string, articles: Article[], settings: Partial<DedupeSettings> = {}) =>
    store.transaction(() =>
      storeArticles(source(sourceId), articles, {
        store,
        classifier,
        dedupe: dedupePolicy(settings),
        now: () => (clock += 1000),
        // Every poll here is a cycle of its own: earlier ones' articles come from the database.
        bands: candidateIndex(store),
      }),
    );
  const stories = () => store.queryStories({ limit: 100 });

  it('tracking-parameter, www and http/https variants of a link are one article', () => {
    expect(poll('a', [item('a', { link: 'https://www.a.test/budget?utm_source=rss&utm_medium=feed' })])).toEqual({ newCount: 1, updatedCount: 0 });
    for (const link of [
      'http://a.test/budget/',
      'https://a.test/budget?fbclid=x#comments',
      'https://A.TEST:443/budget?gclid=1&ref=a.test',
    ]) {
      expect(poll('a', [item('a', { link })])).toEqual({ newCount: 0, updatedCount: 0 });
    }
    expect(store.stats().articles).toBe(1);
  });

  it('a changed guid with the same canonical link is the same article', () => {
    poll('a', [item('a', { guid: 'cms-1:42', link: 'https://a.test/budget' })]);
    const [before] = stories();
    expect(poll('a', [item('a', { guid: 'https://a.test/?p=42', link: 'https://a.test/budget?utm_source=rss' })])).toEqual({
      newCount: 0,
      updatedCount: 0,
    });
    // and an edit after the move updates it
    const edited = item('a', { guid: 'https://a.test/?p=42', link: 'https://a.test/budget', summary: 'Edited after the move.' });
    expect(poll('a', [edited])).toEqual({ newCount: 0, updatedCount: 1 });
    expect(stories().map((s) => s.entryId)).toEqual([before!.entryId]);
    expect(store.stats().articles).toBe(1);
  });

  it('a new guid on a link the old item still uses is another article', () => {
    poll('a', [item('a', { guid: 'day#1', link: 'https://a.test/2024/05/02' })]);
    const second = item('a', { guid: 'day#2', link: 'https://a.test/2024/05/02#second', title: 'Second note of the day about gardens' });
    expect(poll('a', [item('a', { guid: 'day#1', link: 'https://a.test/2024/05/02' }), second])).toEqual({ newCount: 1, updatedCount: 0 });
    expect(store.stats().articles).toBe(2);
  });

  it('items sharing one guid in a document stay separate articles', () => {
    const day = (title: string) => item('a', { guid: 'http://a.test/day.html#a08', link: 'http://a.test/day.html', title, summary: title });
    expect(poll('a', [day('Good morning, readers of this blog'), day('A note on health care politics today')])).toEqual({ newCount: 2, updatedCount: 0 });
    expect(poll('a', [day('Good morning, readers of this blog'), day('A note on health care politics today')])).toEqual({ newCount: 0, updatedCount: 0 });
  });

  it('an edited title updates the article with a new updated time; it never adds one', () => {
    poll('a', [item('a', { guid: 'g1' })]);
    const [before] = stories();
    // The feed keeps its old <updated>: the time of noticing the edit stands in.
    expect(poll('a', [item('a', { guid: 'g1', title: 'Parliament narrowly approves the new budget' })])).toEqual({ newCount: 0, updatedCount: 1 });
    const [after] = stories();
    expect(after!.members).toHaveLength(1);
    expect(after!.members[0]!.title).toBe('Parliament narrowly approves the new budget');
    expect(after!.members[0]!.updatedAt).toBeGreaterThan(T);
    expect(after!.updatedAt).toBeGreaterThan(before!.updatedAt);
    expect(after!.entryId).toBe(before!.entryId);
    // A feed that dates its edit is believed.
    const dated = T + 30 * 60_000;
    poll('a', [item('a', { guid: 'g1', title: 'Parliament approves budget', updatedAt: dated + 10 * HOUR })]);
    expect(stories()[0]!.members[0]!.updatedAt).toBe(dated + 10 * HOUR);
  });

  it('the same wire story from three sources is one story; its entry id stays, its updated time moves', () => {
    poll('a', [item('a', { guid: 'a1', link: 'https://agency.test/1', title: 'Apartment block collapses in port city, dozens missing', summary: WIRE })]);
    const [first] = stories();
    poll('b', [item('b', { guid: 'b1', link: 'https://daily.test/w/collapse', title: 'Port city building collapse: 14 survivors found', summary: `${WIRE} Our correspondent reports.`, publishedAt: T + 2 * HOUR })]);
    const [second] = stories();
    poll('c', [item('c', { guid: 'c1', link: 'https://radio.test/n/77', title: 'Survivors pulled from rubble after collapse', summary: WIRE, publishedAt: T + 5 * HOUR })]);
    const all = stories();
    expect(all).toHaveLength(1);
    expect(all[0]!.members.map((m) => m.sourceId).sort()).toEqual(['a', 'b', 'c']);
    expect(all[0]!.entryId).toBe(first!.entryId);
    expect(second!.updatedAt).toBeGreaterThan(first!.updatedAt);
    expect(all[0]!.updatedAt).toBeGreaterThan(second!.updatedAt);
  });

  it('two different stories with similar titles stay apart', () => {
    poll('a', [item('a', { guid: 'a1', title: 'Workers strike across France over pension reform', summary: 'Trains and schools were disrupted on Tuesday as unions staged a first day of walkouts against the plan to raise the retirement age.' })]);
    poll('b', [item('b', { guid: 'b1', title: 'Workers strike across France over pension reform again', summary: 'Refinery staff and dockers joined a second strike on Thursday, blocking fuel deliveries, while the government refused to withdraw the bill.', publishedAt: T + 48 * HOUR })]);
    expect(stories()).toHaveLength(2);
  });

  it('never merges articles of one source into one story', () => {
    poll('a', [item('a', { guid: 'a1', link: 'https://a.test/1' }), item('a', { guid: 'a2', link: 'https://a.test/2', summary: 'Copy' })]);
    expect(stories()).toHaveLength(2);
    // a second source joins one of them, and a later article of source a cannot join that story
    poll('b', [item('b', { guid: 'b1' })]);
    poll('a', [item('a', { guid: 'a3', link: 'https://a.test/3', summary: 'Third version', publishedAt: T + HOUR })]);
    expect(stories().map((s) => s.members.length).sort()).toEqual([1, 1, 2]);
  });

  it('keeps the sources an operator marks "never merge" apart, in either order', () => {
    const neverMerge: [string, string][] = [['b', 'a']];
    poll('a', [item('a', { guid: 'a1' })], { neverMerge });
    poll('b', [item('b', { guid: 'b1' })], { neverMerge });
    expect(stories()).toHaveLength(2);
    // a third source may join either, and then the other is kept out of that story
    poll('c', [item('c', { guid: 'c1' })], { neverMerge });
    expect(stories().map((s) => s.members.map((m) => m.sourceId).sort().join('+')).sort()).toEqual(['a+c', 'b']);
  });

  it('joins by link across sources whatever the dates, by title or text only within the window', () => {
    poll('a', [item('a', { guid: 'a1', link: 'https://shared.test/x' })]);
    poll('b', [item('b', { guid: 'b1', link: 'https://shared.test/x?utm_campaign=y', title: 'Other words', summary: 'nothing alike', publishedAt: T + 20 * 24 * HOUR })]);
    poll('c', [item('c', { guid: 'c1', publishedAt: T + 4 * 24 * HOUR })]);
    expect(stories().map((s) => s.members.length).sort()).toEqual([1, 2]);
    poll('d', [item('d', { guid: 'd1', publishedAt: T + 4 * 24 * HOUR })], { windowDays: 5 });
    expect(stories().map((s) => s.members.length).sort()).toEqual([1, 3]);
  });
});
