import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';

// Feed URLs come from config and from redirects chosen by remote servers, so a
// hostile feed could point the poller at the operator's own network. The check
// runs inside the connector's DNS lookup: the address validated is the address
// connected to, which leaves no gap for DNS rebinding.

const RANGE_WORDS: Record<string, string> = {
  unspecified: 'an unspecified',
  loopback: 'a loopback',
  private: 'a private (RFC 1918)',
  linkLocal: 'a link-local',
  uniqueLocal: 'a unique-local',
  carrierGradeNat: 'a carrier-grade NAT (100.64.0.0/10)',
  deprecatedSiteLocal: 'a site-local',
  broadcast: 'a broadcast',
  multicast: 'a multicast',
};

export class PrivateAddressError extends Error {
  override readonly name = 'PrivateAddressError';
  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly range: string,
  ) {
    const what = RANGE_WORDS[range] ?? `a special-purpose (${range})`;
    const via = hostname === address ? '' : `${hostname} resolves to `;
    super(
      `${via}${address}, ${what} address, and fetch.allowPrivateNetworks is false ` +
        '(set it to true to allow private network addresses)',
    );
  }
}

/** NAT64 addresses carry the IPv4 address a gateway will connect to in their last 32 bits. */
function embeddedNat64Ipv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  if (!address.match(ipaddr.IPv6.parse('64:ff9b::'), 96)) return undefined;
  const bytes = address.toByteArray();
  return ipaddr.IPv4.parse(bytes.slice(12).join('.'));
}

/**
 * The ipaddr.js range name when `address` must not be fetched from, else undefined.
 * Only ordinary public unicast passes; IPv4-mapped and NAT64 IPv6 forms are judged by their IPv4 address.
 */
export function blockedRangeOf(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'invalid';
  let parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv6') parsed = embeddedNat64Ipv4(parsed as ipaddr.IPv6) ?? parsed;
  const range = parsed.range();
  return range === 'unicast' ? undefined : range;
}

function assertPublic(hostname: string, address: string): void {
  const range = blockedRangeOf(address);
  if (range !== undefined) throw new PrivateAddressError(hostname, address, range);
}

/** Refuses a URL whose host is a literal IP in a blocked range (such hosts never reach the DNS lookup). */
export function assertLiteralHostAllowed(url: URL): void {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (ipaddr.isValid(host)) assertPublic(host, host);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Drop-in for dns.lookup as used by net.connect: resolves, then refuses the
 * host when any of its addresses is in a blocked range.
 */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    try {
      for (const { address } of addresses) assertPublic(hostname, address);
    } catch (refusal) {
      return callback(refusal as NodeJS.ErrnoException, []);
    }
    const first = addresses[0];
    if (options.all) callback(null, addresses);
    else if (first) callback(null, first.address, first.family);
    else callback(Object.assign(new Error(`DNS lookup of ${hostname} returned no address`), { code: 'ENOTFOUND' }), []);
  });
}
