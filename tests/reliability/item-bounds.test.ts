import { describe, expect, it } from 'vitest';
import type { RawItem } from '../../src/model.js';
import { MAX_HTML_DEPTH, MAX_TITLE_LENGTH, normalizeItem, normalizeNewest, type NormalizeContext } from '../../src/normalize/index.js';
import { ParseError, parseFeed } from '../../src/parse/index.js';

// The bounds on what one document or item may cost, at the stage that applies
// each: nesting depth (parse, normalize), title length and the per-poll item cap
// (normalize). hostile-documents.test.ts runs the same cases through a cycle.

const NOW = Date.UTC(2026, 0, 10, 12);
const HOUR = 3_600_000;
const ctx: NormalizeContext = { sourceId: 'src', baseUrl: 'https://feeds.example.test/rss.xml', now: NOW };
const item = (fields: Partial<RawItem>): RawItem => ({ categories: [], ...fields });
const nested = (depth: number, tag: string, inner: string) => `${`<${tag}>`.repeat(depth)}${inner}${`</${tag}>`.repeat(depth)}`;

function collect(): { warn: (problem: string) => void; problems: string[] } {
  const problems: string[] = [];
  return { warn: (problem) => problems.push(problem), problems };
}

describe('element nesting in a feed document', () => {
  const feed = (description: string) =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Deep</title><guid>g</guid><description>${description}</description></item></channel></rss>`;

  it('deeper than 1,000 levels is a malformed document that says so', async () => {
    const error = await parseFeed(feed(nested(5000, 'x', 'deep')), { url: ctx.baseUrl }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ParseError);
    expect(error).toMatchObject({ code: 'malformed', message: 'elements nested deeper than 1,000 levels (<x> elements); no feed nests that deep' });
  });

  it('just within the bound is read, and its item normalized', async () => {
    // rss > channel > item > description: four levels before the content's own.
    const parsed = await parseFeed(feed(nested(MAX_HTML_DEPTH - 4, 'div', 'deep')), { url: ctx.baseUrl });
    expect(normalizeItem(parsed.items[0]!, ctx)?.summary).toBe('deep');
  });
});

describe('HTML nesting in an item', () => {
  it('deeper than 1,000 levels keeps only the text of the field, with a warning naming it', () => {
    const { warn, problems } = collect();
    const article = normalizeItem(item({ title: 'Deep', summaryHtml: nested(50_000, 'div', 'the <b>text</b> &amp; more') }), { ...ctx, warn });
    expect(article?.summary).toBe('the text & more');
    expect(problems).toEqual(['summary HTML nested deeper than 1,000 levels: only its text was kept']);
  });

  it('within the bound is read as HTML, without a warning', () => {
    const { warn, problems } = collect();
    const article = normalizeItem(item({ title: 'Deep', contentHtml: nested(MAX_HTML_DEPTH - 1, 'div', '<p>para</p>') }), { ...ctx, warn });
    expect(article?.contentHtml).toBe('<p>para</p>');
    expect(problems).toEqual([]);
  });
});

describe('title length', () => {
  it(`cuts a title over ${MAX_TITLE_LENGTH} characters at a word boundary with an ellipsis, with a warning`, () => {
    const { warn, problems } = collect();
    const title = 'word '.repeat(1000).trim();
    const article = normalizeItem(item({ title }), { ...ctx, warn })!;
    expect(article.title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
    expect(article.title).toMatch(/^(word )+word…$/);
    expect(problems).toEqual(['title cut to 1,000 characters']);
  });

  it(`keeps a title of ${MAX_TITLE_LENGTH} characters as it is`, () => {
    const { warn, problems } = collect();
    expect(normalizeItem(item({ title: 'x'.repeat(MAX_TITLE_LENGTH) }), { ...ctx, warn })!.title).toHaveLength(MAX_TITLE_LENGTH);
    expect(problems).toEqual([]);
  });
});

describe('normalizeNewest', () => {
  const dated = (title: string, hoursAgo: number, extra: Partial<RawItem> = {}) =>
    item({ title, published: new Date(NOW - hoursAgo * HOUR).toUTCString(), ...extra });

  it('returns the newest articles first, document order among equal dates, up to the cap', () => {
    const items = [dated('old', 5), dated('newest', 1), dated('tie A', 2), dated('tie B', 2), dated('older', 3)];
    expect(normalizeNewest(items, ctx, 3).articles.map((a) => a.title)).toEqual(['newest', 'tie A', 'tie B']);
    expect(normalizeNewest(items, ctx, 10).articles.map((a) => a.title)).toEqual(['newest', 'tie A', 'tie B', 'older', 'old']);
  });

  it('skips items without a title, link or summary and fills the cap from older ones', () => {
    const items = [dated('kept', 3), item({ published: new Date(NOW - HOUR).toUTCString() }), dated('also kept', 4)];
    expect(normalizeNewest(items, ctx, 2).articles.map((a) => a.title)).toEqual(['kept', 'also kept']);
  });

  it('never cleans the items past the cap: their problems are not even seen', () => {
    const items = [dated('new', 1), dated('T'.repeat(5000), 10)];
    expect(normalizeNewest(items, ctx, 1)).toMatchObject({ articles: [{ title: 'new' }], warnings: [] });
    expect(normalizeNewest(items, ctx, 2).warnings).toEqual(['title cut to 1,000 characters (1 item)']);
  });

  it('counts a problem once per kind, with how many items had it', () => {
    const items = [dated('T'.repeat(2000), 1), dated('U'.repeat(2000), 2), dated('fine', 3, { summaryHtml: nested(2000, 'i', 'x') })];
    expect(normalizeNewest(items, ctx, 10).warnings).toEqual([
      'title cut to 1,000 characters (2 items)',
      'summary HTML nested deeper than 1,000 levels: only its text was kept (1 item)',
    ]);
  });
});
