import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { configProblems } from '../helpers/config.js';

const problems = configProblems;

describe('config loading', () => {
  it('applies defaults to an empty file', () => {
    const c = parseConfig('', 'g.yaml');
    expect(c.database).toBe('data/gazette.db');
    expect(c.output).toMatchObject({ dir: 'feeds', baseUrl: 'http://localhost:8080/', limit: 50 });
    expect(c.schedule).toBe('*/15 * * * *');
    expect(c.server.port).toBe(8080);
    expect(c.fetch).toMatchObject({ timeoutSeconds: 20, maxBytes: 10485760, concurrency: 16, allowPrivateNetworks: false });
  });

  it('normalises country codes and baseUrl', () => {
    const c = parseConfig(
      'output: { baseUrl: "https://x.test/feeds" }\nsources:\n  - { id: a, url: "https://a.test/feed", country: ru }\n',
      'g.yaml',
    );
    expect(c.output.baseUrl).toBe('https://x.test/feeds/');
    expect(c.sources[0]).toMatchObject({ id: 'a', country: 'RU', categories: [], priority: 0, headers: {} });
  });

  it('locates every problem at file:line:column', () => {
    expect(
      problems(`schedule: "every minute"
fetch:
  timeoutSeconds: -1
  concurency: 3
sources:
  - { id: a, url: "https://a.test/" }
  - { id: a, url: "https://b.test/" }
`),
    ).toEqual([
      expect.stringMatching(/^1:11: schedule: must be a cron expression/),
      expect.stringMatching(/^3:19: fetch.timeoutSeconds: /),
      '4:3: fetch: unknown key "concurency" (did you mean "concurrency"?)',
    ]);
    expect(problems('sources:\n  - { id: a, url: "https://a.test/" }\n  - { id: a, url: "https://b.test/" }\n')).toEqual([
      '3:11: sources.1.id: duplicate id "a"',
    ]);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(problems('sources: [\n  { id: a\n')[0]).toMatch(/^\d+:\d+: YAML: /);
  });

  it('rejects a source id that cannot be a file name', () => {
    expect(problems('topics:\n  - { id: "Bad/Id", title: T }\n')[0]).toMatch(/^2:11: topics.0.id: must be lower-case/);
  });
});
