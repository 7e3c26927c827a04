import { headerOf } from '../http/headerLookup';
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
    etag: headerOf(headers, 'etag'),
    lastModified: headerOf(headers, 'last-modified'),
    contentEncoding: normalizeContentCoding(headerOf(headers, 'content-encoding')),
    serverDate: headerOf(headers, 'date'),
    observedAt: observedAt.toISOString(),
  };
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
