import { mergeRecords } from './mergeRecords';
import { keyOfSavedUrl, normalizeUrl } from './normalizeUrl';
import { recordFieldsOfSaved, recordText } from './recordText';
import { isWeakEntityTag } from './resourceVersion';
import { BUILT_IN_SIGNING_PARAMETERS, type SigningParameters } from './signingParameters';
import { HISTORY_LIMIT, finalizeRecord, frozenObservation, frozenRepresentation, type StoredValidator, type ValidatorState } from './storedValidator';
import type { RepresentationValidator, ValidatorObservation } from './types';

/**
 * Bump when the saved shape changes incompatibly; newer data is then dropped. Version 1 kept
 * each record as an object; version 2 keeps each as its own JSON text (recordText.ts); version
 * 3 writes `0` for a list entry that repeats the record's own fields. Older versions still
 * load: a version-2 text is a version-3 text without the `0`s.
 */
export const PERSISTED_VALIDATORS_VERSION = 3;

export interface PersistedValidators {
  version: typeof PERSISTED_VALIDATORS_VERSION;
  /** One `recordText` per record, least recently seen first, so loading in order rebuilds the eviction order. */
  records: string[];
}

/**
 * A record as loaded: decoded, or still the saved text it will be decoded from on first use
 * (`ValidatorCodec.decodeSaved`). Decoding checks every field and parses dates and the URL,
 * about 10 µs a record, which a workspace with the default 5,000 records would otherwise pay
 * during activation (bench/: store.load).
 */
export type LoadedRecord = StoredValidator | string;

export interface DecodedValidators {
  /** By key, least recently seen first; a key appears once. */
  records: Array<readonly [key: string, record: LoadedRecord]>;
  /** Sentences for the log; empty when the data was absent or fully valid. */
  problems: string[];
}

/**
 * Encodes and decodes what the store saves, remembering the saved text of every record it has
 * encoded or loaded. A save rewrites every record (workspaceState holds one value), but between
 * two saves only the records that changed are new objects: records are frozen and replaced on
 * every change, so a remembered text stays right for as long as its record exists. Saving 100k
 * records after one change then costs one record's encoding plus the final serialization
 * (bench/: store). One per store.
 */
export class ValidatorCodec {
  private readonly texts = new WeakMap<StoredValidator, string>();

  /** `signing`: which query parameters keys leave out, as the store that owns this codec keys URLs. */
  constructor(private readonly signing: SigningParameters = BUILT_IN_SIGNING_PARAMETERS) {}

  encode(records: Iterable<LoadedRecord>): PersistedValidators {
    const texts: string[] = [];
    for (const record of records) {
      if (typeof record === 'string') {
        texts.push(record);
        continue;
      }
      let text = this.texts.get(record);
      if (text === undefined) {
        text = recordText(record);
        // Only a frozen record is sure to still say what its text says at the next save.
        if (Object.isFrozen(record)) this.texts.set(record, text);
      }
      texts.push(text);
    }
    return { version: PERSISTED_VALIDATORS_VERSION, records: texts };
  }

