import type { OutgoingRequest } from '../http/types';
import { isSecretHeader, redactBody, redactUrl, REDACTED, type RedactionOptions } from './redaction';

/** An outgoing request with its credentials replaced, for anything that leaves the editor (a copied curl line). */
export function redactRequest(request: OutgoingRequest, options: RedactionOptions = {}): OutgoingRequest {
  const contentType = request.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  return {
    method: request.method,
    url: redactUrl(request.url, options),
    headers: request.headers.map(([name, value]) => [name, isSecretHeader(name, options) ? REDACTED : value]),
    body: typeof request.body === 'string' ? redactBody(request.body, contentType, options) : request.body,
  };
}
