import type { SourceInfo } from '../model.js';

/** What a country code means, for category labels and the subregion, continent and region categories. */
export interface PlaceNames {
  name: string;
  subregion?: string;
  continent?: string;
  /** The editorial regions (config `regions:`) the country belongs to. */
  regions?: readonly string[];
}

/** Site-wide facts every rendered document needs. */
export interface PublishContext {
  /** Public URL of the output directory, ending with "/", e.g. "http://localhost:8080/". */
  baseUrl: string;
  /** Site name: the feed-level author of every topic feed and the OPML title. */
  siteTitle: string;
  /** Sources by id, for atom:source, RSS <source> and "Also reported by". */
  sources: Map<string, SourceInfo>;
  /** Names of a country code; undefined when the code is unknown. */
  placeNames: (code: string) => PlaceNames | undefined;
  /** WebSub hub that every current topic feed names. */
  hub?: string;
}
