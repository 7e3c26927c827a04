/**
 * Helpers for talking about one entity tag in evidence: how two spellings of a tag
 * differ, where the current tag came from, and what the store saw before.
 */
import { resourceVersionOf } from '../validators/resourceVersion';
import type { ValidatorObservation } from '../validators/types';
import type { DiagnosisFacts } from './facts';
import { describeObservation, formatInstant } from './format';

/**
 * The ways `sent` differs from `current` when they name the same value up to form:
 * the W/ prefix, the quoting, letter case. Undefined when they are different values.
 */
export function formDifferences(sent: string, current: string): string[] | undefined {
  const weakPrefix = /^w\//i;
  const sentBody = sent.trim().replace(weakPrefix, '');
  const currentBody = current.trim().replace(weakPrefix, '');
  const core = (body: string) => body.replace(/["'\\]/g, '');
  if (core(sentBody).toLowerCase() !== core(currentBody).toLowerCase()) return undefined;
  const differences: string[] = [];
  if (weakPrefix.test(sent.trim()) !== weakPrefix.test(current.trim()) || sent.trim().startsWith('w/')) differences.push('the W/ prefix');
  if (sentBody.toLowerCase() !== currentBody.toLowerCase()) differences.push('the quotes');
  if (core(sentBody) !== core(currentBody)) differences.push('letter case');
  return differences.length === 0 ? undefined : differences;
}

/** "(HEAD probe)" or "(the 412 response's ETag)": where the current validators were read. */
export function currentSource(facts: DiagnosisFacts): string {
  if (facts.current?.source === 'probe') return `${facts.input.probe?.method ?? 'HEAD'} probe at ${formatInstant(facts.input.now.getTime())}`;
  return `the ${facts.failed.status} response's own headers`;
}

/** Observations carrying the same resource version as `tag` in any form (W/, suffix), newest first. */
export function sameVersionObservations(facts: DiagnosisFacts, tag: string): ValidatorObservation[] {
  const version = resourceVersionOf(tag);
  return facts.observations.filter((o) => o.etag !== undefined && resourceVersionOf(o.etag) === version);
}

/** Distinct tags the store saw here, newest first, for "we recorded … here". */
export function recentDistinctTags(facts: DiagnosisFacts, limit: number): string[] {
  const tags: string[] = [];
  for (const o of facts.observations) {
    if (o.etag !== undefined && !tags.includes(o.etag)) tags.push(o.etag);
    if (tags.length === limit) break;
  }
  return tags;
}

/** Why the server's current tag is unknown, as a clause: "no probe was made and …". */
export function whyCurrentUnknown(facts: DiagnosisFacts): string {
  const probe = facts.input.probe;
  if (probe === undefined) return `no probe was made and the ${facts.failed.status} response carried no ETag`;
  if (probe.status === 0) return `the probe ${probe.method} failed (${probe.error ?? 'no response'})`;
  if (probe.status >= 200 && probe.status < 300) return `the probe ${probe.method} ${probe.status} carried no ETag`;
  return `the probe ${probe.method} got ${probe.status} ${probe.statusText}`.trim();
}

export function sightingSentence(tag: string, sighting: ValidatorObservation, coding: string | undefined): string {
  const codingNote = coding === undefined ? '' : ` on a response with Content-Encoding: ${coding}`;
  return `We received ${tag} at ${describeObservation(sighting)}${codingNote}.`;
}
