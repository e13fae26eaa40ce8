export { canonicalUrl, trackingParamFilter, DEFAULT_TRACKING_PARAMS, type ParamFilter } from './canonical-url.js';
export { identify, identifyDocument, isMovedArticle, storyEntryId, type DocumentIdentities } from './identity.js';
export { BandIndex, type BandSource } from './band-index.js';
export { bandKeys } from './minhash.js';
export { dedupePolicy, DEFAULT_DEDUPE_SETTINGS, type DedupePolicy, type DedupeSettings } from './policy.js';
export { articleBands, candidateQuery, chooseStory, sameStory, storyBands, storyKeys, toStory, type StoryKeys, type StoryMatch } from './story.js';
export { titleKey } from './text.js';
