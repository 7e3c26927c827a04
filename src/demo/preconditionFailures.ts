/**
 * The 412 and 428 responses of the demo origin. Like most real servers, a 412 carries no
 * fresh ETag: the client has to fetch one, which is exactly what the extension teaches.
 */
import type { PreconditionHeaderName } from '../core/preconditions/preconditionHeaders';
import { problemResponse } from './responses';
import type { Clock, DemoResponse } from './types';

const DETAIL_BY_HEADER: Readonly<Record<PreconditionHeaderName, string>> = {
  'If-Match':
    'The entity tag in If-Match does not match the current representation: it was changed since you read it, ' +
    'or the tag is not one this server issued for it. GET the resource again and send its ETag.',
  'If-Unmodified-Since': 'The resource was modified after the If-Unmodified-Since date. GET it again and use its Last-Modified.',
  'If-None-Match': 'A representation matching If-None-Match exists (with If-None-Match: *, the resource already exists).',
  'If-Modified-Since': 'The resource was not modified since the If-Modified-Since date.',
  'If-Range': 'If-Range does not match.',
};

export function preconditionFailed(decidedBy: PreconditionHeaderName, sent: string, clock: Clock): DemoResponse {
  return problemResponse(
    { status: 412, title: 'Precondition Failed', detail: DETAIL_BY_HEADER[decidedBy], extra: { precondition: decidedBy, sent } },
    clock,
  );
}

/** RFC 6585 §3: the origin insists on a conditional request; the answer must not be cached. */
export function preconditionRequired(method: string, clock: Clock): DemoResponse {
  return problemResponse(
    {
      status: 428,
      title: 'Precondition Required',
      detail:
        `This resource only accepts ${method} with If-Match, to prevent lost updates. ` +
        'GET it first and send its ETag in If-Match (or If-None-Match: * to create it).',
    },
    clock,
    { 'Cache-Control': 'no-store' },
  );
}
