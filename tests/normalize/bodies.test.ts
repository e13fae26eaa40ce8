import { describe, expect, it } from 'vitest';
import type { RawItem } from '../../src/model.js';
import { detectLanguage, inertText, languageTag, normalizeItem, removeClutter, type NormalizeContext } from '../../src/normalize/index.js';

const NOW = Date.UTC(2024, 2, 10, 12, 0, 0);
const ctx: NormalizeContext = { sourceId: 'src', baseUrl: 'https://feeds.example.com/news/rss.xml', now: NOW };
const item = (fields: Partial<RawItem>): RawItem => ({ categories: [], ...fields });

describe('the summary: the best body field', () => {
  it('skips a description that only repeats the title, or is only a link, for the content', () => {
    const repeated = normalizeItem(
      item({ title: 'Budget passes', summaryHtml: '<p>Budget passes.</p>', contentHtml: '<p>Parliament approved the budget after a long night.</p>' }),
      ctx,
    )!;
    expect(repeated.summary).toBe('Parliament approved the budget after a long night.');
    const onlyLink = normalizeItem(item({ title: 't', summaryHtml: 'https://x.example/story', contentHtml: '<p>The story.</p>' }), ctx)!;
    expect(onlyLink.summary).toBe('The story.');
  });

  it('falls back to media:description when the item has no description or content', () => {
    const article = normalizeItem(item({ title: 'Video', mediaDescriptionHtml: 'A question is the most powerful force.' }), ctx)!;
    expect(article.summary).toBe('A question is the most powerful force.');
    expect(article.contentHtml).toBe('A question is the most powerful force.');
  });

  it('still gives the title-like text when nothing better exists', () => {
    expect(normalizeItem(item({ title: 'Same', summaryHtml: 'Same' }), ctx)!.summary).toBe('Same');
  });

  it('drops tracking pixels and share widgets from the summary and the content', () => {
    const html =
      '<p>The real text.</p>' +
      '<div class="feedflare"><a href="http://feeds.feedburner.com/~ff/Example?a=abc"><img src="http://feeds.feedburner.com/~ff/Example?d=abc" border="0"></a> Share this</div>' +
      '<img src="http://feeds.feedburner.com/~r/Example/~4/abc" height="1" width="1" alt="">' +
      '<p><a href="https://www.facebook.com/sharer/sharer.php?u=x">Share on Facebook</a> <a href="https://twitter.com/intent/tweet?url=x">Tweet</a></p>' +
      '<img src="https://stats.example.com/p.gif" width="1" height="1"><img src="https://img.example.com/photo.jpg" width="600" height="400">' +
      '<div class="sharedaddy"><h3>Share this:</h3><ul><li>Email</li></ul></div>';
    const article = normalizeItem(item({ title: 't', contentHtml: html }), ctx)!;
    expect(article.summary).toBe('The real text.');
    expect(article.contentHtml).toBe('<p>The real text.</p><p> </p><img src="https://img.example.com/photo.jpg" width="600" height="400" />');
  });

  it('is never cut inside a word or a surrogate pair', () => {
    const text = `${'Слово '.repeat(70)}${'𝐀'.repeat(200)}`;
    const summary = normalizeItem(item({ title: 't', summaryHtml: text }), ctx)!.summary;
    expect(summary.length).toBeLessThanOrEqual(500);
    expect(summary.endsWith('Слово…')).toBe(true);
    expect(() => encodeURIComponent(summary)).not.toThrow();
  });
});

describe('removeClutter', () => {
  it.each([
    ['<img src="https://a.example/x.gif" width="1" height="1">', ''],
    ['<img src="https://a.example/x.gif" style="width:1px;height:1px">', ''],
    ['<img src="http://da.feedsportal.com/r/123/u/49/f/abc.img" border="0">', ''],
    ['<img src="https://pixel.wp.com/b.gif?host=x">', ''],
    ['<a href="http://da.feedsportal.com/r/123/u/49/f/abc.htm"><img src="x.jpg"></a>', ''],
    ['<div class="a2a_kit a2a_default_style"><a>Share</a></div>', ''],
    ['<p>Keep <img src="https://a.example/photo.jpg" width="100" height="1"></p>', '<p>Keep <img src="https://a.example/photo.jpg" width="100" height="1"></p>'],
    ['<p>We share the 1 width="1" view</p>', '<p>We share the 1 width="1" view</p>'],
  ])('%s', (html, expected) => {
    expect(removeClutter(html)).toBe(expected);
  });
});

