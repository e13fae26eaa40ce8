import { readFileSync, writeFileSync } from 'node:fs';
import { load } from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CORPUS_NOW,
  EXPECTATIONS_FILE,
  expectationOf,
  formatExpectations,
  readCorpus,
  readExpectations,
  readFeedparser,
  REPORT_FILE,
  type Expectation,
  type FeedparserResult,
  type Outcome,
} from './corpus.js';
import { renderReport } from './report.js';

// GAZETTE_UPDATE_CORPUS=1 rewrites the expectations and docs/CORPUS.md from what Gazette
// reads now (keeping the hand-written exception notes) before checking them: `npm run corpus`.
const UPDATE = process.env.GAZETTE_UPDATE_CORPUS === '1';

describe('every document of ../shared/corpus/feeds', () => {
  let outcomes: Outcome[];
  let feedparser: Map<string, FeedparserResult>;
  let expectations: Expectation[];

  beforeAll(async () => {
    outcomes = await readCorpus();
    feedparser = readFeedparser();
    if (UPDATE) {
      const notes = new Map(readExpectations().map((expectation) => [expectation.file, expectation.exception]));
      writeFileSync(EXPECTATIONS_FILE, formatExpectations(outcomes.map((outcome) => expectationOf(outcome, notes.get(outcome.file)))));
    }
    expectations = readExpectations();
    if (UPDATE) writeFileSync(REPORT_FILE, renderReport(outcomes, feedparser, expectations));
  });

  it('gives a ParsedFeed or a ParseError, never another error', () => {
    expect(outcomes.length).toBeGreaterThan(300);
    expect(outcomes.filter((outcome) => outcome.crash !== undefined).map((outcome) => `${outcome.file}: ${String(outcome.crash)}`)).toEqual([]);
  });

  it('matches the checked-in expectations: outcome, items, articles, first title and link', () => {
    const exceptions = new Map(expectations.map((expectation) => [expectation.file, expectation.exception]));
    const actual = formatExpectations(outcomes.map((outcome) => expectationOf(outcome, exceptions.get(outcome.file))));
    expect(actual).toBe(formatExpectations(expectations));
  });

  it("reads every document feedparser reads without bozo, with feedparser's number of items", () => {
    expect(feedparser.size).toBe(outcomes.length);
    const exceptions = new Map(expectations.filter((e) => e.exception !== '').map((e) => [e.file, e.exception]));
    const differing = outcomes
      .filter((outcome) => feedparser.get(outcome.file)?.bozo === false)
      .filter((outcome) => (outcome.feed?.items.length ?? -1) !== feedparser.get(outcome.file)!.entries)
      .map((outcome) => `${outcome.file}: Gazette ${outcome.feed?.items.length ?? outcome.error?.message}, feedparser ${feedparser.get(outcome.file)!.entries}`);
    expect(differing.filter((line) => !exceptions.has(line.split(':')[0]!))).toEqual([]);
    // An exception that no longer differs is stale.
    expect([...exceptions.keys()].filter((file) => !differing.some((line) => line.startsWith(`${file}:`)))).toEqual([]);
  });

  it('reads the truncated documents feedparser flags, keeping only their complete items, with a warning', () => {
    const truncated = outcomes.filter((outcome) => /no element found|unclosed CDATA/.test(feedparser.get(outcome.file)!.bozoException));
    const read = truncated.filter((outcome) => outcome.feed && outcome.feed.items.length > 0);
    expect(read.length).toBeGreaterThanOrEqual(4);
    for (const outcome of read) {
      expect(outcome.feed!.warnings.join(), outcome.file).toMatch(/not well-formed XML: .* at line \d+, column \d+; read it leniently.*incomplete dropped/);
      // feedparser keeps the cut-off last item too.
      expect(outcome.feed!.items.length, outcome.file).toBe(feedparser.get(outcome.file)!.entries - 1);
    }
  });

  it('is reported in docs/CORPUS.md as it is now', () => {
    expect(readFileSync(REPORT_FILE, 'utf8')).toBe(renderReport(outcomes, feedparser, expectations));
  });

  it('gives clean articles: short plain summaries, http(s) links, no active content, sane dates', () => {
    const articles = outcomes.flatMap((outcome) => outcome.articles);
    expect(articles.length).toBeGreaterThan(5000);
    for (const article of articles) {
      const where = `${article.sourceId}: ${article.title}`;
      expect(article.title, where).not.toBe('');
      expect(article.title, where).not.toMatch(/\s{2}|^\s|\s$/);
      expect(article.summary.length, where).toBeLessThanOrEqual(500);
      // Plain text on one line; "<" may remain where a feed escaped it as text (code samples).
      expect(article.summary, where).not.toMatch(/\s{2}|\n|^\s|\s$/);
      expect(() => encodeURIComponent(article.summary), where).not.toThrow(); // no lone surrogate
      if (article.link !== undefined) expect(article.link, where).toMatch(/^https?:\/\//);
      if (article.thumbnail !== undefined) expect(article.thumbnail, where).toMatch(/^https?:\/\//);
      if (article.contentHtml !== undefined) expect(unsafeMarkup(article.contentHtml), where).toEqual([]);
      expect(article.publishedAt, where).toBeLessThanOrEqual(CORPUS_NOW + 24 * 60 * 60 * 1000);
      expect(article.updatedAt, where).toBeGreaterThanOrEqual(article.publishedAt);
    }
    const withoutDate = articles.filter((article) => article.publishedAt === CORPUS_NOW);
    expect(withoutDate.length / articles.length).toBeLessThan(0.1);
  });

  it('gives nearly every article a language, declared or detected', () => {
    const articles = outcomes.flatMap((outcome) => outcome.articles);
    const withLanguage = articles.filter((article) => article.language !== undefined);
    expect(withLanguage.length / articles.length).toBeGreaterThan(0.95);
    for (const article of withLanguage) expect(article.language).toMatch(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/);
  });
});

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
