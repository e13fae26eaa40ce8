// Each known defect of the npm package `feed` 6.0.0 (see ../shared/validate/README.md,
// "What the npm package feed emits that fails"), fed to Gazette's renderers with the same
// kind of input, and shown absent by validate-feed plus a direct check of the output.
import * as cheerio from 'cheerio';
import { afterAll, describe, expect, it } from 'vitest';
import type { TopicFeed } from '../../src/model.js';
import { PublishError, renderAtom, renderJsonFeed, renderRss } from '../../src/publish/index.js';
import { article, BASE_URL, context, expectValid, place, story, removeTempDirs, writeTemp } from './helpers.js';
import { sharedPath } from '../helpers/shared.js';
import { validateFeeds } from '../helpers/validate.js';

const VALIDATOR_TIMEOUT = 180_000;
const BAD_SAMPLES = sharedPath('validate', 'samples', 'bad');

function topicOf(...stories: ReturnType<typeof story>[]): TopicFeed {
  return { id: 'defects', title: 'Defects', path: 'defects', stories };
}

async function renderAllAndValidate(topic: TopicFeed, ctx = context()) {
  const docs = { atom: renderAtom(topic, ctx), rss: renderRss(topic, ctx), json: renderJsonFeed(topic, ctx) };
  const { paths } = await writeTemp({ 'f.atom': docs.atom, 'f.rss': docs.rss, 'f.json': docs.json });
  await expectValid(paths);
  return docs;
}

const xml = (doc: string) => cheerio.load(doc, { xml: true });

afterAll(removeTempDirs);

describe('the validator harness sees the defects in feed’s own output', () => {
  it('fails feed’s samples, so a pass below means something', { timeout: VALIDATOR_TIMEOUT }, async () => {
    const samples = ['feed-special-chars.atom', 'feed-control-char.atom', 'feed-full.json', 'feed-minimal.json', 'feed-author-no-email.rss'];
    const result = await validateFeeds(samples.map((s) => `${BAD_SAMPLES}/${s}`));
    expect(result.code).toBe(1);
    expect(result.output.match(/^ok /gm)).toBeNull();
  });
});

describe('JSON Feed version and authors (feed: version 1.0 with the old single `author`)', () => {
  it('declares 1.1 and uses `authors` arrays only', { timeout: VALIDATOR_TIMEOUT }, async () => {
    const topic = topicOf(story(1, article({ sourceId: 'marxist', title: 'T', link: 'https://www.marxist.com/t', author: 'Alice' })));
    const { json } = await renderAllAndValidate(topic);
    const doc = JSON.parse(json);
    expect(doc.version).toBe('https://jsonfeed.org/version/1.1');
    expect(doc.authors).toEqual([{ name: 'Gazette' }]);
    expect(doc.items[0].authors).toEqual([{ name: 'Alice' }]);
    expect(json).not.toMatch(/"author"\s*:/);
  });
});

describe('JSON Feed items without an id (feed: only `item.id` is used)', () => {
  it('every item carries the story’s entry id, with or without link', { timeout: VALIDATOR_TIMEOUT }, async () => {
    const topic = topicOf(
      story(1, article({ sourceId: 'daily', title: 'No link, no guid' }), [], 'urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427'),
      story(2, article({ sourceId: 'daily', title: 'Linked', link: 'https://daily.example.net/a', publishedAt: 1 }), [], 'tag:gazette.example,2024:story/2'),
    );
    const { json } = await renderAllAndValidate(topic);
    expect(JSON.parse(json).items.map((i: { id: string }) => i.id)).toEqual([
      'urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427',
      'tag:gazette.example,2024:story/2',
    ]);
  });
});

describe('`<` and `&` in category names and attribute values (feed: written unescaped)', () => {
  const ctx = context({ ZZ: { name: 'R&D <lab>', subregion: 'Q&A <live> "quoted"', continent: 'A\tB\nC' } });
  const topic = topicOf(
    story(1, article({ sourceId: 'wire', title: 'Categories', link: 'https://wire.example.org/x?a=1&b=<2>', places: [place('ZZ')] })),
  );

  it('the documents are valid and the names survive a parse unchanged', { timeout: VALIDATOR_TIMEOUT }, async () => {
    const { atom, rss, json } = await renderAllAndValidate(topic, ctx);
    const categories = xml(atom)('entry > category').toArray().map((c) => ({ ...c.attribs }));
    expect(categories).toEqual([
      { term: 'ZZ', label: 'R&D <lab>', scheme: `${BASE_URL}schemes/country` },
      { term: 'Q&A <live> "quoted"', scheme: `${BASE_URL}schemes/subregion` },
      { term: 'A\tB\nC', scheme: `${BASE_URL}schemes/continent` },
    ]);
    // '<' is not allowed in an IRI at all, so it is percent-encoded; '&' is only escaped.
    expect(xml(atom)('entry > link[rel="alternate"]').attr('href')).toBe('https://wire.example.org/x?a=1&b=%3C2%3E');
    expect(xml(rss)('item > category').toArray().map((c) => cheerio.load(c).text())).toEqual(['R&D <lab>', 'Q&A <live> "quoted"', 'A\tB\nC']);
    expect(JSON.parse(json).items[0].tags).toEqual(['R&D <lab>', 'Q&A <live> "quoted"', 'A\tB\nC']);
  });
});

