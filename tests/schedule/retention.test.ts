import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClassifier, loadCues } from '../../src/classify/index.js';
import { parseConfig } from '../../src/config/load.js';
import { silentLogger } from '../../src/log.js';
import { runCycle } from '../../src/schedule/cycle.js';
import { openSqliteStore } from '../../src/store/index.js';
import { serve, startServer, type TestServer } from '../helpers/http-server.js';
import { ROOT } from '../helpers/shared.js';

describe('retention after a cycle', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ '/seed.rss': serve(readFileSync(join(ROOT, 'config/demo/seed.rss')), 'application/rss+xml') });
  });
  afterAll(() => server.close());

  const cycle = async (retention: string, now: number) => {
    const dir = mkdtempSync(join(tmpdir(), 'gazette-retention-'));
    const config = parseConfig(
      `database: ${join(dir, 'g.db')}
output: { dir: ${join(dir, 'feeds')}, autoTopics: false }
fetch: { allowPrivateNetworks: true }
retention: ${retention}
sources: [{ id: seed, url: "${server.url}/seed.rss" }]
topics:
  - { id: latest, title: Latest, limit: 2 }
  - { id: cuba, title: Cuba, countries: [CU] }
`,
      'g.yaml',
    );
    const store = openSqliteStore(config.database);
    const classifier = createClassifier({ cues: loadCues(join(ROOT, 'config/cues.yaml')) });
    const report = await runCycle({ config, store, classifier, log: silentLogger, now: () => now }, { force: true });
    const titles = store.queryStories({ limit: 100 }).map((s) => s.members[0]!.title);
    store.close();
    return { report, titles };
  };

  it('keeps the newest maxArticlesPerSource and every story a topic feed shows', async () => {
    const { report, titles } = await cycle('{ maxArticlesPerSource: 5, batchSize: 2 }', Date.now());
    // 12 stored, the 5 newest kept, plus the Cuba article (6th newest) that the cuba topic shows.
    expect(report.newCount).toBe(12);
    expect(report.pruned).toBe(6);
    expect(titles).toHaveLength(6);
    expect(titles).toContain('Cuba: Capitalist Restoration by the “Russian Road”?');
    expect(titles).not.toContain('Russia: Putin Declares Partial Mobilization');
  });

  it('ages articles by when they were first seen, not by their publication date', async () => {
    // The seed articles were published in 2022-23: a 30-day limit must not drop them the day they arrive.
    const { report } = await cycle('{ maxAgeDays: 30 }', Date.now());
    expect(report.pruned).toBe(0);
  });
});
