import * as cheerio from 'cheerio';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TopicFeed } from '../../src/model.js';
import { PublishError, renderAtom, renderJsonFeed, renderRss } from '../../src/publish/index.js';
import { article, BASE_URL, context, expectValid, place, russiaTopic, story, T0, removeTempDirs, writeTemp } from './helpers.js';

const ctx = context();
const topic = russiaTopic();
const atom = renderAtom(topic, ctx);
const rss = renderRss(topic, ctx);
const json = renderJsonFeed(topic, ctx);
const jsonFeed = JSON.parse(json);

// Expected entries, newest lead first (the fixture stores them in another order).
const EXPECTED = [
  {
    id: 'urn:uuid:00000000-0000-4000-8000-000000000001',
    title: 'Russia: Prigozhin’s Failed Adventure',
    link: 'https://www.marxist.com/russia-prigozhin-s-failed-adventure.htm',
  },
  {
    id: 'urn:uuid:00000000-0000-4000-8000-000000000002',
    title: 'Ukraine Dam Breach Unleashes “Hysteria” & <more>',
    link: undefined,
  },
  {
    id: 'urn:uuid:00000000-0000-4000-8000-000000000003',
    title: 'Кагарлицкий: кто он и почему его преследуют? ]]> ]]>',
    link: 'https://daily.example.net/kagarlitsky?x=1&y=2',
  },
];

const xml = (doc: string) => cheerio.load(doc, { xml: true });

afterAll(removeTempDirs);

describe('rendered documents pass validate-feed', () => {
  // The first validate-feed call may apt-get install jing and feedparser.
  it('Atom, RSS and JSON Feed of a topic with every kind of story are valid', { timeout: 180_000 }, async () => {
    const { paths } = await writeTemp({ 'russia.atom': atom, 'russia.rss': rss, 'russia.json': json });
    const output = await expectValid(paths);
    expect(output.match(/^ok /gm)).toHaveLength(3);
  });

  it('an empty topic is valid in every format', { timeout: 180_000 }, async () => {
    const empty: TopicFeed = { id: 'empty', title: 'Nothing yet', path: 'empty', stories: [] };
    const { paths } = await writeTemp({
      'e.atom': renderAtom(empty, ctx),
      'e.rss': renderRss(empty, ctx),
      'e.json': renderJsonFeed(empty, ctx),
    });
    await expectValid(paths);
  });
});

describe('parsed back, every format carries the same entries', () => {
  let parsedAtom: Parser.Output<Record<string, string>>;
  let parsedRss: Parser.Output<Record<string, string>>;
  beforeAll(async () => {
    const parser = new Parser();
    parsedAtom = await parser.parseString(atom);
    parsedRss = await parser.parseString(rss);
  });

  it('Atom (rss-parser): ids, titles and links, newest first', () => {
    expect(parsedAtom.items.map((i) => ({ id: i.id, title: i.title, link: i.link }))).toEqual(EXPECTED);
    expect(parsedAtom.title).toBe('Russia');
  });

  it('RSS (rss-parser): guids, titles and links, newest first', () => {
    expect(parsedRss.items.map((i) => ({ id: i.guid, title: i.title, link: i.link }))).toEqual(EXPECTED);
    expect(parsedRss.title).toBe('Russia');
  });

  it('JSON Feed (JSON.parse): ids, titles and urls, newest first', () => {
    expect(jsonFeed.items.map((i: Record<string, string>) => ({ id: i.id, title: i.title, link: i.url }))).toEqual(EXPECTED);
  });

  it('the same entry id appears in all three formats, verbatim', () => {
    const ids = EXPECTED.map((e) => e.id);
    expect(parsedAtom.items.map((i) => i.id)).toEqual(ids);
    expect(parsedRss.items.map((i) => i.guid)).toEqual(ids);
    expect(jsonFeed.items.map((i: { id: string }) => i.id)).toEqual(ids);
  });
});

