import { isWeakEntityTag } from './resourceVersion';
import type { ResponseObservation } from './responseObservation';
import { HISTORY_LIMIT, finalizeRecord, type StoredValidator, type ValidatorState } from './storedValidator';
import type { RepresentationValidator } from './types';

/**
 * What a response without one of the two validators does to the one known for
 * its coding: a 304 or 412/428 says nothing about a change, so keep it; a 200
 * keeps it only when the validator it did carry shows the same version.
 */
type MissingValidatorPolicy = 'keep' | 'keep-if-same-version';

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
  const next = nextValidators(url, previous, response);
  return next && finalizeRecord(withResponse(next, response));
}

function nextValidators(
  url: string,
  previous: StoredValidator | undefined,
  response: ResponseObservation,
): StoredValidator | undefined {
  const { method, status, observedAt } = response;
  const succeeded = status >= 200 && status < 300;
  const isRead = method === 'GET' || method === 'HEAD';
  const carriesValidators = response.etag !== undefined || response.lastModified !== undefined;

  if (succeeded && method === 'DELETE') return withState(previous ?? emptyRecord(url), 'gone', observedAt);

  if (succeeded && (method === 'PUT' || method === 'PATCH')) {
    const base = previous ?? emptyRecord(url);
    // The write made every coding's old tag stale. Validators in the response
    // describe the new version (RFC 9110 §9.3.4 forbids them otherwise).
    return carriesValidators
      ? withOnlyRepresentation(base, response)
      : withState(base, 'changed-unknown', observedAt);
  }

  if (status === 304) return refreshedByNotModified(url, previous, response);

  if (status === 412 || status === 428) {
    if (!carriesValidators) return previous;
    const updated = withRepresentation(previous ?? emptyRecord(url), response, 'keep');
    // Only a tag proves which version is current; a Last-Modified alone leaves a
    // stale record stale.
    if (response.etag === undefined && previous !== undefined) {
      return { ...updated, state: previous.state, staleSince: previous.staleSince };
    }
    return updated;
  }

  if (succeeded && isRead) {
    if (carriesValidators) return withRepresentation(previous ?? emptyRecord(url), response, 'keep-if-same-version');
    // A resource seen deleted exists again, with no validator to say which version.
    if (previous?.state === 'gone') return withState(previous, 'changed-unknown', observedAt);
    return previous;
  }

  if (previous !== undefined && isRead && (status === 404 || status === 410)) {
    return withState(previous, 'gone', observedAt);
  }

  // Redirects, errors, and POST or other methods whose validators may describe a
  // different resource (a 201's Location): history only, for a known URL.
  return previous;
}

function refreshedByNotModified(
  url: string,
  previous: StoredValidator | undefined,
  response: ResponseObservation,
): StoredValidator | undefined {
  if (response.etag !== undefined || response.lastModified !== undefined) {
    const base = previous ?? emptyRecord(url);
    // A 304 rarely names its coding; the tag it confirms tells which one it was.
    const confirmed = base.representations.find((r) => response.etag !== undefined && r.etag === response.etag);
    const contentEncoding = confirmed ? confirmed.contentEncoding : response.contentEncoding;
    return withRepresentation(base, { ...response, contentEncoding }, 'keep');
  }
  const latest = previous?.representations[0];
  if (previous === undefined || latest === undefined) return previous;
  // No validator in the 304: the one most recently seen is still current.
  return withRepresentation(previous, { ...response, contentEncoding: latest.contentEncoding }, 'keep');
}

/** Updates the representation of the response's coding and makes it the record's current validator. */
function withRepresentation(
  record: StoredValidator,
  response: ResponseObservation,
  policy: MissingValidatorPolicy,
): StoredValidator {
  const coding = response.contentEncoding;
  const known = record.representations.find((r) => r.contentEncoding === coding);
  const keepEtag =
    policy === 'keep' || (known?.lastModified !== undefined && known.lastModified === response.lastModified);
  const keepLastModified = policy === 'keep' || (known?.etag !== undefined && known.etag === response.etag);
  const representation = makeRepresentation(
    coding,
    response.etag ?? (keepEtag ? known?.etag : undefined),
    response.lastModified ?? (keepLastModified ? known?.lastModified : undefined),
    response.observedAt,
  );
  const others = record.representations.filter((r) => r.contentEncoding !== coding);
  return withCurrent(record, [representation, ...others]);
}

function withOnlyRepresentation(record: StoredValidator, response: ResponseObservation): StoredValidator {
  const representation = makeRepresentation(
    response.contentEncoding,
    response.etag,
    response.lastModified,
    response.observedAt,
  );
  return withCurrent(record, [representation]);
}

/** `representations[0]` becomes the record's top-level validator: the store relies on that order. */
function withCurrent(record: StoredValidator, representations: RepresentationValidator[]): StoredValidator {
  const [latest] = representations;
  return {
    ...record,
    representations,
    etag: latest.etag,
    weak: latest.weak,
    lastModified: latest.lastModified,
    contentEncoding: latest.contentEncoding,
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
  return { contentEncoding, etag, weak: etag !== undefined && isWeakEntityTag(etag), lastModified, observedAt };
}

function withState(record: StoredValidator, state: ValidatorState, observedAt: string): StoredValidator {
  if (state === 'current') return { ...record, state, staleSince: undefined };
  // Keep the first moment the validators went stale: that is what the timeline needs.
  const staleSince = record.state === 'current' ? observedAt : (record.staleSince ?? observedAt);
  return { ...record, state, staleSince };
}

function withResponse(record: StoredValidator, response: ResponseObservation): StoredValidator {
  const observation = {
    etag: response.etag,
    lastModified: response.lastModified,
    observedAt: response.observedAt,
    status: response.status,
    method: response.method,
  };
  return {
    ...record,
    observedAt: response.observedAt,
    status: response.status,
    method: response.method,
    // Date and arrival time of the same response, so a clock offset can be computed.
    serverDate: response.serverDate,
    history: [observation, ...record.history].slice(0, HISTORY_LIMIT),
  };
}

function emptyRecord(url: string): StoredValidator {
  // status, method and observedAt are filled by withResponse before anyone sees the record.
  return { url, weak: false, observedAt: '', status: 0, method: '', representations: [], history: [], state: 'current' };
}
