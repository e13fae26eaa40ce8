import { describe, expect, it } from 'vitest';
import type { RawItem } from '../../src/model.js';
import { normalizeItem } from '../../src/normalize/index.js';
import { seedArticles } from '../helpers/shared.js';

const NOW = Date.UTC(2023, 7, 2, 12, 0, 0);
const ctx = { sourceId: 'world-politics', baseUrl: 'https://news.example.org/world/feed/', language: 'en', now: NOW };


const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The item as a WordPress feed carries it: numeric references, "[&#8230;]" and the "The post … appeared first on …" footer. */
function wordpressItem(title: string, excerpt: string, index: number): RawItem {
  const link = `https://news.example.org/${index}/`;
  return {
    guid: ` https://news.example.org/?p=${100 + index} `,
    link,
    title,
    published: 'Tue, 01 Aug 2023 14:00:00 +0000',
    author: 'Editorial Board',
    categories: ['Russia', ' International ', 'russia', ''],
    summaryHtml:
      `<p>${escapeHtml(excerpt).replace('[…]', '[&#8230;]')}</p>\n` +
      `<p>The post <a href="${link}">${escapeHtml(title)}</a> appeared first on <a href="https://news.example.org">World Politics</a>.</p>`,
    contentHtml: `<p>${escapeHtml(excerpt)}</p><p><a href="/about/">About</a></p>`,
  };
}

describe('the 12 seed articles', () => {
  const seed = seedArticles();

  it('has 12 headline/excerpt pairs, 5 of them cut with "[…]"', () => {
    expect(seed).toHaveLength(12);
    expect(seed.filter((article) => article.excerpt.endsWith('[…]'))).toHaveLength(5);
  });

  it('become articles whose summary is the excerpt without WordPress boilerplate', () => {
    seed.forEach(({ title, excerpt }, index) => {
      const article = normalizeItem(wordpressItem(title, excerpt, index), ctx);
      expect(article).not.toBeNull();
      expect(article!.title).toBe(title);
      expect(article!.summary).toBe(excerpt.replace(/\s*\[…\]$/, '…'));
      expect(article!.summary).not.toContain('[…]');
      expect(article!.summary).not.toContain('appeared first on');
      expect(article).toMatchObject({
        sourceId: 'world-politics',
        guid: `https://news.example.org/?p=${100 + index}`,
        link: `https://news.example.org/${index}/`,
        author: 'Editorial Board',
        categories: ['Russia', 'International'],
        language: 'en',
        publishedAt: Date.UTC(2023, 7, 1, 14, 0, 0),
        updatedAt: Date.UTC(2023, 7, 1, 14, 0, 0),
      });
      expect(article!.publishedRaw).toBe('Tue, 01 Aug 2023 14:00:00 +0000');
      expect(article!.contentHtml).toContain('<a href="https://news.example.org/about/" rel="noopener noreferrer">About</a>');
    });
  });
});
