import { isWeakEntityTag } from './resourceVersion';
import type { ResponseObservation } from './responseObservation';
import {
  HISTORY_LIMIT,
  finalizeRecord,
  frozenObservation,
  frozenRecord,
  frozenRepresentation,
  type StoredValidator,
  type ValidatorState,
} from './storedValidator';
import type { RepresentationValidator, ValidatorObservation } from './types';

/**
 * What a response without one of the two validators does to the one known for
 * its coding: a 304 or 412/428 says nothing about a change, so keep it; a 200
 * keeps it only when the validator it did carry shows the same version.
 */
type MissingValidatorPolicy = 'keep' | 'keep-if-same-version';

/**
 * The validator part of the next record. The rules below only decide this; the
 * record itself is built once at the end, because recording runs on every send.
 */
interface NextValidators {
  /** Source of the top-level etag, weak, lastModified and contentEncoding. */
  current: Pick<StoredValidator, 'etag' | 'weak' | 'lastModified' | 'contentEncoding'>;
  /** Frozen, of frozen entries. */
  representations: readonly RepresentationValidator[];
  state: ValidatorState;
  staleSince: string | undefined;
}

/** What an unknown URL starts from: no validators, nothing stale. */
const NO_VALIDATORS: NextValidators = Object.freeze({
  current: Object.freeze({ weak: false }),
  representations: Object.freeze([]),
  state: 'current',
  staleSince: undefined,
});

/**
 * The record for `url` after `response`, or `undefined` when the response teaches
 * nothing worth a record (no validators, not a write, and no record yet). Pure:
 * `previous` is never modified. Rules: conditional-requests.md and issue 3.
 */
export function applyResponse(
  url: string,
  previous: StoredValidator | undefined,
  response: ResponseObservation,
): StoredValidator | undefined {
  // Status 0: nothing arrived, so there is nothing to learn or to show in a timeline.
  if (response.status < 100) return undefined;
  // Stored records are frozen all the way down, so their lists can be shared as they are;
  // a record from anywhere else is finalized first.
  const stored = previous === undefined || Object.isFrozen(previous) ? previous : finalizeRecord(previous);
  const next = nextValidators(stored, response);
  return next && recordOf(url, stored, next, response);
}

function nextValidators(previous: StoredValidator | undefined, response: ResponseObservation): NextValidators | undefined {
  const { method, status, observedAt } = response;
  const succeeded = status >= 200 && status < 300;
  const isRead = method === 'GET' || method === 'HEAD';
  const carriesValidators = response.etag !== undefined || response.lastModified !== undefined;

  if (succeeded && method === 'DELETE') return withState(validatorsOf(previous), 'gone', observedAt);

  if (succeeded && (method === 'PUT' || method === 'PATCH')) {
    // The write made every coding's old tag stale. Validators in the response
    // describe the new version (RFC 9110 §9.3.4 forbids them otherwise).
    return carriesValidators
      ? withOnlyRepresentation(response)
      : withState(validatorsOf(previous), 'changed-unknown', observedAt);
  }

  if (status === 304) return refreshedByNotModified(previous, response);

  if (status === 412 || status === 428) {
    if (!carriesValidators) return unchanged(previous);
    const updated = withRepresentation(previous, response, response.contentEncoding, 'keep');
    // Only a tag proves which version is current; a Last-Modified alone leaves a
    // stale record stale.
    if (response.etag === undefined && previous !== undefined) {
      return { ...updated, state: previous.state, staleSince: previous.staleSince };
    }
    return updated;
  }

  if (succeeded && isRead) {
    if (carriesValidators) return withRepresentation(previous, response, response.contentEncoding, 'keep-if-same-version');
    // A resource seen deleted exists again, with no validator to say which version.
    if (previous?.state === 'gone') return withState(validatorsOf(previous), 'changed-unknown', observedAt);
    return unchanged(previous);
  }

  if (previous !== undefined && isRead && (status === 404 || status === 410)) {
    return withState(validatorsOf(previous), 'gone', observedAt);
  }

  // Redirects, errors, and POST or other methods whose validators may describe a
  // different resource (a 201's Location): history only, for a known URL.
  return unchanged(previous);
}

function refreshedByNotModified(
  previous: StoredValidator | undefined,
  response: ResponseObservation,
): NextValidators | undefined {
  const { etag } = response;
  if (etag !== undefined || response.lastModified !== undefined) {
    // A 304 rarely names its coding; the tag it confirms tells which one it was.
    const confirmed = etag === undefined ? undefined : previous?.representations.find((r) => r.etag === etag);
    const coding = confirmed ? confirmed.contentEncoding : response.contentEncoding;
    return withRepresentation(previous, response, coding, 'keep');
  }
  const latest = previous?.representations[0];
  if (previous === undefined || latest === undefined) return unchanged(previous);
  // No validator in the 304: the one most recently seen is still current.
  return withRepresentation(previous, response, latest.contentEncoding, 'keep');
}

