/**
 * Refresh & Retry without the editor: fetch a fresh tag, resend with it, and on another
 * 412 wait with exponential backoff (and jitter) before trying again. Time and the
 * network are injected, so tests drive it with a fake sleep and never wait.
 */
import type { SendResult } from '../http/types';
import { parseHttpDate } from '../preconditions/httpDate';
import { headerOf } from './format';

export interface BackoffOptions {
  /** Delay before the second attempt (`preconditionDoctor.retry.baseDelayMs`). */
  baseMs: number;
  /** Growth per attempt; 2 doubles. */
  factor: number;
  /** Total attempts, the first included (`preconditionDoctor.retry.maxAttempts`). */
  maxAttempts: number;
  /** No single delay exceeds this. */
  maxDelayMs: number;
  /**
   * Returns a number in [0, 1). With it each delay is drawn from [d/2, d) ("equal
   * jitter"): clients that failed together spread out, yet none retries at once.
   */
  jitter?: () => number;
}

export interface RetryPolicy extends BackoffOptions {
  /** Upper bound for a server's Retry-After; a longer one is cut to this. Default: maxDelayMs. */
  maxRetryAfterMs?: number;
  /** The clock an HTTP-date Retry-After is measured against. */
  now?: () => Date;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = { baseMs: 250, factor: 2, maxAttempts: 3, maxDelayMs: 10_000 };

export interface RetryAttempt {
  /** 1-based. */
  attempt: number;
  status: number;
  /** The If-Match the attempt sent (or the fresh tag it was given, when it sent none). */
  etagSent?: string;
  /** How long it waited before this attempt; 0 for the first. */
  delayMs: number;
}

export type RetryOutcome = 'succeeded' | 'failed' | 'exhausted' | 'cancelled';

export interface RetryResult {
  final: SendResult;
  attempts: RetryAttempt[];
  /** `succeeded`: 2xx; `failed`: another non-412 status; `exhausted`: still 412 after maxAttempts; `cancelled`. */
  outcome: RetryOutcome;
}

export interface RetryDependencies {
  probe: () => Promise<SendResult>;
  /** Rewrites the request's preconditions with `freshEtag` (undefined: the probe found none) and sends it. */
  rewriteAndSend: (freshEtag: string | undefined, attempt: number) => Promise<SendResult>;
  /** Resolves after `ms`; may reject when `signal` aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
}

/** The waits before attempts 2..maxAttempts: `baseMs * factor^(n-1)`, capped, optionally jittered. */
export function backoffDelays(options: BackoffOptions): number[] {
  const { baseMs, factor, maxDelayMs, jitter } = options;
  const count = Math.max(0, Math.floor(options.maxAttempts) - 1);
  const delays: number[] = [];
  for (let index = 0; index < count; index++) {
    const exact = Math.min(maxDelayMs, baseMs * factor ** index);
    const capped = Math.max(0, Number.isFinite(exact) ? exact : maxDelayMs);
    delays.push(Math.round(jitter ? capped / 2 + clampUnit(jitter()) * (capped / 2) : capped));
  }
  return delays;
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0;
}

/** Retry-After (RFC 9110 §10.2.3) in ms: delay-seconds or an HTTP-date; undefined when absent or unreadable. */
export function retryAfterMs(result: SendResult, now: Date): number | undefined {
  const value = headerOf(result.responseHeaders, 'retry-after');
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = parseHttpDate(value, { now });
  return date === undefined ? undefined : Math.max(0, date.epochMs - now.getTime());
}

/** Methods whose repetition has the effect of one request (RFC 9110 §9.2.2): safe to retry without asking. */
export function isIdempotentMethod(method: string): boolean {
  return ['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE'].includes(method.toUpperCase());
}

function cancelledResult(): SendResult {
  return { method: '', url: '', requestHeaders: {}, status: 0, statusText: '', responseHeaders: {}, bodyText: '', durationMs: 0, error: 'cancelled' };
}

function isCancelled(result: SendResult): boolean {
  return result.status === 0 && result.error === 'cancelled';
}

/**
 * Probe, send with the fresh tag, and repeat while the answer is 412, up to
 * `policy.maxAttempts` sends. Stops at the first other status, when attempts run out,
 * or when `deps.signal` aborts (before a wait, during it, or after a send). Never rejects
 * because of a cancelled sleep; the last send (or a `cancelled` result) is `final`.
 */
export async function refreshAndRetry(deps: RetryDependencies, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Promise<RetryResult> {
  const delays = backoffDelays(policy);
  const attempts: RetryAttempt[] = [];
  const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));
  const now = policy.now ?? (() => new Date());
  let final: SendResult | undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let delayMs = 0;
    if (attempt > 1 && final) {
      const serverWait = retryAfterMs(final, now());
      const bound = policy.maxRetryAfterMs ?? policy.maxDelayMs;
      delayMs = Math.max(delays[attempt - 2] ?? 0, Math.min(serverWait ?? 0, bound));
    }
    if (deps.signal?.aborted) return { final: final ?? cancelledResult(), attempts, outcome: 'cancelled' };
    if (delayMs > 0) {
      try {
        await deps.sleep(delayMs, deps.signal);
      } catch {
        return { final: final ?? cancelledResult(), attempts, outcome: 'cancelled' };
      }
      if (deps.signal?.aborted) return { final: final ?? cancelledResult(), attempts, outcome: 'cancelled' };
    }
    const probe = await deps.probe();
    if (isCancelled(probe) || deps.signal?.aborted) return { final: final ?? probe, attempts, outcome: 'cancelled' };
    const probeSawResource = (probe.status >= 200 && probe.status < 300) || probe.status === 304;
    const freshEtag = probeSawResource ? headerOf(probe.responseHeaders, 'etag') : undefined;
    final = await deps.rewriteAndSend(freshEtag, attempt);
    const etagSent = headerOf(final.requestHeaders, 'if-match') ?? freshEtag;
    attempts.push({ attempt, status: final.status, ...(etagSent === undefined ? {} : { etagSent }), delayMs });
    if (isCancelled(final)) return { final, attempts, outcome: 'cancelled' };
    if (final.status !== 412) return { final, attempts, outcome: final.status >= 200 && final.status < 300 ? 'succeeded' : 'failed' };
  }
  return { final: final ?? cancelledResult(), attempts, outcome: 'exhausted' };
}
