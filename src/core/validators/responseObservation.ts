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

/** `observedAt`: the arrival time, already an ISO string (see ArrivalTimeFormatter). */
export function observeResponse(response: ObservedResponse, observedAt: string): ResponseObservation {
  const headers = response.responseHeaders ?? {};
  return {
    method: response.method.trim().toUpperCase(),
    status: response.status,
    etag: headerOf(headers, 'etag'),
    lastModified: headerOf(headers, 'last-modified'),
    contentEncoding: normalizeContentCoding(headerOf(headers, 'content-encoding')),
    serverDate: headerOf(headers, 'date'),
    observedAt,
  };
}

/**
 * `gzip`, `GZip` and ` gzip ` are one coding, and `identity` is the same
 * representation as no header at all, so both share the identity slot.
 */
export function normalizeContentCoding(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  // One coding is the usual case; it needs no list built and joined.
  if (!value.includes(',')) {
    const coding = value.trim().toLowerCase();
    return coding === '' || coding === 'identity' ? undefined : coding;
  }
  const codings = value
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  return codings.length === 0 ? undefined : codings.join(', ');
}
