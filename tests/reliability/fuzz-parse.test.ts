import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/fetch/index.js';
import { normalizeItem } from '../../src/normalize/index.js';
import { ParseError, parseFeed } from '../../src/parse/index.js';
import { sharedPath } from '../helpers/shared.js';

// Varied real documents: RSS 0.9x/2.0, RDF, Atom, JSON Feed, legacy charsets, ill-formed ones.
const DOCUMENTS = [
  'RSParser/inessential.json',
  'RSParser/DaringFireball.json',
  'RSParser/bio.rdf',
  'RSParser/OneFootTsunami.atom',
  'rss-parser/reddit.rss',
  'feed-rs/rss_2.0_kdist.xml',
  'feed-rs/rss_2.0_ilgiornale.xml',
  'feed-rs/rss_2.0_transistorfm.xml',
  'feed-rs/atom_example_3.xml',
  'feedjira/PaulGraham.xml',
  'feedjira/youtube_atom.xml',
  'feedjira/RubyCorner.xml',
  'feedjira/Pastieampampltampampltself.xml',
  'chardet/KOI8-R__koi.kinder.ru.xml',
  'chardet/CP949__ricanet.com.xml',
  'chardet/iso-8859-7-greek__naftemporiki.gr.wld.xml',
  'chardet/utf-8__anitabee.blogspot.com.xml',
  'node-feedparser/illegally-nested.xml',
  'feedparser/illformed-chardet__windows1255.xml',
];

// CI runs a few thousand cases; a long campaign raises these (see docs/RELIABILITY.md).
const NUM_RUNS = Number(process.env.GAZETTE_FUZZ_RUNS ?? 3000);
const SEED = Number(process.env.GAZETTE_FUZZ_SEED ?? Date.now() % 2 ** 31);
const CASE_BOUND_MS = 5_000;
const URL = 'https://fuzz.example/feed';

const corpus = DOCUMENTS.map((file) => {
  let bytes: Uint8Array = readFileSync(sharedPath('corpus', 'feeds', file));
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  return bytes;
});

type Mutation = (bytes: Uint8Array) => Uint8Array;

// Positions are drawn as fractions so one arbitrary fits documents of any length.
const at = (bytes: Uint8Array, fraction: number) => Math.floor(fraction * bytes.length);
const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

const byteFlip = fc.tuple(fraction, fc.integer({ min: 0, max: 255 })).map(([where, value]): Mutation => (bytes) => {
  const copy = Uint8Array.from(bytes);
  if (copy.length > 0) copy[at(copy, where)] = value;
  return copy;
});

const truncation = fraction.map((where): Mutation => (bytes) => bytes.slice(0, at(bytes, where)));

// Deletes the first '<…>' tag at or after a point (a start, an end, a declaration or a CDATA opener).
const tagDeletion = fraction.map((where): Mutation => (bytes) => {
  const start = bytes.indexOf(0x3c, at(bytes, where));
  if (start < 0) return bytes;
  const end = bytes.indexOf(0x3e, start);
  if (end < 0) return bytes.slice(0, start);
  return Buffer.concat([bytes.subarray(0, start), bytes.subarray(end + 1)]);
});

const chunkDuplication = fc.tuple(fraction, fraction, fraction).map(([from, length, to]): Mutation => (bytes) => {
  const start = at(bytes, from);
  const chunk = bytes.subarray(start, start + Math.ceil(length * 4096));
  const insertAt = at(bytes, to);
  return Buffer.concat([bytes.subarray(0, insertAt), chunk, bytes.subarray(insertAt)]);
});

const mutations = fc.array(fc.oneof(byteFlip, truncation, tagDeletion, chunkDuplication), { minLength: 1, maxLength: 4 });

type Outcome = { kind: 'feed'; items: number } | { kind: 'parse-error' } | { kind: 'hang' };

async function parseBounded(text: string): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'hang' }), CASE_BOUND_MS);
  });
  const started = performance.now();
  try {
    const parsed = parseFeed(text, { url: URL }).then(
      (feed): Outcome => {
        const ctx = { sourceId: 'fuzz', baseUrl: URL, siteUrl: feed.link, language: feed.language, now: Date.UTC(2026, 0, 1) };
        // Every item the parser hands over must survive normalization without throwing.
        for (const item of feed.items) normalizeItem(item, ctx);
        return { kind: 'feed', items: feed.items.length };
      },
      (error: unknown): Outcome => {
        if (error instanceof ParseError) return { kind: 'parse-error' };
        throw error;
      },
    );
    const outcome = await Promise.race([parsed, hang]);
    // A synchronous stall cannot lose the race above, so a case that returned late is a hang too.
    return performance.now() - started > CASE_BOUND_MS ? { kind: 'hang' } : outcome;
  } finally {
    clearTimeout(timer);
  }
}

describe('parse stage under mutated real documents', () => {
  it('every unmutated document parses', async () => {
    const kinds = await Promise.all(corpus.map(async (bytes, i) => `${DOCUMENTS[i]}: ${(await parseBounded(decodeBody(bytes).text)).kind}`));
    expect(kinds).toEqual(DOCUMENTS.map((file) => `${file}: feed`));
  });

  it(`resolves to a feed or rejects with ParseError, never hangs (${NUM_RUNS} runs, seed ${SEED})`, async () => {
    const counts = { feed: 0, 'parse-error': 0 };
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: corpus.length - 1 }), mutations, async (index, steps) => {
        const mutated = steps.reduce((bytes, step) => step(bytes), corpus[index]!);
        const outcome = await parseBounded(decodeBody(mutated).text);
        if (outcome.kind === 'hang') throw new Error(`${DOCUMENTS[index]}: a mutated copy took over ${CASE_BOUND_MS} ms`);
        counts[outcome.kind] += 1;
      }),
      { numRuns: NUM_RUNS, seed: SEED, endOnFailure: true },
    ).catch((error: unknown) => {
      // fast-check's report already names seed and path; repeat how to replay it.
      throw new Error(`fuzz failure; replay with GAZETTE_FUZZ_SEED=${SEED}\n${String(error)}`, { cause: error });
    });
    console.log(`fuzz-parse: ${NUM_RUNS} cases, seed ${SEED}: ${counts.feed} feeds, ${counts['parse-error']} ParseErrors`);
    // Both outcomes must occur, or the mutations are too weak (or too strong) to test anything.
    expect(counts.feed).toBeGreaterThan(0);
    expect(counts['parse-error']).toBeGreaterThan(0);
  });
});
