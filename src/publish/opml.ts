// OPML 2.0 subscription list of every topic's Atom feed. No dateCreated/dateModified:
// the file must stay byte-identical while the topic list is unchanged.
import type { PublishContext } from './context.js';
import { checkBaseUrl, feedUrls } from './urls.js';
import { element, serializeXmlDocument, textElement } from './xml-writer.js';
import { cleanText } from './xml-text.js';

export interface OpmlFeed {
  id: string;
  title: string;
  /** Output path without extension, as in TopicFeed.path. */
  path: string;
}

export function renderOpml(feeds: OpmlFeed[], ctx: PublishContext): string {
  const home = checkBaseUrl(ctx.baseUrl);
  const siteTitle = cleanText(ctx.siteTitle);
  const root = element('opml', { version: '2.0' }, [
    element('head', {}, [
      textElement('title', siteTitle === '' ? 'Topic feeds' : `${siteTitle} topic feeds`),
      textElement('docs', 'http://opml.org/spec2.opml'),
    ]),
    element(
      'body',
      {},
      feeds.map((feed) => {
        const title = cleanText(feed.title) || cleanText(feed.id);
        // OPML's type "rss" means "a feed subscription" and covers Atom too.
        return element('outline', {
          type: 'rss',
          text: title,
          title,
          xmlUrl: feedUrls(home, feed.id, feed.path).atom,
          htmlUrl: home,
        });
      }),
    ),
  ]);
  return serializeXmlDocument(root);
}
