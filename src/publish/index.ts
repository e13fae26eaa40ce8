// Publish stage: renders topic feeds as Atom 1.0, RSS 2.0 and JSON Feed 1.1 (with RFC 5005
// archive pages), an HTML page per topic, index.html and index.opml; writes them atomically,
// only when their bytes change, with manifest.json; and tells a WebSub hub what changed.
export type { PlaceNames, PublishContext } from './context.js';
export { PublishError, type PublishErrorCode } from './errors.js';
export { renderAtom } from './atom.js';
export { renderRss } from './rss.js';
export { renderJsonFeed } from './jsonfeed.js';
export type { Paging } from './feed-view.js';
export { renderOpml, type OpmlFeed } from './opml.js';
export {
  escapeHtml,
  escapeHtmlAttr,
  htmlDocument,
  renderIndexPage,
  renderTopicPage,
  type IndexTopic,
  type TopicGroup,
} from './html.js';
export { writeFileIfChanged } from './write.js';
export { element, serializeXmlDocument, textElement, type XmlElement } from './xml-writer.js';
export { contentHash, MANIFEST_FILE, readManifest, type Manifest, type ManifestEntry } from './manifest.js';
export {
  publishFeeds,
  INDEX_FILE,
  OPML_FILE,
  type ArchivePage,
  type PublishReport,
  type PublishTopic,
} from './publish.js';
export { notifyHub, DEFAULT_HUB_OPTIONS, type HubOptions, type HubPing } from './websub.js';
