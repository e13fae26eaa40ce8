import sanitize from 'sanitize-html';
import { resolveUrl } from './urls.js';

const ALLOWED_TAGS = [
  'p', 'a', 'em', 'strong', 'ul', 'ol', 'li', 'blockquote', 'img', 'figure', 'h2', 'h3', 'h4', 'h5', 'h6', 'br',
  'code', 'pre', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
];
// Tags outside the list whose meaning has an equivalent inside it.
const RENAMED: Record<string, string> = { b: 'strong', i: 'em', h1: 'h2', figcaption: 'p' };
// Dropped with everything inside them; other disallowed tags are dropped but keep their text.
const DROPPED_WITH_CONTENT = [
  'script', 'style', 'noscript', 'template', 'textarea', 'option', 'iframe', 'object', 'embed', 'svg', 'math', 'head', 'title',
];
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const IMAGE_PROTOCOLS = new Set(['http:', 'https:', 'data:']);

/**
 * Feed HTML made safe to republish: an allowlist of text-level and block tags, no
 * scripts, styles, frames, forms or event handlers, only http(s)/mailto links (marked
 * rel="noopener noreferrer") and http(s)/data:image images, URLs made absolute against
 * `baseUrl`. Other tags are dropped and their text kept.
 */
export function sanitizeHtml(html: string, baseUrl: string): string {
  return sanitize(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      ol: ['start'],
      th: ['colspan', 'rowspan', 'scope'],
      td: ['colspan', 'rowspan'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https', 'data'] },
    allowProtocolRelative: false,
    nonTextTags: DROPPED_WITH_CONTENT,
    transformTags: {
      ...RENAMED,
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...withAbsoluteUrl(attribs, 'href', baseUrl, LINK_PROTOCOLS), rel: 'noopener noreferrer' },
      }),
      img: (tagName, attribs) => ({ tagName, attribs: withAbsoluteUrl(attribs, 'src', baseUrl, IMAGE_PROTOCOLS) }),
    },
    // An image whose source was not allowed shows nothing.
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  }).trim();
}

/** Resolves the URL attribute `name`; removes it when it is not a URL of an allowed protocol. */
function withAbsoluteUrl(
  attribs: sanitize.Attributes,
  name: string,
  baseUrl: string,
  protocols: ReadonlySet<string>,
): sanitize.Attributes {
  const result = { ...attribs };
  const url = resolveUrl(attribs[name], baseUrl);
  const allowed = url && protocols.has(url.protocol) && (url.protocol !== 'data:' || /^data:image\//i.test(url.href));
  if (allowed) result[name] = url.href;
  else delete result[name];
  return result;
}
