import type { RepresentationValidator, ValidatorObservation, ValidatorRecord } from './types';

/** Maximum observations kept per URL (CONTRACTS.md `ValidatorRecord.history`). */
export const HISTORY_LIMIT = 20;

/**
 * - `current`: the known validators were valid when last observed.
 * - `changed-unknown`: a successful write (or the resource reappearing) made the
 *   known validators stale and no new one arrived; a HEAD or GET will tell.
 * - `gone`: a successful DELETE, or a 404/410 to GET/HEAD.
 */
export type ValidatorState = 'current' | 'changed-unknown' | 'gone';

/**
 * What the store keeps per URL: the contract record plus the state the tree and
 * the resolvers need. Stored records are frozen snapshots; the store replaces
 * them on every change, so a reference a caller holds never changes under it.
 */
export interface StoredValidator extends ValidatorRecord {
  state: ValidatorState;
  /** ISO time of the response that made the known validators stale; only when state is not 'current'. */
  staleSince?: string;
  /** The entity tag the `.http` file last sent for this URL (see `ValidatorStore.markUsed`). */
  usedEtag?: string;
}

/** The contract shape and nothing else, for the exported `validators()` API. */
export function toValidatorRecord(stored: StoredValidator): ValidatorRecord {
  return withoutUndefined({
    url: stored.url,
    etag: stored.etag,
    weak: stored.weak,
    lastModified: stored.lastModified,
    contentEncoding: stored.contentEncoding,
    observedAt: stored.observedAt,
    serverDate: stored.serverDate,
    status: stored.status,
    method: stored.method,
    representations: stored.representations.map((r) => ({ ...r })),
    history: stored.history.map((h) => ({ ...h })),
  });
}

/**
 * Drops keys whose value is `undefined` and freezes the record and everything in
 * it. Without the first step a record would compare unequal to itself after a
 * JSON round trip through workspaceState.
 */
export function finalizeRecord(record: StoredValidator): StoredValidator {
  return frozenRecord(
    record,
    Object.freeze(record.representations.map(finalizedEntry)),
    Object.freeze(record.history.map(finalizedEntry)),
  );
}

/** The record with another used tag, sharing everything else (already frozen) with `record`. */
export function withUsedEtag(record: StoredValidator, usedEtag: string): StoredValidator {
  return frozenRecord(record, record.representations, record.history, usedEtag);
}

/**
 * The frozen record of `fields`, given its lists already finalized (frozen, of frozen entries).
 * Keys go in one fixed order whatever produced the record (a response, a load, markUsed): the
 * fields every record has, then the optional ones that are present. So records share a few
 * object shapes and saving 100k of them is one fast JSON.stringify. Built key by key rather
 * than spread and filtered because it runs once per response (bench/: send path), and never
 * with `delete`, which would turn the record into a slow dictionary object.
 *
 * Starts from `{}`, not from a literal with the fields: V8 watches how long objects from a
 * literal with fields live, and after a load of saved records (all of which live) it allocated
 * every later record straight into the old generation. The records a busy URL replaces then
 * piled up there: 15 times as many full GCs, and recording a response took 1.7 times as long
 * (50 URLs re-fetched after loading 5,000 saved records).
 */
export function frozenRecord(
  fields: Omit<StoredValidator, 'representations' | 'history'>,
  representations: readonly RepresentationValidator[],
  history: readonly ValidatorObservation[],
  usedEtag = fields.usedEtag,
): StoredValidator {
  const record = {} as StoredValidator;
  record.url = fields.url;
  record.weak = fields.weak;
  record.observedAt = fields.observedAt;
  record.status = fields.status;
  record.method = fields.method;
  // Frozen at run time; the contract types the lists as plain arrays.
  record.representations = representations as RepresentationValidator[];
  record.history = history as ValidatorObservation[];
  record.state = fields.state;
  if (fields.etag !== undefined) record.etag = fields.etag;
  if (fields.lastModified !== undefined) record.lastModified = fields.lastModified;
  if (fields.contentEncoding !== undefined) record.contentEncoding = fields.contentEncoding;
  if (fields.serverDate !== undefined) record.serverDate = fields.serverDate;
  if (fields.staleSince !== undefined) record.staleSince = fields.staleSince;
  if (usedEtag !== undefined) record.usedEtag = usedEtag;
  return Object.freeze(record);
}

/** A frozen representation in the contract's key order, without the absent fields. */
export function frozenRepresentation(
  contentEncoding: string | undefined,
  etag: string | undefined,
  weak: boolean,
  lastModified: string | undefined,
  observedAt: string,
): RepresentationValidator {
  const representation = {} as RepresentationValidator;
  if (contentEncoding !== undefined) representation.contentEncoding = contentEncoding;
  if (etag !== undefined) representation.etag = etag;
  representation.weak = weak;
  if (lastModified !== undefined) representation.lastModified = lastModified;
  representation.observedAt = observedAt;
  return Object.freeze(representation);
}

/** A frozen history entry in the contract's key order, without the absent fields. */
export function frozenObservation(
  etag: string | undefined,
  lastModified: string | undefined,
  observedAt: string,
  status: number,
  method: string,
): ValidatorObservation {
  const observation = {} as ValidatorObservation;
  if (etag !== undefined) observation.etag = etag;
  if (lastModified !== undefined) observation.lastModified = lastModified;
  observation.observedAt = observedAt;
  observation.status = status;
  observation.method = method;
  return Object.freeze(observation);
}

/**
 * A frozen entry is one an earlier record already finalized (nothing else freezes them), so it
 * is shared as is. Copying and freezing the 20 history entries of a record again on every
 * response made recording a response the slowest step of a send (bench/: send path).
 */
function finalizedEntry<T extends object>(entry: T): T {
  return Object.isFrozen(entry) ? entry : Object.freeze(withoutUndefined(entry));
}

/**
 * A copy without the keys whose value is `undefined`, in the same key order. Built key by key:
 * `delete` would turn the copy into a slow dictionary object (JSON.stringify of 100k saved
 * records took 1.8× as long; bench/: store).
 */
function withoutUndefined<T extends object>(value: T): T {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) copy[key] = field;
  }
  return copy as T;
}
