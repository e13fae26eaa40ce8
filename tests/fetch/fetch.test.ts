import { sharedPath } from '../helpers/shared.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_USER_AGENT, fetchFeed } from '../../src/fetch/index.js';
import { closeServersAfterEach, failure, fetchSettings, serve } from './servers.js';

closeServersAfterEach();

const RSS = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Новости дня</title></channel></rss>';
const CORPUS = sharedPath('corpus', 'feeds');

describe('fetchFeed: a plain 200', () => {
  it('returns body, caching headers and a hash of the bytes', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/rss+xml; charset=utf-8',
        etag: '"v1"',
        'last-modified': 'Tue, 01 Apr 2025 10:00:00 GMT',
        'cache-control': 'max-age=300',
        expires: 'Tue, 01 Apr 2025 10:05:00 GMT',
      });
      res.end(RSS);
    });
    const url = `${server.url}feed.xml`;
    const outcome = await fetchFeed({ url }, fetchSettings());
    const bytes = Buffer.from(RSS);
    expect(outcome).toEqual({
      kind: 'fetched',
      status: 200,
      requestedUrl: url,
      finalUrl: url,
      contentType: 'application/rss+xml; charset=utf-8',
      charset: 'utf-8',
      text: RSS,
      bytes: bytes.length,
      bodyHash: createHash('sha256').update(bytes).digest('hex'),
      etag: '"v1"',
      lastModified: 'Tue, 01 Apr 2025 10:00:00 GMT',
      cacheControl: 'max-age=300',
      expires: 'Tue, 01 Apr 2025 10:05:00 GMT',
      date: expect.stringMatching(/ GMT$/),
      age: undefined,
      warnings: [],
    });
    expect(outcome).not.toHaveProperty('permanentUrl');
  });

  it('sends the default User-Agent, Accept and Accept-Encoding, and no conditional headers', async () => {
    const server = await serve((_req, res) => res.end(RSS));
    await fetchFeed({ url: server.url }, fetchSettings());
    const headers = server.requests[0]?.headers;
    expect(headers?.['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(headers?.accept).toBe(
      'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8',
    );
    expect(headers?.['accept-encoding']).toBe('gzip, deflate, br');
    expect(headers).not.toHaveProperty('if-none-match');
    expect(headers).not.toHaveProperty('if-modified-since');
  });

  it('builds the default User-Agent from package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as Record<string, string>;
    expect(DEFAULT_USER_AGENT).toBe(`Gazette/${pkg.version} (+${pkg.homepage})`);
  });

  it('prefers the request User-Agent, then the settings one, and sends extra headers as given', async () => {
    const server = await serve((_req, res) => res.end(RSS));
    await fetchFeed({ url: server.url }, fetchSettings({ userAgent: 'SettingsAgent/2' }));
    await fetchFeed(
      { url: server.url, userAgent: 'SourceAgent/3', headers: { 'X-Api-Key': 'k-123' } },
      fetchSettings({ userAgent: 'SettingsAgent/2' }),
    );
    expect(server.requests.map((r) => r.headers['user-agent'])).toEqual(['SettingsAgent/2', 'SourceAgent/3']);
    expect(server.requests[1]?.headers['x-api-key']).toBe('k-123');
  });
});

describe('fetchFeed: conditional requests', () => {
  it('sends If-None-Match / If-Modified-Since and reports a 304 as not-modified', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(304, { etag: '"v2"', 'cache-control': 'max-age=60' });
      res.end();
    });
    const outcome = await fetchFeed(
      { url: server.url, etag: '"v1"', lastModified: 'Tue, 01 Apr 2025 10:00:00 GMT' },
      fetchSettings(),
    );
    expect(server.requests[0]?.headers['if-none-match']).toBe('"v1"');
    expect(server.requests[0]?.headers['if-modified-since']).toBe('Tue, 01 Apr 2025 10:00:00 GMT');
    expect(outcome).toEqual({
      kind: 'not-modified',
      status: 304,
      requestedUrl: server.url,
      finalUrl: server.url,
      etag: '"v2"',
      lastModified: 'Tue, 01 Apr 2025 10:00:00 GMT', // kept from the request: the 304 confirms it
      cacheControl: 'max-age=60',
      expires: undefined,
      date: expect.stringMatching(/ GMT$/),
      age: undefined,
    });
  });
});

