import { describe, expect, it } from 'vitest';
import type { RawItem } from '../../src/model.js';
import { normalizeItem, type NormalizeContext } from '../../src/normalize/index.js';

const NOW = Date.UTC(2024, 2, 10, 12, 0, 0);
const HOUR = 60 * 60 * 1000;
const ctx: NormalizeContext = { sourceId: 'src', baseUrl: 'https://feeds.example.com/news/rss.xml', now: NOW };
const item = (fields: Partial<RawItem>): RawItem => ({ categories: [], ...fields });

describe('normalizeItem: titles', () => {
  it('removes HTML, decodes entities once more for double-escaped titles and collapses whitespace', () => {
    expect(normalizeItem(item({ title: 'Q&amp;amp;A:\n  <em>Allies</em> &amp;#8217;s plan' }), ctx)!.title).toBe('Q&A: Allies ’s plan');
    expect(normalizeItem(item({ title: 'Tom &amp; Jerry' }), ctx)!.title).toBe('Tom & Jerry');
  });

  it('removes markup that was escaped twice', () => {
    const title = 'Moving &quot;private&quot; entries to &lt;a href=&quot;https://blog.example&quot;&gt;the blog&lt;/a&gt;';
    expect(normalizeItem(item({ title }), ctx)!.title).toBe('Moving "private" entries to the blog');
  });

  it('keeps a literal "<" of a title that was escaped once', () => {
    expect(normalizeItem(item({ title: 'Inflation &lt; 2% in March' }), ctx)!.title).toBe('Inflation < 2% in March');
  });

  it('uses the first sentence of the summary when the title is missing', () => {
    const article = normalizeItem(
      item({ summaryHtml: '<p>Parliament approved the budget after a long night. The vote was close.</p>' }),
      ctx,
    );
    expect(article!.title).toBe('Parliament approved the budget after a long night.');
  });

  it('cuts a title taken from a long summary', () => {
    const long = `${'word '.repeat(100)}end.`;
    const title = normalizeItem(item({ summaryHtml: long }), ctx)!.title;
    expect(title.length).toBeLessThanOrEqual(160);
    expect(title.endsWith('…')).toBe(true);
  });
});

describe('normalizeItem: links and ids', () => {
  it('makes a relative link absolute against the feed URL', () => {
    expect(normalizeItem(item({ title: 't', link: '../2024/story.html' }), ctx)!.link).toBe('https://feeds.example.com/2024/story.html');
    expect(normalizeItem(item({ title: 't', link: '/a?b=1' }), ctx)!.link).toBe('https://feeds.example.com/a?b=1');
  });

  it('drops links that are not http(s)', () => {
    for (const link of ['javascript:alert(1)', 'mailto:a@b.example', 'ftp://files.example/x', 'data:text/html,x', 'http://[bad']) {
      expect(normalizeItem(item({ title: 't', link }), ctx)!.link, link).toBeUndefined();
    }
  });

  it('trims the guid and drops an empty one', () => {
    expect(normalizeItem(item({ title: 't', guid: '  urn:x:1 \n' }), ctx)!.guid).toBe('urn:x:1');
    expect(normalizeItem(item({ title: 't', guid: '   ' }), ctx)!.guid).toBeUndefined();
  });
});

