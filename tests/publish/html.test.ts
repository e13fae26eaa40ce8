// The HTML pages: valid by html-validate's recommended rules, every upstream string escaped,
// links relative to the page so they work wherever the directory is served.
import * as cheerio from 'cheerio';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import type { TopicFeed } from '../../src/model.js';
import { htmlDocument, renderIndexPage, renderTopicPage } from '../../src/publish/index.js';
import { article, context, place, russiaTopic, story } from './helpers.js';

const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });

async function expectValidHtml(html: string): Promise<void> {
  const report = await validator.validateString(html);
  const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
  expect(messages).toEqual([]);
}

const hostile: TopicFeed = {
  id: 'countries/xx',
  title: 'Evil <script>alert(1)</script> & "co"',
  description: '<b>bold</b>',
  path: 'countries/xx',
  stories: [
    story(
      1,
      article({
        sourceId: 'wire',
        title: '<img src=x onerror=alert(1)> headline',
        summary: 'Summary with <iframe> & "quotes"',
        link: 'javascript:alert(1)',
        places: [place('RU')],
      }),
      [article({ sourceId: 'daily', title: 'Other', link: 'https://daily.example.net/"><script>' })],
    ),
  ],
};

describe('topic page', () => {
  it('is valid HTML with the feeds as alternate links, relative to its own folder', async () => {
    const html = renderTopicPage({ ...russiaTopic(), path: 'countries/ru' }, context(), { newestArchivePage: 3 });
    await expectValidHtml(html);
    const $ = cheerio.load(html);
    expect($('link[rel="alternate"]').toArray().map((l) => [l.attribs.type, l.attribs.href])).toEqual([
      ['application/atom+xml', '../countries/ru.atom'],
      ['application/rss+xml', '../countries/ru.rss'],
      ['application/feed+json', '../countries/ru.json'],
    ]);
    expect($('header a').first().attr('href')).toBe('../index.html');
    expect($('main a').last().attr('href')).toBe('../archive/countries/ru/3.atom');
    expect($('main li strong a').first().attr('href')).toBe('https://www.marxist.com/russia-prigozhin-s-failed-adventure.htm');
    expect($('main li').first().text()).toContain('Also reported by');
  });

  it('escapes everything from upstream and links only to web pages', async () => {
    const html = renderTopicPage(hostile, context());
    await expectValidHtml(html);
    const $ = cheerio.load(html);
    expect($('script, iframe, img')).toHaveLength(0);
    expect($('h1').text()).toBe('Evil <script>alert(1)</script> & "co"');
    expect($('main li strong').text()).toBe('<img src=x onerror=alert(1)> headline');
    expect($('a[href^="javascript"]')).toHaveLength(0);
    expect($('main p.meta a').attr('href')).toBe('https://daily.example.net/%22%3E%3Cscript%3E');
  });
});

describe('index.html', () => {
  it('lists every topic by group with its page and its three feeds, valid and escaped', async () => {
    const html = renderIndexPage(
      [
        { id: 'russia', title: 'Russia & co <b>', path: 'russia', group: 'topics', entries: 1 },
        { id: 'regions/europe', title: 'Europe', path: 'regions/europe', group: 'regions', entries: 2 },
        { id: 'countries/ru', title: 'Russia', path: 'countries/ru', group: 'countries', entries: 0 },
      ],
      context(),
    );
    await expectValidHtml(html);
    const $ = cheerio.load(html);
    expect($('h2').toArray().map((h) => $(h).text())).toEqual(['Topics', 'Continents', 'Countries']);
    expect($('li').toArray().map((l) => l.attribs.id)).toEqual(['topic-russia', 'regions-europe', 'countries-ru']);
    expect($('li#topic-russia a').toArray().map((a) => a.attribs.href)).toEqual(['russia.html', 'russia.atom', 'russia.rss', 'russia.json']);
    expect($('li#countries-ru a').first().attr('href')).toBe('countries/ru.html');
    expect($('li#topic-russia a').first().text()).toBe('Russia & co <b>');
    expect($('li#countries-ru').text()).toContain('(0 entries)');
    expect($('a[href="index.opml"]')).toHaveLength(1);
  });

  it('says so when there is no topic', async () => {
    const html = renderIndexPage([], context());
    await expectValidHtml(html);
    expect(cheerio.load(html)('main').text()).toContain('No topics yet.');
  });

  it('htmlDocument escapes the title', async () => {
    const html = htmlDocument({ title: '</title><script>x</script>', body: '<p>ok</p>' });
    await expectValidHtml(html);
    expect(cheerio.load(html)('title').text()).toBe('</title><script>x</script>');
  });
});
