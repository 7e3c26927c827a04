import { isWeak, opaqueOf } from '../preconditions/entityTag';
import type { StoredValidator } from '../validators/storedValidator';

/**
 * The strong tag the server issued for the same version as a weak one, if we have seen
 * it (typically from an identity response while the weak one came with gzip).
 */
export function strongEtagFor(record: StoredValidator | undefined, weakTag: string): string | undefined {
  if (!record) return undefined;
  const opaque = opaqueOf(weakTag);
  const candidates = [
    ...record.representations.map((r) => r.etag),
    ...record.history.map((h) => h.etag),
  ];
  return candidates.find((tag): tag is string => !!tag && !isWeak(tag) && opaqueOf(tag) === opaque);
}
