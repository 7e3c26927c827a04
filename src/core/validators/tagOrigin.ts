import { isSameResourceVersion } from './resourceVersion';
import type { StoredValidator } from './storedValidator';
import type { ValidatorObservation } from './types';

/**
 * Who made a tag current. Every response in the store answers a request of this
 * workspace, but only a successful write *produced* its tag: a read merely saw a version
 * someone made. So a tag first seen in a 2xx to our PUT or PATCH is ours, and the
 * resource moving to it is not "someone else's change".
 */
export interface TagOrigin {
  ours: boolean;
  /** ISO time the tag was first observed. */
  since: string;
  method: string;
  status: number;
}

const WRITES = new Set(['PUT', 'PATCH', 'POST', 'DELETE']);

export function isOwnWrite(observation: Pick<ValidatorObservation, 'method' | 'status'>): boolean {
  return WRITES.has(observation.method.toUpperCase()) && observation.status >= 200 && observation.status < 300;
}

/** The first observation of `etag`'s version (coding variants count as one version); undefined when the history lost it. */
export function originOfTag(record: StoredValidator, etag: string): TagOrigin | undefined {
  // History is newest first: walk back while the version is the same, the last match is its first sighting.
  let first: ValidatorObservation | undefined;
  for (const entry of record.history) {
    if (entry.etag === undefined) continue;
    if (!isSameResourceVersion(entry.etag, etag)) {
      if (first) break;
      continue;
    }
    first = entry;
  }
  return first && { ours: isOwnWrite(first), since: first.observedAt, method: first.method, status: first.status };
}

/**
 * "10:02:03" for today, "2026-12-04 10:02" before: a point in time, so a lens or badge that
 * is not redrawn never claims "just now" twenty minutes later.
 */
export function describeInstant(iso: string, now: Date): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return 'an unknown time';
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${then.getFullYear()}-${pad(then.getMonth() + 1)}-${pad(then.getDate())}`;
  const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const time = `${pad(then.getHours())}:${pad(then.getMinutes())}`;
  return day === today ? `${time}:${pad(then.getSeconds())}` : `${day} ${time}`;
}

/**
 * The Validators view's badge for a resource the file last used an older tag of, saying
 * since when and by whom; undefined when nothing changed or only our own write moved it on.
 */
export function describeChangeSinceUsed(record: StoredValidator, freshest: string | undefined, now: Date): string | undefined {
  if (record.usedEtag === undefined) return undefined;
  if (record.state !== 'current' || freshest === undefined || isSameResourceVersion(freshest, record.usedEtag)) return undefined;
  const origin = originOfTag(record, freshest);
  if (origin?.ours) return undefined;
  const since = origin ? ` since ${describeInstant(origin.since, now)} (seen in ${origin.method} → ${origin.status})` : '';
  return `changed by another client${since}`;
}

/** A record whose tag is known to be stale with no newer one: which response made it so, and when. */
export function describeStaleRecord(record: StoredValidator, now: Date): string {
  const at = describeInstant(record.staleSince ?? record.observedAt, now);
  return isOwnWrite(record) ? `changed by your ${record.method} at ${at}, new tag unknown` : `changed at ${at}, new tag unknown`;
}
