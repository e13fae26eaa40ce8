import { describe, expect, it } from 'vitest';
import {
  canonicalUrl,
  identify,
  identifyDocument,
  isMovedArticle,
  storyEntryId,
  titleKey,
  toStory,
  trackingParamFilter,
} from '../../src/dedupe/index.js';
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
      'HTTPS://example.org:443/news/story-1?fbclid=abc&gclid=1',
      'https://EXAMPLE.org/news/story-1?ref=example.org',
      'https://example.org/news/story-1//?mc_cid=1&mc_eid=2&igshid=3',
      'http://www.example.org/news/story-1?ref=https%3A%2F%2Fwww.example.org%2F',
      'https://example.org/news/story-1?utm_campaign=x&UTM_CONTENT=y#top',
    ];
    expect(new Set(variants.map((v) => canonicalUrl(v)))).toEqual(new Set(['example.org/news/story-1']));
  });

  it('keeps meaningful query parameters, sorted, and a port that is not a default', () => {
    expect(canonicalUrl('https://x.test/index.php?option=com_content&id=7&utm_campaign=z')).toBe(
      'x.test/index.php?id=7&option=com_content',
    );
    expect(canonicalUrl('https://x.test/a?b=2&a=1')).toBe(canonicalUrl('https://x.test/a?a=1&b=2'));
    expect(canonicalUrl('http://x.test:8080/a')).toBe('x.test:8080/a');
  });

  it('drops ref only when it names the site itself', () => {
    expect(canonicalUrl('https://news.example.org/a?ref=example')).toBe('news.example.org/a');
    expect(canonicalUrl('https://example.org/a?ref=news.example.org')).toBe('example.org/a');
    expect(canonicalUrl('https://x.test/a?ref=other.site')).toBe('x.test/a?ref=other.site');
    // a site whose name merely ends like this one's is another site
    expect(canonicalUrl('https://example.org/a?ref=myexample.org')).toBe('example.org/a?ref=myexample.org');
    expect(canonicalUrl('https://example.org/a?ref=org')).toBe('example.org/a?ref=org');
  });

  it('takes the list of tracking parameters from the config', () => {
    const own = trackingParamFilter(['src', 'pk_*']);
    expect(canonicalUrl('https://x.test/a?src=tw&pk_campaign=1&utm_source=rss', own)).toBe('x.test/a?utm_source=rss');
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
    // vowel signs are part of their word
    expect(titleKey('भारत में चुनाव')).toBe('भारत में चुनाव');
  });
});

describe('identifyDocument', () => {
  it('a guid or link several items share identifies none of them', () => {
    // Scripting News style: one page URL with #anchors, and one guid reused for a whole day.
    const doc = identifyDocument([
      article({ title: 'Morning post', guid: 'day#a08', link: 'https://x.test/day.html#a08' }),
      article({ title: 'Noon post', guid: 'day#a08', link: 'https://x.test/day.html#a09' }),
      article({ title: 'Own link', guid: 'day#a08', link: 'https://x.test/other' }),
      article({ title: 'Unique', guid: 'u1', link: 'https://x.test/day.html#a10' }),
    ]);
    const [morning, noon, own, unique] = doc.identities.map((i) => i.key);
    expect(morning).toMatch(/^title:/);
    expect(noon).toMatch(/^title:/);
    expect(morning).not.toBe(noon);
    expect(own).toBe('url:x.test/other');
    expect(unique).toBe('guid:u1');
    expect(doc.sharedLinks).toEqual(new Set(['x.test/day.html']));
  });

  it('a link found under another key is the same article only when its old key left the document', () => {
    const moved = identifyDocument([article({ guid: 'new-1', link: 'https://x.test/a' })]);
    expect(isMovedArticle(moved.identities[0]!, 'guid:old-1', moved)).toBe(true);
    const both = identifyDocument([
      article({ guid: 'new-1', link: 'https://x.test/a' }),
      article({ guid: 'old-1', link: 'https://x.test/b', title: 'Another story entirely' }),
    ]);
    expect(isMovedArticle(both.identities[0]!, 'guid:old-1', both)).toBe(false);
    const shared = identifyDocument([
      article({ guid: 'n1', link: 'https://x.test/day#1' }),
      article({ guid: 'n2', link: 'https://x.test/day#2', title: 'Second post of the day' }),
    ]);
    expect(isMovedArticle(shared.identities[0]!, 'guid:gone', shared)).toBe(false);
  });
});

describe('story entries', () => {
  it('entry ids are stable urn:uuid values', () => {
    const id = storyEntryId('seed', 'guid:1');
    expect(id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(storyEntryId('seed', 'guid:1')).toBe(id);
    expect(storyEntryId('seed', 'guid:2')).not.toBe(id);
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