describe('relative URLs', () => {
  it('resolve against the item base, and the content against its own base', () => {
    const article = normalizeItem(
      item({
        title: 't',
        link: 'post.html',
        baseUrl: 'https://blog.example.com/2024/',
        contentHtml: '<p><img src="cat.jpg"> <a href="../about/">about</a></p>',
        contentBaseUrl: 'https://blog.example.com/media/',
        summaryHtml: '<a href="notes.html">notes</a>',
        thumbnail: 'thumbs/t.png',
      }),
      ctx,
    )!;
    expect(article.link).toBe('https://blog.example.com/2024/post.html');
    expect(article.contentHtml).toBe(
      '<p><img src="https://blog.example.com/media/cat.jpg" /> <a href="https://blog.example.com/about/" rel="noopener noreferrer">about</a></p>',
    );
    expect(article.thumbnail).toBe('https://blog.example.com/2024/thumbs/t.png');
  });

  it('drop entry links and thumbnails that are not http(s)', () => {
    for (const link of ['javascript:alert(1)', 'mailto:a@b.example', 'ftp://f.example/x', 'data:text/html,x', 'vbscript:x']) {
      const article = normalizeItem(item({ title: 't', link, thumbnail: link }), ctx)!;
      expect(article.link, link).toBeUndefined();
      expect(article.thumbnail, link).toBeUndefined();
    }
  });
});

describe('titles', () => {
  it('take a title the feed declares plain text literally, but never as something an HTML reader takes for a tag', () => {
    expect(normalizeItem(item({ title: 'Use &lt;/div&gt; to close &amp;amp; 1 &lt; 2', titleIsText: true }), ctx)!.title).toBe(
      'Use ‹/div› to close &amp; 1 < 2',
    );
    // The same string of unknown type is taken for markup escaped twice.
    expect(normalizeItem(item({ title: 'Use &lt;/div&gt; to close &amp;amp; more' }), ctx)!.title).toBe('Use to close & more');
  });
});

describe('plain text fields', () => {
  it('hold nothing an HTML parser would read as a tag, in the title, summary, author and categories', () => {
    const article = normalizeItem(
      item({
        title: '&lt;script&gt;alert(1)',
        titleIsText: true,
        summaryHtml: 'Code: &lt;img src=x onerror=alert(1)&gt; and x &lt; y',
        author: '&lt;b onmouseover=alert(1)&gt;Eve',
        categories: ['&lt;svg/onload=alert(1)&gt;'],
      }),
      ctx,
    )!;
    expect(article).toMatchObject({
      title: '‹script›alert(1)',
      summary: 'Code: ‹img src=x onerror=alert(1)› and x < y',
      author: '‹b onmouseover=alert(1)›Eve',
      categories: ['‹svg/onload=alert(1)›'],
    });
    expect(inertText('a <!-- b --> c <?php ?> <')).toBe('a ‹!-- b --› c ‹?php ?› <');
  });
});

describe('the language of an article', () => {
  it("is the item's declaration, else the feed's, as a canonical BCP 47 tag", () => {
    expect(normalizeItem(item({ title: 'Hello there', language: 'pt_br' }), { ...ctx, language: 'en' })!.language).toBe('pt-BR');
    expect(normalizeItem(item({ title: 'Hello there' }), { ...ctx, language: ' EN-gb ' })!.language).toBe('en-GB');
  });

  it('is detected from the title and summary when nothing usable is declared', () => {
    const russian = item({
      title: 'Путин провёл переговоры с президентом Франции',
      summaryHtml: 'Стороны обсудили ситуацию на Украине и двустороннее сотрудничество в области энергетики.',
    });
    expect(normalizeItem(russian, ctx)!.language).toBe('ru');
    expect(normalizeItem(russian, { ...ctx, language: 'Russian' })!.language).toBe('ru');
    const german = item({ title: 'Der Bundestag hat das neue Gesetz zur Energiewende am Donnerstag beschlossen' });
    expect(normalizeItem(german, ctx)!.language).toBe('de');
  });

  it('is left unset when the text is too short to tell', () => {
    expect(normalizeItem(item({ title: 'OK' }), ctx)!.language).toBeUndefined();
    expect(detectLanguage('12345')).toBeUndefined();
  });

  it.each([
    ['en', 'en'],
    ['en-us', 'en-US'],
    ['ZH-hant-tw', 'zh-Hant-TW'],
    ['English', undefined],
    ['x-default', undefined],
    ['', undefined],
    ['*', undefined],
  ])('languageTag(%j) is %j', (declared, tag) => {
    expect(languageTag(declared)).toBe(tag);
  });
});
