import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parse/index.js';
import { ROOT, sharedPath } from '../helpers/shared.js';

const fixture = (name: string) => readFileSync(resolve(ROOT, 'tests/fixtures/parse', name), 'utf8');
const ctx = { url: 'https://news.example.org/world/feed/' };

/** Headline/excerpt pairs of the seed sample. */
function seedArticles(): { title: string; excerpt: string }[] {
  const blocks = readFileSync(sharedPath('seed/articles.txt'), 'utf8')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean);
  const pairs = [];
  for (let i = 0; i < blocks.length; i += 2) pairs.push({ title: blocks[i]!, excerpt: blocks[i + 1]! });
  return pairs;
}

describe('RSS 2.0 (WordPress-style feed of the seed articles)', () => {
  it('reads the channel and every item with its raw fields', async () => {
    const feed = await parseFeed(fixture('seed-wordpress.rss'), ctx);
    expect(feed).toMatchObject({
      format: 'rss',
      title: 'World Politics – Sample Desk',
      link: 'https://news.example.org',
      language: 'en-US',
      ttlMinutes: 30,
      warnings: [],
    });
    const seed = seedArticles();
    expect(feed.items.map((item) => item.title)).toEqual(seed.map((article) => article.title));
    expect(feed.items[0]).toMatchObject({
      guid: 'https://news.example.org/?p=101',
      link: 'https://news.example.org/russia-who-is-boris-kagarlitsky-and-why-is-he-being-prosecut/',
      published: 'Tue, 01 Aug 2023 14:00:00 +0000',
      author: 'Editorial Board',
      categories: ['Russia', 'International'],
    });
    expect(feed.items[0]!.summaryHtml).toContain('appeared first on');
    expect(feed.items[0]!.contentHtml).toContain('The article continues here.');
    expect(feed.items[1]!.summaryHtml).toContain('[&#8230;]');
  });

  it('reads <rss> without a version attribute as RSS 2.0', async () => {
    const feed = await parseFeed(
      '<rss><channel><title>T</title><item><title>One</title><link>https://a.example/1</link></item></channel></rss>',
      ctx,
    );
    expect(feed.items).toEqual([expect.objectContaining({ title: 'One', link: 'https://a.example/1' })]);
  });

  it('uses a permalink guid as the link when the item has no <link>', async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>T</title>
        <item><title>A</title><guid>https://a.example/permalink</guid></item>
        <item><title>B</title><guid isPermaLink="false">https://a.example/not-a-link</guid></item>
      </channel></rss>`,
      ctx,
    );
    expect(feed.items[0]).toMatchObject({ guid: 'https://a.example/permalink', link: 'https://a.example/permalink' });
    expect(feed.items[1]!.link).toBeUndefined();
    expect(feed.items[1]!.guid).toBe('https://a.example/not-a-link');
  });
});

describe('Atom', () => {
  it('takes the HTML rel="alternate" link, not the first one, and reads authors, categories and content', async () => {
    const feed = await parseFeed(fixture('atom-alternate.atom'), ctx);
    expect(feed).toMatchObject({ format: 'atom', title: 'Auslandsdienst', link: 'https://example.net/', language: 'de-DE' });
    expect(feed.items[0]).toMatchObject({
      guid: 'tag:example.net,2024:entry-1',
      link: 'https://example.net/2024/03/energy-pact.html',
      title: 'Berlin &amp; Paris agree on <em>energy</em> pact',
      published: '2024-03-05T07:30:00+01:00',
      updated: '2024-03-05T09:15:00+01:00',
      author: 'Anna Schmidt, Jean Dupont',
      categories: ['Europe', 'energy'],
      summaryHtml: '<p>The two governments signed a pact.</p>',
    });
    expect(feed.items[0]!.contentHtml).toContain('<strong>text</strong>');
  });

  it('treats a link without rel as the alternate link and keeps an unreadable date as found', async () => {
    const feed = await parseFeed(fixture('atom-alternate.atom'), ctx);
    expect(feed.items[1]).toMatchObject({
      link: '/2024/03/no-rel.html',
      published: 'sometime last week',
      contentHtml: '<p>Relative link above, unreadable date.</p>',
    });
  });

  it('reads an Atom feed whose elements carry a namespace prefix', async () => {
    const feed = await parseFeed(
      `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>Prefixed</a:title>
        <a:entry><a:id>urn:1</a:id><a:title>Entry</a:title><a:link href="https://p.example/1"/>
        <a:updated>2024-01-01T00:00:00Z</a:updated></a:entry></a:feed>`,
      ctx,
    );
    expect(feed).toMatchObject({ format: 'atom', title: 'Prefixed' });
    expect(feed.items).toEqual([
      expect.objectContaining({ guid: 'urn:1', title: 'Entry', link: 'https://p.example/1', updated: '2024-01-01T00:00:00Z' }),
    ]);
  });
});

describe('RSS 1.0 (RDF)', () => {
  it('reads items beside the channel with their Dublin Core fields', async () => {
    const feed = await parseFeed(fixture('rdf.rdf'), ctx);
    expect(feed).toMatchObject({ format: 'rdf', title: 'Regional Wire', link: 'https://example.org/', language: 'fr' });
    expect(feed.items).toHaveLength(2);
    expect(feed.items[0]).toMatchObject({
      guid: 'https://example.org/a/1',
      link: 'https://example.org/a/1',
      title: 'Elections called in Senegal',
      published: '2024-02-20T10:00:00+00:00',
      author: 'Awa Diop',
      categories: ['Africa'],
      summaryHtml: 'The president set a date.',
    });
  });
});

describe('JSON Feed', () => {
  it('maps JSON Feed 1.1 items, skipping what has the wrong type with a warning', async () => {
    const feed = await parseFeed(fixture('jsonfeed-1.1.json'), ctx);
    expect(feed).toMatchObject({ format: 'json', title: 'Dispatches', link: 'https://dispatch.example.com/', language: 'en' });
    expect(feed.items).toHaveLength(3);
    expect(feed.items[0]).toMatchObject({
      guid: 'https://dispatch.example.com/p/1',
      link: 'https://dispatch.example.com/p/1',
      title: 'Talks resume in Geneva',
      published: '2024-04-01T12:00:00Z',
      updated: '2024-04-01T13:00:00Z',
      author: 'Maria Rossi, Li Wei',
      categories: ['diplomacy', 'Switzerland'],
      summaryHtml: 'Delegations met again &amp; talked.',
      contentHtml: '<p>Delegations met <b>again</b>.</p>',
    });
    expect(feed.items[1]).toMatchObject({
      guid: '2',
      link: 'https://elsewhere.example.org/story',
      author: 'Dispatch Desk',
      contentHtml: 'Plain text with &lt;angle brackets&gt; &amp; ampersands.',
    });
    expect(feed.items[2]).toMatchObject({ guid: '3', categories: ['one', 'two'] });
    expect(feed.items[2]!.title).toBeUndefined();
    expect(feed.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/skipped an item that is a string.*item 3/),
        expect.stringMatching(/ignored "title" that is a number.*item 4/),
      ]),
    );
  });

  it('reads JSON Feed 1.0 with a single "author" object', async () => {
    const feed = await parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1',
        title: 'Old',
        items: [{ id: 'a', url: 'https://o.example/a', content_text: 'x', author: { name: 'Solo' } }],
      }),
      ctx,
    );
    expect(feed.items[0]).toMatchObject({ guid: 'a', author: 'Solo' });
  });

  it('rejects JSON that is not a JSON Feed, or has no items list', async () => {
    await expect(parseFeed('{"rss": {"channel": {}}}', ctx)).rejects.toMatchObject({ code: 'unsupported' });
    await expect(parseFeed('{"version": "https://jsonfeed.org/version/1.1", "items": {}}', ctx)).rejects.toMatchObject({
      code: 'malformed',
    });
  });

  it('reports where invalid JSON breaks', async () => {
    const missingComma = '{\n  "version": "https://jsonfeed.org/version/1.1"\n  "items": []\n}';
    await expect(parseFeed(missingComma, ctx)).rejects.toMatchObject({ name: 'ParseError', code: 'malformed', line: 3, column: 3 });
    const truncated = '{\n  "version": "https://jsonfeed.org/version/1.1",\n  "items": [';
    await expect(parseFeed(truncated, ctx)).rejects.toMatchObject({ code: 'malformed', line: 3, column: 13 });
  });
});
