// Canonical form of an article URL, so that the same article reached through
// tracking links, http/https or "www." variants compares equal.

/** Query parameters that only track the reader; they never change what the page shows. */
export const DEFAULT_TRACKING_PARAMS = [
  'utm_*',
  'fbclid',
  'gclid',
  'dclid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  'igshid',
  'yclid',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'ocid',
  'cmpid',
  'icid',
  'wt_mc',
  'at_medium',
  'at_campaign',
  'rss',
  'from_rss',
];

export type ParamFilter = (name: string, host: string, value: string) => boolean;

/** Builds a predicate "is this parameter tracking?" from names, with `prefix*` wildcards. */
export function trackingParamFilter(names: readonly string[] = DEFAULT_TRACKING_PARAMS): ParamFilter {
  const exact = new Set(names.filter((n) => !n.endsWith('*')).map((n) => n.toLowerCase()));
  const prefixes = names.filter((n) => n.endsWith('*')).map((n) => n.slice(0, -1).toLowerCase());
  return (name, host, value) => {
    const lower = name.toLowerCase();
    if (exact.has(lower) || prefixes.some((p) => lower.startsWith(p))) return true;
    // ref=<the site itself> only says where the click came from.
    return lower === 'ref' && namesSite(value, host);
  };
}

const bareHost = (host: string) => host.replace(/^www\./, '');

/** "example.org", "https://www.example.org/", "news.example.org" or "example" all name example.org. */
function namesSite(value: string, host: string): boolean {
  const named = bareHost(value.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '').split(/[/:?#]/)[0]!);
  if (!named.includes('.')) return named !== '' && host.split('.').slice(0, -1).includes(named);
  return named === host || host.endsWith(`.${named}`) || named.endsWith(`.${host}`);
}

/**
 * Canonical key for a URL: scheme-less, lower-case host without "www." and default
 * port, no fragment, no tracking parameters, sorted query, no trailing slash.
 * Returns undefined for anything that is not an http(s) URL.
 */
export function canonicalUrl(raw: string, isTracking: ParamFilter = trackingParamFilter()): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const host = bareHost(url.hostname.toLowerCase());
  const params = [...url.searchParams].filter(([k, v]) => !isTracking(k, host, v));
  params.sort(([a, av], [b, bv]) => (a === b ? cmp(av, bv) : cmp(a, b)));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  const path = url.pathname.replace(/\/+$/, '');
  return `${host}${port}${path}${query}`;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
