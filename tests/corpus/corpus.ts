// Reads every document of ../shared/corpus the way a poll does (gzip undone, bytes
// decoded, parsed, items normalized) and compares the outcome with the checked-in
// expectations and with Python's feedparser (tests/fixtures/corpus/feedparser.tsv).
// Used by tests/corpus/corpus.test.ts, which also rewrites the expectations and
// docs/CORPUS.md when GAZETTE_UPDATE_CORPUS=1.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeBody } from '../../src/fetch/index.js';
import type { Article, ParsedFeed } from '../../src/model.js';
import { normalizeItem } from '../../src/normalize/index.js';
import { ParseError, parseFeed } from '../../src/parse/index.js';
import { ROOT, sharedPath } from '../helpers/shared.js';

export const EXPECTATIONS_FILE = resolve(ROOT, 'tests/fixtures/corpus/expectations.tsv');
export const FEEDPARSER_FILE = resolve(ROOT, 'tests/fixtures/corpus/feedparser.tsv');
export const REPORT_FILE = resolve(ROOT, 'docs/CORPUS.md');

/** Where the corpus documents pretend to come from: relative links resolve against it. */
export const CORPUS_URL = 'https://corpus.example/feeds/feed.xml';
/** The "now" of the normalization: after every date in the corpus. */
export const CORPUS_NOW = Date.UTC(2026, 0, 1);

export interface CorpusDocument {
  file: string;
  /** The format MANIFEST.tsv sniffed from the root element ("RSS 2.0", "Atom 0.3", …). */
  format: string;
  /** The encoding MANIFEST.tsv says the document declares. */
  declaredEncoding: string;
}

export interface Outcome extends CorpusDocument {
  /** The charset the fetch stage decoded the bytes with. */
  charset: string;
  feed?: ParsedFeed;
  error?: ParseError;
  /** Anything thrown that is not a ParseError: always a defect. */
  crash?: unknown;
  articles: Article[];
}

/** One row of the expectations file. */
export interface Expectation {
  file: string;
  /** "ok", or the ParseError code. */
  outcome: string;
  /** Items in the document (RawItems), comparable with feedparser's entries. */
  items: number;
  /** Articles those items give after normalization (empty items dropped). */
  articles: number;
  firstTitle: string;
  firstLink: string;
  /** Why the item count may differ from feedparser's; empty when it must not. */
  exception: string;
}

export interface FeedparserResult {
  file: string;
  bozo: boolean;
  entries: number;
  version: string;
  bozoException: string;
  firstLink: string;
}

export function corpusDocuments(): CorpusDocument[] {
  return readTsv(sharedPath('corpus/MANIFEST.tsv')).map((row) => ({
    file: row.file!,
    format: row.format!,
    declaredEncoding: row.encoding!,
  }));
}

/** The body as the fetch stage hands it over: gzip undone (Content-Encoding), bytes decoded. */
export function readBody(file: string): { text: string; charset: string } {
  let bytes = readFileSync(sharedPath('corpus', file));
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  return decodeBody(bytes);
}

export async function readCorpus(): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const document of corpusDocuments()) {
    const { text, charset } = readBody(document.file);
    const outcome: Outcome = { ...document, charset, articles: [] };
    try {
      const feed = await parseFeed(text, { url: CORPUS_URL });
      const ctx = { sourceId: document.file, baseUrl: CORPUS_URL, siteUrl: feed.link, language: feed.language, now: CORPUS_NOW };
      outcome.feed = feed;
      outcome.articles = feed.items.map((item) => normalizeItem(item, ctx)).filter((article) => article !== null);
    } catch (error) {
      if (error instanceof ParseError) outcome.error = error;
      else outcome.crash = error;
    }
    outcomes.push(outcome);
  }
  return outcomes;
}

/** What the expectations file says, or should say, about an outcome (exception notes are kept by hand). */
export function expectationOf(outcome: Outcome, exception = ''): Expectation {
  const first = outcome.articles[0];
  return {
    file: outcome.file,
    outcome: outcome.feed ? 'ok' : (outcome.error?.code ?? 'crash'),
    items: outcome.feed?.items.length ?? 0,
    articles: outcome.articles.length,
    firstTitle: first?.title ?? '',
    firstLink: first?.link ?? '',
    exception,
  };
}

const EXPECTATION_COLUMNS = ['file', 'outcome', 'items', 'articles', 'first_title', 'first_link', 'exception'];

export function readExpectations(): Expectation[] {
  return readTsv(EXPECTATIONS_FILE).map((row) => ({
    file: row.file!,
    outcome: row.outcome!,
    items: Number(row.items),
    articles: Number(row.articles),
    firstTitle: row.first_title ?? '',
    firstLink: row.first_link ?? '',
    exception: row.exception ?? '',
  }));
}

export function formatExpectations(expectations: Expectation[]): string {
  const header =
    '# Gazette on ../shared/corpus: per document the outcome ("ok" or the ParseError code), items read, articles after\n' +
    '# normalization, the first article\'s title and link, and why its item count may differ from feedparser\'s (empty: it must not).\n' +
    '# Regenerate: npm run corpus (docs/CORPUS.md says more).\n';
  const rows = expectations.map((e) =>
    [e.file, e.outcome, e.items, e.articles, e.firstTitle, e.firstLink, e.exception].map((value) => tsvValue(String(value))).join('\t'),
  );
  return `${header}${EXPECTATION_COLUMNS.join('\t')}\n${rows.join('\n')}\n`;
}

export function readFeedparser(): Map<string, FeedparserResult> {
  return new Map(
    readTsv(FEEDPARSER_FILE).map((row) => [
      row.file!,
      {
        file: row.file!,
        bozo: row.bozo === '1',
        entries: Number(row.entries),
        version: row.version ?? '',
        bozoException: row.bozo_exception ?? '',
        firstLink: row.first_link ?? '',
      },
    ]),
  );
}

/** Rows of a tab-separated file with a header line; lines starting with "#" are comments. */
function readTsv(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8').split('\n').filter((line) => line !== '' && !line.startsWith('#'));
  const [header, ...rows] = lines.map((line) => line.split('\t'));
  return rows.map((cells) => Object.fromEntries(header!.map((name, index) => [name, cells[index] ?? ''])));
}

function tsvValue(value: string): string {
  return value.replace(/[\t\r\n]+/g, ' ');
}
