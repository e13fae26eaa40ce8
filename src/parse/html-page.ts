import { load } from 'cheerio';
import { ParseError } from './errors.js';

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json']);

/** The error for an HTML page served where a feed was expected, naming the feeds the page announces. */
export function htmlPageError(html: string, pageUrl: string): ParseError {
  const discovered = discoverFeeds(html, pageUrl);
  const message = discovered.length
    ? `the document is an HTML page, not a feed; the page announces these feeds: ${discovered.join(', ')}`
    : 'the document is an HTML page, not a feed, and the page announces no feed (<link rel="alternate">)';
  return new ParseError('not-a-feed', message, { discovered });
}

/** Absolute URLs of <link rel="alternate" type="application/rss+xml|atom+xml|feed+json" href>. */
function discoverFeeds(html: string, pageUrl: string): string[] {
  const $ = load(html);
  const base = resolve($('base[href]').attr('href'), pageUrl) ?? pageUrl;
  const urls = $('link[href]')
    .toArray()
    .filter((link) => {
      const rel = (link.attribs.rel ?? '').toLowerCase().split(/\s+/);
      const type = (link.attribs.type ?? '').split(';')[0]!.trim().toLowerCase();
      return rel.includes('alternate') && FEED_TYPES.has(type);
    })
    .map((link) => resolve(link.attribs.href, base))
    .filter((url): url is string => url !== undefined);
  return [...new Set(urls)];
}

function resolve(href: string | undefined, base: string): string | undefined {
  if (href === undefined) return undefined;
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return undefined;
  }
}
