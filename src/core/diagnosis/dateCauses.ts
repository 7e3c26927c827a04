/**
 * Date preconditions: an If-Unmodified-Since older than the current Last-Modified, an
 * If-Modified-Since used to guard a write, and a date computed on a local clock that is
 * far from the server's.
 */
import { parseHttpDate } from '../preconditions/httpDate';
import { CLOCK_SKEW_THRESHOLD_MS, type DiagnosisFacts } from './facts';
import { describeObservation, formatDuration, formatInstant, formatTime } from './format';
import type { Finding } from './ranking';
import { currentSource } from './tagForms';

interface CurrentLastModified {
  readonly value: string;
  readonly epochMs: number;
  readonly source: string;
}

function epochOf(value: string | undefined, facts: DiagnosisFacts): number | undefined {
  return value === undefined ? undefined : parseHttpDate(value, { now: facts.input.now })?.epochMs;
}

/** From the probe (or the failed response); else the newest one recorded, which may itself be stale. */
function currentLastModified(facts: DiagnosisFacts): CurrentLastModified | undefined {
  const fresh = facts.current?.lastModified;
  const freshMs = epochOf(fresh, facts);
  if (fresh !== undefined && freshMs !== undefined) return { value: fresh, epochMs: freshMs, source: currentSource(facts) };
  const recorded = facts.observations.find((o) => o.lastModified !== undefined && epochOf(o.lastModified, facts) !== undefined);
  if (recorded?.lastModified === undefined) return undefined;
  return { value: recorded.lastModified, epochMs: epochOf(recorded.lastModified, facts) ?? 0, source: `last recorded at ${describeObservation(recorded)}` };
}

/** The observation whose Last-Modified the user copied into the date header, if any. */
function copiedFrom(facts: DiagnosisFacts, epochMs: number) {
  return facts.observations.find((o) => epochOf(o.lastModified, facts) === epochMs);
}

function unmodifiedSinceFindings(facts: DiagnosisFacts): Finding[] {
  const sent = facts.preconditions.ifUnmodifiedSince;
  const sentMs = epochOf(sent, facts);
  if (sent === undefined || sentMs === undefined) return [];
  // §13.2.2: with If-Match present a server must ignore If-Unmodified-Since; nginx evaluates both.
  const evaluated = facts.preconditions.ifMatch === undefined;
  const ignoredNote = evaluated ? [] : ['If-Match is present, so a standard server ignores If-Unmodified-Since; some (nginx) evaluate it anyway.'];
  const lm = currentLastModified(facts);
  if (lm === undefined) {
    return [{
      id: 'outdated-date-precondition',
      score: evaluated ? 50 : 30,
      evidence: [`If-Unmodified-Since: ${sent} was sent, but the server's current Last-Modified is unknown, so it can't be compared.`, ...ignoredNote],
    }];
  }
  if (sentMs >= lm.epochMs) return [];
  const findings: Finding[] = [];
  const evidence = [
    `If-Unmodified-Since: ${sent} is ${formatDuration(lm.epochMs - sentMs)} earlier than the current Last-Modified: ${lm.value} (${lm.source}): the resource was modified after that date, so the condition is false.`,
    ...ignoredNote,
  ];
  const copied = copiedFrom(facts, sentMs);
  if (copied) {
    evidence.push(`${sent} is the Last-Modified we received at ${describeObservation(copied)}: the resource changed since it was read.`);
    findings.push({
      id: 'changed-by-another-client',
      score: 60,
      evidence: [`The resource was modified at ${lm.value}, after it was read at ${formatTime(copied.observedAt)}: by another client, or an earlier request.`],
    });
  }
  evidence.push('Prefer If-Match with the current ETag: Last-Modified has one-second resolution, and two writes in one second share it.');
  findings.push({ id: 'outdated-date-precondition', score: evaluated ? 92 : 50, evidence });
  return findings;
}

/** If-Modified-Since on a write asks "only if it changed", the opposite of a lost-update guard. */
function modifiedSinceFindings(facts: DiagnosisFacts): Finding[] {
  const sent = facts.preconditions.ifModifiedSince;
  const sentMs = epochOf(sent, facts);
  if (sent === undefined || sentMs === undefined || facts.method === 'GET' || facts.method === 'HEAD') return [];
  const lm = currentLastModified(facts);
  const notModified = lm !== undefined && lm.epochMs <= sentMs;
  const evidence = [
    `If-Modified-Since on a ${facts.method} asks "only if it changed after ${sent}", the opposite of a lost-update guard. RFC 9110 says servers ignore it on methods other than GET and HEAD, but some (Azure Storage) evaluate it and answer 412.`,
  ];
  if (lm) evidence.push(`The current Last-Modified is ${lm.value} (${lm.source}), ${notModified ? 'not later than' : 'later than'} that date.`);
  evidence.push(`To protect a write, use If-Unmodified-Since${lm ? `: ${lm.value}` : ''} or If-Match.`);
  return [{ id: 'outdated-date-precondition', score: lm === undefined ? 55 : notModified ? 78 : 30, evidence }];
}

function clockSkewFindings(facts: DiagnosisFacts): Finding[] {
  const skew = facts.skew;
  const [header, sent] = facts.preconditions.ifUnmodifiedSince !== undefined
    ? ['If-Unmodified-Since', facts.preconditions.ifUnmodifiedSince]
    : ['If-Modified-Since', facts.preconditions.ifModifiedSince];
  const sentMs = epochOf(sent, facts);
  if (skew === undefined || sent === undefined || sentMs === undefined || Math.abs(skew.ms) <= CLOCK_SKEW_THRESHOLD_MS) return [];
  const direction = skew.ms > 0 ? 'ahead of' : 'behind';
  const evidence = [
    `The server's clock is ${formatDuration(skew.ms)} ${direction} the local clock: ${skew.from} had Date: ${skew.serverDate} and arrived at local time ${skew.localTime} (threshold ${formatDuration(CLOCK_SKEW_THRESHOLD_MS)}).`,
  ];
  const local = facts.sentAtMs;
  const serverAtSend = local + skew.ms;
  const copied = copiedFrom(facts, sentMs);
  const locallyComputed = copied === undefined && Math.abs(sentMs - local) < Math.abs(sentMs - serverAtSend);
  if (locallyComputed) {
    evidence.push(
      `${header}: ${sent} is ${formatDuration(sentMs - local)} from the local clock when the request was sent (${formatInstant(local)}), so it was computed locally; on the server's clock that moment is ${formatInstant(serverAtSend)}.`,
    );
    const lm = currentLastModified(facts);
    if (lm && lm.epochMs > local) evidence.push(`The current Last-Modified, ${lm.value}, is later than the local clock at sending: only a server clock ahead of ours explains that.`);
    evidence.push('Take the date from the server instead (its Last-Modified), or fix the clock that is off (NTP).');
  } else {
    const origin = copied ? `the Last-Modified received at ${describeObservation(copied)}` : 'closer to the server clock than to ours';
    evidence.push(`${header}: ${sent} is ${origin}, a server-clock value, so the skew does not explain this failure by itself.`);
  }
  return [{ id: 'clock-skew', score: locallyComputed ? 96 : 30, evidence }];
}

export function dateFindings(facts: DiagnosisFacts): Finding[] {
  return [...unmodifiedSinceFindings(facts), ...modifiedSinceFindings(facts), ...clockSkewFindings(facts)];
}