describe('Atom', () => {
  const $ = xml(atom);
  const firstEntry = $('entry').first();

  it('has a stable topic IRI as feed id, a self link to the .atom file and an alternate link to the topic page', () => {
    expect($('feed > id').text()).toBe(`${BASE_URL}topics/russia`);
    expect($('feed > link[rel="self"]').attr('href')).toBe(`${BASE_URL}russia.atom`);
    expect($('feed > link[rel="alternate"]').attr('href')).toBe(`${BASE_URL}russia.html`);
    expect($('feed > link[rel="alternate"]').attr('type')).toBe('text/html');
    expect($('feed > author > name').text()).toBe('Gazette');
    expect($('feed > generator').text()).toBe('Gazette');
  });

  it('feed updated is the newest story update, not the time of writing', () => {
    // Story 1's "wire" member was updated at T0+8h, later than anything else.
    expect($('feed > updated').text()).toBe('2024-04-29T17:00:00Z');
    expect(new Date($('feed > updated').text()).getTime()).toBe(T0 + 8 * 3_600_000);
  });

  it('an empty topic has a fixed updated time', () => {
    const empty = renderAtom({ id: 'e', title: 'E', path: 'e', stories: [] }, ctx);
    expect(xml(empty)('feed > updated').text()).toBe('1970-01-01T00:00:00Z');
  });

  it('entries carry published, updated, author and the lead link', () => {
    expect(firstEntry.children('published').text()).toBe('2024-04-29T14:00:00Z');
    expect(firstEntry.children('updated').text()).toBe('2024-04-29T17:00:00Z');
    expect(firstEntry.children('author').children('name').text()).toBe('Jorge Martín');
    expect(firstEntry.children('link[rel="alternate"]').attr('href')).toBe(EXPECTED[0]!.link);
  });

  it('an entry without an author is credited to its source', () => {
    expect($('entry').eq(1).children('author').children('name').text()).toBe('Wire & <Co> "News"');
  });

  it('an entry without a link has no alternate link but has content', () => {
    const noLink = $('entry').eq(1);
    expect(noLink.children('link').length).toBe(0);
    expect(noLink.children('content').text()).toContain('Nova Kakhovka');
  });

  it('country, subregion and continent categories with their own schemes', () => {
    const categories = firstEntry
      .children('category')
      .toArray()
      .map((c) => ({ ...c.attribs }));
    expect(categories).toEqual([
      { term: 'RU', label: 'Russia', scheme: `${BASE_URL}schemes/country` },
      { term: 'UA', label: 'Ukraine', scheme: `${BASE_URL}schemes/country` },
      { term: 'Eastern Europe', scheme: `${BASE_URL}schemes/subregion` },
      { term: 'Europe', scheme: `${BASE_URL}schemes/continent` },
    ]);
  });

  it('atom:source names the lead article’s source', () => {
    const source = firstEntry.children('source');
    expect(source.children('id').text()).toBe('https://www.marxist.com/feed.rss');
    expect(source.children('title').text()).toBe('In Defence of Marxism');
    expect(source.children('link[rel="self"]').attr('href')).toBe('https://www.marxist.com/feed.rss');
    expect(source.children('link[rel="alternate"]').attr('href')).toBe('https://www.marxist.com/');
  });

  it('summary is plain text and content is HTML with "Also reported by" linking the other articles', () => {
    expect(firstEntry.children('summary').attr('type')).toBe('text');
    expect(firstEntry.children('content').attr('type')).toBe('html');
    const content = cheerio.load(firstEntry.children('content').text());
    expect(content('em').text()).toBe('all sorts');
    const also = content('p').last();
    expect(also.text()).toBe('Also reported by: Wire & <Co> "News", The Daily Example');
    expect(also.find('a').attr('href')).toBe('https://wire.example.org/2024/wagner?a=1&b=2');
    expect(also.find('a').length).toBe(1); // the Daily Example article has no link
  });

  it('links each other article with a link as rel="related"', () => {
    const related = firstEntry.children('link[rel="related"]').toArray().map((l) => l.attribs.href);
    expect(related).toEqual(['https://wire.example.org/2024/wagner?a=1&b=2']);
    expect($('link[rel="related"]')).toHaveLength(1);
  });

  it('content falls back to the escaped summary when the lead has no HTML', () => {
    const content = $('entry').eq(1).children('content').text();
    expect(content).toBe('<p>A dam in Nova Kakhovka was breached resulting in flooding in the Kherson Oblast. 1 &lt; 2 &amp;&amp; 3 &gt; 2</p>');
  });

  it('declares xml:lang on the feed when every lead shares a language', () => {
    expect($('feed').attr('xml:lang')).toBe('en');
    expect($('entry[xml\\:lang]')).toHaveLength(0);
  });

  it('declares xml:lang per entry when leads differ', () => {
    const mixed: TopicFeed = {
      id: 'mixed',
      title: 'Mixed',
      path: 'mixed',
      stories: [
        story(10, article({ sourceId: 'daily', title: 'Hello', link: 'https://daily.example.net/1', language: 'en' })),
        story(11, article({ sourceId: 'daily', title: 'Привет', link: 'https://daily.example.net/2', language: 'ru', publishedAt: T0 - 1 })),
        story(12, article({ sourceId: 'daily', title: 'No language', link: 'https://daily.example.net/3', publishedAt: T0 - 2 })),
      ],
    };
    const $m = xml(renderAtom(mixed, ctx));
    expect($m('feed').attr('xml:lang')).toBeUndefined();
    expect($m('entry').toArray().map((e) => e.attribs['xml:lang'])).toEqual(['en', 'ru', undefined]);
  });
});

