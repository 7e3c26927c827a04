import type { SendResult } from '../http/types';

/**
 * Request headers a probe must not copy: preconditions would turn it into the original
 * request again, body framing belongs to the original body, and the client sets the
 * connection-level ones itself. Everything else (Authorization, Cookie, Accept, API
 * keys, tenant headers) is copied, so the probe sees what the request would have seen.
 * Method overrides are dropped: a probe must stay a safe method.
 */
const NOT_COPIED = new Set([
  'if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since', 'if-range', 'if', 'range',
  'content-type', 'content-length', 'content-encoding', 'content-language', 'content-md5', 'content-range',
  'transfer-encoding', 'expect', 'host', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer',
  'accept-encoding', 'cache-control', 'pragma',
  // Some frameworks would turn the safe probe into the failed write.
  'x-http-method-override', 'x-http-method', 'x-method-override',
]);

/** True for a header a probe repeats from the request it probes for. */
export function isCopiedToProbe(name: string): boolean {
  return !NOT_COPIED.has(name.toLowerCase()) && !name.startsWith(':');
}

/** The sent request's headers a probe should repeat, in their original order. */
export function probeHeadersFrom(sent: SendResult): Array<[string, string]> {
  return Object.entries(sent.requestHeaders).filter(([name]) => isCopiedToProbe(name));
}

/** Where a probe goes, and the originating request's headers it repeats (credentials, Accept, …). */
export interface ProbeTarget {
  url: string;
  headers: Array<[string, string]>;
}
