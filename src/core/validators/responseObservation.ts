import type { SendResult } from '../http/types';

/** The part of a `SendResult` the store reads; a full `SendResult` fits. */
export type ObservedResponse = Pick<SendResult, 'method' | 'url' | 'status' | 'responseHeaders'>;

/** One response reduced to what the validator rules look at. */
export interface ResponseObservation {
  /** Upper-cased. */
  method: string;
  status: number;
  etag?: string;
  lastModified?: string;
  /** Lower-cased; `undefined` for identity. */
  contentEncoding?: string;
  serverDate?: string;
  observedAt: string;
}

export function observeResponse(response: ObservedResponse, observedAt: Date): ResponseObservation {
  const headers = response.responseHeaders ?? {};
  return {
    method: response.method.trim().toUpperCase(),
    status: response.status,
    etag: headerValue(headers, 'etag'),
    lastModified: headerValue(headers, 'last-modified'),
    contentEncoding: normalizeContentCoding(headerValue(headers, 'content-encoding')),
    serverDate: headerValue(headers, 'date'),
    observedAt: observedAt.toISOString(),
  };
}

/**
 * `SendResult` promises lower-cased names, but the looser input type does not, so
 * fall back to a case-insensitive scan. Empty values count as absent.
 */
function headerValue(headers: Record<string, string>, lowerName: string): string | undefined {
  let value: unknown = headers[lowerName];
  if (value === undefined) {
    const name = Object.keys(headers).find((candidate) => candidate.toLowerCase() === lowerName);
    value = name === undefined ? undefined : headers[name];
  }
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * `gzip`, `GZip` and ` gzip ` are one coding, and `identity` is the same
 * representation as no header at all, so both share the identity slot.
 */
export function normalizeContentCoding(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const codings = value
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  return codings.length === 0 ? undefined : codings.join(', ');
}
