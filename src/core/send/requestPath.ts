import type { HttpSender, SendOptions } from '../http/client';
import type { OutgoingRequest, SendResult } from '../http/types';
import type { RedactionPolicy } from '../redaction/redactionPolicy';
import type { ValidatorStore } from '../validators/validatorStore';

/** Why a request leaves: the log line says it, so a probe is never mistaken for the user's own send. */
export type RequestPurpose = 'send' | 'probe' | 'retry' | 'compare' | 'refresh';

export interface RequestPathDependencies {
  client: HttpSender;
  /** Every response teaches the store, whoever asked for it. */
  validators: ValidatorStore;
  log: (line: string) => void;
  /** Read per exchange: the redaction settings may change between two requests. */
  redaction: () => RedactionPolicy;
  /** Asked before anything leaves; false sends nothing (untrusted workspaces ask before reaching a remote host). */
  confirmSend?: (request: OutgoingRequest) => Promise<boolean>;
}

const NOT_ALLOWED = 'Not sent:';

/**
 * The one way out for every request, the user's and our own (probes, retries, compare,
 * refresh): it asks the trust gate, sends, records the response's validators and logs one
 * redacted line. Features are handed this, never the HTTP client, so a new caller cannot
 * skip the gate.
 */
export class RequestPath {
  constructor(private readonly deps: RequestPathDependencies) {}

  async send(purpose: RequestPurpose, request: OutgoingRequest, options: SendOptions): Promise<SendResult> {
    const started = Date.now();
    if (this.deps.confirmSend && !(await this.deps.confirmSend(request))) {
      const refused = notAllowed(request, Date.now() - started);
      this.deps.log(describeExchange(purpose, refused, this.deps.redaction()));
      return refused;
    }
    const result = await this.deps.client.send(request, options);
    this.deps.validators.recordResponse(result);
    this.deps.log(describeExchange(purpose, result, this.deps.redaction()));
    return result;
  }
}

/** True for the result of a request the trust gate kept back: asking again for the same request would only repeat the question. */
export function wasNotAllowed(result: SendResult): boolean {
  return result.status === 0 && (result.error ?? '').startsWith(NOT_ALLOWED);
}

function notAllowed(request: OutgoingRequest, durationMs: number): SendResult {
  let host = request.url;
  try {
    host = new URL(request.url).host;
  } catch {
    // the whole text names the target then
  }
  const error = `${NOT_ALLOWED} sending ${request.method} to ${host} from an untrusted workspace was not allowed.`;
  return { method: request.method, url: request.url, requestHeaders: {}, status: 0, statusText: '', responseHeaders: {}, bodyText: '', durationMs, error };
}

/** One line per exchange; URLs and known secret values are redacted, since logs get pasted into issues. */
function describeExchange(purpose: RequestPurpose, result: SendResult, policy: RedactionPolicy): string {
  const url = policy.url(result.url);
  const outcome = result.status === 0 ? `failed: ${policy.error(result) ?? ''}` : `${result.status} ${result.statusText}`;
  return `${purpose}: ${result.method} ${url} → ${outcome} (${Math.round(result.durationMs)} ms)`;
}
