import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { DEFAULT_USER_AGENT } from '../../src/fetch/index.js';
import { closeServersAfterEach, serve } from '../fetch/servers.js';
import { closeStoresAfterEach, harness, healthyFeed, rss } from './harness.js';

// Polling policy in real cycles: conditional GET, adaptive next poll, due
// selection, Retry-After and backoff, per-host limit, redirects, gone, discovery.

closeServersAfterEach();
closeStoresAfterEach();

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Math.floor(Date.now() / 1000) * 1000;

const feedHeaders = { 'content-type': 'application/rss+xml; charset=utf-8' };

/** `count` items evenly spread over the week before `now`. */
const weekOfPosts = (count: number, now = T0) =>
  Array.from({ length: count }, (_, i) => ({ title: `Post ${i}`, at: now - 30 * MIN - Math.floor((i * 7 * DAY) / count) }));

describe('conditional GET and the body hash', () => {
  it('a second poll sends the validators; a 304 or the same bytes are recorded without a parse', async () => {
    const body = healthyFeed(T0);
    const honours = await serve((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304, { etag: '"v1"' }).end();
      res.writeHead(200, { ...feedHeaders, etag: '"v1"', 'last-modified': 'Sun, 01 Mar 2026 10:00:00 GMT' }).end(body);
    });
    // Ignores conditional headers and always sends the whole, identical document.
    const ignores = await serve((_req, res) => res.writeHead(200, { ...feedHeaders, etag: '"v9"' }).end(body));
    const gazette = harness(`sources:
  - { id: honours, url: "${honours.url}feed" }
  - { id: ignores, url: "${ignores.url}feed" }
`);
    await gazette.cycle({ now: T0 });
    expect(gazette.state('honours')).toMatchObject({ lastOutcome: 'fetched', articleCount: 3, etag: '"v1"' });

    const second = await gazette.cycle({ now: T0 + 2 * DAY });
    expect(second.polls.map((p) => [p.sourceId, p.outcome])).toEqual([
      ['honours', 'not-modified'],
      ['ignores', 'unchanged'],
    ]);
    expect(honours.requests[1]?.headers).toMatchObject({
      'if-none-match': '"v1"',
      'if-modified-since': 'Sun, 01 Mar 2026 10:00:00 GMT',
    });
    expect(ignores.requests[1]?.headers['if-none-match']).toBe('"v9"');
    for (const id of ['honours', 'ignores']) {
      expect(gazette.state(id)).toMatchObject({ consecutiveFailures: 0, articleCount: 3, lastSuccessAt: T0 + 2 * DAY });
    }
    expect(gazette.state('honours').lastStatus).toBe(304);
    expect(second.newCount + second.updatedCount).toBe(0);
  });
});

