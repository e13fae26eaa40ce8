import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/fetch/index.js';
import type { Article } from '../../src/model.js';
import { normalizeItem } from '../../src/normalize/index.js';
import { parseFeed } from '../../src/parse/index.js';
import { sharedPath } from '../helpers/shared.js';

const NOW = Date.UTC(2026, 0, 1);
const FEED_URL = 'https://corpus.example/feeds/feed.xml';

/** Every article the external corpus yields, read the way the pipeline reads it. */
async function corpusArticles(): Promise<{ file: string; items: number; articles: Article[] }[]> {
  const files = readFileSync(sharedPath('corpus/MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t')[0]!);
  const results = [];
  for (const file of files) {
    let bytes = readFileSync(sharedPath('corpus', file));
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    const feed = await parseFeed(decodeBody(bytes).text, { url: FEED_URL }).catch(() => undefined);
    if (!feed) continue;
    const context = { sourceId: file, baseUrl: FEED_URL, siteUrl: feed.link, language: feed.language, now: NOW };
    const articles = feed.items.map((item) => normalizeItem(item, context)).filter((article) => article !== null);
    results.push({ file, items: feed.items.length, articles });
  }
  return results;
}

/** Elements and attributes of sanitised HTML that could run script or load active content. */
function unsafeMarkup(html: string): string[] {
  const $ = load(html, null, false);
  const found = $('script, style, iframe, object, embed, form, svg, math, link, meta, base')
    .toArray()
    .map((element) => `<${element.tagName}>`);
  for (const element of $.root().find('*').toArray()) {
    for (const [name, value] of Object.entries(element.attribs)) {
      if (/^on/i.test(name) || name === 'style') found.push(`${element.tagName}[${name}]`);
      if ((name === 'href' || name === 'src') && !/^(https?:|mailto:|data:image\/)/i.test(value)) found.push(`${element.tagName}[${name}=${value}]`);
    }
  }
  return found;
}

describe('normalizing every item of the external corpus', () => {
  it('gives clean articles: short plain summaries, http(s) links, no script in content, sane dates', async () => {
    const results = await corpusArticles();
    const articles = results.flatMap((result) => result.articles);
    const items = results.reduce((sum, result) => sum + result.items, 0);
    expect(articles.length).toBeGreaterThan(5000);
    console.log(`corpus: ${articles.length} articles from ${items} items of ${results.length} feeds`);

    for (const article of articles) {
      const where = `${article.sourceId}: ${article.title}`;
      expect(article.title, where).not.toBe('');
      expect(article.title, where).not.toMatch(/\s{2}|^\s|\s$/);
      expect(article.summary.length, where).toBeLessThanOrEqual(500);
      // Plain text on one line; "<" may remain where a feed escaped it as text (code samples).
      expect(article.summary, where).not.toMatch(/\s{2}|\n|^\s|\s$/);
      if (article.link !== undefined) expect(article.link, where).toMatch(/^https?:\/\//);
      if (article.contentHtml !== undefined) expect(unsafeMarkup(article.contentHtml), where).toEqual([]);
      expect(article.publishedAt, where).toBeLessThanOrEqual(NOW + 24 * 60 * 60 * 1000);
      expect(article.updatedAt, where).toBeGreaterThanOrEqual(article.publishedAt);
    }

    const withoutDate = articles.filter((article) => article.publishedAt === NOW);
    console.log(`articles without a readable date: ${withoutDate.length}`);
    expect(withoutDate.length / articles.length).toBeLessThan(0.1);
  });
});
