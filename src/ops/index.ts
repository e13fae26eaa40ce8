// Operating Gazette: the cycle lock shared by `run --once` and `start`, progress
// bars, source config edits, OPML import/export and the one-off feed probe.
export { withCycleLock, CycleLockError, lockPathFor, STALE_MS, type CycleLockOptions } from './lock.js';
export { startProgress, writeAboveProgress, type Progress, type ProgressOptions } from './progress.js';
export { addSourceText, removeSourceText, deriveSourceId, type NewSource } from './config-edit.js';
export { probeFeed, type ProbedFeed } from './feed-probe.js';
export { readOpml, renderSourcesOpml, OpmlError, type OpmlSubscription } from './opml.js';
