import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parse/index.js';
import { ROOT, seedArticles } from '../helpers/shared.js';

const fixture = (name: string) => readFileSync(resolve(ROOT, 'tests/fixtures/parse', name), 'utf8');
const ctx = { url: 'https://news.example.org/world/feed/' };


describe('RSS 2.0 (WordPress-style feed of the seed articles)', () => {
  it('reads the channel and every item with its raw fields', async () => {
    const feed = await parseFeed(fixture('seed-wordpress.rss'), ctx);
    expect(feed).toMatchObject({
      format: 'rss',
      title: 'World Politics – Sample Desk',
      link: 'https://news.example.org/',
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

  it('treats a link without rel as the alternate link, resolved against the document URL, and keeps an unreadable date as found', async () => {
    const feed = await parseFeed(fixture('atom-alternate.atom'), ctx);
    expect(feed.items[1]).toMatchObject({
      link: 'https://news.example.org/2024/03/no-rel.html',
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
      titleIsText: true,
      // Plain text: tags would be shown as text, entities and "&" read as HTML reads them.
      summaryHtml: 'Delegations met again & talked.',
      contentHtml: '<p>Delegations met <b>again</b>.</p>',
    });
    expect(feed.items[1]).toMatchObject({
      guid: '2',
      link: 'https://elsewhere.example.org/story',
      author: 'Dispatch Desk',
      contentHtml: 'Plain text with &lt;angle brackets&gt; & ampersands.',
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

describe('RSS 0.90 to 0.94', () => {
  it.each(['0.91', '0.92', '0.93', '0.94'])('reads RSS %s items with their description as HTML', async (version) => {
    const feed = await parseFeed(
      `<?xml version="1.0"?><rss version="${version}"><channel><title>Old</title><link>https://old.example/</link><language>en-us</language>
        <item><title>Item &amp; more</title><link>https://old.example/1</link><description>&lt;b&gt;Bold&lt;/b&gt; text</description></item>
      </channel></rss>`,
      ctx,
    );
    expect(feed).toMatchObject({ format: 'rss', title: 'Old', link: 'https://old.example/', language: 'en-us' });
    expect(feed.items).toEqual([
      expect.objectContaining({ title: 'Item & more', link: 'https://old.example/1', summaryHtml: '<b>Bold</b> text' }),
    ]);
  });

  it('reads RSS 0.90 (RDF with the Netscape namespace)', async () => {
    const feed = await parseFeed(
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
        <channel><title>Mozilla Dot Org</title><link>http://www.mozilla.org</link></channel>
        <item><title>New Status Updates</title><link>http://www.mozilla.org/status/</link></item>
        <item><title>Bugzilla Reorganized</title><link>http://www.mozilla.org/bugs/</link></item>
      </rdf:RDF>`,
      ctx,
    );
    expect(feed).toMatchObject({ format: 'rdf', title: 'Mozilla Dot Org', link: 'http://www.mozilla.org/' });
    expect(feed.items.map((item) => item.title)).toEqual(['New Status Updates', 'Bugzilla Reorganized']);
  });

  it('finds items outside the channel and items nested in items, as feedparser does', async () => {
    const feed = await parseFeed(
      `<rss version="0.91"><channel><title>T</title></channel>
        <item><title>Outside</title><link>https://a.example/1</link></item>
        <item><title>Outer</title><link>https://a.example/2</link><item/></item>
      </rss>`,
      ctx,
    );
    expect(feed.items.map((item) => item.title)).toEqual(['Outside', 'Outer', undefined]);
    expect(feed.items[1]!.link).toBe('https://a.example/2');
  });

  it('reads <rss> without a channel as a feed without items, with a warning', async () => {
    const feed = await parseFeed('<rss version="2.0"></rss>', ctx);
    expect(feed).toMatchObject({ format: 'rss', items: [], warnings: ['the <rss> document has no <channel>'] });
  });
});

describe('RSS namespaces', () => {
  it('reads dc:creator, dc:date, dc:subject, dc:language and content:encoded', async () => {
    const feed = await parseFeed(fixture('namespaces.rss'), ctx);
    expect(feed).toMatchObject({ title: 'Namespaced News', link: 'https://ns.example.com/', language: 'es' });
    expect(feed.items).toHaveLength(4);
    expect(feed.items[0]).toMatchObject({
      author: 'Ana Ruiz, Luis Gil',
      published: '2024-06-01T10:00:00+02:00',
      categories: ['Mundo', 'Política'],
      language: 'ca',
      summaryHtml: 'Short description.',
      contentHtml: '<p>Full body with a <a href="/rel">relative link</a>.</p>',
      baseUrl: ctx.url,
    });
  });

  it('takes the link from atom:link and the summary and thumbnail from Media RSS inside media:group', async () => {
    const item = (await parseFeed(fixture('namespaces.rss'), ctx)).items[1]!;
    expect(item).toMatchObject({
      guid: 'ns-2',
      link: 'https://ns.example.com/2',
      // type="plain": the text is escaped, never read as markup.
      mediaDescriptionHtml: 'A video about &lt;tags&gt; &amp; more.',
      thumbnail: 'https://news.example.org/thumbs/2.jpg',
    });
    expect(item.summaryHtml).toBeUndefined();
  });

  it('decodes a description escaped twice once, and takes an image enclosure as the thumbnail', async () => {
    const item = (await parseFeed(fixture('namespaces.rss'), ctx)).items[2]!;
    // Once only: the escaped "&lt;script&gt;" the author wrote as text stays text.
    expect(item.summaryHtml).toBe('<p>Escaped <b>twice</b>; &lt;script&gt; stays text.</p>');
    expect(item.thumbnail).toBe('https://ns.example.com/3.jpg');
  });

  it('reads itunes:author, itunes:summary (plain text) and itunes:image', async () => {
    const item = (await parseFeed(fixture('namespaces.rss'), ctx)).items[3]!;
    expect(item).toMatchObject({
      author: 'Pod Host',
      summaryHtml: 'Episode &lt;summary&gt; in plain text.',
      thumbnail: 'https://ns.example.com/4.png',
    });
  });

  it('reads elements whose conventional prefix the feed forgot to declare', async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>T</title><item><title>x</title><dc:creator>Undeclared</dc:creator>
        <content:encoded>&lt;p&gt;body&lt;/p&gt;</content:encoded></item></channel></rss>`,
      ctx,
    );
    expect(feed.items[0]).toMatchObject({ author: 'Undeclared', contentHtml: '<p>body</p>' });
  });
});

describe('Atom text constructs', () => {
  const entry = async (title: string, content: string) =>
    (
      await parseFeed(
        `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>1</id>${title}${content}</entry></feed>`,
        ctx,
      )
    ).items[0]!;

  it('escapes type="text" (the default) so that it is never read as markup', async () => {
    const item = await entry('<title type="text">Use &lt;b&gt; &amp;amp; &lt;/b&gt;</title>', '<content>x &lt; y &amp;&amp; <![CDATA[<i>]]></content>');
    expect(item).toMatchObject({ title: 'Use &lt;b&gt; &amp;amp; &lt;/b&gt;', titleIsText: true, contentHtml: 'x &lt; y &amp;&amp; &lt;i&gt;' });
  });

  it('reads type="html" as escaped HTML', async () => {
    const item = await entry('<title type="html">A &lt;em&gt;big&lt;/em&gt; day</title>', '<content type="html">&lt;p&gt;Hi&lt;/p&gt;</content>');
    expect(item).toMatchObject({ title: 'A <em>big</em> day', contentHtml: '<p>Hi</p>' });
    expect(item.titleIsText).toBeUndefined();
  });

  it('reads type="xhtml" in order, without the wrapping div, namespace prefixes or declarations', async () => {
    const item = await entry(
      '<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">An <b>xhtml</b> title</div></title>',
      '<content type="xhtml"><xh:div xmlns:xh="http://www.w3.org/1999/xhtml"><xh:p>Hello <xh:b>world</xh:b> again &amp; <xh:a href="x" xml:lang="en">x</xh:a> end<xh:br/></xh:p></xh:div></content>',
    );
    expect(item.title).toBe('An <b>xhtml</b> title');
    expect(item.contentHtml).toBe('<p>Hello <b>world</b> again &amp; <a href="x">x</a> end<br></p>');
  });

  it('ignores content that lives elsewhere (src) or is not text', async () => {
    const item = await entry('<title>t</title>', '<content src="https://x.example/body.html" type="text/html"/><summary type="image/png">iVBORw0KGgo=</summary>');
    expect(item.contentHtml).toBeUndefined();
    expect(item.summaryHtml).toBeUndefined();
  });
});

describe('Atom 0.3', () => {
  it('reads escaped, inline XML and base64 content, issued/created/modified dates and the feed author', async () => {
    const feed = await parseFeed(fixture('atom03.xml'), ctx);
    // The feed title is plain text: escaped HTML decoded.
    expect(feed).toMatchObject({ format: 'atom', title: 'Le Carnet & Cie', link: 'https://carnet.example.fr/', language: 'fr' });
    expect(feed.items[0]).toMatchObject({
      title: 'Escaped HTML, an issued date',
      titleIsText: true,
      link: 'https://carnet.example.fr/2005/03/escaped',
      published: '2005-03-10T08:00:00+01:00',
      updated: '2005-03-10T09:00:00Z',
      author: 'Claire',
      summaryHtml: 'Plain &lt;summary&gt; text',
      contentHtml: '<p>Escaped <em>HTML</em> body.</p>',
      language: 'fr',
    });
    expect(feed.items[1]).toMatchObject({ published: '2005-03-09T08:00:00Z', contentHtml: '<p>Inline <b>XHTML</b> body.</p>' });
    expect(feed.items[2]!.contentHtml).toBe('<p>From <strong>base64</strong>.</p>');
  });
});

describe('xml:base', () => {
  it('resolves links against the base of the feed, the entry or the link element itself', async () => {
    const feed = await parseFeed(fixture('xml-base.atom'), ctx);
    expect(feed.link).toBe('https://blog.example.com/journal/');
    expect(feed.items.map((item) => item.link)).toEqual([
      'https://blog.example.com/journal/2024/05/first-post.html',
      'https://other.example.org/elsewhere/second.html',
    ]);
  });

  it('gives the content its own base when its xml:base differs from the entry', async () => {
    const [first, second] = (await parseFeed(fixture('xml-base.atom'), ctx)).items;
    expect(first).toMatchObject({ baseUrl: 'https://blog.example.com/journal/2024/05/', contentBaseUrl: 'https://blog.example.com/media/' });
    expect(first!.summaryBaseUrl).toBeUndefined();
    expect(second).toMatchObject({ baseUrl: 'https://blog.example.com/journal/', contentBaseUrl: 'https://cdn.example.net/img/' });
  });
});

describe('an Atom feed wrapped in an XHTML page', () => {
  it('is read from inside the page', async () => {
    const feed = await parseFeed(
      `<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
      <html xmlns="http://www.w3.org/1999/xhtml"><body><feed xmlns="http://www.w3.org/2005/Atom"><title>Inside</title>
        <entry><id>1</id><title>Wrapped</title><link href="https://w.example/1"/></entry></feed></body></html>`,
      ctx,
    );
    expect(feed).toMatchObject({ format: 'atom', title: 'Inside' });
    expect(feed.items).toEqual([expect.objectContaining({ title: 'Wrapped', link: 'https://w.example/1' })]);
  });
});

describe('JSON Feed extras', () => {
  it('keeps epoch-number dates as found, and reads the item language and image', async () => {
    const feed = await parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        items: [{ id: 'a', url: '/a', title: 'Die Rückkehr von <i> und <b>', date_published: 1704067200, date_modified: 1704067200123, language: 'de', image: 'img/a.png' }],
      }),
      ctx,
    );
    expect(feed.items[0]).toMatchObject({
      link: 'https://news.example.org/a',
      title: 'Die Rückkehr von &lt;i&gt; und &lt;b&gt;',
      titleIsText: true,
      published: '1704067200',
      updated: '1704067200123',
      language: 'de',
      thumbnail: 'https://news.example.org/world/feed/img/a.png',
    });
  });
});

describe('the syndication module', () => {
  it('gives sy:updatePeriod / sy:updateFrequency as minutes, in RSS and in Atom', async () => {
    const rssFeed = await parseFeed(
      `<rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>T</title>
        <sy:updatePeriod> weekly </sy:updatePeriod><sy:updateFrequency>14</sy:updateFrequency></channel></rss>`,
      ctx,
    );
    expect(rssFeed.updatePeriodMinutes).toBe(720);
    const atomFeed = await parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><title>T</title>
        <sy:updatePeriod>hourly</sy:updatePeriod></feed>`,
      ctx,
    );
    expect(atomFeed.updatePeriodMinutes).toBe(60);
    const bogus = await parseFeed('<rss><channel><title>T</title><sy:updatePeriod>fortnightly</sy:updatePeriod></channel></rss>', ctx);
    expect(bogus.updatePeriodMinutes).toBeUndefined();
  });
});
