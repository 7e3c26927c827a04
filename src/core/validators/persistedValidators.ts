import { normalizeUrl } from './normalizeUrl';
import { isWeakEntityTag } from './resourceVersion';
import { HISTORY_LIMIT, finalizeRecord, type StoredValidator, type ValidatorState } from './storedValidator';
import type { RepresentationValidator, ValidatorObservation } from './types';

/** Bump when the saved shape changes incompatibly; older data is then dropped, newer data too. */
export const PERSISTED_VALIDATORS_VERSION = 1;

export interface PersistedValidators {
  version: typeof PERSISTED_VALIDATORS_VERSION;
  /** Least recently seen first, so loading in order rebuilds the eviction order. */
  records: StoredValidator[];
}

export interface DecodedValidators {
  records: StoredValidator[];
  /** Sentences for the log; empty when the data was absent or fully valid. */
  problems: string[];
}

export function encodeValidators(records: Iterable<StoredValidator>): PersistedValidators {
  return { version: PERSISTED_VALIDATORS_VERSION, records: [...records] };
}

/**
 * Reads whatever workspaceState holds. Never throws: a broken envelope yields no
 * records, and each record is checked on its own so one bad record (a hand edit,
 * a half-written save) costs only itself. A record with any malformed field is
 * skipped whole rather than patched, because a partly salvaged record could pair
 * a tag with the wrong coding or time.
 */
export function decodeValidators(data: unknown): DecodedValidators {
  if (data === undefined || data === null) return { records: [], problems: [] };
  if (!isObject(data) || Array.isArray(data)) {
    return dropped('saved validators are not an object');
  }
  const { version, records } = data;
  if (typeof version === 'number' && version > PERSISTED_VALIDATORS_VERSION) {
    return dropped(`saved validators have format version ${version}, newer than this extension understands (${PERSISTED_VALIDATORS_VERSION})`);
  }
  if (version !== PERSISTED_VALIDATORS_VERSION) {
    return dropped(`saved validators have an unknown format version (${describe(version)})`);
  }
  if (!Array.isArray(records)) return dropped('saved validators have no records list');

  const decoded: StoredValidator[] = [];
  let skipped = 0;
  for (const candidate of records) {
    const record = decodeRecord(candidate);
    if (record) decoded.push(record);
    else skipped++;
  }
  const problems = skipped > 0 ? [`skipped ${skipped} malformed saved validator record(s)`] : [];
  return { records: decoded, problems };
}

function dropped(reason: string): DecodedValidators {
  return { records: [], problems: [`${reason}; starting with an empty validator store`] };
}

const STATES: readonly ValidatorState[] = ['current', 'changed-unknown', 'gone'];

function decodeRecord(value: unknown): StoredValidator | undefined {
  if (!isObject(value)) return undefined;
  // Re-normalize so records saved under an older keying rule still match lookups.
  const url = typeof value.url === 'string' ? normalizeUrl(value.url) : undefined;
  if (url === undefined) return undefined;
  const observedAt = isoTime(value.observedAt);
  const status = httpStatus(value.status);
  const method = nonEmptyString(value.method);
  const state = STATES.find((s) => s === value.state);
  if (observedAt === undefined || status === undefined || method === undefined || state === undefined) return undefined;

  const optional = optionalStrings(value, ['etag', 'lastModified', 'contentEncoding', 'serverDate', 'usedEtag']);
  const staleSince = value.staleSince === undefined ? undefined : isoTime(value.staleSince);
  if (optional === undefined || (value.staleSince !== undefined && staleSince === undefined)) return undefined;

  const representations = decodeList(value.representations, decodeRepresentation);
  const history = decodeList(value.history, decodeObservation);
  if (representations === undefined || history === undefined) return undefined;
  const codings = new Set(representations.map((r) => r.contentEncoding));
  if (codings.size !== representations.length) return undefined;

  return finalizeRecord({
    url,
    etag: optional.etag,
    weak: optional.etag !== undefined && isWeakEntityTag(optional.etag),
    lastModified: optional.lastModified,
    contentEncoding: optional.contentEncoding,
    observedAt,
    serverDate: optional.serverDate,
    status,
    method,
    representations,
    history: history.slice(0, HISTORY_LIMIT),
    state,
    staleSince: state === 'current' ? undefined : staleSince,
    usedEtag: optional.usedEtag,
  });
}

function decodeRepresentation(value: unknown): RepresentationValidator | undefined {
  if (!isObject(value)) return undefined;
  const observedAt = isoTime(value.observedAt);
  const optional = optionalStrings(value, ['contentEncoding', 'etag', 'lastModified']);
  if (observedAt === undefined || optional === undefined) return undefined;
  const { contentEncoding, etag, lastModified } = optional;
  return { contentEncoding, etag, weak: etag !== undefined && isWeakEntityTag(etag), lastModified, observedAt };
}

function decodeObservation(value: unknown): ValidatorObservation | undefined {
  if (!isObject(value)) return undefined;
  const observedAt = isoTime(value.observedAt);
  const status = httpStatus(value.status);
  const method = nonEmptyString(value.method);
  const optional = optionalStrings(value, ['etag', 'lastModified']);
  if (observedAt === undefined || status === undefined || method === undefined || optional === undefined) {
    return undefined;
  }
  return { etag: optional.etag, lastModified: optional.lastModified, observedAt, status, method };
}

/** `undefined` when the value is not an array or any element is malformed. */
function decodeList<T>(value: unknown, decodeItem: (item: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items: T[] = [];
  for (const item of value) {
    const decoded = decodeItem(item);
    if (decoded === undefined) return undefined;
    items.push(decoded);
  }
  return items;
}

/** The named fields, each absent or a string; `undefined` when any is something else. */
function optionalStrings<K extends string>(
  value: Record<string, unknown>,
  keys: readonly K[],
): Partial<Record<K, string>> | undefined {
  const result: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const field = value[key];
    if (field === undefined) continue;
    if (typeof field !== 'string') return undefined;
    result[key] = field;
  }
  return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isoTime(value: unknown): string | undefined {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

function httpStatus(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599 ? value : undefined;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean'
    ? JSON.stringify(value)
    : typeof value;
}
