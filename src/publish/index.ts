// Publish stage: renders TopicFeeds as Atom 1.0, RSS 2.0 and JSON Feed 1.1 plus an
// OPML index, and writes them atomically, only when their bytes change.
export type { PlaceNames, PublishContext } from './context.js';
export { PublishError, type PublishErrorCode } from './errors.js';
export { renderAtom } from './atom.js';
export { renderRss } from './rss.js';
export { renderJsonFeed } from './jsonfeed.js';
export { renderOpml, type OpmlFeed } from './opml.js';
export { writeFileIfChanged } from './write.js';
export { publishFeeds, OPML_FILE, type PublishReport } from './publish.js';
