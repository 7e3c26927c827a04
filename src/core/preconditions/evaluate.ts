/**
 * Origin-side evaluation of preconditions, RFC 9110 §13.2.2, step by step. The demo API
 * answers with it and the 412 diagnosis replays it, so both tell the same story.
 *
 * Callers decide what comes before preconditions: a 401, 403, 404 or redirect wins over
 * 412, so only call this when the request would otherwise succeed.
 */
import { formatEntityTag, parseEntityTag, parseEntityTagList, strongCompare, weakCompare, type EntityTag } from './entityTag';
import { formatHttpDate, parseHttpDate, toWholeSeconds } from './httpDate';
import { planPreconditions, type EvaluationStep, type PlannedPrecondition } from './plan';
import type { PreconditionHeaderName, PreconditionHeaders } from './preconditionHeaders';

export interface ResourceState {
  /** A current representation exists (false before creation and after DELETE). */
  readonly exists: boolean;
  /** The current entity tag as the origin would send it, e.g. `"r2-9f86d081"`. */
  readonly etag?: string;
  /** An HTTP-date, epoch milliseconds or a Date; compared at one-second resolution. */
  readonly lastModified?: string | number | Date;
}

export interface EvaluationRequest {
  readonly method: string;
  readonly headers: PreconditionHeaders;
}

export interface PreconditionCheck {
  readonly header: PreconditionHeaderName;
  readonly value: string;
  readonly step: EvaluationStep;
  readonly passed: boolean;
  /** Why it passed or failed, with the values compared. */
  readonly reason: string;
}

/**
 * What happens to a Range: `no-range` (none, or not a GET), `honour-range` (send 206),
 * `ignore-range` (If-Range failed: send the whole representation with 200).
 */
export type RangeDecision = 'no-range' | 'honour-range' | 'ignore-range';

export interface PreconditionOutcome {
  readonly result: 'proceed' | 'not-modified' | 'precondition-failed';
  readonly status?: 304 | 412;
  /** The header whose false condition produced the 304 or 412. */
  readonly decidedBy?: PreconditionHeaderName;
  readonly range: RangeDecision;
  /** Evaluated conditions in order; evaluation stops at the first that decides. */
  readonly checks: readonly PreconditionCheck[];
  /** Every precondition header with its disposition, ignored ones included. */
  readonly plan: readonly PlannedPrecondition[];
}

interface CurrentState {
  exists: boolean;
  etag?: EntityTag;
  etagText?: string;
  lastModifiedMs?: number;
}

function lastModifiedMs(value: ResourceState['lastModified']): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'string' ? parseHttpDate(value)?.epochMs : typeof value === 'number' ? value : value.getTime();
  return ms === undefined || !Number.isFinite(ms) ? undefined : toWholeSeconds(ms);
}

function describeDate(epochMs: number): string {
  try {
    return formatHttpDate(epochMs);
  } catch {
    return new Date(epochMs).toISOString();
  }
}

function checkIfMatch(value: string, current: CurrentState): [boolean, string] {
  const list = parseEntityTagList(value);
  if (list.starMixedWithTags) return [false, '"*" mixed with entity tags is invalid; an origin cannot honour it, so it fails safe.'];
  if (list.isAny) {
    return current.exists
      ? [true, '"*" matches because a current representation exists.']
      : [false, '"*" requires a current representation, and there is none.'];
  }
  if (!current.exists) return [false, 'There is no current representation, so no entity tag can match.'];
  if (!current.etag) {
    const what = current.etagText === undefined ? 'no entity tag' : `no valid entity tag (it sends ${current.etagText})`;
    return [false, `The resource has ${what}, so If-Match cannot match.`];
  }
  const currentTag = current.etag;
  const matched = list.tags.find((tag) => strongCompare(tag, currentTag));
  if (matched) return [true, `${formatEntityTag(matched)} strongly matches the current entity tag.`];
  if (currentTag.weak) {
    return [false, `The current entity tag ${current.etagText} is weak, and If-Match compares strongly: it can never match.`];
  }
  if (list.tags.some((tag) => tag.weak && weakCompare(tag, currentTag))) {
    return [false, `A W/ tag never matches in If-Match (strong comparison); the current tag is ${current.etagText}.`];
  }
  if (list.tags.length === 0) return [false, 'The field holds no valid entity tag (unquoted or malformed), so nothing can match.'];
  return [false, `None of ${list.tags.map(formatEntityTag).join(', ')} matches the current entity tag ${current.etagText}.`];
}

function checkIfNoneMatch(value: string, current: CurrentState): [boolean, string] {
  const list = parseEntityTagList(value);
  // Failing safe: the request must not act as if a condition it cannot read were true.
  if (list.starMixedWithTags) return [false, '"*" mixed with entity tags is invalid; an origin cannot honour it, so it fails safe.'];
  if (list.isAny) {
    return current.exists
      ? [false, '"*" fails because a current representation exists.']
      : [true, '"*" holds: no current representation exists.'];
  }
  if (!current.exists || !current.etag) return [true, 'There is no current entity tag to match.'];
  const currentTag = current.etag;
  const matched = list.tags.find((tag) => weakCompare(tag, currentTag));
  return matched
    ? [false, `${formatEntityTag(matched)} matches the current entity tag ${current.etagText} (weak comparison).`]
    : [true, `No listed tag matches the current entity tag ${current.etagText}.`];
}

