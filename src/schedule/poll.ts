import type { Agent } from 'undici';
import type { Classifier } from '../classify/index.js';
import type { FetchSettings } from '../config/schema.js';
import type { BandIndex, DedupePolicy } from '../dedupe/index.js';
import { fetchFeed, freshness, type FetchedResponse, type FetchOutcome, type FetchRequest } from '../fetch/index.js';
import type { Logger } from '../log.js';
import type { Source } from '../model.js';
import { ParseError } from '../parse/index.js';
import type { CurrentUrlVia, PollOutcome, PollRecord, SourceState, Store } from '../store/index.js';
import { storeArticles } from './ingest.js';
import type { DocumentReader, ReadResult } from './read-document.js';
import { nextPollAfterFailure, nextPollAfterSuccess, POSTING_WINDOW_MS, type NextPoll } from './next-poll.js';
import { asSourceError, SourceError } from './source-error.js';
import { NotStarted, type KeyedLimiter } from './pool.js';
import type { StageTimings } from './timings.js';

export interface PollDeps {
  store: Store;
  classifier: Classifier;
  fetch: FetchSettings;
  dedupe: DedupePolicy;
  now: () => number;
  log: Logger;
  /** Jitter of the failure backoff (Math.random by default). */
  random?: () => number;
  /** Per-stage time (`run --once --timings`). */
  timings: StageTimings;
  /** Parses and normalizes a fetched document (in this thread, or in a ReaderPool's). */
  read: DocumentReader;
  /** This cycle's candidate lookup by band key (see candidateIndex). */
  bands: BandIndex;
  /** Connections shared by this cycle's fetches (see openConnections). */
  connections?: Agent;
  /** Holds each fetch to the cycle's network limits, by host (fetch.concurrency, fetch.perHost). */
  fetchSlot: KeyedLimiter;
  /** Once aborted (SIGTERM), a poll still waiting for its first fetch's turn is dropped, not polled. */
  stop?: AbortSignal;
  /** Aborts the fetches (the cycle deadline): a poll in flight or not yet started then fails with its reason. */
  signal?: AbortSignal;
}

/**
 * What a poll writes: run inside a transaction (the cycle batches several
 * sources' writes into one commit), it stores the articles and the poll's
 * bookkeeping, and tells what happened.
 */
export type SourceWrite = () => PollReport;

export interface PollReport {
  sourceId: string;
  outcome: PollOutcome;
  newCount: number;
  updatedCount: number;
  error?: string;
  warning?: string;
}

/** One poll of one source: what it started from. */
interface Attempt {
  source: Source;
  /** What the store knew before this poll. */
  state: SourceState | undefined;
  startedAt: number;
  deps: PollDeps;
}

/** A feed document read from the source, maybe through the HTML page it is announced on. */
interface ReadFeed extends ReadResult {
  response: FetchedResponse;
  /** The page URL when the feed was found by discovery (`discover: true`). */
  discoveredOn?: string;
}

/**
 * Polls one source: conditional GET, then parse and normalize unless the
 * server answered 304 or sent the same bytes as last time. Resolves to the
 * write that records the outcome (dedupe, classify and store run in it).
 * Never throws for a source's own failure: the write records it. Undefined when
 * the cycle was stopped before the poll's turn to fetch came: nothing to record.
 */
export async function pollSource(source: Source, deps: PollDeps): Promise<SourceWrite | undefined> {
  const state = deps.store.sourceState(source.id);
  const attempt: Attempt = { source, state, startedAt: deps.now(), deps };
  const url = state?.currentUrl ?? source.url;
  try {
    const response = await fetchOnce(deps, { ...requestBase(source), url, etag: state?.etag, lastModified: state?.lastModified }, true);
    if (response.kind === 'not-modified' || response.bodyHash === state?.bodyHash) return () => recordQuiet(attempt, response);
    const read = await readFeed(attempt, response);
    return () => {
      try {
        return deps.store.transaction(() => recordFetched(attempt, read));
      } catch (err) {
        return recordFailure(attempt, asSourceError(err, url, false));
      }
    };
  } catch (err) {
    if (err instanceof NotStarted) return undefined;
    const error = asSourceError(err, url, source.discover ?? false);
    return () => recordFailure(attempt, error);
  }
}