describe('adaptive next poll', () => {
  it('follows max-age, <ttl>, sy:updatePeriod, the posting rate and the bounds; polls only due sources', async () => {
    const docs: Record<string, [Record<string, string>, string]> = {
      '/ttl': [{}, rss(weekOfPosts(168), '<ttl>180</ttl>')],
      '/sy': [{}, rss(weekOfPosts(168), '<sy:updatePeriod>weekly</sy:updatePeriod><sy:updateFrequency>14</sy:updateFrequency>')],
      '/max-age': [{ 'cache-control': 'public, max-age=14400' }, rss(weekOfPosts(168))],
      '/rate': [{}, rss(weekOfPosts(14))],
      '/quiet': [{}, rss([{ title: 'Old news', at: T0 - 30 * DAY }])],
    };
    const server = await serve((req, res) => {
      const [headers, body] = docs[req.url!]!;
      res.writeHead(200, { ...feedHeaders, ...headers }).end(body);
    });
    const gazette = harness(`sources:
  - { id: ttl, url: "${server.url}ttl" }
  - { id: sy, url: "${server.url}sy" }
  - { id: max-age, url: "${server.url}max-age" }
  - { id: rate, url: "${server.url}rate" }
  - { id: quiet, url: "${server.url}quiet", maxIntervalMinutes: 60 }
`, { perHost: 8 });
    await gazette.cycle({ now: T0 });
    const next = (id: string) => {
      const { nextPollAt, nextPollReason } = gazette.state(id);
      return [(nextPollAt! - T0) / MIN, nextPollReason];
    };
    expect(next('ttl')).toEqual([180, 'RSS <ttl> 180 min']);
    expect(next('sy')).toEqual([720, 'sy:updatePeriod 720 min']);
    expect(next('max-age')).toEqual([240, 'Cache-Control max-age=14400']);
    expect(next('rate')).toEqual([720, 'posting rate: 14 posts in 7 days']);
    expect(next('quiet')).toEqual([60, 'maximum interval 60 min (posting rate: no posts in 7 days)']);

    const early = await gazette.cycle({ now: T0 + 59 * MIN });
    expect(early.polls).toEqual([]);
    const later = await gazette.cycle({ now: T0 + 4 * HOUR });
    expect(later.polls.map((p) => p.sourceId)).toEqual(['ttl', 'max-age', 'quiet']);
    const forced = await gazette.cycle({ now: T0 + 4 * HOUR + MIN, force: true });
    expect(forced.polls.map((p) => p.sourceId)).toEqual(['ttl', 'sy', 'max-age', 'rate', 'quiet']);
  });

  it('keeps honouring the document <ttl> when the server answers 304', async () => {
    const server = await serve((req, res) => {
      if (req.headers['if-none-match']) return res.writeHead(304, { etag: '"t"' }).end();
      res.writeHead(200, { ...feedHeaders, etag: '"t"' }).end(rss(weekOfPosts(168), '<ttl>120</ttl>'));
    });
    const gazette = harness(`sources:\n  - { id: ttl, url: "${server.url}feed" }\n`);
    await gazette.cycle({ now: T0 });
    await gazette.cycle({ now: T0 + 3 * HOUR });
    expect(gazette.state('ttl')).toMatchObject({ lastOutcome: 'not-modified', nextPollAt: T0 + 5 * HOUR, nextPollReason: 'RSS <ttl> 120 min' });
  });
});

describe('failures: Retry-After and backoff', () => {
  it('honours Retry-After exactly, in seconds or as a date', async () => {
    const retryDate = new Date(T0 + 3 * HOUR).toUTCString();
    const server = await serve((req, res) => {
      if (req.url === '/busy') return res.writeHead(429, { 'retry-after': '120' }).end();
      res.writeHead(503, { 'retry-after': retryDate }).end();
    });
    const gazette = harness(`sources:
  - { id: busy, url: "${server.url}busy" }
  - { id: down, url: "${server.url}down" }
`);
    await gazette.cycle({ now: T0 });
    expect(gazette.state('busy')).toMatchObject({ nextPollAt: T0 + 120_000, nextPollReason: 'Retry-After: 120', lastStatus: 429 });
    expect(gazette.state('down')).toMatchObject({ nextPollAt: T0 + 3 * HOUR, nextPollReason: `Retry-After: ${retryDate}`, lastStatus: 503 });
    expect((await gazette.cycle({ now: T0 + 119_999 })).polls).toEqual([]);
    expect((await gazette.cycle({ now: T0 + 120_000 })).polls.map((p) => p.sourceId)).toEqual(['busy']);
    expect(gazette.state('busy').consecutiveFailures).toBe(2);
  });

  it('backs off exponentially while failing, up to fetch.backoffCapHours, and resets on success', async () => {
    let failing = true;
    const server = await serve((_req, res) => {
      if (failing) return res.writeHead(500).end();
      res.writeHead(200, feedHeaders).end(rss(weekOfPosts(168)));
    });
    const gazette = harness(`sources:\n  - { id: flaky, url: "${server.url}feed" }\n`, { backoffCapHours: 1 });
    const waits: number[] = [];
    let now = T0;
    for (let i = 0; i < 6; i++) {
      await gazette.cycle({ now });
      const { nextPollAt } = gazette.state('flaky');
      waits.push(nextPollAt! - now);
      now = nextPollAt!;
    }
    expect(gazette.state('flaky')).toMatchObject({ consecutiveFailures: 6, nextPollReason: 'backoff after 6 failures' });
    const ceilings = [5, 10, 20, 40, 60, 60].map((m) => m * MIN);
    waits.forEach((wait, i) => {
      expect(wait).toBeLessThanOrEqual(ceilings[i]!);
      expect(wait).toBeGreaterThanOrEqual(ceilings[i]! * 0.8);
    });
    failing = false;
    await gazette.cycle({ now });
    // Back to the healthy schedule (the window has moved on by the time spent failing).
    expect(gazette.state('flaky')).toMatchObject({ consecutiveFailures: 0, lastOutcome: 'fetched' });
    expect(gazette.state('flaky').nextPollReason).toMatch(/^posting rate: 16\d posts in 7 days$/);
    expect(gazette.state('flaky').lastError).toBeUndefined();
  });
});