describe('control characters in upstream text (feed: passed through, malformed XML)', () => {
  it('are stripped from every text in every format', { timeout: VALIDATOR_TIMEOUT }, async () => {
    const ctx = context({}, { siteTitle: 'Gaz\u0001ette' });
    const topic: TopicFeed = {
      id: 'cc',
      title: 'Con\u000Ctrol',
      description: 'Desc\u0008ription',
      path: 'cc',
      stories: [
        story(
          1,
          article({
            sourceId: 'daily',
            title: 'Form\u000Cfeed \uFFFFtitle',
            summary: 'Bell\u0007 summary \uDC00',
            contentHtml: '<p>Null\u0000 content</p>',
            author: 'Es\u001Bcape',
            link: 'https://daily.example.net/cc',
          }),
        ),
      ],
    };
    const { atom, rss, json } = await renderAllAndValidate(topic, ctx);
    for (const doc of [atom, rss, json]) {
      expect(doc).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/u);
    }
    const item = JSON.parse(json).items[0];
    expect([item.title, item.summary, item.content_html, item.authors[0].name]).toEqual([
      'Formfeed title',
      'Bell summary',
      '<p>Null content</p>',
      'Escape',
    ]);
    expect(xml(atom)('feed > title').text()).toBe('Control');
    expect(xml(rss)('channel > description').text()).toBe('Description');
  });
});

describe('enclosure MIME types (feed: guessed from the URL extension as image/<ext>)', () => {
  it('no enclosures are emitted and every link type is a real media type', { timeout: VALIDATOR_TIMEOUT }, async () => {
    const topic = topicOf(
      story(1, article({ sourceId: 'marxist', title: 'Audio', link: 'https://www.marxist.com/media/track' }), [
        article({ sourceId: 'wire', title: 'mp3', link: 'https://wire.example.org/ep.mp3' }),
      ]),
    );
    const { atom, rss } = await renderAllAndValidate(topic);
    expect(xml(atom)('link[rel="enclosure"]')).toHaveLength(0);
    expect(xml(rss)('enclosure')).toHaveLength(0);
    const types = new Set(xml(atom)('link[type]').toArray().map((l) => l.attribs.type));
    expect([...types].sort()).toEqual(['application/atom+xml', 'text/html']);
  });
});

describe('non-URL entry ids (feed: atom1() throws on them and normalises the rest)', () => {
  const ids = [
    'urn:uuid:6E8BC430-9C3A-11D9-9669-0800200C9A66',
    'tag:gazette.example,2024:Story/7',
    'HTTP://Example.COM:80/a/../Story?id=1',
  ];
  const topic = topicOf(
    ...ids.map((id, n) => story(n + 1, article({ sourceId: 'daily', title: `S${n}`, publishedAt: 1000 - n }), [], id)),
  );

  it('render without throwing and keep every id verbatim in all three formats', { timeout: VALIDATOR_TIMEOUT }, async () => {
    const { atom, rss, json } = await renderAllAndValidate(topic);
    expect(xml(atom)('entry > id').toArray().map((e) => cheerio.load(e).text())).toEqual(ids);
    expect(xml(rss)('item > guid').toArray().map((e) => cheerio.load(e).text())).toEqual(ids);
    expect(JSON.parse(json).items.map((i: { id: string }) => i.id)).toEqual(ids);
  });

  it('an id that is not an IRI at all is refused with an explanation instead of a TypeError', () => {
    const bad = topicOf(story(1, article({ sourceId: 'daily', title: 'x' }), [], 'post-1'));
    expect(() => renderAtom(bad, context())).toThrow(PublishError);
    expect(() => renderAtom(bad, context())).toThrow(expect.objectContaining({ code: 'INVALID_ENTRY_ID' }));
  });
});

describe('self links (feed: one `feed` option is the self link of both Atom and RSS)', () => {
  it('each format points at its own document', () => {
    const topic: TopicFeed = { id: 'ru', title: 'RU', path: 'countries/ru', stories: [] };
    const ctx = context();
    expect(xml(renderAtom(topic, ctx))('feed > link[rel="self"]').attr('href')).toBe(`${BASE_URL}countries/ru.atom`);
    expect(xml(renderRss(topic, ctx))('channel > atom\\:link[rel="self"]').attr('href')).toBe(`${BASE_URL}countries/ru.rss`);
    expect(JSON.parse(renderJsonFeed(topic, ctx)).feed_url).toBe(`${BASE_URL}countries/ru.json`);
  });
});

describe('RSS channel and author (feed: empty description, link "undefined", names in <author>)', () => {
  it('channel description and link are filled in, and a bare name is never an <author>', { timeout: VALIDATOR_TIMEOUT }, async () => {
    const topic: TopicFeed = {
      id: 'bare',
      title: 'Bare',
      path: 'bare',
      stories: [story(1, article({ sourceId: 'daily', title: 'Bob’s', link: 'https://daily.example.net/b', author: 'Bob' }))],
    };
    const { rss } = await renderAllAndValidate(topic);
    const $ = xml(rss);
    expect($('channel > description').text()).not.toBe('');
    expect($('channel > link').text()).toBe(`${BASE_URL}bare.html`);
    expect($('item > author')).toHaveLength(0);
    expect($('item > dc\\:creator').text()).toBe('Bob');
  });
});
