import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  evaluateLabelled,
  evaluateRegional,
  loadLabelledSet,
  loadRegionalItems,
} from '../../bench/classify-evaluation.js';
import { ROOT, sharedPath } from '../helpers/shared.js';
import { classifierWithBundledCues } from './support.js';

// The two evaluations of docs/CLASSIFY.md (printed by bench/classify-eval.ts), held to their targets.

const classifier = classifierWithBundledCues();

describe('REGIONAL_ITEMS.tsv: the outlets’ own section labels', () => {
  const items = loadRegionalItems(sharedPath('corpus'));
  const report = evaluateRegional(classifier, items);

  it('reads every labelled item once, deduplicated by link, with its title and summary', () => {
    expect(items.length).toBeGreaterThan(900);
    expect(new Set(items.map((i) => i.link)).size).toBe(items.length);
    expect(items.filter((i) => i.summary !== '').length).toBeGreaterThan(items.length * 0.9);
    expect(new Set(items.map((i) => i.outlet))).toEqual(new Set(['bbc', 'nyt', 'allafrica']));
  });

  it('puts at least 90% of the articles in the outlet’s region', () => {
    expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('leaves at most 5% without any region', () => {
    expect(report.unclassifiedShare).toBeLessThanOrEqual(0.05);
  });
});

describe('tests/fixtures/regions/labelled.tsv: hand-labelled countries', () => {
  const items = loadLabelledSet(resolve(ROOT, 'tests/fixtures/regions/labelled.tsv'));
  const report = evaluateLabelled(classifier, items);

  it('holds at least 300 items from the corpus, the seed and every ambiguity case', () => {
    expect(items.length).toBeGreaterThanOrEqual(300);
    expect(items.filter((i) => i.origin === 'shared/seed/articles.txt').length).toBeGreaterThanOrEqual(11);
    const titles = items.map((i) => i.title).join('\n');
    for (const needle of [
      'Georgia', 'Jordan', 'Turkey', 'turkey', 'Chad', 'Niger', 'Nigeria', 'Congo', 'New Mexico', 'Paris Hilton',
      'Moscow, Idaho', 'Nice', 'Amazon', 'Guinea-Bissau', 'Papua New Guinea',
    ]) {
      expect(titles, needle).toContain(needle);
    }
  });

  it('lists few countries that are not there: set precision at least 0.95', () => {
    expect(report.precision).toBeGreaterThanOrEqual(0.95);
    expect(report.recall).toBeGreaterThanOrEqual(0.9);
  });

  // The targets: 95% (primary) and 97% (continent), measured at 95.1% (370 of 389)
  // and 97.4% (379); docs/CLASSIFY.md lists the remaining misses. One more primary miss fails.
  it('names the right primary country for at least 95% of the items and its continent for 97%', () => {
    expect(report.primaryAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(report.continentAccuracy).toBeGreaterThanOrEqual(0.97);
  });
});
