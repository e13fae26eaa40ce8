import { describe, expect, it } from 'vitest';
import { FetchError, type FetchErrorCode } from '../../src/fetch/index.js';
import { networkFailure } from '../../src/fetch/errors.js';

// Errors shaped as node:net, node:dns and node:tls report them; the integration
// tests cover the ones a local server can provoke (refused, TLS, reset).
const systemError = (code: string, message: string) => Object.assign(new Error(message), { code });
const url = new URL('https://feeds.example.org/rss.xml');

describe('networkFailure', () => {
  it.each<[Error, FetchErrorCode, RegExp]>([
    [
      systemError('ECONNREFUSED', 'connect ECONNREFUSED 203.0.113.9:443'),
      'connection-refused',
      /Connection refused by feeds\.example\.org/,
    ],
    [
      systemError('ENOTFOUND', 'getaddrinfo ENOTFOUND feeds.example.org'),
      'dns',
      /DNS lookup of feeds\.example\.org failed \(ENOTFOUND: the name does not exist\)/,
    ],
    [systemError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN feeds.example.org'), 'dns', /the DNS server did not answer/],
    [systemError('CERT_HAS_EXPIRED', 'certificate has expired'), 'tls', /certificate has expired \(CERT_HAS_EXPIRED\)/],
    [systemError('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"), 'tls', /altnames/],
    [systemError('ECONNRESET', 'read ECONNRESET'), 'network', /Network error fetching .*: read ECONNRESET \(ECONNRESET\)/],
  ])('maps %s', (err, code, message) => {
    const mapped = networkFailure(err, url);
    expect(mapped).toBeInstanceOf(FetchError);
    expect(mapped).toMatchObject({ code, url: url.href });
    expect(mapped.message).toMatch(message);
    expect(mapped.message).toContain(url.href);
    expect(mapped.cause).toBe(err);
  });

  it('looks inside the AggregateError of a multi-address connect', () => {
    const err = new AggregateError([
      systemError('ECONNREFUSED', 'connect ECONNREFUSED ::1:443'),
      systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:443'),
    ]);
    expect(networkFailure(err, url).code).toBe('connection-refused');
  });
});
