// WebSub publisher side: after a feed file has been renamed into place, the hub is told
// (hub.mode=publish) so that it fetches the feed and pushes it to subscribers. The hub is
// a courtesy: a failure is reported to the caller, never thrown.
import { setTimeout as sleep } from 'node:timers/promises';

export interface HubOptions {
  /** Tries per feed, the first included. */
  attempts: number;
  /** Wait before the second try; each later wait doubles it. */
  retryDelayMs: number;
  /** Deadline of one request. */
  timeoutMs: number;
  /** Requests in flight at once. */
  concurrency: number;
  userAgent?: string;
}

export const DEFAULT_HUB_OPTIONS: HubOptions = { attempts: 4, retryDelayMs: 1000, timeoutMs: 10_000, concurrency: 4 };

export interface HubPing {
  feedUrl: string;
  ok: boolean;
  attempts: number;
  /** Why the last try failed. */
  error?: string;
}

/** A status worth trying again: the hub is busy or broken right now, not refusing the request. */
const transient = (status: number) => status === 408 || status === 429 || status >= 500;

async function pingOnce(hub: string, feedUrl: string, options: HubOptions): Promise<{ ok: boolean; retry: boolean; error?: string }> {
  try {
    const res = await fetch(hub, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        ...(options.userAgent ? { 'User-Agent': options.userAgent } : {}),
      },
      body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': feedUrl }).toString(),
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    await res.body?.cancel();
    if (res.ok) return { ok: true, retry: false };
    return { ok: false, retry: transient(res.status), error: `hub ${hub} answered HTTP ${res.status}` };
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const reason = (err as Error).name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : cause?.code ?? cause?.message ?? (err as Error).message;
    return { ok: false, retry: true, error: `hub ${hub} unreachable: ${reason}` };
  }
}

async function ping(hub: string, feedUrl: string, options: HubOptions): Promise<HubPing> {
  let last: { ok: boolean; retry: boolean; error?: string } = { ok: false, retry: true };
  let attempt = 0;
  while (attempt < options.attempts) {
    if (attempt > 0) await sleep(options.retryDelayMs * 2 ** (attempt - 1));
    attempt += 1;
    last = await pingOnce(hub, feedUrl, options);
    if (last.ok || !last.retry) break;
  }
  return { feedUrl, ok: last.ok, attempts: attempt, ...(last.error !== undefined && !last.ok ? { error: last.error } : {}) };
}

/** Tells the hub about each changed feed, with bounded retries and exponential backoff; never throws. */
export async function notifyHub(hub: string, feedUrls: string[], overrides: Partial<HubOptions> = {}): Promise<HubPing[]> {
  const options = { ...DEFAULT_HUB_OPTIONS, ...overrides };
  const results: HubPing[] = [];
  let next = 0;
  const worker = async () => {
    while (next < feedUrls.length) {
      const url = feedUrls[next++]!;
      results.push(await ping(hub, url, options));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, feedUrls.length) }, worker));
  return results;
}
