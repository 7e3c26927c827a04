import { mergeRecords } from './mergeRecords';
import { ValidatorCodec, type LoadedRecord, type PersistedValidators } from './persistedValidators';
import type { StoredValidator } from './storedValidator';
import { DEFAULT_MAX_VALIDATOR_ENTRIES } from './validatorStore';

/**
 * What a run saves when another run may have saved since it loaded: `ours` (everything this
 * run's store holds, as `ValidatorCodec.encode` wrote it) merged into `saved` (what the file
 * holds now, as JSON.parse gave it). Pure; mergeRecords decides per URL.
 *
 * A record both hold with the same text is one neither run changed since they loaded it, and
 * is kept without decoding: a file of thousands of records merges in milliseconds, and the
 * merge runs while the other runs wait for the lock.
 *
 * Order is recency order, least recently seen first (the store evicts from the front): the
 * records `saved` holds keep their places, except those this run saw later, which move to
 * the end in this run's order with what only this run knows. Over `maxEntries` the oldest go.
 * Nothing is ever removed for being absent from one side: the command line never forgets.
 * What `saved` holds that can't be decoded (another format version, a damaged record) is
 * dropped, as loading it would drop it.
 */
export function mergeSavedValidators(saved: unknown, ours: PersistedValidators, maxEntries = DEFAULT_MAX_VALIDATOR_ENTRIES): PersistedValidators {
  const codec = new ValidatorCodec();
  const theirs = codec.decode(asRecordTexts(saved));
  const mine = new Map(codec.decode(ours).records);
  const merged = new Map<string, LoadedRecord>();
  const movedToEnd = new Map<string, LoadedRecord>();
  for (const [key, their] of theirs.records) {
    const own = mine.get(key);
    if (own === undefined || own === their) {
      merged.set(key, their);
      continue;
    }
    const result = mergeLoaded(codec, own, their);
    if (result.oursIsLater) movedToEnd.set(key, result.record);
    else merged.set(key, result.record);
  }
  for (const [key, own] of mine) {
    if (!merged.has(key)) merged.set(key, movedToEnd.get(key) ?? own);
  }
  for (const key of merged.keys()) {
    if (merged.size <= maxEntries) break;
    merged.delete(key);
  }
  return codec.encode(merged.values());
}

/**
 * The file holds each record as the array its text spells (persistedValidatorsFileText);
 * turned back into that text, `decode` keeps it undecoded and the comparison with this run's
 * text is a string comparison. JSON.stringify of what JSON.parse read of a text the codec
 * wrote gives that text again.
 */
function asRecordTexts(saved: unknown): unknown {
  if (typeof saved !== 'object' || saved === null || !('records' in saved) || !Array.isArray(saved.records)) return saved;
  if ((saved as { version?: unknown }).version === 1) return saved;
  return { ...saved, records: saved.records.map((record: unknown) => (Array.isArray(record) ? JSON.stringify(record) : record)) };
}

function mergeLoaded(codec: ValidatorCodec, own: LoadedRecord, their: LoadedRecord): { record: LoadedRecord; oursIsLater: boolean } {
  const ours = decoded(codec, own);
  const theirs = decoded(codec, their);
  // A text that does not decode is dropped, as loading drops it; the other side is kept whole.
  if (ours === undefined) return { record: their, oursIsLater: false };
  if (theirs === undefined) return { record: ours, oursIsLater: true };
  return { record: mergeRecords(ours, theirs), oursIsLater: Date.parse(ours.observedAt) >= Date.parse(theirs.observedAt) };
}

function decoded(codec: ValidatorCodec, record: LoadedRecord): StoredValidator | undefined {
  return typeof record === 'string' ? codec.decodeSaved(record) : record;
}
