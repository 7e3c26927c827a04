import { isSameResourceVersion } from '../validators/resourceVersion';
import type { StoredValidator } from '../validators/storedValidator';
import { originOfTag } from '../validators/tagOrigin';

/**
 * Whether writing with `freshEtag` instead of `sentEtag` replaces a change another client
 * made. Only then is there something to lose: when the two tags are one version in two
 * forms (W/, a -gzip suffix: the compression causes) nobody else changed anything, and a
 * version our own write produced is ours.
 */
export function replacesAnotherClientsChange(sentEtag: string | undefined, freshEtag: string | undefined, record: StoredValidator | undefined): boolean {
  if (!sentEtag || !freshEtag || sentEtag.trim() === '*') return false;
  if (isSameResourceVersion(sentEtag, freshEtag)) return false;
  return !(record && originOfTag(record, freshEtag)?.ours);
}

/** The write guard of Refresh & Retry: ask before re-sending a write that would replace another client's change. */
export function writeGuardAsks(method: string, sentEtag: string | undefined, freshEtag: string | undefined, record: StoredValidator | undefined): boolean {
  const upper = method.toUpperCase();
  if (upper === 'GET' || upper === 'HEAD' || upper === 'OPTIONS') return false;
  return replacesAnotherClientsChange(sentEtag, freshEtag, record);
}
