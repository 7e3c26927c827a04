import type { HttpSender } from '../http/client';
import type { HttpClientOptions, SendResult } from '../http/types';

/**
 * Asks the server for the current validators of `url`: HEAD first (cheap), then GET
 * when HEAD carries none (some servers only send ETag on GET, or refuse HEAD).
 * `Accept-Encoding: identity` asks for the unencoded representation, whose strong tag
 * is the one If-Match needs; `Cache-Control: no-cache` gets past caches.
 */
export async function probeValidators(
  client: HttpSender,
  url: string,
  options: HttpClientOptions & { signal?: AbortSignal },
  extraHeaders: Array<[string, string]> = [],
): Promise<SendResult> {
  const headers: Array<[string, string]> = [['Accept-Encoding', 'identity'], ['Cache-Control', 'no-cache'], ...extraHeaders];
  const head = await client.send({ method: 'HEAD', url, headers }, options);
  if (head.status >= 200 && head.status < 300 && carriesValidator(head)) return head;
  if (head.status === 0 && head.error === 'cancelled') return head;
  return client.send({ method: 'GET', url, headers }, options);
}

function carriesValidator(result: SendResult): boolean {
  return result.responseHeaders['etag'] !== undefined || result.responseHeaders['last-modified'] !== undefined;
}