describe('fetch.perHost', () => {
  it('keeps at most perHost requests in flight to one host, within the global concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const slow = (_req: IncomingMessage, res: ServerResponse) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, feedHeaders).end(healthyFeed());
      }, 150);
    };
    const server = await serve(slow);
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const sources = ids.map((id) => `  - { id: ${id}, url: "${server.url}${id}" }`).join('\n');
    const gazette = harness(`sources:\n${sources}\n`, { perHost: 2, concurrency: 16 });
    const report = await gazette.cycle();
    expect(report.sourcesOk).toBe(6);
    expect(peak).toBe(2);

    // Another host name for the same server is another host: both get their two slots.
    peak = 0;
    const both = ids.map((id, i) => `  - { id: ${id}, url: "http://${i % 2 ? 'localhost' : '127.0.0.1'}:${server.port}/${id}" }`);
    const twoHosts = harness(`sources:\n${both.join('\n')}\n`, { perHost: 2, concurrency: 16 });
    await twoHosts.cycle();
    expect(peak).toBe(4);
  });
});

describe('redirects', () => {
  it('a 301/308 chain moves the source: stored, logged, polled there next time; a config change starts over', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/old') return res.writeHead(301, { location: '/older-still' }).end();
      if (req.url === '/older-still') return res.writeHead(308, { location: '/new' }).end();
      res.writeHead(200, feedHeaders).end(healthyFeed());
    });
    const gazette = harness(`sources:\n  - { id: moved, url: "${server.url}old" }\n`);
    await gazette.cycle({ now: T0 });
    expect(gazette.state('moved')).toMatchObject({ url: `${server.url}old`, currentUrl: `${server.url}new`, currentUrlVia: 'redirect' });
    expect(gazette.logs).toContainEqual(
      expect.objectContaining({
        level: 30,
        source: 'moved',
        from: `${server.url}old`,
        to: `${server.url}new`,
        msg: 'source moved: permanent redirect (301/308); polling the new URL from now on',
      }),
    );
    await gazette.cycle({ now: T0 + 2 * DAY });
    expect(server.requests.map((r) => r.url)).toEqual(['/old', '/older-still', '/new', '/new']);

    const edited = parseConfig(
      `database: ${gazette.config.database}\nfetch: { allowPrivateNetworks: true }\nsources:\n  - { id: moved, url: "${server.url}new?v=2" }\n`,
      'g.yaml',
    );
    await gazette.cycle({ now: T0 + 4 * DAY, config: edited });
    expect(gazette.state('moved').currentUrl).toBeUndefined();
    expect(server.requests.at(-1)?.url).toBe('/new?v=2');
  });

  it.each([302, 307])('a %i does not move the source', async (status) => {
    const server = await serve((req, res) => {
      if (req.url === '/old') return res.writeHead(status, { location: '/new' }).end();
      res.writeHead(200, feedHeaders).end(healthyFeed());
    });
    const gazette = harness(`sources:\n  - { id: temp, url: "${server.url}old" }\n`);
    await gazette.cycle({ now: T0 });
    expect(gazette.state('temp')).toMatchObject({ lastOutcome: 'fetched', articleCount: 3 });
    expect(gazette.state('temp').currentUrl).toBeUndefined();
    await gazette.cycle({ now: T0 + 2 * DAY });
    expect(server.requests.map((r) => r.url)).toEqual(['/old', '/new', '/old', '/new']);
  });

  it('credentials stay with the configured origin, also once the source moved elsewhere', async () => {
    const elsewhere = await serve((_req, res) => res.writeHead(200, feedHeaders).end(healthyFeed()));
    const origin = await serve((_req, res) => res.writeHead(301, { location: `${elsewhere.url}feed` }).end());
    const gazette = harness(`sources:
  - id: private
    url: "${origin.url}feed"
    headers: { Authorization: "Bearer s3cret", X-Client: gazette-test }
`);
    await gazette.cycle({ now: T0 });
    await gazette.cycle({ now: T0 + 2 * DAY });
    expect(origin.requests[0]?.headers.authorization).toBe('Bearer s3cret');
    expect(elsewhere.requests).toHaveLength(2);
    for (const r of elsewhere.requests) {
      expect(r.headers.authorization).toBeUndefined();
      expect(r.headers['x-client']).toBe('gazette-test');
    }
  });
});

