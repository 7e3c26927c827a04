/**
 * Refresh & Retry of a request in a file, once for the editor and the command line: probe
 * with the request's credentials, resend with the fresh tag, and back off (with jitter)
 * while the server still answers 412. The front ends decide whether a method that is not
 * idempotent may be retried (the editor asks, the CLI wants --force) and show progress.
 */
import { refreshAndRetry, type RetryResult } from '../diagnosis/retryPolicy';
import type { SendResult } from '../http/types';
import type { ParsedRequest } from '../parser/types';
import type { ExecutorSettings, RequestExecutor, RequestSource } from './requestExecutor';
import { wasNotAllowed } from './requestPath';
import type { StoredValidator } from '../validators/storedValidator';
import { writeGuardAsks } from './writeGuard';
import type { ServerProbes } from './serverProbes';

export interface RetryTarget {
  source: RequestSource;
  request: ParsedRequest;
  environmentName: string | undefined;
  settings: ExecutorSettings;
  /** The failed exchange being retried, when there is one: the probe goes where it went, with its headers. */
  failed?: SendResult;
}

export interface RetrySchedule {
  /** Total sends, the first included. */
  maxAttempts: number;
  /** Delay before the second send; doubles after that, up to RETRY_MAX_DELAY_MS. */
  baseDelayMs: number;
  signal?: AbortSignal;
  /** Each probe's result, as it arrives (the editor keeps them for the trace). */
  onProbe?: (probe: SendResult) => void;
  /** Before each send (the editor's progress message). */
  onAttempt?: (attempt: number, freshEtag: string | undefined) => void;
  /**
   * The write guard: asked once, before the first resend, when that resend would replace
   * another client's change (see writeGuard.ts). Resolving false sends nothing. Absent: no question.
   */
  confirmOverwrite?: (sentEtag: string, freshEtag: string) => Promise<boolean>;
}

export interface RefreshAndRetryDependencies {
  executor: RequestExecutor;
  probes: ServerProbes;
  /** What is known of the resource, so a version our own write produced is not taken for another client's. */
  validators?: { get(url: string): StoredValidator | undefined };
  /** Injected so tests run the backoff without waiting. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A number in [0, 1): spreads the retries of clients that failed together. Math.random unless a test fixes it. */
  jitter?: () => number;
}

export const RETRY_MAX_DELAY_MS = 10_000;

/** Returns `{ error }` when the request can't even be resolved to a URL to probe. */
export async function refreshAndRetryRequest(
  deps: RefreshAndRetryDependencies,
  target: RetryTarget,
  schedule: RetrySchedule,
): Promise<RetryResult | { error: string }> {
  const { source, request, environmentName, settings, failed } = target;
  const where = await deps.probes.targetOfRequest(source, request, environmentName, settings, failed);
  if ('error' in where) return where;
  const { signal } = schedule;
  const options = signal ? { ...settings, signal } : settings;
  const usesDate = request.headers.some((header) => header.name.text.toLowerCase() === 'if-unmodified-since');
  let latestProbe: SendResult | undefined;
  return refreshAndRetry(
    {
      probe: async () => {
        latestProbe = await deps.probes.fetchValidators(where, options);
        schedule.onProbe?.(latestProbe);
        return latestProbe;
      },
      rewriteAndSend: async (freshEtag, attempt) => {
        // The user said no to this host: the resend would ask the same question again.
        if (latestProbe && wasNotAllowed(latestProbe)) return latestProbe;
        const sentEtag = failed?.requestHeaders['if-match'];
        if (attempt === 1 && schedule.confirmOverwrite && sentEtag && freshEtag) {
          const asks = writeGuardAsks(request.requestLine.method.text, sentEtag, freshEtag, deps.validators?.get(where.url));
          if (asks && !(await schedule.confirmOverwrite(sentEtag, freshEtag))) return declined(failed);
        }
        schedule.onAttempt?.(attempt, freshEtag);
        const headerOverrides: Array<[string, string]> = [];
        if (freshEtag) headerOverrides.push(['If-Match', freshEtag]);
        const lastModified = latestProbe?.responseHeaders['last-modified'];
        if (usesDate && lastModified) headerOverrides.push(['If-Unmodified-Since', lastModified]);
        return deps.executor.execute(source, request, environmentName, settings, { signal, headerOverrides, purpose: 'retry' });
      },
      sleep: deps.sleep ?? abortableSleep,
      signal,
    },
    { baseMs: schedule.baseDelayMs, factor: 2, maxAttempts: schedule.maxAttempts, maxDelayMs: RETRY_MAX_DELAY_MS, jitter: deps.jitter ?? Math.random },
  );
}

/** What the retry loop reads as "cancelled": the user chose not to overwrite, nothing was sent. */
function declined(failed: SendResult | undefined): SendResult {
  return { method: failed?.method ?? '', url: failed?.url ?? '', requestHeaders: {}, status: 0, statusText: '', responseHeaders: {}, bodyText: '', durationMs: 0, error: 'cancelled' };
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('cancelled'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('cancelled'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
