/**
 * The network half of a diagnosis: what the server holds now. Both probes are safe
 * methods (HEAD, else GET), so making them never changes the resource.
 */
import type { HttpSender } from '../http/client';
import type { HttpClientOptions, SendResult } from '../http/types';
import { probeValidators } from '../validators/probe';
import { headerOf } from './format';

export interface DiagnosisProbes {
  /** HEAD (else GET) with `Accept-Encoding: identity` and `Cache-Control: no-cache`. */
  probe?: SendResult;
  /** GET with the failed request's `Accept-Encoding`, when it asked for something other than identity. */
  encodedProbe?: SendResult;
}

export type ProbeOptions = HttpClientOptions & { signal?: AbortSignal };

/**
 * Request headers a probe must not copy: preconditions would turn it into the failed
 * request again, body framing belongs to the failed body, and the client sets the
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

/** The failed request's headers a probe should repeat, in their original order. */
export function probeHeadersFrom(failed: SendResult): Array<[string, string]> {
  return Object.entries(failed.requestHeaders).filter(([name]) => !NOT_COPIED.has(name.toLowerCase()) && !name.startsWith(':'));
}

/** True when the Accept-Encoding lets the server compress: anything but absent, empty or identity alone. */
export function asksForCompression(acceptEncoding: string | undefined): boolean {
  if (acceptEncoding === undefined) return false;
  return acceptEncoding
    .split(',')
    .map((member) => member.split(';'))
    .some(([coding, ...params]) => {
      const name = coding.trim().toLowerCase();
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return name !== '' && name !== 'identity' && (q === undefined || Number(q) > 0);
    });
}

/**
 * Probes `failed.url`. Never rejects (the client never does); returns nothing for a
 * failed exchange that has no URL to probe. The encoded probe is skipped when the
 * identity probe got no response: the second would fail the same way.
 */
export async function probeForDiagnosis(client: HttpSender, failed: SendResult, options: ProbeOptions): Promise<DiagnosisProbes> {
  if (!/^https?:\/\//i.test(failed.url)) return {};
  const extra = probeHeadersFrom(failed);
  const probe = await probeValidators(client, failed.url, options, extra);
  const acceptEncoding = headerOf(failed.requestHeaders, 'accept-encoding');
  if (probe.status === 0 || !asksForCompression(acceptEncoding) || options.signal?.aborted) return { probe };
  // GET, not HEAD: compression layers often leave a body-less HEAD alone, and with it the tag.
  const encodedProbe = await client.send(
    { method: 'GET', url: failed.url, headers: [['Accept-Encoding', acceptEncoding ?? ''], ['Cache-Control', 'no-cache'], ...extra] },
    options,
  );
  return { probe, encodedProbe };
}
