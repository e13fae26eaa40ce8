import type { LookupAddress, LookupOptions } from 'node:dns';
import { describe, expect, it } from 'vitest';
import {
  assertLiteralHostAllowed,
  blockedRangeOf,
  guardedLookup,
  PrivateAddressError,
} from '../../src/fetch/address-guard.js';

function lookup(hostname: string, options: LookupOptions): Promise<string | LookupAddress[]> {
  return new Promise((resolve, reject) => {
    guardedLookup(hostname, options, (err, address) => (err ? reject(err) : resolve(address)));
  });
}

describe('blockedRangeOf', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:c0a8:101', 'private'],
    ['64:ff9b::a9fe:a9fe', 'linkLocal'],
    ['224.0.0.1', 'multicast'],
  ])('refuses %s (%s)', (address, range) => {
    expect(blockedRangeOf(address)).toBe(range);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::6810:84e5', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'allows public %s',
    (address) => {
      expect(blockedRangeOf(address)).toBeUndefined();
    },
  );
});

describe('guardedLookup', () => {
  it('refuses a name that resolves to loopback, naming the address and the setting', async () => {
    const refusal = await lookup('localhost', { all: true }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(PrivateAddressError);
    const message = (refusal as Error).message;
    expect(message).toMatch(/localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
    expect(message).toContain('fetch.allowPrivateNetworks');
  });

  it('passes public addresses through in both callback shapes', async () => {
    expect(await lookup('8.8.8.8', { all: true })).toEqual([{ address: '8.8.8.8', family: 4 }]);
    expect(await lookup('2606:4700::1', {})).toBe('2606:4700::1');
  });

  it('refuses private literals handed to it', async () => {
    await expect(lookup('192.168.0.10', {})).rejects.toThrow(/192\.168\.0\.10, a private \(RFC 1918\) address/);
  });
});

describe('assertLiteralHostAllowed', () => {
  it('refuses literal private hosts, IPv6 brackets included', () => {
    expect(() => assertLiteralHostAllowed(new URL('http://10.0.0.5/feed'))).toThrow(PrivateAddressError);
    expect(() => assertLiteralHostAllowed(new URL('http://[::1]:8080/feed'))).toThrow(/::1, a loopback address/);
    // The URL parser turns this decimal form into 127.0.0.1.
    expect(() => assertLiteralHostAllowed(new URL('http://2130706433/'))).toThrow(/127\.0\.0\.1/);
  });

  it('leaves names (checked at lookup) and public literals alone', () => {
    expect(() => assertLiteralHostAllowed(new URL('http://localhost/'))).not.toThrow();
    expect(() => assertLiteralHostAllowed(new URL('https://8.8.4.4/feed'))).not.toThrow();
  });
});