describe('normalizeItem: dates', () => {
  it('reads the published and updated dates', () => {
    const article = normalizeItem(item({ title: 't', published: '2024-03-09T10:00:00Z', updated: '2024-03-09T11:00:00Z' }), ctx)!;
    expect(article.publishedAt).toBe(Date.UTC(2024, 2, 9, 10));
    expect(article.updatedAt).toBe(Date.UTC(2024, 2, 9, 11));
    expect(article.publishedRaw).toBe('2024-03-09T10:00:00Z');
  });

  it('uses the first-seen time when the date is missing', () => {
    const article = normalizeItem(item({ title: 't' }), ctx)!;
    expect(article).toMatchObject({ publishedAt: NOW, updatedAt: NOW });
    expect(article.publishedRaw).toBeUndefined();
  });

  it('uses the first-seen time and keeps the string when the date cannot be read', () => {
    expect(normalizeItem(item({ title: 't', published: 'last Tuesday' }), ctx)).toMatchObject({
      publishedAt: NOW,
      updatedAt: NOW,
      publishedRaw: 'last Tuesday',
    });
  });

  it('falls back to the updated date when there is no published date', () => {
    const article = normalizeItem(item({ title: 't', updated: '2024-03-01T00:00:00Z' }), ctx)!;
    expect(article.publishedAt).toBe(Date.UTC(2024, 2, 1));
    expect(article.publishedRaw).toBe('2024-03-01T00:00:00Z');
  });

  it('clamps dates more than 24 hours ahead to the first-seen time and keeps the original', () => {
    const future = new Date(NOW + 48 * HOUR).toISOString();
    expect(normalizeItem(item({ title: 't', published: future, updated: future }), ctx)).toMatchObject({
      publishedAt: NOW,
      updatedAt: NOW,
      publishedRaw: future,
    });
  });

  it('accepts a date a few hours ahead (clock skew)', () => {
    const soon = new Date(NOW + 3 * HOUR).toISOString();
    const article = normalizeItem(item({ title: 't', published: soon }), ctx)!;
    expect(article.publishedAt).toBe(NOW + 3 * HOUR);
    expect(article.publishedRaw).toBe(soon);
  });
});

describe('normalizeItem: summary, content and the rest', () => {
  it('takes the summary from the summary field, else from the content', () => {
    expect(normalizeItem(item({ title: 't', summaryHtml: '<p>From summary</p>', contentHtml: '<p>From content</p>' }), ctx)!.summary).toBe(
      'From summary',
    );
    expect(normalizeItem(item({ title: 't', summaryHtml: '<p> </p>', contentHtml: '<p>From content</p>' }), ctx)!.summary).toBe(
      'From content',
    );
  });

  it('shortens a long summary to about 500 characters', () => {
    const summary = normalizeItem(item({ title: 't', contentHtml: `<p>${'sentence words here. '.repeat(100)}</p>` }), ctx)!.summary;
    expect(summary.length).toBeLessThanOrEqual(500);
    expect(summary.endsWith('…')).toBe(true);
  });

  it('sanitises the fullest body, falling back to the summary', () => {
    const full = normalizeItem(
      item({ title: 't', summaryHtml: 'short', contentHtml: '<p onclick="x()">Full <a href="/more">more</a></p><script>x()</script>' }),
      ctx,
    )!;
    expect(full.contentHtml).toBe('<p>Full <a href="https://feeds.example.com/more" rel="noopener noreferrer">more</a></p>');
    expect(normalizeItem(item({ title: 't', summaryHtml: '<b>only</b> summary' }), ctx)!.contentHtml).toBe('<strong>only</strong> summary');
    expect(normalizeItem(item({ title: 't' }), ctx)!.contentHtml).toBeUndefined();
  });

  it('cleans categories and the author, and takes the language from the context', () => {
    const article = normalizeItem(
      item({ title: 't', categories: [' World ', 'world', '', 'Politics &amp; Law', 'Politics & Law'], author: 'desk@example.com (Jane <b>Doe</b>)' }),
      { ...ctx, language: 'en-GB' },
    )!;
    expect(article.categories).toEqual(['World', 'Politics & Law']);
    expect(article.author).toBe('Jane Doe');
    expect(article.language).toBe('en-GB');
  });

  it('returns null for an item with no title, link or summary', () => {
    expect(normalizeItem(item({}), ctx)).toBeNull();
    expect(normalizeItem(item({ title: '  <br> ', link: 'javascript:void(0)', summaryHtml: '<p>&nbsp;</p>', guid: 'x' }), ctx)).toBeNull();
  });

  it('keeps an item that has only a link, titled by its link', () => {
    expect(normalizeItem(item({ link: 'https://a.example/only-link' }), ctx)).toMatchObject({
      title: 'https://a.example/only-link',
      link: 'https://a.example/only-link',
      summary: '',
    });
  });
});
