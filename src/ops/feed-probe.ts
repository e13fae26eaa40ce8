import type { FetchSettings } from '../config/schema.js';
import { fetchFeed } from '../fetch/index.js';
import type { FeedFormat } from '../model.js';
import { parseFeed, ParseError } from '../parse/index.js';

/** What one fetch of a candidate source showed. */
export interface ProbedFeed {
  /** The feed's URL to configure: the permanent redirect target, or the feed a web page announces. */
  url: string;
  format: FeedFormat;
  title?: string;
  items: number;
  /** Set when `url` was found on the web page the operator gave. */
  discoveredFrom?: string;
}

/**
 * Fetches a URL once with the real fetch and parse stages to check it is a
 * feed. A web page that announces feeds (<link rel="alternate">) leads to its
 * first feed. Rejects with the stages' own FetchError or ParseError.
 */
export async function probeFeed(url: string, settings: FetchSettings, signal?: AbortSignal): Promise<ProbedFeed> {
  try {
    return await probeOnce(url, settings, signal);
  } catch (err) {
    const feedUrl = err instanceof ParseError ? err.discovered?.[0] : undefined;
    if (!feedUrl) throw err;
    return { ...(await probeOnce(feedUrl, settings, signal)), discoveredFrom: url };
  }
}

async function probeOnce(url: string, settings: FetchSettings, signal?: AbortSignal): Promise<ProbedFeed> {
  const response = await fetchFeed({ url }, settings, signal);
  // No validators were sent, so the answer is never "not modified".
  if (response.kind !== 'fetched') throw new ParseError('empty', `${url} answered 304 Not Modified to a plain request`);
  const feed = await parseFeed(response.text, { url: response.finalUrl });
  return { url: response.permanentUrl ?? url, format: feed.format, title: feed.title, items: feed.items.length };
}