describe('RSS', () => {
  const $ = xml(rss);
  const items = $('item');

  it('channel has title, link, description and a self link to the .rss file', () => {
    expect($('channel > title').text()).toBe('Russia');
    expect($('channel > link').text()).toBe(`${BASE_URL}russia.html`);
    expect($('channel > description').text()).toBe('News about Russia & its neighbours');
    expect($('channel > atom\\:link[rel="self"]').attr('href')).toBe(`${BASE_URL}russia.rss`);
  });

  it('channel description is never empty', () => {
    const bare = renderRss({ ...topic, description: undefined }, ctx);
    expect(xml(bare)('channel > description').text()).toBe('Russia: stories gathered by Gazette');
  });

  it('guids are not permalinks and pubDates are RFC 822', () => {
    expect(items.first().children('guid').attr('isPermaLink')).toBe('false');
    expect(items.first().children('pubDate').text()).toBe('Mon, 29 Apr 2024 14:00:00 GMT');
  });

  it('names go into dc:creator, only an email address into <author>', () => {
    expect(items.eq(0).children('dc\\:creator').text()).toBe('Jorge Martín');
    expect(items.eq(0).children('author')).toHaveLength(0);
    expect(items.eq(2).children('author').text()).toBe('desk@daily.example.net (Desk)');
    expect(items.eq(2).children('dc\\:creator')).toHaveLength(0);
  });

  it('categories carry names with the scheme as domain; description carries the HTML content', () => {
    const categories = items.eq(0).children('category').toArray().map((c) => [cheerio.load(c).text(), c.attribs.domain]);
    expect(categories).toEqual([
      ['Russia', `${BASE_URL}schemes/country`],
      ['Ukraine', `${BASE_URL}schemes/country`],
      ['Eastern Europe', `${BASE_URL}schemes/subregion`],
      ['Europe', `${BASE_URL}schemes/continent`],
    ]);
    expect(items.eq(0).children('description').text()).toContain('<p>Also reported by: <a href=');
    expect(items.eq(0).children('source').attr('url')).toBe('https://www.marxist.com/feed.rss');
  });
});

