import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { configProblems } from '../helpers/config.js';

const problems = configProblems;

describe('config: polling and request settings', () => {
  afterEach(() => {
    delete process.env.GAZETTE_TEST_TOKEN;
  });

  it('defaults perHost, backoff cap and interval bounds; sources do not discover by default', () => {
    const c = parseConfig('sources:\n  - { id: a, url: "https://a.test/" }\n', 'g.yaml');
    expect(c.fetch).toMatchObject({ perHost: 2, backoffCapHours: 24, minIntervalMinutes: 5, maxIntervalMinutes: 1440 });
    expect(c.sources[0]).toMatchObject({ discover: false });
    expect(c.sources[0]!.minIntervalMinutes).toBeUndefined();
  });

  it('expands ${VAR} in header values from the environment at load', () => {
    process.env.GAZETTE_TEST_TOKEN = 's3cret';
    const c = parseConfig(
      'sources:\n  - id: a\n    url: "https://a.test/"\n    headers: { Authorization: "Bearer ${GAZETTE_TEST_TOKEN}", X-Plain: "$5 {x}" }\n',
      'g.yaml',
    );
    expect(c.sources[0]!.headers).toEqual({ Authorization: 'Bearer s3cret', 'X-Plain': '$5 {x}' });
  });

  it('reports an unset variable at the header value, with line and column', () => {
    expect(
      problems('sources:\n  - id: a\n    url: "https://a.test/"\n    headers:\n      Cookie: "session=${GAZETTE_TEST_UNSET}"\n'),
    ).toEqual([
      '5:15: sources.0.headers.Cookie: environment variable GAZETTE_TEST_UNSET is not set (used as ${GAZETTE_TEST_UNSET})',
    ]);
  });

  it('rejects interval bounds that contradict each other, globally or per source', () => {
    expect(problems('fetch:\n  minIntervalMinutes: 60\n  maxIntervalMinutes: 30\n')).toEqual([
      '3:23: fetch.maxIntervalMinutes: must not be less than fetch.minIntervalMinutes (60)',
    ]);
    expect(
      problems('fetch: { maxIntervalMinutes: 60 }\nsources:\n  - { id: a, url: "https://a.test/", minIntervalMinutes: 90 }\n'),
    ).toEqual([
      "3:58: sources.0.minIntervalMinutes: the source's minIntervalMinutes (90) exceeds its maxIntervalMinutes (60)",
    ]);
    expect(problems('sources:\n  - { id: a, url: "https://a.test/", minIntervalMinutes: 10, maxIntervalMinutes: 5 }\n')).toEqual([
      "2:82: sources.0.maxIntervalMinutes: the source's minIntervalMinutes (10) exceeds its maxIntervalMinutes (5)",
    ]);
    expect(problems('fetch: { perHost: 0, minIntervalMinutes: -1 }\n')).toHaveLength(2);
  });
});