describe('410 Gone', () => {
  afterEach(() => {
    delete process.env.GAZETTE_TEST_FEED_PATH;
  });

  it('stops polling until the configured URL changes; --force re-checks it', async () => {
    let gone = true;
    const server = await serve((req, res) => {
      if (gone && req.url === '/feed') return res.writeHead(410).end();
      res.writeHead(200, feedHeaders).end(healthyFeed());
    });
    const gazette = harness(`sources:
  - { id: dead, url: "${server.url}feed" }
  - { id: alive, url: "${server.url}other" }
`);
    await gazette.cycle({ now: T0 });
    expect(gazette.state('dead')).toMatchObject({
      gone: true,
      lastStatus: 410,
      nextPollReason: 'gone (HTTP 410): not polled until the url changes in the config',
    });
    expect(gazette.state('dead').lastError).toBe(
      `HTTP 410 Gone from ${server.url}feed: the feed is gone; it is not polled again until its url changes in the config (run --force re-checks it)`,
    );
    const later = await gazette.cycle({ now: T0 + 30 * DAY });
    expect(later.polls.map((p) => p.sourceId)).toEqual(['alive']);

    gone = false;
    const forced = await gazette.cycle({ now: T0 + 31 * DAY, force: true });
    expect(forced.polls.map((p) => p.sourceId)).toEqual(['dead', 'alive']);
    expect(gazette.state('dead')).toMatchObject({ gone: false, consecutiveFailures: 0, lastOutcome: 'fetched' });
  });

  it('a new URL in the config clears gone', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/feed') return res.writeHead(410).end();
      res.writeHead(200, feedHeaders).end(healthyFeed());
    });
    const gazette = harness(`sources:\n  - { id: dead, url: "${server.url}feed" }\n`);
    await gazette.cycle({ now: T0 });
    expect(gazette.state('dead')).toMatchObject({ gone: true, consecutiveFailures: 1 });
    // The same URL again keeps the state; a new one starts over.
    gazette.store.syncSources([{ id: 'dead', url: `${server.url}feed` }]);
    expect(gazette.state('dead')).toMatchObject({ gone: true, consecutiveFailures: 1 });
    gazette.store.syncSources([{ id: 'dead', url: `${server.url}feed-v2` }]);
    expect(gazette.state('dead')).toMatchObject({ gone: false, consecutiveFailures: 0, nextPollAt: undefined, nextPollReason: undefined });
    const edited = parseConfig(
      `database: ${gazette.config.database}\nfetch: { allowPrivateNetworks: true }\nsources:\n  - { id: dead, url: "${server.url}feed-v2" }\n`,
      'g.yaml',
    );
    const report = await gazette.cycle({ now: T0 + MIN, config: edited });
    expect(report.polls.map((p) => [p.sourceId, p.outcome])).toEqual([['dead', 'fetched']]);
    expect(gazette.state('dead')).toMatchObject({ gone: false, articleCount: 3 });
  });
});

