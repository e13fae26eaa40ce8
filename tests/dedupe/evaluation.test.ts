import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluatePairs, loadPairs } from '../../bench/dedupe-evaluation.js';
import { ROOT, sharedPath } from '../helpers/shared.js';

// docs/DEDUPE.md: the labelled pairs of tests/fixtures/dedupe/pairs.json, judged by the
// ingest path itself (bench/dedupe-eval.ts prints the same figures).

describe('"same story" on the labelled pairs from the corpus', () => {
  const pairs = loadPairs(join(ROOT, 'tests/fixtures/dedupe/pairs.json'));

  it('has at least 200 same/different pairs, hard negatives among them', () => {
    const scored = pairs.filter((p) => p.label !== 'related');
    expect(scored.length).toBeGreaterThanOrEqual(200);
    expect(scored.filter((p) => p.label === 'same').length).toBeGreaterThanOrEqual(100);
    const hard = scored.filter((p) => p.label === 'different' && ['series', 'follow-up', 'same-topic', 'same-series-event', 'same-title', 'shared-lede'].includes(p.kind));
    expect(hard.length).toBeGreaterThanOrEqual(80);
    expect(new Set(pairs.map((p) => [p.a, p.b].sort().join(' '))).size).toBe(pairs.length);
  });

  it('reaches precision >= 0.98 and recall >= 0.9', async () => {
    const result = await evaluatePairs(sharedPath('corpus'), pairs);
    expect(result.precision).toBeGreaterThanOrEqual(0.98);
    expect(result.recall).toBeGreaterThanOrEqual(0.9);
  });
});
