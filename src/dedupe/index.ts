export { canonicalUrl, trackingParamFilter, DEFAULT_TRACKING_PARAMS, type ParamFilter } from './canonical-url.js';
export { identify, storyEntryId, titleKey } from './identity.js';
export { chooseStory, toStory, DEFAULT_STORY_WINDOW_MS } from './story.js';
