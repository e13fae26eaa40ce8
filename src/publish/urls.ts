import { PublishError } from './errors.js';

/** `region`: the editorial regions of the config (`regions:`), such as "Middle East". */
export type CategoryKind = 'country' | 'subregion' | 'continent' | 'region';

/** The public URLs of one document in each feed format. */
export interface DocumentUrls {
  atom: string;
  rss: string;
  json: string;
}

/** The public URLs of one topic's documents. */
export interface FeedUrls extends DocumentUrls {
  /**
   * The Atom feed id: `<baseUrl>topics/<topic id>`. It names the topic, not a file, so it
   * survives renaming the output path; it changes only if baseUrl or the topic id changes.
   * Archive documents share it (RFC 5005).
   */
  feedId: string;
  /** The topic's HTML page. */
  home: string;
  /** The site's index page. */
  site: string;
  /** Archive page `page` (1 = oldest) of this topic. */
  archive: (page: number) => DocumentUrls;
  /** Category scheme IRIs, e.g. `<baseUrl>schemes/country`. */
  schemes: Record<CategoryKind, string>;
}

/** Normalised base URL; throws unless it is an absolute http(s) URL of a directory. */
export function checkBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new PublishError('INVALID_BASE_URL', `output base URL '${baseUrl}' is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PublishError('INVALID_BASE_URL', `output base URL '${baseUrl}' must use http or https`);
  }
  if (!url.pathname.endsWith('/') || url.search !== '' || url.hash !== '') {
    throw new PublishError('INVALID_BASE_URL', `output base URL '${baseUrl}' must end with '/' and have no query or fragment`);
  }
  return url.href;
}

/** Throws unless `path` is a relative path that stays inside the output directory. */
export function checkOutputPath(path: string): void {
  const segments = path.split('/');
  const bad =
    path === '' ||
    path.includes('\\') ||
    path.includes('\0') ||
    segments.some((s) => s === '' || s === '.' || s === '..');
  if (bad) {
    throw new PublishError(
      'INVALID_OUTPUT_PATH',
      `topic output path '${path}' must be relative, use '/' separators and contain no empty, '.' or '..' segments`,
    );
  }
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** Output path (no extension) of archive page `page` of the topic at `path`. */
export function archivePath(path: string, page: number): string {
  return `archive/${path}/${page}`;
}

const documentUrls = (file: string): DocumentUrls => ({ atom: `${file}.atom`, rss: `${file}.rss`, json: `${file}.json` });

export function feedUrls(baseUrl: string, topicId: string, path: string): FeedUrls {
  const base = checkBaseUrl(baseUrl);
  checkOutputPath(path);
  const file = `${base}${encodePath(path)}`;
  return {
    feedId: `${base}topics/${encodePath(topicId)}`,
    home: `${file}.html`,
    site: base,
    ...documentUrls(file),
    archive: (page) => documentUrls(`${base}${encodePath(archivePath(path, page))}`),
    schemes: {
      country: `${base}schemes/country`,
      subregion: `${base}schemes/subregion`,
      continent: `${base}schemes/continent`,
      region: `${base}schemes/region`,
    },
  };
}

// Characters RFC 3987 allows nowhere in an IRI, and a '%' that does not start an escape.
const NOT_IN_IRI = /[\s\u0000-\u001F\u007F<>"{}|\\^`]|%(?![0-9A-Fa-f]{2})/gu;

/**
 * An upstream URL made safe to publish as an IRI: forbidden characters are percent-encoded,
 * everything else (case, query order, non-ASCII) is kept as the source wrote it.
 */
export function publishableIri(url: string): string {
  return url.replace(NOT_IN_IRI, (c) => encodeURIComponent(c));
}
