import type { Classifier } from '../classify/index.js';
import type { ParamFilter } from '../dedupe/index.js';
import { fetchFeed, FetchError, type FetchOutcome } from '../fetch/index.js';
import type { FetchSettings } from '../config/schema.js';
import type { Article, Source } from '../model.js';
import { normalizeItem } from '../normalize/index.js';
import { parseFeed, ParseError } from '../parse/index.js';
import type { PollOutcome, SourceState, Store } from '../store/index.js';
import { storeArticles } from './ingest.js';
import { nextPollAfterFailure, nextPollAfterSuccess } from './next-poll.js';

export interface PollDeps {
  store: Store;
  classifier: Classifier;
  fetch: FetchSettings;
  isTracking: ParamFilter;
  now: () => number;
}

export interface PollReport {
  sourceId: string;
  outcome: PollOutcome;
  newCount: number;
  updatedCount: number;
  error?: string;
  warning?: string;
}

/** Polls one source end to end. Never throws for a source's own failure: it is recorded and reported. */
export async function pollSource(source: Source, deps: PollDeps): Promise<PollReport> {
  const startedAt = deps.now();
  const state = deps.store.sourceState(source.id);
  try {
    const response = await fetchFeed(
      {
        url: state?.currentUrl ?? source.url,
        etag: state?.etag,
        lastModified: state?.lastModified,
        headers: source.headers,
        userAgent: source.userAgent,
      },
      deps.fetch,
    );
    if (response.kind === 'not-modified' || response.bodyHash === state?.bodyHash) {
      return recordQuiet(source, response, startedAt, deps);
    }
    const feed = await parseFeed(response.text, { url: response.finalUrl });
    const articles = feed.items
      .map((item) =>
        normalizeItem(item, {
          sourceId: source.id,
          baseUrl: response.finalUrl,
          siteUrl: feed.link,
          language: feed.language,
          now: startedAt,
        }),
      )
      .filter((a): a is Article => a !== null)
      .sort((a, b) => b.publishedAt - a.publishedAt)
      .slice(0, deps.fetch.maxItemsPerPoll);
    const dropped = feed.items.length - articles.length;
    const warnings = [...feed.warnings];
    if (dropped > 0) warnings.push(`${dropped} of ${feed.items.length} items skipped (empty, or over fetch.maxItemsPerPoll)`);
    const warning = warnings.length > 0 ? warnings.join('; ') : undefined;

    return deps.store.transaction(() => {
      const counts = storeArticles(source, articles, deps);
      const finishedAt = deps.now();
      deps.store.recordPoll({
        sourceId: source.id,
        startedAt,
        finishedAt,
        outcome: 'fetched',
        httpStatus: response.status,
        bytes: response.bytes,
        ...counts,
        warning,
        nextPollAt: nextPollAfterSuccess(finishedAt),
        etag: response.etag,
        lastModified: response.lastModified,
        bodyHash: response.bodyHash,
        currentUrl: response.permanentUrl,
        feedTitle: feed.title,
        siteUrl: feed.link,
        language: feed.language,
      });
      return { sourceId: source.id, outcome: 'fetched' as const, ...counts, warning };
    });
  } catch (err) {
    if (!(err instanceof FetchError || err instanceof ParseError)) throw err;
    return recordFailure(source, state, err, startedAt, deps);
  }
}

function recordQuiet(source: Source, response: FetchOutcome, startedAt: number, deps: PollDeps): PollReport {
  const outcome: PollOutcome = response.kind === 'not-modified' ? 'not-modified' : 'unchanged';
  const finishedAt = deps.now();
  deps.store.recordPoll({
    sourceId: source.id,
    startedAt,
    finishedAt,
    outcome,
    httpStatus: response.status,
    bytes: response.kind === 'fetched' ? response.bytes : 0,
    newCount: 0,
    updatedCount: 0,
    nextPollAt: nextPollAfterSuccess(finishedAt),
    etag: response.etag,
    lastModified: response.lastModified,
    currentUrl: response.permanentUrl,
  });
  return { sourceId: source.id, outcome, newCount: 0, updatedCount: 0 };
}

function recordFailure(
  source: Source,
  state: SourceState | undefined,
  err: FetchError | ParseError,
  startedAt: number,
  deps: PollDeps,
): PollReport {
  const finishedAt = deps.now();
  const error = err.message;
  deps.store.recordPoll({
    sourceId: source.id,
    startedAt,
    finishedAt,
    outcome: 'failed',
    httpStatus: err instanceof FetchError ? err.status : undefined,
    bytes: 0,
    newCount: 0,
    updatedCount: 0,
    error,
    nextPollAt: nextPollAfterFailure(finishedAt, (state?.consecutiveFailures ?? 0) + 1),
  });
  return { sourceId: source.id, outcome: 'failed', newCount: 0, updatedCount: 0, error };
}
