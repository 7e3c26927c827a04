/**
 * The network half of a diagnosis: what the server holds now. Both probes are safe
 * methods (HEAD, else GET), so making them never changes the resource.
 */
import type { HttpClientOptions, SendResult } from '../http/types';
import { probeHeadersFrom } from '../send/probeHeaders';
import type { RequestPath } from '../send/requestPath';
import { probeValidators } from '../validators/probe';
import { headerOf } from './format';

export { probeHeadersFrom };

export interface DiagnosisProbes {
  /** HEAD (else GET) with `Accept-Encoding: identity` and `Cache-Control: no-cache`. */
  probe?: SendResult;
  /** GET with the failed request's `Accept-Encoding`, when it asked for something other than identity. */
  encodedProbe?: SendResult;
}

export type ProbeOptions = HttpClientOptions & { signal?: AbortSignal };

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
 * Probes `failed.url` with its credentials. Never rejects (the request path never does); returns nothing for a
 * failed exchange that has no URL to probe. The encoded probe is skipped when the
 * identity probe got no response: the second would fail the same way.
 */
export async function probeForDiagnosis(path: RequestPath, failed: SendResult, options: ProbeOptions): Promise<DiagnosisProbes> {
  if (!/^https?:\/\//i.test(failed.url)) return {};
  const extra = probeHeadersFrom(failed);
  const probe = await probeValidators(path, { url: failed.url, headers: extra }, options, 'probe');
  const acceptEncoding = headerOf(failed.requestHeaders, 'accept-encoding');
  if (probe.status === 0 || !asksForCompression(acceptEncoding) || options.signal?.aborted) return { probe };
  // GET, not HEAD: compression layers often leave a body-less HEAD alone, and with it the tag.
  const encodedProbe = await path.send(
    'probe',
    { method: 'GET', url: failed.url, headers: [['Accept-Encoding', acceptEncoding ?? ''], ['Cache-Control', 'no-cache'], ...extra] },
    options,
  );
  return { probe, encodedProbe };
}
