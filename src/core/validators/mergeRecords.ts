import type { LoadedRecord } from './persistedValidators';
import { HISTORY_LIMIT, finalizeRecord, type StoredValidator } from './storedValidator';

/**
 * One record for `url` out of two that turned out to describe the same resource: records saved
 * under signed URLs before signing parameters left the key, or under a name the
 * `ignoredQueryParameters` setting now ignores. The more recently observed record decides the
 * current validators, its representations and its state: the other one's are older news (a
 * write may have made them stale since), and a stale tag offered as fresh is the very mistake
 * this product explains. Both histories are kept, newest first, so "changed by another
 * client" still sees every tag either URL was answered with.
 */
export function mergeRecords(url: string, a: StoredValidator, b: StoredValidator): StoredValidator {
  const [newer, older] = Date.parse(a.observedAt) >= Date.parse(b.observedAt) ? [a, b] : [b, a];
  const seen = new Set<string>();
  const history = [...newer.history, ...older.history]
    // A hand-edited save may hold one record twice: one observation, one entry.
    .filter((entry) => {
      const identity = JSON.stringify([entry.observedAt, entry.status, entry.method, entry.etag, entry.lastModified]);
      return !seen.has(identity) && seen.add(identity) !== undefined;
    })
    .map((entry, order) => ({ entry, order, at: Date.parse(entry.observedAt) }))
    // Stable on equal times: the newer record's entries first, as recorded.
    .sort((x, y) => y.at - x.at || x.order - y.order)
    .slice(0, HISTORY_LIMIT)
    .map(({ entry }) => entry);
  return finalizeRecord({ ...newer, url, history, usedEtag: newer.usedEtag ?? older.usedEtag });
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
    rekeyed.set(next, earlier === undefined ? finalizeRecord({ ...record, url: next }) : mergeRecords(next, earlier, record));
    changed.push(next);
  }
  return { records: rekeyed, changed: [...new Set(changed)], removed: removed.filter((key) => !rekeyed.has(key)) };
}
