/**
 * Response builders for the demo origin. Errors are problem+json (RFC 9457) so a client
 * can quote the server's own `title` and `detail` when it explains a 412.
 */
import { formatHttpDate } from '../core/preconditions/httpDate';
import type { StoredResource } from './resourceStore';
import type { Clock, DemoResponse } from './types';

export const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

export interface Problem {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  /** Extension members, e.g. which precondition failed. */
  readonly extra?: Readonly<Record<string, string>>;
}

/** A problem+json error; `type` points at the demo's index, which documents every scenario. */
export function problemResponse(problem: Problem, clock: Clock, headers: Record<string, string> = {}): DemoResponse {
  const document = {
    type: `https://precondition-doctor.invalid/demo/problems/${problem.status}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    ...problem.extra,
  };
  const body = Buffer.from(`${JSON.stringify(document, null, 2)}\n`, 'utf8');
  return {
    status: problem.status,
    headers: { Date: formatHttpDate(clock()), 'Content-Type': PROBLEM_TYPE, 'Content-Length': String(body.length), ...headers },
    body,
  };
}

export function jsonResponse(status: number, data: unknown, clock: Clock, headers: Record<string, string> = {}): DemoResponse {
  const body = Buffer.from(`${JSON.stringify(data, null, 2)}\n`, 'utf8');
  return {
    status,
    headers: { Date: formatHttpDate(clock()), 'Content-Type': JSON_TYPE, 'Content-Length': String(body.length), ...headers },
    body,
  };
}

/** The metadata a 200 for this resource carries; a 304 repeats the cache-related part. */
export function validatorHeaders(resource: StoredResource, clock: Clock, cacheControl: string): Record<string, string> {
  return {
    Date: formatHttpDate(clock()),
    ETag: resource.etag,
    'Last-Modified': formatHttpDate(resource.lastModifiedMs),
    'Cache-Control': cacheControl,
  };
}

export function representationResponse(
  status: number,
  resource: StoredResource,
  clock: Clock,
  cacheControl: string,
  extra: Record<string, string> = {},
): DemoResponse {
  return {
    status,
    headers: {
      ...validatorHeaders(resource, clock, cacheControl),
      'Content-Type': JSON_TYPE,
      'Content-Length': String(resource.body.length),
      'Accept-Ranges': 'bytes',
      ...extra,
    },
    body: resource.body,
  };
}

/**
 * §15.4.5: a 304 carries the ETag, Date and Cache-Control a 200 would have had, and no
 * Last-Modified since an ETag is present.
 */
export function notModifiedResponse(resource: StoredResource, clock: Clock, cacheControl: string): DemoResponse {
  const full = validatorHeaders(resource, clock, cacheControl);
  return { status: 304, headers: { Date: full.Date, ETag: full.ETag, 'Cache-Control': full['Cache-Control'] } };
}

export function methodNotAllowed(allow: readonly string[], clock: Clock): DemoResponse {
  return problemResponse(
    { status: 405, title: 'Method Not Allowed', detail: `Use one of: ${allow.join(', ')}.` },
    clock,
    { Allow: allow.join(', ') },
  );
}

export function notFound(path: string, clock: Clock): DemoResponse {
  return problemResponse(
    { status: 404, title: 'Not Found', detail: `Nothing at ${path}. GET / lists the demo's scenarios; POST /_reset restores the seed data.` },
    clock,
  );
}
