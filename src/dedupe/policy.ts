import { DEFAULT_TRACKING_PARAMS, trackingParamFilter, type ParamFilter } from './canonical-url.js';

/** The `dedupe:` section of the config, defaults applied. */
export interface DedupeSettings {
  /** Query parameters dropped from links; `prefix*` matches every parameter with that prefix. */
  trackingParams: string[];
  /** Articles published further apart than this never join by title or text. */
  windowDays: number;
  /** Jaccard similarity of the word bigrams of title + summary at which two articles are one story. */
  similarity: number;
  /** Share of the shorter text's bigrams found in the longer one at which an excerpt or quote joins. */
  containment: number;
  /** Source pairs whose articles never share a story. */
  neverMerge: [string, string][];
}

export const DEFAULT_DEDUPE_SETTINGS: DedupeSettings = {
  trackingParams: DEFAULT_TRACKING_PARAMS,
  windowDays: 3,
  similarity: 0.5,
  containment: 0.7,
  neverMerge: [],
};

/** The settings compiled for use on every article. */
export interface DedupePolicy {
  isTracking: ParamFilter;
  windowMs: number;
  similarity: number;
  containment: number;
  /** True when articles of these two sources must not share a story. */
  neverMerge: (a: string, b: string) => boolean;
}

export function dedupePolicy(settings: Partial<DedupeSettings> = {}): DedupePolicy {
  const s = { ...DEFAULT_DEDUPE_SETTINGS, ...settings };
  const apart = new Set(s.neverMerge.flatMap(([a, b]) => [`${a}\n${b}`, `${b}\n${a}`]));
  return {
    isTracking: trackingParamFilter(s.trackingParams),
    windowMs: s.windowDays * 24 * 3600 * 1000,
    similarity: s.similarity,
    containment: s.containment,
    neverMerge: (a, b) => apart.has(`${a}\n${b}`),
  };
}
