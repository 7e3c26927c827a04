import type { StoredValidator } from './storedValidator';

/**
 * One saved record as a JSON array instead of an object: the same fields by position, with
 * `null` for an absent one and trailing absent ones left off. Key names were half of the saved
 * bytes, and every byte is serialized again whenever workspaceState is written.
 * Positions never move; a new field goes at the end of its list.
 */
const RECORD_FIELDS = [
  'url', 'observedAt', 'status', 'method', 'state', 'representations', 'history',
  'etag', 'lastModified', 'contentEncoding', 'serverDate', 'staleSince', 'usedEtag',
] as const;
const REPRESENTATION_FIELDS = ['observedAt', 'etag', 'lastModified', 'contentEncoding'] as const;
const OBSERVATION_FIELDS = ['observedAt', 'status', 'method', 'etag', 'lastModified'] as const;

type Fields = Record<string, unknown>;

export function recordText(record: StoredValidator): string {
  const tuple = tupleOf(record as unknown as Fields, RECORD_FIELDS);
  tuple[RECORD_FIELDS.indexOf('representations')] = record.representations.map((r) => tupleOf(r as unknown as Fields, REPRESENTATION_FIELDS));
  tuple[RECORD_FIELDS.indexOf('history')] = record.history.map((h) => tupleOf(h as unknown as Fields, OBSERVATION_FIELDS));
  return JSON.stringify(tuple);
}

/**
 * A saved record, its text or that text already parsed (the command line's file holds the
 * arrays themselves), as the object shape a version-1 save held, for the one decoder that
 * checks every field; `undefined` when it is not a JSON array. Nothing is checked here: a wrong
 * type at any position reaches the decoder as it is and is refused there.
 */
export function recordFieldsOfSaved(saved: unknown): Fields | undefined {
  let tuple = saved;
  if (typeof saved === 'string') {
    try {
      tuple = JSON.parse(saved);
    } catch {
      return undefined;
    }
  }
  if (!Array.isArray(tuple)) return undefined;
  const fields = fieldsOf(tuple, RECORD_FIELDS);
  fields.representations = listOf(fields.representations, REPRESENTATION_FIELDS);
  fields.history = listOf(fields.history, OBSERVATION_FIELDS);
  return fields;
}

/** The values of `keys` in order, `undefined` (written as `null`) for absent ones, minus those at the end. */
function tupleOf(value: Fields, keys: readonly string[]): unknown[] {
  const tuple = keys.map((key) => value[key]);
  let length = tuple.length;
  while (length > 0 && tuple[length - 1] === undefined) length--;
  tuple.length = length;
  return tuple;
}

/** Position i as key i; `null` and missing positions are absent fields. Index loops: this runs per record at activation. */
function fieldsOf(tuple: unknown[], keys: readonly string[]): Fields {
  const fields: Fields = {};
  const length = Math.min(tuple.length, keys.length);
  for (let i = 0; i < length; i++) {
    if (tuple[i] !== null) fields[keys[i]] = tuple[i];
  }
  return fields;
}

function listOf(value: unknown, keys: readonly string[]): unknown {
  return Array.isArray(value) ? value.map((item: unknown) => (Array.isArray(item) ? fieldsOf(item, keys) : item)) : value;
}
