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

/**
 * In the representations and history lists (format 3), `0` stands for an entry whose fields
 * are the record's own: the latest response's representation and history entry always are.
 * Writing them out again doubled every saved byte, and saving is one JSON.stringify of all
 * of them (bench/: store.serialize).
 */
const SAME_AS_RECORD = 0;

/**
 * The fields in the positions the lists above give, written out rather than looked up by key:
 * twice as fast for a first save, which encodes every record (bench/: store.serialize
 * firstSaveMs). The round-trip tests hold the two in step.
 */
export function recordText(record: StoredValidator): string {
  return JSON.stringify(
    withoutTrailingAbsent([
      record.url, record.observedAt, record.status, record.method, record.state,
      record.representations.map((r) =>
        r.observedAt === record.observedAt && r.etag === record.etag && r.lastModified === record.lastModified && r.contentEncoding === record.contentEncoding
          ? SAME_AS_RECORD
          : withoutTrailingAbsent([r.observedAt, r.etag, r.lastModified, r.contentEncoding])),
      record.history.map((h) =>
        h.observedAt === record.observedAt && h.status === record.status && h.method === record.method && h.etag === record.etag && h.lastModified === record.lastModified
          ? SAME_AS_RECORD
          : withoutTrailingAbsent([h.observedAt, h.status, h.method, h.etag, h.lastModified])),
      record.etag, record.lastModified, record.contentEncoding, record.serverDate, record.staleSince, record.usedEtag,
    ]),
  );
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
  fields.representations = listOf(fields.representations, REPRESENTATION_FIELDS, fields);
  fields.history = listOf(fields.history, OBSERVATION_FIELDS, fields);
  return fields;
}

/** `undefined` (written as `null`) for an absent field; the absent ones at the end are left off. */
function withoutTrailingAbsent(tuple: unknown[]): unknown[] {
  let length = tuple.length;
  while (length > 0 && tuple[length - 1] === undefined) length--;
  return length === tuple.length ? tuple : tuple.slice(0, length);
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

/** The list's entries as objects; SAME_AS_RECORD becomes the record's own values of those keys. */
function listOf(value: unknown, keys: readonly string[], record: Fields): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((item: unknown) => (Array.isArray(item) ? fieldsOf(item, keys) : item === SAME_AS_RECORD ? pick(record, keys) : item));
}

function pick(record: Fields, keys: readonly string[]): Fields {
  const fields: Fields = {};
  for (const key of keys) {
    if (record[key] !== undefined) fields[key] = record[key];
  }
  return fields;
}