/**
 * Updates the representation of `coding` from the response and makes it the
 * record's current validator. `coding` is the response's, unless a 304 showed
 * which coding it confirmed.
 */
function withRepresentation(
  previous: StoredValidator | undefined,
  response: ResponseObservation,
  coding: string | undefined,
  policy: MissingValidatorPolicy,
): NextValidators {
  const known = previous?.representations ?? [];
  const same = known.find((r) => r.contentEncoding === coding);
  const keepEtag = policy === 'keep' || (same?.lastModified !== undefined && same.lastModified === response.lastModified);
  const keepLastModified = policy === 'keep' || (same?.etag !== undefined && same.etag === response.etag);
  const representation = makeRepresentation(
    coding,
    response.etag ?? (keepEtag ? same?.etag : undefined),
    response.lastModified ?? (keepLastModified ? same?.lastModified : undefined),
    response.observedAt,
  );
  // A 200 with a date and no tag: another coding dated otherwise is an older version, and
  // its tag, still in the list, would be what freshestEtag and {{$etag}} offer: a certain 412.
  // A coding without a date can't be compared and stays. The history keeps the old tags.
  const newerDate = policy === 'keep-if-same-version' && response.etag === undefined ? response.lastModified : undefined;
  // The updated coding moves to the front, the others keep their order.
  const representations = [representation];
  for (const r of known) {
    if (r.contentEncoding === coding) continue;
    if (newerDate !== undefined && r.lastModified !== undefined && r.lastModified !== newerDate) continue;
    representations.push(r);
  }
  return asCurrent(representations);
}

function withOnlyRepresentation(response: ResponseObservation): NextValidators {
  const { contentEncoding, etag, lastModified, observedAt } = response;
  return asCurrent([makeRepresentation(contentEncoding, etag, lastModified, observedAt)]);
}

/** `representations[0]` becomes the record's top-level validator: the store relies on that order. */
function asCurrent(representations: RepresentationValidator[]): NextValidators {
  return {
    current: representations[0],
    representations: Object.freeze(representations),
    state: 'current',
    staleSince: undefined,
  };
}

function makeRepresentation(
  contentEncoding: string | undefined,
  etag: string | undefined,
  lastModified: string | undefined,
  observedAt: string,
): RepresentationValidator {
  const weak = etag !== undefined && isWeakEntityTag(etag);
  return frozenRepresentation(contentEncoding, etag, weak, lastModified, observedAt);
}

/** The validators `previous` holds; none for a URL seen for the first time. */
function validatorsOf(previous: StoredValidator | undefined): NextValidators {
  if (previous === undefined) return NO_VALIDATORS;
  const { representations, state, staleSince } = previous;
  return { current: previous, representations, state, staleSince };
}

/** The response changes no validator: it only joins the history, and only of a known URL. */
function unchanged(previous: StoredValidator | undefined): NextValidators | undefined {
  return previous && validatorsOf(previous);
}

function withState(
  validators: NextValidators,
  state: Exclude<ValidatorState, 'current'>,
  observedAt: string,
): NextValidators {
  // Keep the first moment the validators went stale: that is what the timeline needs.
  const staleSince = validators.state === 'current' ? observedAt : (validators.staleSince ?? observedAt);
  return { ...validators, state, staleSince };
}

/** The frozen record: `next`'s validators, the response's details, the response prepended to the history. */
function recordOf(
  url: string,
  previous: StoredValidator | undefined,
  next: NextValidators,
  response: ResponseObservation,
): StoredValidator {
  const { current } = next;
  return frozenRecord(
    {
      url,
      etag: current.etag,
      weak: current.weak,
      lastModified: current.lastModified,
      contentEncoding: current.contentEncoding,
      observedAt: response.observedAt,
      // Date and arrival time of the same response, so a clock offset can be computed.
      serverDate: response.serverDate,
      status: response.status,
      method: response.method,
      state: next.state,
      staleSince: next.staleSince,
      usedEtag: previous?.usedEtag,
    },
    next.representations,
    historyWith(previous?.history, response),
  );
}

/** Newest first, at most HISTORY_LIMIT; the earlier entries are shared, not copied. */
function historyWith(
  earlier: readonly ValidatorObservation[] | undefined,
  response: ResponseObservation,
): readonly ValidatorObservation[] {
  const history = [
    frozenObservation(response.etag, response.lastModified, response.observedAt, response.status, response.method),
  ];
  if (earlier !== undefined) {
    const kept = Math.min(earlier.length, HISTORY_LIMIT - 1);
    for (let i = 0; i < kept; i++) history.push(earlier[i]);
  }
  return Object.freeze(history);
}
