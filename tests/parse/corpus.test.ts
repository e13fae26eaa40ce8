import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/fetch/index.js';
import { ParseError, parseFeed } from '../../src/parse/index.js';
import type { ParsedFeed } from '../../src/model.js';
import { sharedPath } from '../helpers/shared.js';

interface CorpusFile {
  file: string;
  format: string;
  itemsApprox: number;
}

interface Outcome extends CorpusFile {
  feed?: ParsedFeed;
  error?: unknown;
}

function manifest(): CorpusFile[] {
  return readFileSync(sharedPath('corpus/MANIFEST.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .map(([file, , , , format, , itemsApprox]) => ({ file: file!, format: format!, itemsApprox: Number(itemsApprox) }));
}

/** The body as the fetch stage would hand it over: gzip undone, bytes decoded. */
function readBody(file: string): string {
  let bytes = readFileSync(sharedPath('corpus', file));
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  return decodeBody(bytes).text;
}

async function parseAll(): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const entry of manifest()) {
    try {
      outcomes.push({ ...entry, feed: await parseFeed(readBody(entry.file), { url: 'https://corpus.example/feed' }) });
    } catch (error) {
      outcomes.push({ ...entry, error });
    }
  }
  return outcomes;
}

const FEED_FORMAT = /^(RSS|Atom|JSON Feed)|^gzip-compressed/;

describe('the external corpus (../shared/corpus/feeds)', () => {
  it('gives a ParsedFeed or a ParseError for every document, and items for at least 90% of the feeds', async () => {
    const outcomes = await parseAll();
    expect(outcomes.length).toBeGreaterThan(300);

    const foreignErrors = outcomes.filter((outcome) => outcome.error !== undefined && !(outcome.error instanceof ParseError));
    expect(foreignErrors.map((outcome) => `${outcome.file}: ${String(outcome.error)}`)).toEqual([]);

    // Feeds that hold items according to the manifest; the empty ones only have to fail cleanly.
    const feeds = outcomes.filter((outcome) => FEED_FORMAT.test(outcome.format) && outcome.itemsApprox > 0);
    const failures = feeds.filter((outcome) => !outcome.feed || outcome.feed.items.length === 0);
    const repaired = outcomes.filter((outcome) => outcome.feed?.warnings.some((warning) => warning.includes('repaired copy')));
    const rejected = outcomes.filter((outcome) => outcome.error instanceof ParseError);

    console.log(
      [
        `corpus: ${outcomes.length} documents; ${feeds.length} feeds with items in the manifest; ` +
          `${feeds.length - failures.length} read with items (${((100 * (feeds.length - failures.length)) / feeds.length).toFixed(1)}%)`,
        `feeds without items (${failures.length}):`,
        ...failures.map((outcome) => `  ${outcome.file} [${outcome.format}] ${summary(outcome)}`),
        `all rejections (${rejected.length}):`,
        ...rejected.map((outcome) => `  ${outcome.file} [${outcome.format}] ${summary(outcome)}`),
        `read from a repaired copy (${repaired.length}):`,
        ...repaired.map((outcome) => `  ${outcome.file}`),
      ].join('\n'),
    );
    expect(failures.length / feeds.length).toBeLessThanOrEqual(0.1);
  });
});

function summary(outcome: Outcome): string {
  if (outcome.error instanceof ParseError) return `${outcome.error.code}: ${outcome.error.message}`;
  return `parsed, ${outcome.feed?.items.length ?? 0} items`;
}
