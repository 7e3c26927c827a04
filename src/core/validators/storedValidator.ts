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
  const finalized = withoutUndefined(record);
  finalized.representations = Object.freeze(record.representations.map(finalizedEntry)) as RepresentationValidator[];
  finalized.history = Object.freeze(record.history.map(finalizedEntry)) as ValidatorObservation[];
  return Object.freeze(finalized);
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