/**
 * One GET within the cycle's network limits; the time waiting for a slot is not fetch time.
 * A poll's first GET is skipped (NotStarted) when the cycle is stopped before its turn.
 */
function fetchOnce(deps: PollDeps, req: FetchRequest, first = false): Promise<FetchOutcome> {
  const fetch = () => deps.timings.measureAsync('fetch', () => fetchFeed(req, deps.fetch, deps.signal, deps.connections));
  return deps.fetchSlot(hostOf(req.url), fetch, first ? deps.stop : undefined);
}

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return url; // fetchFeed reports the bad URL
  }
};

/** What every request of a source carries; credentials stay with the configured URL's origin. */
function requestBase(source: Source): Omit<FetchRequest, 'url'> {
  return { headers: source.headers, userAgent: source.userAgent, credentialsOrigin: new URL(source.url).origin };
}

/** The document's articles, newest first, at most fetch.maxItemsPerPoll of them. */
async function readArticles({ source, startedAt, deps }: Attempt, response: FetchedResponse): Promise<ReadResult> {
  const result = await deps.read({
    text: response.text,
    url: response.finalUrl,
    sourceId: source.id,
    now: startedAt,
    maxItems: deps.fetch.maxItemsPerPoll,
    countryHint: source.country,
  });
  deps.timings.add('parse', result.ms.parse);
  deps.timings.add('normalize', result.ms.normalize);
  if (result.places) deps.timings.add('classify', result.ms.classify);
  return result;
}

async function readFeed(attempt: Attempt, response: FetchedResponse): Promise<ReadFeed> {
  const { source, deps } = attempt;
  try {
    return { response, ...(await readArticles(attempt, response)) };
  } catch (err) {
    const page = asSourceError(err, response.finalUrl, source.discover ?? false);
    const target = source.discover && err instanceof ParseError ? err.discovered?.[0] : undefined;
    if (target === undefined) throw page;
    deps.log.info(
      { source: source.id, page: response.finalUrl, feed: target },
      'HTML page instead of a feed: following the feed it announces',
    );
    try {
      const found = await fetchOnce(deps, { ...requestBase(source), url: target });
      // No validators were sent, so a 304 here is the server's error.
      if (found.kind !== 'fetched') {
        throw new SourceError('http-status', `HTTP 304 from ${target} to a request without validators`);
      }
      return { response: found, ...(await readArticles(attempt, found)), discoveredOn: response.finalUrl };
    } catch (inner) {
      throw SourceError.inDiscovered(response.finalUrl, target, asSourceError(inner, target, false));
    }
  }
}

/** The URL to poll from now on, when this poll learnt a new one (logged: the operator should update the config). */
function movedTo(
  { source, state, deps }: Attempt,
  response: FetchOutcome,
  discoveredOn: string | undefined,
): Pick<PollRecord, 'currentUrl' | 'currentUrlVia'> {
  const via: CurrentUrlVia | undefined = discoveredOn ? 'discovery' : response.permanentUrl ? 'redirect' : undefined;
  if (via === undefined) return {};
  const currentUrl = response.permanentUrl ?? response.requestedUrl;
  const previous = state?.currentUrl ?? source.url;
  if (currentUrl !== previous) {
    const why = via === 'redirect' ? 'permanent redirect (301/308)' : `feed announced by the HTML page ${discoveredOn}`;
    deps.log.info(
      { source: source.id, from: previous, to: currentUrl, configured: source.url },
      `source moved: ${why}; polling the new URL from now on`,
    );
  }
  return { currentUrl, currentUrlVia: via };
}

function intervalBounds(source: Source, settings: FetchSettings) {
  return {
    minMinutes: source.minIntervalMinutes ?? settings.minIntervalMinutes,
    maxMinutes: source.maxIntervalMinutes ?? settings.maxIntervalMinutes,
  };
}

