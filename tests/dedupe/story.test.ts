import { describe, expect, it } from 'vitest';
import {
  BandIndex,
  bandKeys,
  candidateQuery,
  chooseStory,
  dedupePolicy,
  identify,
  sameStory,
  storyBands,
  storyKeys,
  type StoryKeys,
} from '../../src/dedupe/index.js';
import type { Article } from '../../src/model.js';
import type { StoryCandidate } from '../../src/store/index.js';

const DAY = 86_400_000;
const T = Date.UTC(2024, 2, 5, 9);
const policy = dedupePolicy();

const article = (sourceId: string, title: string, summary: string, over: Partial<Article> = {}): Article => ({
  sourceId,
  title,
  summary,
  categories: [],
  publishedAt: T,
  updatedAt: T,
  ...over,
});
const keysOf = (a: Article) => storyKeys(a, identify(a));

// A wire story as three outlets ran it: own headlines and links, the agency's text.
const WIRE =
  'Rescuers pulled 14 survivors from the rubble of a collapsed apartment block in the port city overnight, ' +
  'the regional governor said on Tuesday, as the search for dozens still missing went on in freezing rain.';
const wireA = article('agency', 'Apartment block collapses in port city, dozens missing', WIRE, { link: 'https://agency.test/1' });
const wireB = article('daily', 'Port city building collapse: 14 survivors found', `${WIRE} Our correspondent reports from the scene.`, {
  link: 'https://daily.test/world/collapse',
  publishedAt: T + 3 * 3600_000,
});
// Same topic, same kind of headline, another event on another day.
const strike1 = article(
  'agency',
  'Workers strike across France over pension reform',
  'Trains and schools were disrupted on Tuesday as unions staged a first day of walkouts against the plan to raise the retirement age.',
);
const strike2 = article(
  'daily',
  'Workers strike across France over pension reform again',
  'Refinery staff and dockers joined a second strike on Thursday, blocking fuel deliveries, while the government refused to withdraw the bill.',
  { publishedAt: T + 2 * DAY },
);

describe('sameStory', () => {
  it('the same canonical link is one story whenever it was published', () => {
    const a = keysOf(article('a', 'One headline here', 'x', { link: 'https://www.site.test/s/1?utm_source=rss' }));
    const b = keysOf(article('b', 'Other', 'y', { link: 'http://site.test/s/1/', publishedAt: T + 30 * DAY }));
    expect(sameStory(a, b, policy)?.reason).toBe('url');
  });

  it('the same normalised long title joins within the window only', () => {
    const a = keysOf(article('a', 'Central bank raises interest rates again', 'one text'));
    const b = (days: number) =>
      keysOf(article('b', 'CENTRAL BANK RAISES INTEREST RATES — AGAIN', 'entirely different words', { publishedAt: T + days * DAY }));
    expect(sameStory(a, b(2.5), policy)?.reason).toBe('title');
    expect(sameStory(a, b(3.5), policy)).toBeUndefined();
    expect(sameStory(a, b(3.5), dedupePolicy({ windowDays: 5 }))?.reason).toBe('title');
    const short = (s: string, summary: string) => keysOf(article(s, 'Live updates', summary));
    expect(sameStory(short('a', 'Ministers met in the capital'), short('b', 'Floods hit the northern coast'), policy)).toBeUndefined();
  });

  it('syndicated copies with their own headlines join by their text', () => {
    const match = sameStory(keysOf(wireA), keysOf(wireB), policy);
    expect(match?.reason).toBe('text');
    expect(match!.similarity).toBeGreaterThan(0.5);
  });

  it('an excerpt of a longer text joins by containment', () => {
    const excerpt = article('digest', 'Port city collapse', WIRE.slice(0, 120));
    const long = article('agency', 'Apartment block collapses in port city', `${WIRE} More details were expected later in the day.`);
    expect(sameStory(keysOf(excerpt), keysOf(long), policy)?.reason).toBe('text');
    expect(sameStory(keysOf(excerpt), keysOf(long), dedupePolicy({ containment: 0.99, similarity: 0.9 }))).toBeUndefined();
  });

  it('two different stories with similar titles stay apart', () => {
    expect(sameStory(keysOf(strike1), keysOf(strike2), policy)).toBeUndefined();
  });

  it('never merges two articles of one source, nor sources the operator keeps apart', () => {
    const own = keysOf({ ...wireB, sourceId: 'agency' });
    expect(sameStory(keysOf(wireA), own, policy)).toBeUndefined();
    const apart = dedupePolicy({ neverMerge: [['daily', 'agency']] });
    expect(sameStory(keysOf(wireA), keysOf(wireB), apart)).toBeUndefined();
  });

  it('texts in scripts without spaces compare on character n-grams', () => {
    const text = '東京都は五日、新型の地震観測網の運用を始めると発表した。観測点は都内百か所に置かれ、揺れの情報を数秒で配信する。';
    const a = keysOf(article('a', '東京都が地震観測網を新設', text));
    const b = keysOf(article('b', '地震観測網、東京で運用開始', `${text}担当者は精度の向上を強調した。`));
    expect(sameStory(a, b, policy)?.reason).toBe('text');
    const other = keysOf(article('c', '大阪で新しい美術館が開館', '大阪市は五日、湾岸地区に新しい美術館を開館したと発表した。初日は多くの来場者でにぎわった。'));
    expect(sameStory(a, other, policy)).toBeUndefined();
  });
});