describe('discover: true', () => {
  const page = (href: string) =>
    `<!doctype html><html><head><title>Blog</title><link rel="alternate" type="application/rss+xml" href="${href}"></head><body>Blog</body></html>`;

  it('follows the feed an HTML page announces and polls that feed from then on', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/blog/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page('/blog/feed.xml'));
      if (req.url === '/blog/feed.xml') return res.writeHead(200, feedHeaders).end(healthyFeed());
      res.writeHead(404).end();
    });
    const gazette = harness(`sources:\n  - { id: blog, url: "${server.url}blog/", discover: true }\n`);
    await gazette.cycle({ now: T0 });
    expect(gazette.state('blog')).toMatchObject({
      lastOutcome: 'fetched',
      articleCount: 3,
      currentUrl: `${server.url}blog/feed.xml`,
      currentUrlVia: 'discovery',
    });
    expect(gazette.logs).toContainEqual(expect.objectContaining({ source: 'blog', feed: `${server.url}blog/feed.xml`, level: 30 }));
    await gazette.cycle({ now: T0 + 2 * DAY });
    expect(server.requests.map((r) => r.url)).toEqual(['/blog/', '/blog/feed.xml', '/blog/feed.xml']);
  });

  it('reports a page that announces no feed, and a discovered feed that fails', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/bare') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>no feeds here</body></html>');
      if (req.url === '/page') return res.writeHead(200, { 'content-type': 'text/html' }).end(page('/missing.xml'));
      res.writeHead(404).end();
    });
    const gazette = harness(`sources:
  - { id: bare, url: "${server.url}bare", discover: true }
  - { id: broken, url: "${server.url}page", discover: true }
`);
    await gazette.cycle({ now: T0 });
    expect(gazette.state('bare')).toMatchObject({ lastErrorCode: 'not-a-feed' });
    expect(gazette.state('bare').lastError).toMatch(/^Cannot read .*\/bare as a feed: .*announces no feed/);
    expect(gazette.state('broken')).toMatchObject({ lastErrorCode: 'http-status', lastStatus: 404, gone: false });
    expect(gazette.state('broken').lastError).toBe(
      `${server.url}page is an HTML page announcing ${server.url}missing.xml, which failed: HTTP 404 Not Found from ${server.url}missing.xml`,
    );
    expect(gazette.state('broken').currentUrl).toBeUndefined();
  });
});

describe('request headers', () => {
  afterEach(() => {
    delete process.env.GAZETTE_TEST_TOKEN;
  });

  it('sends the default User-Agent, a global or per-source one, and per-source headers with ${VAR} from the environment', async () => {
    process.env.GAZETTE_TEST_TOKEN = 'tok-42';
    const server = await serve((_req, res) => res.writeHead(200, feedHeaders).end(healthyFeed()));
    const sources = `sources:
  - { id: plain, url: "${server.url}plain" }
  - id: custom
    url: "${server.url}custom"
    userAgent: "CustomAgent/1.0"
    headers: { Authorization: "Bearer \${GAZETTE_TEST_TOKEN}", Cookie: "session=abc" }
`;
    await harness(sources).cycle();
    await harness(sources, { userAgent: 'SiteAgent/2' }).cycle();
    const seen = (path: string) => server.requests.filter((r) => r.url === path).map((r) => r.headers);
    expect(seen('/plain').map((h) => h['user-agent'])).toEqual([DEFAULT_USER_AGENT, 'SiteAgent/2']);
    expect(DEFAULT_USER_AGENT).toMatch(/^Gazette\/\d+\.\d+\.\d+ \(\+https?:\/\/\S+\)$/);
    for (const h of seen('/custom')) {
      expect(h).toMatchObject({ 'user-agent': 'CustomAgent/1.0', authorization: 'Bearer tok-42', cookie: 'session=abc' });
    }
    expect(seen('/plain')[0]).not.toHaveProperty('authorization');
  });
});