/** The next poll of a healthy source; reads its posting rate, so it runs after its articles are stored. */
function nextAfterSuccess(
  { source, deps }: Attempt,
  response: FetchOutcome,
  hints: { ttlMinutes?: number; updatePeriodMinutes?: number },
  now: number,
): NextPoll {
  return nextPollAfterSuccess({
    now,
    freshness: freshness(response, now),
    ...hints,
    postsInWindow: deps.store.countPublished(source.id, now - POSTING_WINDOW_MS, now),
    ...intervalBounds(source, deps.fetch),
  });
}

function recordFetched(attempt: Attempt, read: ReadFeed): PollReport {
  const { source, startedAt, deps } = attempt;
  const { response, feed, articles } = read;
  const dropped = read.itemCount - articles.length;
  const warnings = [...response.warnings, ...feed.warnings];
  if (dropped > 0) warnings.push(`${dropped} of ${read.itemCount} items skipped (empty, or over fetch.maxItemsPerPoll)`);
  const warning = warnings.length > 0 ? warnings.join('; ') : undefined;
  const hints = { ttlMinutes: feed.ttlMinutes, updatePeriodMinutes: feed.updatePeriodMinutes };

  const counts = deps.timings.measure('dedupe', () => storeArticles(source, articles, deps, read));
  const finishedAt = deps.now();
  const next = nextAfterSuccess(attempt, response, hints, finishedAt);
  deps.store.recordPoll({
    sourceId: source.id,
    startedAt,
    finishedAt,
    outcome: 'fetched',
    httpStatus: response.status,
    bytes: response.bytes,
    ...counts,
    warning,
    nextPollAt: next.at,
    nextPollReason: next.reason,
    etag: response.etag,
    lastModified: response.lastModified,
    bodyHash: response.bodyHash,
    ...movedTo(attempt, response, read.discoveredOn),
    feedTitle: feed.title,
    siteUrl: feed.link,
    language: feed.language,
    ...hints,
  });
  return { sourceId: source.id, outcome: 'fetched' as const, ...counts, warning };
}

/** 304, or the same bytes as last time: only the poll bookkeeping is written, nothing is parsed. */
function recordQuiet(attempt: Attempt, response: FetchOutcome): PollReport {
  const { source, state, startedAt, deps } = attempt;
  const outcome: PollOutcome = response.kind === 'not-modified' ? 'not-modified' : 'unchanged';
  const finishedAt = deps.now();
  const hints = { ttlMinutes: state?.ttlMinutes, updatePeriodMinutes: state?.updatePeriodMinutes };
  const next = nextAfterSuccess(attempt, response, hints, finishedAt);
  deps.store.recordPoll({
    sourceId: source.id,
    startedAt,
    finishedAt,
    outcome,
    httpStatus: response.status,
    bytes: response.kind === 'fetched' ? response.bytes : 0,
    newCount: 0,
    updatedCount: 0,
    // The document is the one read last time, and so are its warnings.
    warning: state?.lastWarning,
    nextPollAt: next.at,
    nextPollReason: next.reason,
    etag: response.etag,
    lastModified: response.lastModified,
    ...movedTo(attempt, response, undefined),
  });
  return { sourceId: source.id, outcome, newCount: 0, updatedCount: 0 };
}

function recordFailure(attempt: Attempt, err: SourceError): PollReport {
  const { source, state, startedAt, deps } = attempt;
  const finishedAt = deps.now();
  const consecutiveFailures = (state?.consecutiveFailures ?? 0) + 1;
  const next = nextPollAfterFailure({
    now: finishedAt,
    consecutiveFailures,
    retryAfter: err.details.retryAfter,
    capHours: deps.fetch.backoffCapHours,
    random: deps.random,
  });
  const gone = err.details.gone === true;
  if (gone) deps.log.warn({ source: source.id, url: source.url }, 'source gone (HTTP 410): no more polls until its url changes');
  deps.store.recordPoll({
    sourceId: source.id,
    startedAt,
    finishedAt,
    outcome: 'failed',
    httpStatus: err.details.status,
    bytes: 0,
    newCount: 0,
    updatedCount: 0,
    error: err.message,
    errorCode: err.code,
    gone,
    nextPollAt: next.at,
    nextPollReason: gone ? 'gone (HTTP 410): not polled until the url changes in the config' : next.reason,
  });
  return { sourceId: source.id, outcome: 'failed', newCount: 0, updatedCount: 0, error: err.message };
}
