// What feed generators add to item bodies that is not the article: tracking pixels
// (1×1 images, FeedBurner and Feedsportal beacons) and share widgets (FeedBurner
// "flares", AddToAny, ShareThis, Jetpack sharing, "share on …" links).
import { load } from 'cheerio/slim';
import type { Element } from 'domhandler';

const TRACKER_SOURCES =
  /^https?:\/\/(?:feeds\.feedburner\.com\/~r\/|feeds\.feedburner\.com\/~ff\/|[\w.-]*feedsportal\.com\/|pixel\.wp\.com\/|stats\.wordpress\.com\/|feeds\.wordpress\.com\/1\.0\/|[\w.-]*\.doubleclick\.net\/|pixel\.quantserve\.com\/|www\.google-analytics\.com\/|feedproxy\.google\.com\/~r\/)/i;

const SHARE_TARGETS =
  /^https?:\/\/(?:(?:www\.)?facebook\.com\/shar(?:er|e\.php)|(?:www\.)?(?:twitter|x)\.com\/(?:share|intent\/)|plus\.google\.com\/share|(?:www\.)?linkedin\.com\/(?:shareArticle|cws\/share|sharing\/)|(?:www\.)?reddit\.com\/submit|digg\.com\/submit|del\.icio\.us\/post|(?:www\.)?delicious\.com\/save|(?:www\.)?stumbleupon\.com\/submit|(?:www\.)?pinterest\.com\/pin\/create|(?:www\.)?tumblr\.com\/share|(?:www\.)?addtoany\.com\/(?:add_to|share)|(?:api\.|www\.)?addthis\.com\/|share\.flipboard\.com\/|getpocket\.com\/(?:save|edit)|api\.whatsapp\.com\/send|t\.me\/share|feeds\.feedburner\.com\/~f\/|feeds\.feedburner\.com\/~ff\/|[\w.-]*feedsportal\.com\/|feeds\.wordpress\.com\/1\.0\/go)/i;

// Class names of share and "flare" blocks, one class token each.
const WIDGET_CLASS =
  /^(?:feedflare|sharedaddy|sharing|share(?:this|-?buttons?|-?links?|-?bar|-?icons?|-?tools)?|social-?(?:share|sharing|buttons?|icons?|links?)|addtoany.*|a2a_.*|shareaholic.*|sociable|mf-viral|wp-socializer|yarpp-related-rss)$/i;

// Cheap test for any of the above, so that most bodies are not parsed for nothing.
const MIGHT_HAVE_CLUTTER =
  /feedburner|feedsportal|feedproxy|shar(?:e|ing|er)|social|sociable|flare|a2a|addtoany|addthis|wp\.com|wordpress\.com\/1\.0|doubleclick|quantserve|google-analytics|intent\/|submit|delicious|del\.icio|pin\/create|getpocket|whatsapp|yarpp|mf-viral|(?:width|height)\s*(?:=\s*["']?|:\s*)[01](?:\.0*)?(?:px)?(?![\d.])/i;

/** `html` without tracking pixels and share widgets. */
export function removeClutter(html: string): string {
  if (!html.includes('<') || !MIGHT_HAVE_CLUTTER.test(html)) return html;
  const $ = load(html, null, false);
  const clutter = $('img, a, div, p, span, ul').filter((_, element) => isClutter(element));
  if (clutter.length === 0) return html;
  clutter.remove();
  return $.html();
}

function isClutter(element: Element): boolean {
  const { attribs } = element;
  if ((attribs.class ?? '').split(/\s+/).some((token) => WIDGET_CLASS.test(token))) return true;
  if (element.name === 'a') return SHARE_TARGETS.test(attribs.href?.trim() ?? '');
  if (element.name === 'img') return TRACKER_SOURCES.test(attribs.src?.trim() ?? '') || isPixel(attribs);
  return false;
}

/** A 1×1 (or 0×0) image, by its attributes or its inline style. */
function isPixel(attribs: Record<string, string>): boolean {
  const size = (name: 'width' | 'height') =>
    Number.parseFloat(attribs[name] ?? new RegExp(`(?:^|;)\\s*${name}\\s*:\\s*([\\d.]+)px`, 'i').exec(attribs.style ?? '')?.[1] ?? 'NaN');
  return size('width') <= 1 && size('height') <= 1;
}
