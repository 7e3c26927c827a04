/**
 * Which preconditions of a request an origin evaluates, in §13.2.2 order, and which it
 * must ignore. Ignored headers are the silent half of many "my precondition did
 * nothing" reports, so each one carries a reason a user can read.
 */
import { parseHttpDate } from './httpDate';
import { PRECONDITION_FIELDS, type PreconditionHeaderName, type PreconditionHeaders } from './preconditionHeaders';

export type IgnoreReason =
  | 'method-without-preconditions'
  | 'if-match-present'
  | 'if-none-match-present'
  | 'method-not-get-or-head'
  | 'method-not-get'
  | 'invalid-date'
  | 'no-last-modified'
  | 'no-range';

/** The step of §13.2.2 that evaluates a header. */
export type EvaluationStep = 1 | 2 | 3 | 4 | 5;

export interface PlannedPrecondition {
  readonly header: PreconditionHeaderName;
  readonly value: string;
  readonly disposition: 'evaluated' | 'ignored';
  /** Set when evaluated. */
  readonly step?: EvaluationStep;
  /** Set when ignored. */
  readonly ignoredBecause?: IgnoreReason;
  /** One sentence for a tooltip or report. */
  readonly explanation: string;
}

/** What the plan needs to know about the target; omit it when the resource is unknown. */
export interface PlanResourceFacts {
  readonly hasLastModified: boolean;
}

const STEP_BY_HEADER: Readonly<Record<PreconditionHeaderName, EvaluationStep>> = {
  'If-Match': 1,
  'If-Unmodified-Since': 2,
  'If-None-Match': 3,
  'If-Modified-Since': 4,
  'If-Range': 5,
};

// §13.2.1: these methods neither select nor modify a representation.
const METHODS_WITHOUT_PRECONDITIONS = new Set(['CONNECT', 'OPTIONS', 'TRACE']);

function ignoreReason(
  header: PreconditionHeaderName,
  value: string,
  method: string,
  headers: PreconditionHeaders,
  resource: PlanResourceFacts | undefined,
): [IgnoreReason, string] | undefined {
  if (METHODS_WITHOUT_PRECONDITIONS.has(method)) {
    const why = `${method} neither reads nor changes a representation, so servers ignore every precondition on it.`;
    return ['method-without-preconditions', why];
  }
  const isDate = header === 'If-Unmodified-Since' || header === 'If-Modified-Since';
  if (header === 'If-Unmodified-Since' && headers.ifMatch !== undefined) {
    return ['if-match-present', 'If-Match is present, and an entity tag is the more precise check, so If-Unmodified-Since is ignored.'];
  }
  if (header === 'If-Modified-Since' && headers.ifNoneMatch !== undefined) {
    return ['if-none-match-present', 'If-None-Match is present, so If-Modified-Since is ignored.'];
  }
  if (header === 'If-Modified-Since' && method !== 'GET' && method !== 'HEAD') {
    return ['method-not-get-or-head', `If-Modified-Since only applies to GET and HEAD, not ${method}.`];
  }
  if (header === 'If-Range' && headers.range === undefined) {
    return ['no-range', 'If-Range only decides whether a Range is honoured, and the request has no Range.'];
  }
  if (header === 'If-Range' && method !== 'GET') {
    return ['method-not-get', `Range requests are defined for GET only, so If-Range on ${method} is ignored.`];
  }
  if (isDate && parseHttpDate(value) === undefined) {
    return ['invalid-date', `${header} is not a valid HTTP-date (or is a list of dates), so the server must ignore it.`];
  }
  if (isDate && resource !== undefined && !resource.hasLastModified) {
    return ['no-last-modified', `The resource has no Last-Modified date, so ${header} cannot be evaluated and is ignored.`];
  }
  return undefined;
}

const EVALUATED_EXPLANATION: Readonly<Record<PreconditionHeaderName, string>> = {
  'If-Match': 'Evaluated first: the current entity tag must strongly match one listed tag (or exist, for *).',
  'If-Unmodified-Since': 'Evaluated: Last-Modified must be at or before this date, on the server\'s clock.',
  'If-None-Match': 'Evaluated: no listed tag may weakly match the current one (for *, no representation may exist).',
  'If-Modified-Since': 'Evaluated: without a change after this date a GET or HEAD gets 304 Not Modified.',
  'If-Range': 'Evaluated last: the Range is honoured only if this validator still matches.',
};

/**
 * Lists the request's preconditions in evaluation order with their disposition. Method
 * names are compared upper-cased because `.http` files are often typed in lower case.
 */
export function planPreconditions(
  method: string,
  headers: PreconditionHeaders,
  resource?: PlanResourceFacts,
): PlannedPrecondition[] {
  const upperMethod = method.toUpperCase();
  const plan: PlannedPrecondition[] = [];
  for (const [header, field] of PRECONDITION_FIELDS) {
    const value = headers[field];
    if (value === undefined) continue;
    const ignored = ignoreReason(header, value, upperMethod, headers, resource);
    plan.push(
      ignored
        ? { header, value, disposition: 'ignored', ignoredBecause: ignored[0], explanation: ignored[1] }
        : { header, value, disposition: 'evaluated', step: STEP_BY_HEADER[header], explanation: EVALUATED_EXPLANATION[header] },
    );
  }
  return plan;
}
