/**
 * Realistic exchanges for the diagnosis tests: what the HTTP client reports for the
 * failed write, the probes, and the store's history of the URL.
 */
import type { SendResult } from '../../../src/core/http/types';
import { diagnosePreconditionFailure, type Diagnosis, type DiagnosisInput } from '../../../src/core/diagnosis/diagnosePreconditionFailure';
import type { StoredValidator } from '../../../src/core/validators/storedValidator';
import type { ValidatorObservation } from '../../../src/core/validators/types';

export const ITEM_URL = 'https://api.example.com/items/1';
/** When the diagnosis runs (and the probe is made). */
export const NOW = new Date('2024-05-01T10:10:00.000Z');

export function result(partial: Partial<SendResult> & Pick<SendResult, 'method' | 'status'>): SendResult {
  return {
    url: ITEM_URL,
    requestHeaders: {},
    statusText: partial.status === 412 ? 'Precondition Failed' : partial.status === 428 ? 'Precondition Required' : partial.status === 200 ? 'OK' : '',
    responseHeaders: {},
    bodyText: '',
    durationMs: 12,
    ...partial,
  };
}

/** A PUT that got 412, with the given request headers. */
export function failedPut(requestHeaders: Record<string, string>, response: Partial<SendResult> = {}): SendResult {
  return result({
    method: 'PUT',
    status: 412,
    requestHeaders: { host: 'api.example.com', 'content-type': 'application/json', ...requestHeaders },
    requestBody: '{"title":"Quarterly report","status":"final"}',
    responseHeaders: { date: 'Wed, 01 May 2024 10:05:00 GMT', 'content-length': '0' },
    ...response,
  });
}

/** The identity HEAD probe made at NOW. */
export function headProbe(responseHeaders: Record<string, string>, status = 200): SendResult {
  return result({
    method: 'HEAD',
    status,
    requestHeaders: { 'accept-encoding': 'identity', 'cache-control': 'no-cache' },
    responseHeaders: { date: 'Wed, 01 May 2024 10:10:00 GMT', ...responseHeaders },
  });
}

export function observation(method: string, status: number, observedAt: string, etag?: string, lastModified?: string): ValidatorObservation {
  return { method, status, observedAt, ...(etag === undefined ? {} : { etag }), ...(lastModified === undefined ? {} : { lastModified }) };
}

export function storedRecord(history: ValidatorObservation[], representations: StoredValidator['representations']): StoredValidator {
  const latest = representations[0];
  return {
    url: ITEM_URL,
    etag: latest?.etag,
    weak: latest?.weak ?? false,
    lastModified: latest?.lastModified,
    contentEncoding: latest?.contentEncoding,
    observedAt: history[0]?.observedAt ?? NOW.toISOString(),
    status: history[0]?.status ?? 200,
    method: history[0]?.method ?? 'GET',
    representations,
    history,
    state: 'current',
  };
}

export function diagnose(input: Partial<DiagnosisInput> & Pick<DiagnosisInput, 'failed'>): Diagnosis {
  return diagnosePreconditionFailure({ history: [], now: NOW, ...input });
}

export function causeIds(diagnosis: Diagnosis): string[] {
  return diagnosis.causes.map((c) => c.id);
}

export function evidenceOf(diagnosis: Diagnosis, id: string): string {
  return diagnosis.causes.find((c) => c.id === id)?.evidence.join('\n') ?? '';
}
