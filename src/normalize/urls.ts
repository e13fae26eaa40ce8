const WEB_PROTOCOLS = new Set(['http:', 'https:']);
// Characters no URL holds unescaped: a "link" with them is markup or prose, not an address.
const NOT_A_URL = /[<>"]/;

/** `href` made absolute against `base`, when the result is an http(s) URL. */
export function absoluteHttpUrl(href: string | undefined, base: string): string | undefined {
  if (href === undefined || NOT_A_URL.test(href)) return undefined;
  const url = resolveUrl(href, base);
  if (!url || !WEB_PROTOCOLS.has(url.protocol)) return undefined;
  // WHATWG URLs keep a "#" inside the fragment; RFC 3986 (and feed validators) do not.
  if (url.hash.indexOf('#', 1) > 0) url.hash = url.hash.slice(1).replace(/#/g, '%23');
  return url.href;
}

/** `href` resolved against `base`; undefined when blank or not a URL. */
export function resolveUrl(href: string | undefined, base: string): URL | undefined {
  const trimmed = href?.trim();
  if (!trimmed) return undefined;
  try {
    return new URL(trimmed, base);
  } catch {
    return undefined;
  }
}
