import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServersAfterEach, serve } from '../fetch/servers.js';
import { closeStoresAfterEach, harness, healthyFeed } from '../schedule/harness.js';

// fetch.cycleDeadlineSeconds bounds a cycle's polls: what is in flight then is
// aborted, what has not started fails without a request, what landed stays, and
// the cycle publishes and ends normally.

closeServersAfterEach();
closeStoresAfterEach();

const hanging: ServerResponse[] = [];
afterEach(() => {
  for (const res of hanging.splice(0)) res.destroy();
});

describe('cycle deadline', () => {
  it('aborts the poll in flight, fails the polls not started, keeps what landed', { timeout: 30_000 }, async () => {
    const healthy = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(healthyFeed()));
    const silent = await serve((_req, res) => void hanging.push(res));
    // One poll at a time, in this order: the first lands, the second hangs past the deadline, the third never starts.
    const gazette = harness(
      `sources:
  - { id: first, url: "${healthy.url}first.xml" }
  - { id: hangs, url: "${silent.url}feed" }
  - { id: never-started, url: "${healthy.url}never.xml" }
`,
      { concurrency: 1, timeoutSeconds: 60, cycleDeadlineSeconds: 1 },
    );

    const report = await gazette.cycle();

    expect(report.sourcesOk).toBe(1);
    expect(report.sourcesFailed).toBe(2);
    expect(gazette.state('first')).toMatchObject({ lastOutcome: 'fetched', articleCount: 3 });
    const deadline = 'cycle deadline of 1 s (fetch.cycleDeadlineSeconds) reached before this source answered';
    for (const id of ['hangs', 'never-started']) {
      const state = gazette.state(id);
      expect(state).toMatchObject({ lastOutcome: 'failed', lastErrorCode: 'aborted', articleCount: 0 });
      expect(state.lastError).toContain(deadline);
    }
    expect(silent.requests).toHaveLength(1);
    expect(healthy.requests.map((r) => r.url)).toEqual(['/first.xml']);
    // The cycle went on to publish what landed.
    expect(report.feedsWritten.length).toBeGreaterThan(0);
    expect(gazette.logs.some((log) => log.msg === 'cycle deadline reached: polls in flight are aborted and no new ones start')).toBe(true);
  });
});