describe('JSON Feed', () => {
  const [first, second] = jsonFeed.items;

  it('declares 1.1 with feed_url, home_page_url and authors', () => {
    expect(jsonFeed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(jsonFeed.feed_url).toBe(`${BASE_URL}russia.json`);
    expect(jsonFeed.home_page_url).toBe(`${BASE_URL}russia.html`);
    expect(jsonFeed.authors).toEqual([{ name: 'Gazette' }]);
  });

  it('items have RFC 3339 dates, authors, tags, HTML content and a plain-text summary', () => {
    expect(first.date_published).toBe('2024-04-29T14:00:00Z');
    expect(first.date_modified).toBe('2024-04-29T17:00:00Z');
    expect(first.authors).toEqual([{ name: 'Jorge Martín' }]);
    expect(first.tags).toEqual(['Russia', 'Ukraine', 'Eastern Europe', 'Europe']);
    expect(first.content_html).toContain('<a href="https://wire.example.org/2024/wagner?a=1&amp;b=2">');
    expect(first.summary).toBe('Last weekend’s events in Russia have given rise to all sorts of speculation.');
    expect(second.summary).toBe('A dam in Nova Kakhovka was breached resulting in flooding in the Kherson Oblast. 1 < 2 && 3 > 2');
    expect(second.url).toBeUndefined();
  });
});

describe('determinism', () => {
  it('rendering twice gives identical bytes', () => {
    expect(renderAtom(russiaTopic(), context())).toBe(atom);
    expect(renderRss(russiaTopic(), context())).toBe(rss);
    expect(renderJsonFeed(russiaTopic(), context())).toBe(json);
  });

  it('the order the store returns stories in does not matter', () => {
    const reversed = { ...topic, stories: [...topic.stories].reverse() };
    expect(renderAtom(reversed, ctx)).toBe(atom);
    expect(renderRss(reversed, ctx)).toBe(rss);
    expect(renderJsonFeed(reversed, ctx)).toBe(json);
  });

  it('stories published at the same moment are ordered by entry id', () => {
    const same = (n: number, id: string) => story(n, article({ sourceId: 'daily', title: `S${n}`, link: `https://daily.example.net/${n}` }), [], id);
    const feed = (stories: ReturnType<typeof story>[]): TopicFeed => ({ id: 't', title: 'T', path: 't', stories });
    const a = same(1, 'urn:uuid:b');
    const b = same(2, 'urn:uuid:a');
    expect(renderAtom(feed([a, b]), ctx)).toBe(renderAtom(feed([b, a]), ctx));
    expect(xml(renderAtom(feed([a, b]), ctx))('entry > id').toArray().map((e) => cheerio.load(e).text())).toEqual(['urn:uuid:a', 'urn:uuid:b']);
  });
});

describe('refusals', () => {
  const one = (entryId: string, overrides = {}): TopicFeed => ({
    id: 't',
    title: 'T',
    path: 't',
    stories: [story(1, article({ sourceId: 'daily', title: 'x', link: 'https://daily.example.net/x', ...overrides }), [], entryId)],
  });

  it('a relative entry id is an error naming it, in every format', () => {
    for (const render of [renderAtom, renderRss, renderJsonFeed]) {
      expect(() => render(one('post-1'), ctx)).toThrow(PublishError);
      expect(() => render(one('post-1'), ctx)).toThrow(/'post-1'.*not an absolute IRI/);
    }
  });

  it('two stories with the same entry id are an error', () => {
    const twice = one('urn:uuid:dup');
    twice.stories.push(story(2, article({ sourceId: 'daily', title: 'y' }), [], 'urn:uuid:dup'));
    expect(() => renderAtom(twice, ctx)).toThrow(/two stories with entry id 'urn:uuid:dup'/);
  });

  it('a timestamp that is not a date is an error, not "Invalid Date" in the feed', () => {
    expect(() => renderRss(one('urn:uuid:1', { publishedAt: Number.NaN }), ctx)).toThrow(
      expect.objectContaining({ code: 'INVALID_DATE' }),
    );
  });

  it('a base URL that is not an http(s) directory URL is an error', () => {
    for (const baseUrl of ['localhost:8080', 'ftp://example.org/', 'http://example.org/feeds', 'http://example.org/?x=1']) {
      expect(() => renderAtom(one('urn:uuid:1'), context({}, { baseUrl }))).toThrow(
        expect.objectContaining({ code: 'INVALID_BASE_URL' }),
      );
    }
  });

  it('places are optional and unknown country codes still become categories', () => {
    const unknown = one('urn:uuid:1', { places: [place('XQ')] });
    const $u = xml(renderAtom(unknown, ctx));
    expect($u('category').toArray().map((c) => ({ ...c.attribs }))).toEqual([
      { term: 'XQ', scheme: `${BASE_URL}schemes/country` },
    ]);
  });
});
