import type { LoadedRecord } from './persistedValidators';
import { HISTORY_LIMIT, finalizeRecord, type StoredValidator } from './storedValidator';
import type { RepresentationValidator, ValidatorObservation } from './types';

/**
 * One record out of two that describe the same resource: two processes kept it, each starting
 * from what the file held when it started (command-line runs in parallel over one folder), or
 * two saved URLs turned out to name one resource (signing parameters left the key, or the
 * `ignoredQueryParameters` setting now ignores one). Pure. The result is keyed `url`.
 *
 * - The record observed later supplies the current validator, status, state and `usedEtag`
 *   (the other's `usedEtag` only when the later one has none): its latest observation is what
 *   the resource is known to be now, and a tie goes to `ours`, the run that saves.
 * - The history is both histories, newest first, each observation once, at most 20.
 * - The representations are the later record's, plus the other's for a coding observed later
 *   than what the later record knows of it, unless a successful write since then made every
 *   coding's tag stale. The later record's first representation stays first: the record's
 *   top-level validator is that entry (applyResponse.ts).
 */
export function mergeRecords(ours: StoredValidator, theirs: StoredValidator, url: string = ours.url): StoredValidator {
  const oursIsLater = Date.parse(ours.observedAt) >= Date.parse(theirs.observedAt);
  const later = oursIsLater ? ours : theirs;
  const earlier = oursIsLater ? theirs : ours;
  const history = mergedHistory(later.history, earlier.history);
  return finalizeRecord({
    ...later,
    url,
    usedEtag: later.usedEtag ?? earlier.usedEtag,
    representations: mergedRepresentations(later, earlier, lastWriteIn(history, later)),
    history,
  });
}

/**
 * Newest first by arrival time; for equal times `later`'s entries before `earlier`'s (a stable
 * sort), so `history[0]` stays the observation the record's fields describe. An entry both
 * hold (the runs share what the file held when they started) is kept once.
 */
function mergedHistory(later: readonly ValidatorObservation[], earlier: readonly ValidatorObservation[]): ValidatorObservation[] {
  const seen = new Set<string>();
  const merged: Array<{ entry: ValidatorObservation; time: number }> = [];
  for (const entry of [...later, ...earlier]) {
    const identity = `${entry.observedAt}\n${entry.status}\n${entry.method}\n${entry.etag ?? ''}\n${entry.lastModified ?? ''}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    merged.push({ entry, time: Date.parse(entry.observedAt) });
  }
  merged.sort((a, b) => b.time - a.time);
  return merged.slice(0, HISTORY_LIMIT).map(({ entry }) => entry);
}

/**
 * The time of the newest successful PUT, PATCH or DELETE in the merged history, or when the
 * later record went stale: a validator the other run saw before then is no longer current.
 */
function lastWriteIn(history: readonly ValidatorObservation[], later: StoredValidator): number {
  const write = history.find((h) => h.status >= 200 && h.status < 300 && (h.method === 'PUT' || h.method === 'PATCH' || h.method === 'DELETE'));
  const times = [write === undefined ? Number.NEGATIVE_INFINITY : Date.parse(write.observedAt)];
  if (later.staleSince !== undefined) times.push(Date.parse(later.staleSince));
  return Math.max(...times);
}

function mergedRepresentations(later: StoredValidator, earlier: StoredValidator, lastWrite: number): RepresentationValidator[] {
  const [first, ...rest] = later.representations;
  // No validator at all: a write or delete made the later record, and everything before it is stale.
  if (first === undefined) return [];
  const byCoding = new Map<string | undefined, RepresentationValidator>(rest.map((r) => [r.contentEncoding, r]));
  for (const candidate of earlier.representations) {
    const time = Date.parse(candidate.observedAt);
    if (time <= lastWrite || candidate.contentEncoding === first.contentEncoding) continue;
    const known = byCoding.get(candidate.contentEncoding);
    if (known === undefined || Date.parse(known.observedAt) < time) byCoding.set(candidate.contentEncoding, candidate);
  }
  // After the first, most recently observed first, as applyResponse keeps them.
  const others = [...byCoding.values()].sort((a, b) => Date.parse(b.observedAt) - Date.parse(a.observedAt));
  return [first, ...others];
}

/**
 * The records keyed again with `keyOf`, in the same recency order, merging those that now share
 * a key. A record whose key stays is kept as it is (saved text included: no decoding). `changed`
 * are keys that gained or merged a record, `removed` keys that no longer exist.
 */
export function rekeyRecords(
  records: ReadonlyMap<string, LoadedRecord>,
  keyOf: (url: string) => string | undefined,
  decodeSaved: (text: string) => StoredValidator | undefined,
): { records: Map<string, LoadedRecord>; changed: string[]; removed: string[] } {
  const rekeyed = new Map<string, LoadedRecord>();
  const changed: string[] = [];
  const removed: string[] = [];
  for (const [key, slot] of records) {
    const next = keyOf(key) ?? key;
    if (next === key && !rekeyed.has(key)) {
      rekeyed.set(key, slot);
      continue;
    }
    if (next !== key) removed.push(key);
    const record = typeof slot === 'string' ? decodeSaved(slot) : slot;
    if (record === undefined) continue;
    const earlierSlot = rekeyed.get(next);
    const earlier = typeof earlierSlot === 'string' ? decodeSaved(earlierSlot) : earlierSlot;
    // Re-inserted: the merged record is as recent as the more recent of the two.
    rekeyed.delete(next);
    rekeyed.set(next, earlier === undefined ? finalizeRecord({ ...record, url: next }) : mergeRecords(earlier, record, next));
    changed.push(next);
  }
  return { records: rekeyed, changed: [...new Set(changed)], removed: removed.filter((key) => !rekeyed.has(key)) };
}
