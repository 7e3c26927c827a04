import { isSameResourceVersion, isWeakEntityTag } from './resourceVersion';
import type { StoredValidator } from './storedValidator';
import { originOfTag } from './tagOrigin';

/**
 * The entity tag to put in If-Match for this resource: the tag of the most
 * recent observation that carried one, except that a strong identity tag of the
 * same version wins over a weakened or suffixed one from a compressed response
 * (`W/"abc"` from nginx gzip, `"abc-gzip"` from Apache), because only the strong
 * identity tag passes the origin's strong comparison.
 *
 * `undefined` when the record is stale ('changed-unknown' or 'gone'): the known
 * tag is known to fail, and offering it would turn a quick fix into another 412.
 */
export function freshestEtagOf(record: StoredValidator): string | undefined {
  if (record.state !== 'current') return undefined;
  // Representations are kept most recently updated first.
  const tagged = record.representations.filter((r) => r.etag !== undefined);
  const latest = tagged[0]?.etag;
  if (latest === undefined) return undefined;
  const strongIdentity = tagged.find(
    (r) =>
      r.contentEncoding === undefined &&
      r.etag !== undefined &&
      !isWeakEntityTag(r.etag) &&
      isSameResourceVersion(r.etag, latest),
  );
  return strongIdentity?.etag ?? latest;
}

/** The Last-Modified of the most recent observation that carried one; `undefined` when stale. */
export function freshestLastModifiedOf(record: StoredValidator): string | undefined {
  if (record.state !== 'current') return undefined;
  return record.representations.find((r) => r.lastModified !== undefined)?.lastModified;
}

/**
 * True when the `.http` file last sent a tag for this resource and the resource
 * has moved on since: it went stale, or the freshest tag is another version.
 * Coding variants of one version (`W/"abc"`, `"abc-gzip"`, `"abc"`) are not a change, and
 * neither is a version this workspace's own write produced (see tagOrigin.ts).
 */
export function hasChangedSinceUsed(record: StoredValidator): boolean {
  if (record.usedEtag === undefined) return false;
  if (record.state !== 'current') return true;
  const freshest = freshestEtagOf(record);
  if (freshest === undefined || isSameResourceVersion(freshest, record.usedEtag)) return false;
  return originOfTag(record, freshest)?.ours !== true;
}
