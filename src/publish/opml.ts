// OPML 2.0 subscription list of every topic's Atom feed, automatic topics in folders. No dateCreated/dateModified:
// the file must stay byte-identical while the topic list is unchanged.
import type { PublishContext } from './context.js';
import { GROUP_TITLES, type TopicGroup } from './html.js';
import { checkBaseUrl, feedUrls } from './urls.js';
import { element, serializeXmlDocument, textElement } from './xml-writer.js';
import { cleanText } from './xml-text.js';

export interface OpmlFeed {
  id: string;
  title: string;
  /** Output path without extension, as in TopicFeed.path. */
  path: string;
  /** Configured topics are listed first; automatic ones each under a folder outline. */
  group?: TopicGroup;
}

export function renderOpml(feeds: OpmlFeed[], ctx: PublishContext): string {
  const home = checkBaseUrl(ctx.baseUrl);
  const siteTitle = cleanText(ctx.siteTitle);
  const subscription = (feed: OpmlFeed) => {
    const title = cleanText(feed.title) || cleanText(feed.id);
    const urls = feedUrls(home, feed.id, feed.path);
    // OPML's type "rss" means "a feed subscription" and covers Atom too.
    return element('outline', { type: 'rss', text: title, title, xmlUrl: urls.atom, htmlUrl: urls.home });
  };
  const folders = (['regions', 'countries'] as const).flatMap((group) => {
    const members = feeds.filter((f) => f.group === group);
    return members.length === 0 ? [] : [element('outline', { text: GROUP_TITLES[group] }, members.map(subscription))];
  });
  const root = element('opml', { version: '2.0' }, [
    element('head', {}, [
      textElement('title', siteTitle === '' ? 'Topic feeds' : `${siteTitle} topic feeds`),
      textElement('docs', 'http://opml.org/spec2.opml'),
    ]),
    element('body', {}, [feeds.filter((f) => (f.group ?? 'topics') === 'topics').map(subscription), folders]),
  ]);
  return serializeXmlDocument(root);
}
