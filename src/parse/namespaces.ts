// The XML vocabularies feeds use, by a short name. Several namespace URIs in the wild
// mean the same vocabulary (Media RSS with and without the trailing slash, the RSS
// 0.90/1.0 and Userland RSS namespaces), so elements are matched by vocabulary.

export type Vocabulary =
  | 'none' // no namespace: RSS 0.9x/2.0 elements, and Atom written without xmlns
  | 'rss' // RSS 1.0, RSS 0.90 and the Userland/Harvard RSS 2.0 namespaces
  | 'atom'
  | 'atom03'
  | 'rdf'
  | 'dc'
  | 'dcterms'
  | 'content'
  | 'media'
  | 'itunes'
  | 'xhtml'
  | 'sy'
  | 'other';

const BY_URI: Record<string, Vocabulary> = {
  'http://purl.org/rss/1.0/': 'rss',
  'http://my.netscape.com/rdf/simple/0.9/': 'rss',
  'http://backend.userland.com/rss2': 'rss',
  'http://backend.userland.com/rss': 'rss',
  'http://blogs.law.harvard.edu/tech/rss': 'rss',
  'http://www.w3.org/2005/Atom': 'atom',
  'http://purl.org/atom/ns#': 'atom03',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/elements/1.0/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://search.yahoo.com/mrss/': 'media',
  'http://search.yahoo.com/mrss': 'media',
  'http://video.search.yahoo.com/mrss': 'media',
  'http://video.search.yahoo.com/mrss/': 'media',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://purl.org/rss/1.0/modules/syndication/': 'sy',
};

// Feeds often use these prefixes without declaring them; readers take them at their word.
const CONVENTIONAL_PREFIXES: Record<string, Vocabulary> = {
  dc: 'dc',
  dcterms: 'dcterms',
  content: 'content',
  media: 'media',
  itunes: 'itunes',
  atom: 'atom',
  atom10: 'atom',
  rdf: 'rdf',
  xhtml: 'xhtml',
  sy: 'sy',
};

export function vocabularyOfUri(uri: string): Vocabulary {
  return BY_URI[uri.trim()] ?? 'other';
}

export function conventionalVocabulary(prefix: string): Vocabulary {
  return CONVENTIONAL_PREFIXES[prefix.toLowerCase()] ?? 'other';
}
