import { isIdempotentMethod, refreshAndRetry, type RetryResult } from '../core/diagnosis/retryPolicy';
import { probeHeadersFrom } from '../core/diagnosis/probeForDiagnosis';
import type { HttpClient } from '../core/http/client';
import type { SendResult } from '../core/http/types';
import type { ParsedRequest } from '../core/parser/types';
import type { ExecutorSettings, RequestExecutor, RequestSource } from '../core/send/requestExecutor';
import { probeValidators } from '../core/validators/probe';
import type { ValidatorStore } from '../core/validators/validatorStore';

export interface RetryDependencies {
  client: HttpClient;
  validators: ValidatorStore;
  executor: RequestExecutor;
  source: RequestSource;
  environment: string | undefined;
  settings: ExecutorSettings;
  /** Injected so a test could run the backoff without waiting; the CLI really sleeps. */
  sleep?: (ms: number) => Promise<void>;
}

export const RETRY_BASE_DELAY_MS = 250;
const RETRY_MAX_DELAY_MS = 10_000;

/**
 * Refresh & Retry as the editor runs it: probe, resend with the fresh tag, back off while
 * it still gets 412. The editor asks before retrying a method that isn't idempotent; a CI
 * job can't be asked, so it takes --force. Returns a sentence instead of retrying then.
 */
export async function retryFailure(
  deps: RetryDependencies,
  request: ParsedRequest,
  failed: SendResult,
  options: { maxAttempts: number; force: boolean },
): Promise<RetryResult | { refused: string }> {
  const method = request.requestLine.method.text;
  if (!isIdempotentMethod(method) && !options.force) {
    return { refused: `not retrying ${method}: it is not idempotent, so a retry may apply it twice; pass --force to retry anyway` };
  }
  // Probes repeat the request's credentials and other non-precondition headers, so an API that needs auth answers them.
  const extraHeaders = probeHeadersFrom(failed);
  const usesDate = request.headers.some((header) => header.name.text.toLowerCase() === 'if-unmodified-since');
  let latestProbe: SendResult | undefined;
  return refreshAndRetry(
    {
      probe: async () => {
        latestProbe = await probeValidators(deps.client, failed.url, deps.settings, extraHeaders);
        if (latestProbe.status !== 0) deps.validators.recordResponse(latestProbe);
        return latestProbe;
      },
      rewriteAndSend: (freshEtag) => {
        const overrides: Array<[string, string]> = [];
        if (freshEtag) overrides.push(['If-Match', freshEtag]);
        const lastModified = latestProbe?.responseHeaders['last-modified'];
        if (usesDate && lastModified) overrides.push(['If-Unmodified-Since', lastModified]);
        return deps.executor.execute(deps.source, request, deps.environment, deps.settings, undefined, overrides);
      },
      sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    },
    { baseMs: RETRY_BASE_DELAY_MS, factor: 2, maxAttempts: options.maxAttempts, maxDelayMs: RETRY_MAX_DELAY_MS, jitter: Math.random },
  );
}
