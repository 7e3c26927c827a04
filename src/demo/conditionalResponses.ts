/**
 * What the origin answers once the preconditions are evaluated: the refusal (304 or 412)
 * or the representation, whole or ranged. Shared by documents and collections.
 */
import type { PreconditionOutcome } from '../core/preconditions/evaluate';
import type { PreconditionHeaders } from '../core/preconditions/preconditionHeaders';
import { parseByteRange } from './byteRange';
import { preconditionFailed } from './preconditionFailures';
import type { StoredResource } from './resourceStore';
import { notModifiedResponse, problemResponse, representationResponse } from './responses';
import type { Clock, DemoResponse } from './types';

/** Turns a false precondition into its response: 304 for a cache check on GET/HEAD, else 412. */
export function refusalFor(
  outcome: PreconditionOutcome,
  existing: StoredResource | undefined,
  options: { readonly clock: Clock; readonly cacheControl?: string },
): DemoResponse | undefined {
  if (outcome.status === 304 && existing) return notModifiedResponse(existing, options.clock, options.cacheControl ?? 'no-cache');
  if (outcome.status === 412 && outcome.decidedBy) {
    const sent = outcome.checks.find((check) => check.header === outcome.decidedBy)?.value ?? '';
    return preconditionFailed(outcome.decidedBy, sent, options.clock);
  }
  return undefined;
}

/** GET/HEAD: the whole representation, or the part a Range asks for when If-Range allows it. */
export function serveRepresentation(
  resource: StoredResource,
  outcome: PreconditionOutcome,
  headers: PreconditionHeaders,
  clock: Clock,
  cacheControl: string,
): DemoResponse {
  const full = representationResponse(200, resource, clock, cacheControl);
  if (outcome.range !== 'honour-range' || headers.range === undefined) return full;
  const size = resource.body.length;
  const range = parseByteRange(headers.range, size);
  if (range === 'ignore') return full;
  if (range === 'unsatisfiable') {
    return problemResponse({ status: 416, title: 'Range Not Satisfiable', detail: `The representation has ${size} bytes.` }, clock, {
      'Content-Range': `bytes */${size}`,
    });
  }
  const part = resource.body.subarray(range.start, range.end + 1);
  return {
    status: 206,
    headers: { ...full.headers, 'Content-Range': `bytes ${range.start}-${range.end}/${size}`, 'Content-Length': String(part.length) },
    body: part,
  };
}
