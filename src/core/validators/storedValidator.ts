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
  const representations = Object.freeze(record.representations.map((r) => Object.freeze(withoutUndefined(r))));
  const history = Object.freeze(record.history.map((h) => Object.freeze(withoutUndefined(h))));
  return Object.freeze(
    withoutUndefined({
      ...record,
      representations: representations as RepresentationValidator[],
      history: history as ValidatorObservation[],
    }),
  );
}

function withoutUndefined<T extends object>(value: T): T {
  const copy = { ...value };
  for (const key of Object.keys(copy) as Array<keyof T>) {
    if (copy[key] === undefined) delete copy[key];
  }
  return copy;
}
