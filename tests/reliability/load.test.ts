import type { ServerResponse } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServersAfterEach, serve } from '../fetch/servers.js';
import { binaryGarbage } from '../fixtures/hostile/documents.js';
import { runCli } from '../helpers/cli.js';
import { rss } from '../schedule/harness.js';
import { runCliMeasured } from './measured-run.js';

// One real `run --once` over 2,000 sources on one loopback host, where 10% answer
// after 5 s, 5% never answer and 5% fail (HTTP 500, garbage, connection reset):
// the cycle ends within fetch.cycleDeadlineSeconds (plus publishing), every healthy
// source lands, and every other one is recorded with a clear outcome.

closeServersAfterEach();

const SOURCES = 2000;
// Room for the healthy sources' work (12-14 s of CPU, spread over twice that on a machine busy with other tests).
const DEADLINE_SECONDS = 40;
// Far longer than the deadline: only the deadline can end the hanging polls within the bound below.
const TIMEOUT_SECONDS = 120;
const SLOW_MS = 5000;
// A bound, not a benchmark: the deadline, then publishing ~3,500 articles and process start and exit.
const WALL_BOUND_SECONDS = DEADLINE_SECONDS + 20;
const ITEMS = 2;

type Kind = 'healthy' | 'slow' | 'hang' | 'error';
/** 10% slow, 5% hang, 5% errors, spread evenly over the list (and so over the pool's slots). */
function kindOf(index: number): Kind {
  const slot = index % 20;
  return slot < 2 ? 'slow' : slot === 2 ? 'hang' : slot === 3 ? 'error' : 'healthy';
}

const SYLLABLES = ['ka', 'lo', 'mi', 'nu', 'pe', 'ra', 'si', 'to', 'vu', 'ze'];
/** A made-up word per number, so that no two sources' headlines look alike to the story clustering. */
const word = (n: number) => [...String(n)].map((digit) => SYLLABLES[Number(digit)]).join('');

function feedOf(index: number, now: number): string {
  return rss(
    Array.from({ length: ITEMS }, (_, k) => ({
      title: `Report ${word(index)} ${word(index * 31 + k + 7)} ${word(index * 97 + k * 13 + 3)} ${word(k + 11)}`,
      at: now - (k + 1) * 3_600_000,
    })),
  );
}

const waiting = new Set<ServerResponse>();
const timers = new Set<NodeJS.Timeout>();
afterEach(() => {
  for (const timer of timers) clearTimeout(timer);
  for (const res of waiting) res.destroy();
  timers.clear();
  waiting.clear();
});

interface StatusSource {
  id: string;
  lastOutcome: string | null;
  articles: number;
  lastError: string | null;
  lastErrorCode: string | null;
}

describe('load', () => {
  it(
    `one cycle over ${SOURCES} sources (10% slow, 5% hanging, 5% failing) ends within fetch.cycleDeadlineSeconds and lands every healthy source`,
    { timeout: 180_000 },
    async () => {
      const now = Date.now();
      const send = (res: ServerResponse, index: number) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedOf(index, now));
      const server = await serve((req, res) => {
        const index = Number(req.url!.slice(1));
        switch (kindOf(index)) {
          case 'healthy':
            return send(res, index);
          case 'slow': {
            waiting.add(res);
            const timer = setTimeout(() => {
              timers.delete(timer);
              waiting.delete(res);
              send(res, index);
            }, SLOW_MS);
            timers.add(timer);
            return;
          }
          case 'hang':
            waiting.add(res);
            return;
          case 'error': {
            const variant = Math.floor(index / 20) % 3;
            if (variant === 0) return res.writeHead(500).end('boom');
            if (variant === 1) return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(binaryGarbage(4096, index + 1));
            return req.socket.destroy();
          }
        }
      });
      const dir = mkdtempSync(join(tmpdir(), 'gazette-load-'));
      const config = join(dir, 'gazette.yaml');
      writeFileSync(
        config,
        `database: ${join(dir, 'gazette.db')}
output: { dir: ${join(dir, 'feeds')}, baseUrl: "http://feeds.example.test/" }
fetch:
  allowPrivateNetworks: true
  # One loopback host serves every source, so the per-host limit is the pool's.
  concurrency: 256
  perHost: 256
  timeoutSeconds: ${TIMEOUT_SECONDS}
  cycleDeadlineSeconds: ${DEADLINE_SECONDS}
topics:
  - { id: all, title: "Everything" }
sources:
${Array.from({ length: SOURCES }, (_, i) => `  - { id: s${i}, url: "${server.url}${i}" }`).join('\n')}
`,
      );

      const run = await runCliMeasured(['run', '--once', '--force', '--config', config]);
      const { wallSeconds, cpuSeconds, peakMb } = run;
      // Failed sources do not fail the cycle (README, exit codes).
      expect(run.code, run.stderr).toBe(0);
      expect(wallSeconds).toBeLessThan(WALL_BOUND_SECONDS);

      const status = await runCli(['status', '--json', '--config', config]);
      expect(status.code, status.stderr).toBe(0);
      const sources = (JSON.parse(status.stdout) as { sources: StatusSource[] }).sources;
      expect(sources).toHaveLength(SOURCES);
      const byKind = (kind: Kind) => sources.filter((s) => kindOf(Number(s.id.slice(1))) === kind);
      const landed = (kind: Kind) => byKind(kind).filter((s) => s.lastOutcome === 'fetched').length;
      console.log(
        `load: ${SOURCES} sources, deadline ${DEADLINE_SECONDS} s, exit ${run.code}, wall ${wallSeconds.toFixed(1)} s, CPU ${cpuSeconds.toFixed(1)} s, peak RSS ${peakMb.toFixed(0)} MB; ` +
          `landed: healthy ${landed('healthy')}/${byKind('healthy').length}, slow ${landed('slow')}/${byKind('slow').length}, ` +
          `hanging ${landed('hang')}/${byKind('hang').length}, failing ${landed('error')}/${byKind('error').length}`,
      );

      for (const source of byKind('healthy')) {
        expect(source, source.id).toMatchObject({ lastOutcome: 'fetched', articles: ITEMS, lastError: null });
      }
      const deadline = `cycle deadline of ${DEADLINE_SECONDS} s (fetch.cycleDeadlineSeconds) reached before this source answered`;
      for (const source of byKind('hang')) {
        expect(source, source.id).toMatchObject({ lastOutcome: 'failed', lastErrorCode: 'aborted', articles: 0 });
        expect(source.lastError, source.id).toContain(deadline);
      }
      for (const source of byKind('slow')) {
        if (source.lastOutcome === 'fetched') expect(source.articles, source.id).toBe(ITEMS);
        else expect(source.lastError, source.id).toMatch(/cycle deadline|fetch\.timeoutSeconds/);
      }
      const errors = byKind('error');
      expect(errors.every((s) => s.lastOutcome === 'failed' && s.articles === 0 && s.lastError)).toBe(true);
      expect(new Set(errors.map((s) => s.lastErrorCode))).toEqual(new Set(['http-status', 'not-a-feed', 'network']));
    },
  );
});