function checkDate(header: 'If-Unmodified-Since' | 'If-Modified-Since', value: string, current: CurrentState): [boolean, string] {
  // The plan already ignored invalid dates and resources without Last-Modified.
  const dateMs = parseHttpDate(value)?.epochMs ?? Number.NaN;
  const lastModified = current.lastModifiedMs ?? Number.NaN;
  const modifiedAfter = lastModified > dateMs;
  const facts = `Last-Modified is ${describeDate(lastModified)}`;
  const since = modifiedAfter ? `${facts}, after ${value.trim()}: modified since.` : `${facts}, not after ${value.trim()}: not modified.`;
  // If-Unmodified-Since holds when nothing changed; If-Modified-Since when something did.
  return [header === 'If-Unmodified-Since' ? !modifiedAfter : modifiedAfter, since];
}

function checkIfRange(value: string, current: CurrentState): [boolean, string] {
  const text = value.trim();
  if (!current.exists) return [false, 'There is no current representation.'];
  if (text.startsWith('"') || text.startsWith('W/')) {
    const tag = parseEntityTag(text);
    if (!tag) return [false, 'If-Range holds a malformed entity tag.'];
    if (tag.weak) return [false, 'A weak tag in If-Range never matches; the whole representation is sent.'];
    return current.etag && strongCompare(tag, current.etag)
      ? [true, 'The entity tag still matches: the range is sent.']
      : [false, 'The entity tag no longer matches: the whole representation is sent.'];
  }
  const date = parseHttpDate(text);
  if (!date) return [false, 'If-Range is neither an entity tag nor an HTTP-date.'];
  return date.epochMs === current.lastModifiedMs
    ? [true, 'The date equals Last-Modified exactly: the range is sent.']
    : [false, 'The date differs from Last-Modified: the whole representation is sent.'];
}

function runCheck(header: PreconditionHeaderName, value: string, current: CurrentState): [boolean, string] {
  switch (header) {
    case 'If-Match':
      return checkIfMatch(value, current);
    case 'If-None-Match':
      return checkIfNoneMatch(value, current);
    case 'If-Unmodified-Since':
    case 'If-Modified-Since':
      return checkDate(header, value, current);
    case 'If-Range':
      return checkIfRange(value, current);
  }
}

/** Evaluates the request's preconditions against the resource, in §13.2.2 order. */
export function evaluatePreconditions(request: EvaluationRequest, resource: ResourceState): PreconditionOutcome {
  const method = request.method.toUpperCase();
  const current: CurrentState = {
    exists: resource.exists,
    etag: resource.exists && resource.etag !== undefined ? parseEntityTag(resource.etag) : undefined,
    etagText: resource.etag?.trim(),
    lastModifiedMs: resource.exists ? lastModifiedMs(resource.lastModified) : undefined,
  };
  const plan = planPreconditions(method, request.headers, { hasLastModified: current.lastModifiedMs !== undefined });
  const checks: PreconditionCheck[] = [];
  const evaluate = (header: PreconditionHeaderName): PreconditionCheck | undefined => {
    const planned = plan.find((entry) => entry.header === header && entry.disposition === 'evaluated');
    if (!planned?.step) return undefined;
    const [passed, reason] = runCheck(header, planned.value, current);
    const check = { header, value: planned.value, step: planned.step, passed, reason };
    checks.push(check);
    return check;
  };
  const outcome = (
    result: PreconditionOutcome['result'],
    decidedBy?: PreconditionHeaderName,
    range: RangeDecision = 'no-range',
  ): PreconditionOutcome => {
    const status = result === 'not-modified' ? 304 : result === 'precondition-failed' ? 412 : undefined;
    return { result, status, decidedBy, range, checks, plan };
  };

  // Steps 1-2: the state-changing guards. A false one is always 412.
  const guard = evaluate('If-Match') ?? evaluate('If-Unmodified-Since');
  if (guard && !guard.passed) return outcome('precondition-failed', guard.header);
  // Steps 3-4: the cache-validation checks. False means 304 for GET/HEAD, else 412.
  const freshness = evaluate('If-None-Match') ?? evaluate('If-Modified-Since');
  if (freshness && !freshness.passed) {
    const safe = method === 'GET' || method === 'HEAD';
    return outcome(safe ? 'not-modified' : 'precondition-failed', freshness.header);
  }
  // Step 5: If-Range only chooses between 206 and 200.
  if (method !== 'GET' || request.headers.range === undefined) return outcome('proceed');
  const ifRange = evaluate('If-Range');
  return outcome('proceed', undefined, !ifRange || ifRange.passed ? 'honour-range' : 'ignore-range');
}
