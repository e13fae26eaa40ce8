// docs/CORPUS.md: how Gazette reads the corpus, by format and by encoding, beside
// Python's feedparser; every failure with its reason. Written from the same outcomes
// the corpus test checks, so the figures cannot drift from the code.
import type { Expectation, FeedparserResult, Outcome } from './corpus.js';

interface Tally {
  documents: number;
  read: number;
  warned: number;
  failed: number;
  articles: number;
}

export function renderReport(outcomes: Outcome[], feedparser: Map<string, FeedparserResult>, expectations: Expectation[]): string {
  const total = tally(outcomes);
  const failed = outcomes.filter((outcome) => !outcome.feed);
  const warned = outcomes.filter((outcome) => outcome.feed && outcome.feed.warnings.length > 0);
  const clean = outcomes.filter((outcome) => feedparser.get(outcome.file)?.bozo === false);
  const sameCount = clean.filter((outcome) => (outcome.feed?.items.length ?? -1) === feedparser.get(outcome.file)!.entries);
  const bozo = outcomes.filter((outcome) => feedparser.get(outcome.file)?.bozo === true);
  const bozoRead = bozo.filter((outcome) => outcome.feed && outcome.feed.items.length > 0);
  const bozoReadByFeedparser = bozo.filter((outcome) => feedparser.get(outcome.file)!.entries > 0);
  const exceptions = expectations.filter((expectation) => expectation.exception !== '');

  return [
    '# Reading the corpus',
    '',
    'How Gazette reads the real-world feed documents in `../shared/corpus/feeds/` (see its README),',
    "compared with Python's feedparser, the most forgiving feed parser there is. Every document is",
    'read the way a poll reads it: gzip undone, bytes decoded by the fetch stage (BOM, then the XML',
    'declaration), parsed, and its items normalized into articles.',
    '',
    '`tests/corpus/corpus.test.ts` checks every document against `tests/fixtures/corpus/expectations.tsv`',
    "(outcome, items, articles, the first article's title and link) and against feedparser's entry counts in",
    "`tests/fixtures/corpus/feedparser.tsv`, and checks that this page is current. After a change to the",
    'parser or the corpus, regenerate all three and review the diff:',
    '',
    '```sh',
    'npm run corpus   # /usr/bin/python3 tests/corpus/feedparser-baseline.py, then the corpus test with GAZETTE_UPDATE_CORPUS=1',
    '```',
    '',
    '## Summary',
    '',
    `- ${total.documents} documents: ${total.read} read as feeds (${warned.length} of them with a warning: repaired or read leniently), ${total.failed} rejected with a ParseError.`,
    `- ${total.articles} articles from the documents read.`,
    `- feedparser reads ${clean.length} documents without \`bozo\`; Gazette reads ${sameCount.length} of them with the same number of items` +
      (exceptions.length ? ` (${exceptions.length} listed exceptions, below).` : ' (no exceptions).'),
    `- Of the ${bozo.length} documents feedparser flags \`bozo\` (not well-formed, or an encoding it had to guess; ${bozoReadByFeedparser.length} of them still gave it entries), Gazette reads ${bozoRead.length} with items.`,
    '',
    '## By format',
    '',
    'Format as sniffed by the corpus manifest from the root element.',
    '',
    ...tallyTable('format', groupBy(outcomes, (outcome) => outcome.format)),
    '',
    '## By encoding',
    '',
    'The charset the fetch stage decoded the bytes with.',
    '',
    ...tallyTable('encoding', groupBy(outcomes, (outcome) => outcome.charset)),
    '',
    `## Documents rejected (${failed.length})`,
    '',
    '| document | format | feedparser | reason |',
    '|---|---|---|---|',
    ...failed.map(
      (outcome) =>
        `| \`${outcome.file}\` | ${outcome.format} | ${feedparserSummary(feedparser.get(outcome.file))} | ${cell(`${outcome.error?.code ?? 'crash'}: ${outcome.error?.message ?? String(outcome.crash)}`)} |`,
    ),
    '',
    `## Documents read with a warning (${warned.length})`,
    '',
    'The warning is what the source status shows (`last_warning`).',
    '',
    '| document | items | feedparser | warning |',
    '|---|---|---|---|',
    ...warned.map(
      (outcome) =>
        `| \`${outcome.file}\` | ${outcome.feed!.items.length} | ${feedparserSummary(feedparser.get(outcome.file))} | ${cell(outcome.feed!.warnings.join('; '))} |`,
    ),
    '',
    `## Exceptions to feedparser's counts (${exceptions.length})`,
    '',
    ...(exceptions.length
      ? ['| document | reason |', '|---|---|', ...exceptions.map((e) => `| \`${e.file}\` | ${cell(e.exception)} |`)]
      : ['None: every document feedparser reads without `bozo` gives Gazette as many items.']),
    '',
  ].join('\n');
}

function tally(outcomes: Outcome[]): Tally {
  return {
    documents: outcomes.length,
    read: outcomes.filter((outcome) => outcome.feed).length,
    warned: outcomes.filter((outcome) => outcome.feed && outcome.feed.warnings.length > 0).length,
    failed: outcomes.filter((outcome) => !outcome.feed).length,
    articles: outcomes.reduce((sum, outcome) => sum + outcome.articles.length, 0),
  };
}

function tallyTable(label: string, groups: Map<string, Outcome[]>): string[] {
  const rows = [...groups].sort(([a], [b]) => a.localeCompare(b));
  return [
    `| ${label} | documents | read | with a warning | rejected | articles |`,
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map(([key, outcomes]) => {
      const t = tally(outcomes);
      return `| ${key} | ${t.documents} | ${t.read} | ${t.warned} | ${t.failed} | ${t.articles} |`;
    }),
  ];
}

function groupBy<T>(values: T[], key: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) groups.set(key(value), [...(groups.get(key(value)) ?? []), value]);
  return groups;
}

function feedparserSummary(result: FeedparserResult | undefined): string {
  if (result === undefined) return '?';
  return result.bozo ? `bozo, ${result.entries} entries` : `${result.entries} entries`;
}

function cell(text: string): string {
  const short = text.length > 300 ? `${text.slice(0, 297)}…` : text;
  return short.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}
