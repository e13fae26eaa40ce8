import { describe, expect, it } from 'vitest';
import { canonicalUrl, chooseStory, identify, storyEntryId, titleKey, toStory } from '../../src/dedupe/index.js';
import type { Article, StoredArticle } from '../../src/model.js';

const article = (over: Partial<Article> = {}): Article => ({
  sourceId: 's',
  title: 'Russia: Putin Declares Partial Mobilization',
  summary: 'Russia made a series of important announcements',
  categories: [],
  publishedAt: Date.UTC(2022, 8, 22),
  updatedAt: Date.UTC(2022, 8, 22),
  ...over,
});

describe('canonicalUrl', () => {
  it('folds scheme, www, case, default port, fragment, trailing slash and tracking parameters', () => {
    const variants = [
      'https://www.Example.org/news/story-1/?utm_source=rss&utm_medium=feed',
      'http://example.org:80/news/story-1#comments',
      'https://example.org:443/news/story-1?fbclid=abc&gclid=1',
      'https://EXAMPLE.org/news/story-1?ref=example.org',
    ];
    expect(new Set(variants.map((v) => canonicalUrl(v)))).toEqual(new Set(['example.org/news/story-1']));
  });

  it('keeps meaningful query parameters, sorted', () => {
    expect(canonicalUrl('https://x.test/index.php?option=com_content&id=7&utm_campaign=z')).toBe(
      'x.test/index.php?id=7&option=com_content',
    );
    expect(canonicalUrl('https://x.test/a?ref=other.site')).toBe('x.test/a?ref=other.site');
  });

  it('rejects non-http URLs', () => {
    expect(canonicalUrl('javascript:alert(1)')).toBeUndefined();
    expect(canonicalUrl('not a url')).toBeUndefined();
  });
});

describe('identify', () => {
  it('prefers guid, then canonical link, then title + raw date', () => {
    expect(identify(article({ guid: 'g1', link: 'https://x.test/a' })).key).toBe('guid:g1');
    expect(identify(article({ link: 'https://x.test/a?utm_source=x' })).key).toBe('url:x.test/a');
    const a = identify(article({ publishedRaw: 'Thu, 22 Sep 2022 10:00:00 GMT' }));
    const b = identify(article({ publishedRaw: 'Thu, 22 Sep 2022 10:00:00 GMT', publishedAt: 1 }));
    expect(a.key).toMatch(/^title:/);
    expect(a.key).toBe(b.key);
  });

  it('an undated item keeps its identity although its first-seen time changes', () => {
    expect(identify(article({ publishedAt: 1 })).key).toBe(identify(article({ publishedAt: 2 })).key);
  });

  it('content hash changes with the title or summary, not with the date', () => {
    const base = identify(article()).contentHash;
    expect(identify(article({ publishedAt: 5 })).contentHash).toBe(base);
    expect(identify(article({ title: 'Russia: Putin Declares Mobilization' })).contentHash).not.toBe(base);
    expect(identify(article({ summary: 'edited' })).contentHash).not.toBe(base);
  });

  it('titleKey ignores case, quotes and punctuation', () => {
    expect(titleKey('Cuba: Capitalist Restoration by the “Russian Road”?')).toBe(
      titleKey('CUBA — capitalist restoration by the "Russian road"'),
    );
  });
});

describe('stories', () => {
  it('entry ids are stable urn:uuid values', () => {
    const id = storyEntryId('seed', 'guid:1');
    expect(id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(storyEntryId('seed', 'guid:1')).toBe(id);
    expect(storyEntryId('seed', 'guid:2')).not.toBe(id);
  });

  it('joins a story by canonical URL, or by the same long title within the window', () => {
    const day = 86_400_000;
    const id = identify(article({ link: 'https://x.test/a' }));
    const cand = (storyId: number, over: object) => ({ storyId, sourceId: 'o', titleKey: 'zzz', publishedAt: 0, ...over });
    expect(chooseStory(id, 0, [cand(7, { canonicalUrl: 'x.test/a' })])).toBe(7);
    expect(chooseStory(id, 0, [cand(8, { titleKey: id.titleKey, publishedAt: day })])).toBe(8);
    expect(chooseStory(id, 0, [cand(8, { titleKey: id.titleKey, publishedAt: 4 * day })])).toBeUndefined();
    const short = identify(article({ title: 'Live updates' }));
    expect(chooseStory(short, 0, [cand(9, { titleKey: short.titleKey })])).toBeUndefined();
  });

  it('the lead is the higher-priority source, then the earliest seen', () => {
    const member = (id: number, sourceId: string, firstSeenAt: number) =>
      ({ ...article({ sourceId }), id, storyId: 1, identityKey: `k${id}`, firstSeenAt, places: [] }) as StoredArticle;
    const stored = { id: 1, entryId: 'urn:x', publishedAt: 0, updatedAt: 0, members: [member(1, 'a', 10), member(2, 'b', 20)] };
    expect(toStory(stored, () => 0).lead.id).toBe(1);
    expect(toStory(stored, (s) => (s === 'b' ? 5 : 0)).lead.id).toBe(2);
    expect(toStory(stored, () => 0).others.map((o) => o.id)).toEqual([2]);
  });
});
