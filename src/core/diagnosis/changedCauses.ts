/**
 * The tag sent is one this server issued, and it now holds another version: the
 * resource changed after the client read it. The evidence is a small timeline: when we
 * last saw the sent tag, when the new one appeared, how far Last-Modified moved, and
 * whether the "old" tag was already stale when it arrived (a cache answered).
 */
import { parseHttpDate } from '../preconditions/httpDate';
import { isSameResourceVersion } from '../validators/resourceVersion';
import type { ValidatorObservation } from '../validators/types';
import { exchangeThatDelivered, observationsOf, type DiagnosisFacts } from './facts';
import { describeObservation, formatDuration, formatTime } from './format';
import { CACHE_ADVICE, cachedDeliveryEvidence, intermediaryHeaders } from './intermediaryEvidence';
import type { Finding } from './ranking';
import { currentSource, sameVersionObservations } from './tagForms';

const WRITE_METHODS = new Set(['PUT', 'PATCH', 'POST', 'DELETE']);

/** Last-Modified has one-second resolution and the two clocks differ; below this, timing proves nothing. */
const STALE_COPY_MARGIN_MS = 2_000;

function epochOf(date: string | undefined, nowMs: number): number | undefined {
  return date === undefined ? undefined : parseHttpDate(date, { now: nowMs })?.epochMs;
}

function appearanceSentence(facts: DiagnosisFacts, current: string, lastSeen: ValidatorObservation): string {
  const lastMs = Date.parse(lastSeen.observedAt);
  // Newest first, so the last match is the oldest sighting of the new version after ours.
  const newSightings = facts.observations.filter(
    (o) => o.etag !== undefined && isSameResourceVersion(o.etag, current) && Date.parse(o.observedAt) > lastMs,
  );
  const first = newSightings[newSightings.length - 1];
  if (first) {
    return `The current tag ${current} first appeared at ${describeObservation(first)}, so the resource changed between ${formatTime(lastSeen.observedAt)} and then.`;
  }
  return `The server now holds ${current} (${currentSource(facts)}); no response we recorded carried it before, so the resource changed after ${formatTime(lastSeen.observedAt)}.`;
}

function lastModifiedSentence(then: string | undefined, now: string | undefined, nowMs: number): string | undefined {
  const thenMs = epochOf(then, nowMs);
  const currentMs = epochOf(now, nowMs);
  if (thenMs === undefined || currentMs === undefined) {
    return now === undefined ? undefined : `The current Last-Modified is ${now}.`;
  }
  if (currentMs > thenMs) return `Last-Modified moved from ${then} to ${now} (${formatDuration(currentMs - thenMs)} later).`;
  if (currentMs === thenMs) return `Last-Modified is still ${then}: the change happened within the same second, or the server does not update Last-Modified.`;
  return `Last-Modified went back from ${then} to ${now}: an older version was restored, or another replica answered.`;
}

/** A successful write to this URL after we saw the tag: possibly the user's own earlier request. */
function ownWriteSentence(facts: DiagnosisFacts, sent: string, lastSeen: ValidatorObservation): string | undefined {
  const lastMs = Date.parse(lastSeen.observedAt);
  const writes = facts.observations.filter(
    (o) => WRITE_METHODS.has(o.method.toUpperCase()) && o.status >= 200 && o.status < 300 && Date.parse(o.observedAt) > lastMs,
  );
  const write = writes[writes.length - 1];
  if (write === undefined) return undefined;
  return `This URL got a successful ${write.method} at ${describeObservation(write)}, after ${sent} was received: if that was your own earlier request, it is what changed the tag.`;
}

/**
 * The current version's Last-Modified is well before we received the old tag, so the
 * old tag was already outdated when it arrived: a cache (or a lagging replica) served it.
 */
function staleCopyFinding(facts: DiagnosisFacts, sent: string, lastSeen: ValidatorObservation, thenLm: string | undefined): Finding | undefined {
  const nowMs = facts.input.now.getTime();
  const cached = cachedDeliveryEvidence(exchangeThatDelivered(facts, sent), sent);
  const currentLm = facts.current?.lastModified;
  const currentLmMs = epochOf(currentLm, nowMs);
  const thenLmMs = epochOf(thenLm, nowMs);
  const receivedMs = Date.parse(lastSeen.observedAt);
  const margin = STALE_COPY_MARGIN_MS + Math.abs(facts.skew?.ms ?? 0);
  // A Last-Modified that did not move with the tag is not a write time, so it proves nothing.
  const lmMoved = thenLmMs === undefined || (currentLmMs !== undefined && currentLmMs > thenLmMs);
  const stale = currentLmMs !== undefined && lmMoved && currentLmMs + margin < receivedMs;
  if (cached.length === 0 && !stale) return undefined;
  const evidence = [...cached];
  if (stale) {
    evidence.push(
      `When we received ${sent} at ${formatTime(lastSeen.observedAt)}, the current version already existed: its Last-Modified, ${currentLm}, is ${formatDuration(receivedMs - (currentLmMs ?? 0))} earlier. The response that delivered ${sent} was a stale copy.`,
    );
  }
  evidence.push(CACHE_ADVICE);
  const score = cached.length > 0 ? (stale ? 95 : 93) : 91;
  return { id: 'intermediary-altered-validator', score, evidence };
}

/** A cache sits on the path (it marked the failed response), though nothing proves it served the old tag. */
function servedThroughCache(facts: DiagnosisFacts): boolean {
  return intermediaryHeaders(facts.failed).some((header) => /^(X-Cache|X-Cache-Status|CF-Cache-Status|Age):/.test(header));
}

function maybeStaleCopyFinding(facts: DiagnosisFacts, sent: string): Finding {
  return {
    id: 'intermediary-altered-validator',
    score: 55,
    evidence: [
      `A cache is on the path (${intermediaryHeaders(facts.failed).join(', ')} on the ${facts.failed.status}): if ${sent} was read through it, it may have been a stale copy.`,
      CACHE_ADVICE,
    ],
  };
}

export function changedFindings(facts: DiagnosisFacts, sent: string, current: string): Finding[] {
  const exact = observationsOf(facts, sent);
  const sameVersion = sameVersionObservations(facts, sent);
  const lastSeen = exact[0] ?? sameVersion[0];
  if (lastSeen === undefined) return [];
  const form = exact.length > 0 ? '' : ` (in the form ${lastSeen.etag})`;
  const evidence = [
    `The tag sent in If-Match, ${sent}, came from this server: we last received it${form} at ${describeObservation(lastSeen)}.`,
    appearanceSentence(facts, current, lastSeen),
  ];
  // HEAD and 304 observations may lack Last-Modified; any sighting of that version has the same one.
  const thenLm = (exact.length > 0 ? exact : sameVersion).find((o) => o.lastModified !== undefined)?.lastModified;
  const lm = lastModifiedSentence(thenLm, facts.current?.lastModified, facts.input.now.getTime());
  if (lm) evidence.push(lm);
  const ownWrite = ownWriteSentence(facts, sent, lastSeen);
  if (ownWrite) evidence.push(ownWrite);
  const findings: Finding[] = [{ id: 'changed-by-another-client', score: 90, evidence }];
  const staleCopy = staleCopyFinding(facts, sent, lastSeen, thenLm);
  if (staleCopy) findings.push(staleCopy);
  else if (servedThroughCache(facts)) findings.push(maybeStaleCopyFinding(facts, sent));
  return findings;
}
