// Domain types shared by the pipeline stages. Each stage folder exports its own
// functions; these are the values that travel between them:
//   fetch → FetchOutcome → parse → ParsedFeed(RawItem[]) → normalize → Article
//   → dedupe (ArticleIdentity) → classify (Classification) → store → publish (TopicFeed)

/** ISO 3166-1 alpha-2 code, upper case ("RU"). */
export type CountryCode = string;

/** One configured feed URL, as the stages see it (validated config, defaults applied). */
export interface Source {
  id: string;
  url: string;
  title?: string;
  /** Country hint: articles of this source lean towards this country. */
  country?: CountryCode;
  categories: string[];
  /** Higher wins when choosing the lead article of a story. */
  priority: number;
  headers: Record<string, string>;
  userAgent?: string;
  /** Follow the feed an HTML page announces instead of failing on the page. */
  discover?: boolean;
  /** Bounds of the adaptive poll interval, overriding fetch.minIntervalMinutes / maxIntervalMinutes. */
  minIntervalMinutes?: number;
  maxIntervalMinutes?: number;
}

/**
 * One item as read from a feed document, before any cleaning. Strings are as found,
 * except that links are made absolute where the document allows (xml:base, the
 * document URL) and title, summary and content are HTML (plain text escaped).
 */
export interface RawItem {
  guid?: string;
  link?: string;
  title?: string;
  /** Date strings exactly as found in the document. */
  published?: string;
  updated?: string;
  author?: string;
  categories: string[];
  /** HTML (or text) of the short description/summary field. */
  summaryHtml?: string;
  /** HTML of the full content field (content:encoded, atom:content). */
  contentHtml?: string;
  /** The feed declares the title plain text (Atom type="text", JSON Feed): `title` is that text escaped, never markup. */
  titleIsText?: boolean;
  /** HTML of Media RSS media:description. */
  mediaDescriptionHtml?: string;
  /** Image for the item (media:thumbnail, an image enclosure, itunes:image, JSON Feed image), absolute where possible. */
  thumbnail?: string;
  /** Language the document declares for the item (xml:lang in scope, dc:language, JSON Feed language). */
  language?: string;
  /** Base URL of the item (xml:base over the document URL) for relative URLs in its HTML. */
  baseUrl?: string;
  /** Base URLs of the summary and content HTML when their own xml:base differs from the item's. */
  summaryBaseUrl?: string;
  contentBaseUrl?: string;
}

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

export interface ParsedFeed {
  format: FeedFormat;
  title?: string;
  /** The site's home page, if the feed names one. */
  link?: string;
  language?: string;
  /** RSS <ttl> in minutes, when present. */
  ttlMinutes?: number;
  /** sy:updatePeriod / sy:updateFrequency as minutes between updates, when present. */
  updatePeriodMinutes?: number;
  items: RawItem[];
  /** Problems that did not stop the parse (repaired markup, dropped items). */
  warnings: string[];
}

/** A cleaned article of one source: what the store keeps. Times are epoch milliseconds. */
export interface Article {
  sourceId: string;
  guid?: string;
  /** Absolute http(s) link to the original, when the item has one. */
  link?: string;
  title: string;
  /** Plain text, at most ~500 characters, cut at a word boundary. */
  summary: string;
  /** Sanitised HTML of the fullest body available (may equal the summary). */
  contentHtml?: string;
  author?: string;
  categories: string[];
  /** BCP 47 tag: the item's or the feed's declared language, else detected from the text. */
  language?: string;
  /** Absolute http(s) URL of the item's image, when it has one. */
  thumbnail?: string;
  publishedAt: number;
  /** The publication date string exactly as found in the item (undefined when it had none). */
  publishedRaw?: string;
  updatedAt: number;
}

/** The keys that say whether two articles are the same article or the same story. */
export interface ArticleIdentity {
  /** Stable identity within its source: guid, else canonical link, else title+date hash. */
  key: string;
  /** Canonical form of the link (tracking parameters dropped, host folded, …). */
  canonicalUrl?: string;
  /** Normalised title, for near-identical title matching across sources. */
  titleKey: string;
  /** Hash of title + summary + content: a change means the article was edited. */
  contentHash: string;
}

/** One country an article is about, with the evidence behind it. */
export interface Place {
  code: CountryCode;
  /** 0..1, higher is stronger. */
  score: number;
  /** Human-readable reasons, e.g. "title:Putin", "source-hint:RU". */
  evidence: string[];
}

export interface Classification {
  /** The strongest country, or null when nothing was found. */
  primary: CountryCode | null;
  /** Ranked, strongest first. */
  countries: Place[];
  subregions: string[];
  continents: string[];
  /** Editorial regions (operator-defined country sets) that contain any of the countries. */
  regions: string[];
}

/** The country data a classifier or topic query needs about one country. */
export interface CountryInfo {
  code: CountryCode;
  name: string;
  subregion: string;
  continent: string;
}

/** An article as stored, with what the store added. */
export interface StoredArticle extends Article {
  id: number;
  storyId: number;
  identityKey: string;
  canonicalUrl?: string;
  firstSeenAt: number;
  places: Place[];
}

/** A story: the cluster of articles from any sources that report the same event. */
export interface Story {
  id: number;
  /** Stable, never-changing entry id used in every output format (an absolute IRI). */
  entryId: string;
  lead: StoredArticle;
  /** Other articles of the cluster, each from its own source. */
  others: StoredArticle[];
  /** Newest update of any member. */
  updatedAt: number;
}

/** What a topic feed contains at write time. */
export interface TopicFeed {
  id: string;
  title: string;
  description?: string;
  /** Output path relative to the output dir, without extension ("russia", "countries/ru"). */
  path: string;
  stories: Story[];
}

/** Source metadata the publisher needs for atom:source and "also reported by". */
export interface SourceInfo {
  id: string;
  title: string;
  url: string;
  siteUrl?: string;
}
