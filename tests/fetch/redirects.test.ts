import { describe, expect, it } from 'vitest';
import { fetchFeed } from '../../src/fetch/index.js';
import { closeServersAfterEach, failure, fetchSettings, serve } from './servers.js';

closeServersAfterEach();

/** A server whose routes map a path to [status, Location]; any other path answers 200 with the path as body. */
function serveRedirects(routes: Record<string, [number, string?]>) {
  return serve((req, res) => {
    const route = routes[req.url ?? ''];
    if (!route) return res.end(`<rss>${req.url}</rss>`);
    const [status, location] = route;
    res.writeHead(status, location === undefined ? {} : { location });
    res.end('moved');
  });
}

describe('fetchFeed: redirects', () => {
  it.each([301, 308])('sets permanentUrl after a %i', async (status) => {
    const server = await serveRedirects({ '/old': [status, '/new'] });
    const outcome = await fetchFeed({ url: `${server.url}old` }, fetchSettings());
    expect(outcome).toMatchObject({
      kind: 'fetched',
      requestedUrl: `${server.url}old`,
      finalUrl: `${server.url}new`,
      permanentUrl: `${server.url}new`,
      text: '<rss>/new</rss>',
    });
  });

  it('follows a chain of permanent redirects to the end', async () => {
    const server = await serveRedirects({ '/a': [301, '/b'], '/b': [308, '/c'] });
    const outcome = await fetchFeed({ url: `${server.url}a` }, fetchSettings());
    expect(outcome).toMatchObject({ finalUrl: `${server.url}c`, permanentUrl: `${server.url}c` });
  });

  it.each([302, 303, 307])('follows a %i without setting permanentUrl', async (status) => {
    const server = await serveRedirects({ '/old': [status, '/new'] });
    const outcome = await fetchFeed({ url: `${server.url}old` }, fetchSettings());
    expect(outcome).toMatchObject({ finalUrl: `${server.url}new`, text: '<rss>/new</rss>' });
    expect(outcome).not.toHaveProperty('permanentUrl');
  });

  it('does not set permanentUrl when a temporary hop follows a permanent one', async () => {
    const server = await serveRedirects({ '/a': [301, '/b'], '/b': [302, '/c'] });
    const outcome = await fetchFeed({ url: `${server.url}a` }, fetchSettings());
    expect(outcome).toMatchObject({ finalUrl: `${server.url}c` });
    expect(outcome).not.toHaveProperty('permanentUrl');
  });

  it('reports permanentUrl on a 304 reached through a 301', async () => {
    const server = await serve((req, res) => {
      res.writeHead(req.url === '/old' ? 301 : 304, req.url === '/old' ? { location: '/new' } : {});
      res.end();
    });
    const outcome = await fetchFeed({ url: `${server.url}old`, etag: '"e"' }, fetchSettings());
    expect(outcome).toMatchObject({ kind: 'not-modified', finalUrl: `${server.url}new`, permanentUrl: `${server.url}new`, etag: '"e"' });
    expect(server.requests.map((r) => r.headers['if-none-match'])).toEqual(['"e"', '"e"']);
  });

  it('resolves a relative Location against the current URL', async () => {
    const server = await serveRedirects({ '/feeds/old/index': [302, '../current.xml?x=1'] });
    const outcome = await fetchFeed({ url: `${server.url}feeds/old/index` }, fetchSettings());
    expect(outcome).toMatchObject({ finalUrl: `${server.url}feeds/current.xml?x=1` });
  });

  it('follows a redirect to another server', async () => {
    const target = await serveRedirects({});
    const origin = await serveRedirects({ '/feed': [301, `${target.url}moved`] });
    const outcome = await fetchFeed({ url: `${origin.url}feed` }, fetchSettings());
    expect(outcome).toMatchObject({ permanentUrl: `${target.url}moved`, text: '<rss>/moved</rss>' });
  });

  it('keeps credentials on same-origin hops and drops them when the origin changes', async () => {
    const target = await serveRedirects({});
    const origin = await serveRedirects({ '/a': [302, '/b'], '/b': [302, `${target.url}c`] });
    await fetchFeed(
      { url: `${origin.url}a`, headers: { Authorization: 'Bearer secret', 'X-Other': 'kept' } },
      fetchSettings(),
    );
    expect(origin.requests.map((r) => r.headers.authorization)).toEqual(['Bearer secret', 'Bearer secret']);
    expect(target.requests[0]?.headers.authorization).toBeUndefined();
    expect(target.requests[0]?.headers['x-other']).toBe('kept');
  });

  it('detects a redirect loop', async () => {
    const server = await serveRedirects({ '/a': [302, '/b'], '/b': [301, '/a'] });
    const error = await failure(fetchFeed({ url: `${server.url}a` }, fetchSettings({ maxRedirects: 10 })));
    expect(error.code).toBe('redirect-loop');
    expect(error.message).toBe(`Redirect loop: ${server.url}a -> ${server.url}b -> ${server.url}a`);
    expect(server.requests).toHaveLength(2);
  });

  it('stops after fetch.maxRedirects hops', async () => {
    const server = await serveRedirects({ '/1': [302, '/2'], '/2': [302, '/3'], '/3': [302, '/4'] });
    const error = await failure(fetchFeed({ url: `${server.url}1` }, fetchSettings({ maxRedirects: 2 })));
    expect(error.code).toBe('too-many-redirects');
    expect(error.message).toContain('More than 2 redirects (fetch.maxRedirects)');
    expect(server.requests.map((r) => r.url)).toEqual(['/1', '/2', '/3']);
    // Exactly maxRedirects hops are fine.
    const ok = await fetchFeed({ url: `${server.url}2` }, fetchSettings({ maxRedirects: 2 }));
    expect(ok).toMatchObject({ finalUrl: `${server.url}4` });
  });

  it.each([
    ['ftp://example.org/feed.xml', /points to ftp:\/\/example\.org\/feed\.xml, which is not an http\(s\) URL/],
    ['javascript:alert(1)', /not an http\(s\) URL/],
    ['http://[::1', /points to an invalid URL/],
    [undefined, /has no Location header/],
  ])('refuses a redirect to %s as bad-redirect', async (location, message) => {
    const server = await serveRedirects({ '/feed': [301, location] });
    const error = await failure(fetchFeed({ url: `${server.url}feed` }, fetchSettings()));
    expect(error.code).toBe('bad-redirect');
    expect(error.url).toBe(`${server.url}feed`);
    expect(error.message).toMatch(message);
  });
});
