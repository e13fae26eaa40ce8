import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { configProblems } from '../helpers/config.js';
import { DEFAULT_TRACKING_PARAMS } from '../../src/dedupe/index.js';

const SOURCES = 'sources:\n  - { id: a, url: "https://a.test/feed" }\n  - { id: b, url: "https://b.test/feed" }\n';

const problems = configProblems;

describe('the dedupe: section of the config', () => {
  it('has defaults: the tracking parameters, a 3-day window, the thresholds, no never-merge pairs', () => {
    expect(parseConfig('', 'g.yaml').dedupe).toEqual({
      trackingParams: DEFAULT_TRACKING_PARAMS,
      windowDays: 3,
      similarity: 0.5,
      containment: 0.7,
      neverMerge: [],
    });
  });

  it('takes the operator\'s values', () => {
    const c = parseConfig(`${SOURCES}dedupe:\n  trackingParams: [src, "pk_*"]\n  windowDays: 1.5\n  similarity: 0.6\n  neverMerge: [[a, b]]\n`, 'g.yaml');
    expect(c.dedupe).toMatchObject({ trackingParams: ['src', 'pk_*'], windowDays: 1.5, similarity: 0.6, neverMerge: [['a', 'b']] });
  });

  it('names the place of every problem', () => {
    expect(problems(`${SOURCES}dedupe:\n  similarity: 1.5\n`)).toEqual([expect.stringMatching(/^5:15: dedupe\.similarity: /)]);
    expect(problems(`${SOURCES}dedupe:\n  neverMerge: [[a, zz], [b, b]]\n`)).toEqual([
      '5:20: dedupe.neverMerge.0.1: no source has the id "zz"',
      expect.stringMatching(/^5:25: dedupe\.neverMerge\.1: names "b" twice/),
    ]);
  });
});