  /**
   * Reads whatever workspaceState holds. Never throws: a broken envelope yields no
   * records, and each record is checked on its own so one bad record (a hand edit,
   * a half-written save) costs only itself. A record with any malformed field is
   * skipped whole rather than patched, because a partly salvaged record could pair
   * a tag with the wrong coding or time. A record text (version 2 or 3) is only keyed here and
   * checked when `decodeSaved` first reads it.
   */
  decode(data: unknown): DecodedValidators {
    if (data === undefined || data === null) return { records: [], problems: [] };
    if (!isObject(data) || Array.isArray(data)) {
      return dropped('saved validators are not an object');
    }
    const { version, records } = data;
    if (typeof version === 'number' && version > PERSISTED_VALIDATORS_VERSION) {
      return dropped(`saved validators have format version ${version}, newer than this extension understands (${PERSISTED_VALIDATORS_VERSION})`);
    }
    if (version !== 1 && version !== 2 && version !== PERSISTED_VALIDATORS_VERSION) {
      return dropped(`saved validators have an unknown format version (${describe(version)})`);
    }
    if (!Array.isArray(records)) return dropped('saved validators have no records list');

    const loaded = new Map<string, LoadedRecord>();
    let skipped = 0;
    for (const saved of records) {
      const key = typeof saved === 'string' && version !== 1 ? savedKeyOf(saved, this.signing) : undefined;
      // A key seen before is decoded at once, so that a malformed later copy can't replace a
      // good earlier one. Since signing parameters left the key, a repeated key is also an
      // ordinary migration: one resource saved under several signed URLs.
      if (typeof saved === 'string' && key !== undefined && !loaded.has(key) && savedUnder(saved, key)) {
        loaded.set(key, saved);
        continue;
      }
      const record = this.decodeFields(version === 1 ? saved : recordFieldsOfSaved(saved), saved);
      if (record === undefined) {
        skipped++;
        continue;
      }
      const earlier = loaded.get(record.url);
      const earlierRecord = typeof earlier === 'string' ? this.decodeSaved(earlier) : earlier;
      loaded.delete(record.url);
      loaded.set(record.url, earlierRecord === undefined ? record : mergeRecords(earlierRecord, record, record.url));
    }
    return { records: [...loaded], problems: skipped > 0 ? [describeSkipped(skipped)] : [] };
  }

  /** A record text `decode` kept undecoded; `undefined` when any field is malformed. */
  decodeSaved(text: string): StoredValidator | undefined {
    return this.decodeFields(recordFieldsOfSaved(text), text);
  }

  private decodeFields(fields: unknown, saved: unknown): StoredValidator | undefined {
    const record = decodeRecord(fields, this.signing);
    // Saving this text again loads as this very record. Not a text saved under another spelling
    // of the URL: that one is re-encoded, so a signature in a URL saved by an earlier version
    // leaves the saved state at the next save.
    if (record !== undefined && typeof saved === 'string' && savedUnder(saved, record.url)) this.texts.set(record, saved);
    return record;
  }
}

export function describeSkipped(count: number): string {
  return `skipped ${count} malformed saved validator record(s)`;
}

/**
 * The key of a record text: the URL recordText writes first, read without parsing the rest,
 * normalized as decoding would (keyOfSavedUrl: no URL parse for a key already in normal form).
 */
function savedKeyOf(text: string, signing: SigningParameters): string | undefined {
  if (!text.startsWith('["')) return undefined;
  const end = text.indexOf('"', 2);
  if (end < 0) return undefined;
  const url = text.slice(2, end);
  if (!url.includes('\\')) return keyOfSavedUrl(url, signing);
  // An escape inside the URL (a saved key has none; a hand edit might): read it properly.
  try {
    const first: unknown = (JSON.parse(text) as unknown[])[0];
    return typeof first === 'string' ? keyOfSavedUrl(first, signing) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a record text starts with `key` itself, as recordText writes it (a key has no `"`; one with a `\\` is decoded at once). */
function savedUnder(text: string, key: string): boolean {
  return text.startsWith(key, 2) && text.startsWith('["') && text.charCodeAt(key.length + 2) === 34;
}

/**
 * Saved validators as a file a person can read and diff: one record per line, each the array
 * its text holds rather than that text quoted again. `decode` takes the arrays as they are.
 */
export function persistedValidatorsFileText(data: PersistedValidators): string {
  const records = data.records.length === 0 ? '[]' : `[\n    ${data.records.join(',\n    ')}\n  ]`;
  return `{\n  "version": ${data.version},\n  "records": ${records}\n}\n`;
}

function dropped(reason: string): DecodedValidators {
  return { records: [], problems: [`${reason}; starting with an empty validator store`] };
}

const STATES: readonly ValidatorState[] = ['current', 'changed-unknown', 'gone'];

function decodeRecord(value: unknown, signing: SigningParameters): StoredValidator | undefined {
  if (!isObject(value)) return undefined;
  // Re-normalize so records saved under an older keying rule still match lookups.
  const url = typeof value.url === 'string' ? normalizeUrl(value.url, signing) : undefined;
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
  return frozenRepresentation(contentEncoding, etag, etag !== undefined && isWeakEntityTag(etag), lastModified, observedAt);
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
  return frozenObservation(optional.etag, optional.lastModified, observedAt, status, method);
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
