import type { HttpClientOptions, SendResult } from '../http/types';
import type { ProbeTarget } from '../send/probeHeaders';
import { wasNotAllowed, type RequestPath, type RequestPurpose } from '../send/requestPath';

/**
 * Asks the server for the current validators of `target.url`: HEAD first (cheap), then GET
 * when HEAD carries none (some servers only send ETag on GET, or refuse HEAD).
 * `Accept-Encoding: identity` asks for the unencoded representation, whose strong tag
 * is the one If-Match needs; `Cache-Control: no-cache` gets past caches. The target's
 * headers (credentials, API keys) go along, so an API that needs them answers.
 */
export async function probeValidators(
  path: RequestPath,
  target: ProbeTarget,
  options: HttpClientOptions & { signal?: AbortSignal },
  purpose: RequestPurpose = 'probe',
): Promise<SendResult> {
  const headers: Array<[string, string]> = [['Accept-Encoding', 'identity'], ['Cache-Control', 'no-cache'], ...target.headers];
  const head = await path.send(purpose, { method: 'HEAD', url: target.url, headers }, options);
  if (head.status >= 200 && head.status < 300 && carriesValidator(head)) return head;
  // A GET after a refused HEAD would only ask the user the same question again.
  if ((head.status === 0 && head.error === 'cancelled') || wasNotAllowed(head)) return head;
  return path.send(purpose, { method: 'GET', url: target.url, headers }, options);
}

function carriesValidator(result: SendResult): boolean {
  return result.responseHeaders['etag'] !== undefined || result.responseHeaders['last-modified'] !== undefined;
}