describe('LSH band keys', () => {
  const text = (a: Article) => `${a.title}\n${a.summary}`;

  it('near-duplicate texts share a band key; unrelated texts do not', () => {
    const a = new Set(bandKeys(text(wireA)));
    expect(bandKeys(text(wireB)).some((k) => a.has(k))).toBe(true);
    expect(bandKeys(text(strike1)).some((k) => a.has(k))).toBe(false);
    expect(bandKeys('')).toEqual([]);
  });

  it('are built from bigrams with a longer word: short function words bring no candidates', () => {
    const glue = 'of the in a to be on it at the';
    const a = bandKeys(`${glue} harvest festival draws crowds`);
    const b = bandKeys(`${glue} submarine cable repaired offshore`);
    expect(a.some((k) => b.includes(k))).toBe(false);
    // a text of short words only still has keys, and finds its copy
    expect(bandKeys('Up in the air')).toEqual(bandKeys('UP IN THE AIR!'));
    expect(bandKeys('Up in the air').length).toBeGreaterThan(0);
  });

  it('are stable across runs: they are stored', () => {
    expect(bandKeys('the same text every time').slice(0, 3)).toEqual([299622359, 1670929967, 200259625]);
  });

  it('the store is asked for the link, a long title and the articles sharing a band within the window', () => {
    const loaded: [number, number][] = [];
    const index = new BandIndex({
      bandsBetween: (from, to) => {
        loaded.push([from, to]);
        return [
          { id: 7, bands: Uint32Array.from(bandKeys(text(wireA))) },
          { id: 8, bands: Uint32Array.from(bandKeys(text(strike1))) },
        ];
      },
    });
    const keys = keysOf(wireB);
    const q = candidateQuery(keys, storyBands(keys), policy, index);
    expect(q).toMatchObject({ canonicalUrl: 'daily.test/world/collapse', excludeSourceId: 'daily', from: wireB.publishedAt - 3 * DAY, to: wireB.publishedAt + 3 * DAY });
    expect(q.titleKey).toBe('port city building collapse 14 survivors found');
    expect(q.articleIds).toEqual([7]);
    expect(loaded).toEqual([[wireB.publishedAt - 3 * DAY, wireB.publishedAt + 3 * DAY + 1]]);
    const letters = keysOf(article('a', 'Letters', 'x'));
    expect(candidateQuery(letters, storyBands(letters), policy, index).titleKey).toBeUndefined();
  });
});

describe('chooseStory', () => {
  const candidate = (storyId: number, a: Article, storySources = [a.sourceId]): StoryCandidate => {
    const k = keysOf(a);
    return { storyId, sourceId: a.sourceId, canonicalUrl: k.canonicalUrl, titleKey: k.titleKey, title: a.title, summary: a.summary, publishedAt: a.publishedAt, storySources };
  };
  const incoming: StoryKeys = keysOf(article('third', 'Survivors found after port city collapse', WIRE, { publishedAt: T + 5 * 3600_000 }));

  it('joins the matching story, and prefers a link match to a text match', () => {
    expect(chooseStory(incoming, [candidate(1, strike1), candidate(2, wireA)], policy)).toBe(2);
    const sameLink = candidate(3, article('mirror', 'Unrelated words', 'nothing alike', { link: 'https://third.test/a' }));
    const linked = keysOf(article('third', 'Survivors found after port city collapse', WIRE, { link: 'https://third.test/a' }));
    expect(chooseStory(linked, [candidate(2, wireA), sameLink], policy)).toBe(3);
  });

  it('skips a story that already holds an article of the same source or of a source kept apart', () => {
    expect(chooseStory(incoming, [candidate(2, wireA, ['agency', 'third'])], policy)).toBeUndefined();
    const apart = dedupePolicy({ neverMerge: [['third', 'daily']] });
    expect(chooseStory(incoming, [candidate(2, wireA, ['agency', 'daily'])], apart)).toBeUndefined();
    expect(chooseStory(incoming, [candidate(2, wireA, ['agency', 'daily'])], policy)).toBe(2);
  });

  it('finds nothing among unrelated candidates', () => {
    expect(chooseStory(incoming, [candidate(1, strike1), candidate(5, strike2)], policy)).toBeUndefined();
  });
});
