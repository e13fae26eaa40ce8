// Feeds come as XML (application/rss+xml, text/xml, …) or JSON (application/feed+json, …).
const FEED_MEDIA_TYPE = /^(application|text)\/([\w.-]+\+)?(xml|json)$/;

/**
 * A warning when the Content-Type does not describe a feed. The body is still
 * read as a feed (the parse stage looks at the bytes), so a mislabelled feed
 * lands; the operator learns the publisher's mistake from the warning.
 */
export function contentTypeWarning(contentType: string | undefined): string | undefined {
  const mediaType = contentType?.split(';')[0]!.trim().toLowerCase();
  if (!mediaType) return 'served without a Content-Type';
  return FEED_MEDIA_TYPE.test(mediaType) ? undefined : `served as "${mediaType}", which is not a feed type`;
}