describe('fetchFeed: Content-Encoding', () => {
  const encoders: Record<string, (b: Buffer) => Buffer> = {
    gzip: (b) => zlib.gzipSync(b),
    deflate: (b) => zlib.deflateSync(b),
    br: (b) => zlib.brotliCompressSync(b),
  };

  it.each(Object.keys(encoders))('decodes a %s body and hashes the decoded bytes', async (coding) => {
    const plain = Buffer.from(RSS.repeat(50));
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': coding, 'content-type': 'text/xml' });
      res.end(encoders[coding]?.(plain));
    });
    const outcome = await fetchFeed({ url: server.url }, fetchSettings());
    expect(outcome).toMatchObject({
      kind: 'fetched',
      text: plain.toString(),
      bytes: plain.length,
      bodyHash: createHash('sha256').update(plain).digest('hex'),
    });
  });

  it('reads a real gzip-compressed feed', async () => {
    const gzipped = readFileSync(`${CORPUS}/node-feedparser/invalid-characters-gzipped.xml`);
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/rss+xml' });
      res.end(gzipped);
    });
    const outcome = await fetchFeed({ url: server.url }, fetchSettings());
    expect(outcome.kind === 'fetched' && outcome.text).toContain('<title>NSHipster</title>');
  });

  it('fails with decode on corrupt compressed data or an unknown coding', async () => {
    const server = await serve((req, res) => {
      res.writeHead(200, { 'content-encoding': req.url === '/zstd' ? 'zstd' : 'gzip' });
      res.end('this is not gzip at all');
    });
    const corrupt = await failure(fetchFeed({ url: server.url }, fetchSettings()));
    expect(corrupt.code).toBe('decode');
    expect(corrupt.message).toContain(server.url);
    const unknown = await failure(fetchFeed({ url: `${server.url}zstd` }, fetchSettings()));
    expect(unknown.code).toBe('decode');
    expect(unknown.message).toMatch(/unsupported Content-Encoding "zstd"/);
  });
});

describe('fetchFeed: charsets over HTTP', () => {
  it.each([
    ['chardet/KOI8-R__newsru.com.xml', 'koi8-r'],
    ['chardet/windows-1251-russian__newsru.com.xml', 'windows-1251'],
  ])('decodes %s with and without a header charset', async (path, charset) => {
    const body = readFileSync(`${CORPUS}/${path}`);
    const server = await serve((req, res) => {
      res.writeHead(200, { 'content-type': req.url === '/labelled' ? `text/xml; charset=${charset}` : 'text/xml' });
      res.end(body);
    });
    for (const url of [server.url, `${server.url}labelled`]) {
      const outcome = await fetchFeed({ url }, fetchSettings());
      expect(outcome).toMatchObject({ kind: 'fetched', charset });
      expect(outcome.kind === 'fetched' && outcome.text).toContain('<description>Новости</description>');
    }
  });

  it('lets the header charset override the XML declaration', async () => {
    // windows-1251 bytes whose declaration was stripped; only the header can tell.
    const body = Buffer.from(
      readFileSync(`${CORPUS}/node-feedparser/iconv.xml`).toString('latin1').replace(/^<\?xml[^>]*\?>/, '<?xml version="1.0" encoding="utf-8"?>'),
      'latin1',
    );
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=windows-1251' });
      res.end(body);
    });
    const outcome = await fetchFeed({ url: server.url }, fetchSettings());
    expect(outcome).toMatchObject({ charset: 'windows-1251' });
    expect(outcome.kind === 'fetched' && outcome.text).toContain('Новости Оренбурга и области');
  });
});
