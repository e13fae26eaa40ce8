const WEB_PROTOCOLS = new Set(['http:', 'https:']);

/** `href` made absolute against `base`, when the result is an http(s) URL. */
export function absoluteHttpUrl(href: string | undefined, base: string): string | undefined {
  const url = resolveUrl(href, base);
  return url && WEB_PROTOCOLS.has(url.protocol) ? url.href : undefined;
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
