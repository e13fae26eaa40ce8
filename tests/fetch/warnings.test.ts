import { describe, expect, it } from 'vitest';
import { fetchFeed } from '../../src/fetch/index.js';
import { contentTypeWarning } from '../../src/fetch/content-type.js';
import { closeServersAfterEach, fetchSettings, serve } from './servers.js';

closeServersAfterEach();

describe('contentTypeWarning', () => {
  it.each([
    ['application/rss+xml; charset=utf-8', undefined],
    ['application/atom+xml', undefined],
    ['application/rdf+xml', undefined],
    ['text/xml', undefined],
    ['Application/XML', undefined],
    ['application/feed+json', undefined],
    ['application/json', undefined],
    ['text/html; charset=utf-8', 'served as "text/html", which is not a feed type'],
    ['text/plain', 'served as "text/plain", which is not a feed type'],
    ['application/octet-stream', 'served as "application/octet-stream", which is not a feed type'],
    ['', 'served without a Content-Type'],
    [undefined, 'served without a Content-Type'],
  ])('%j', (contentType, warning) => {
    expect(contentTypeWarning(contentType)).toBe(warning);
  });
});

describe('fetchFeed: warnings and response headers', () => {
  it('reports a non-feed Content-Type and charset problems together, and passes Date and Age on', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=no-such', age: '30' });
      res.end(Buffer.from([0x3c, 0x72, 0x73, 0x73, 0x3e, 0xff, 0x3c, 0x2f, 0x72, 0x73, 0x73, 0x3e]));
    });
    const outcome = await fetchFeed({ url: server.url }, fetchSettings());
    expect(outcome).toMatchObject({
      kind: 'fetched',
      text: '<rss>\ufffd</rss>',
      age: '30',
      warnings: [
        'served as "text/plain", which is not a feed type',
        'unknown charset "no-such" in the Content-Type header; decoded as utf-8',
        'the body is not valid utf-8: invalid bytes were replaced by U+FFFD (first on line 1)',
      ],
    });
    expect(Date.parse((outcome as { date: string }).date)).toBeGreaterThan(0);
  });
});

describe('fetchFeed: credentialsOrigin', () => {
  it('sends Authorization and Cookie only to the credentials origin, other headers everywhere', async () => {
    const other = await serve((_req, res) => res.end('<rss/>'));
    const home = await serve((_req, res) => res.end('<rss/>'));
    const headers = { Authorization: 'Bearer t', Cookie: 'c=1', 'X-Tag': 'kept' };
    const credentialsOrigin = new URL(home.url).origin;
    await fetchFeed({ url: `${home.url}feed`, headers, credentialsOrigin }, fetchSettings());
    await fetchFeed({ url: `${other.url}feed`, headers, credentialsOrigin }, fetchSettings());
    expect(home.requests[0]?.headers).toMatchObject({ authorization: 'Bearer t', cookie: 'c=1', 'x-tag': 'kept' });
    expect(other.requests[0]?.headers).not.toHaveProperty('authorization');
    expect(other.requests[0]?.headers).not.toHaveProperty('cookie');
    expect(other.requests[0]?.headers['x-tag']).toBe('kept');
  });
});
