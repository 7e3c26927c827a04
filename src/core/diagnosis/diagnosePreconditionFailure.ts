/**
 * Explains a 412 Precondition Failed or 428 Precondition Required the way a person
 * following the troubleshooting guide would: compare what was sent with what the server
 * holds now and with what we saw before, then rank the causes with the evidence.
 *
 * Pure and deterministic: the probes are made beforehand (probeForDiagnosis.ts) and the
 * clock is an input, so the same exchange always gets the same explanation.
 */
import { PRECONDITION_FIELDS } from '../preconditions/preconditionHeaders';
import { freshestEtagOf } from '../validators/freshestValidators';
import { dateFindings } from './dateCauses';
import { formatTime } from './format';
import { gatherFacts, type DiagnosisFacts } from './facts';
import { ifMatchFindings } from './ifMatchCauses';
import { ifNoneMatchFindings } from './ifNoneMatchCauses';
import { intermediaryFindings } from './intermediaryEvidence';
import { MEDIUM_SCORE, rankFindings, type Finding } from './ranking';
import { serverHints } from './serverHints';
import { syntaxFindings } from './syntaxCauses';
import { currentSource, whyCurrentUnknown } from './tagForms';
import type { Diagnosis, DiagnosisCause, DiagnosisInput } from './types';

export type { CauseId, Diagnosis, DiagnosisCause, DiagnosisInput, Likelihood } from './types';
export { CAUSE_TITLES } from './types';
export { CLOCK_SKEW_THRESHOLD_MS } from './facts';

function sentPreconditions(facts: DiagnosisFacts): string[] {
  return PRECONDITION_FIELDS.flatMap(([header, field]) => {
    const value = facts.preconditions[field];
    return value === undefined ? [] : [`${header}: ${value}`];
  });
}

function requiredFindings(facts: DiagnosisFacts): Finding[] {
  const evidence = [
    `The server answered 428 Precondition Required: it only accepts this ${facts.method} as a conditional request, to prevent lost updates (RFC 6585 §3).`,
  ];
  const sent = sentPreconditions(facts);
  if (facts.preconditions.ifMatch === undefined) {
    evidence.push(`The request sent no If-Match${sent.length > 0 ? ` (it sent ${sent.join('; ')})` : ''}.`);
  } else {
    evidence.push(`The request sent If-Match: ${facts.preconditions.ifMatch}, yet the server still asks for a precondition: it may not accept this value, or wants another header.`);
  }
  const current = facts.current?.etag;
  const recorded = facts.input.record && freshestEtagOf(facts.input.record);
  if (current !== undefined) evidence.push(`The current ETag is ${current} (${currentSource(facts)}): add If-Match: ${current}.`);
  else if (recorded !== undefined) evidence.push(`The freshest recorded ETag is ${recorded} (received at ${formatTime(facts.input.record?.observedAt)}): add If-Match: ${recorded}.`);
  else evidence.push(`No current ETag is known (${whyCurrentUnknown(facts)}): GET the resource, then send its ETag in If-Match (or If-None-Match: * to create it).`);
  return [{ id: 'precondition-required', score: 100, evidence }];
}

function unknownCause(facts: DiagnosisFacts, notes: readonly string[]): DiagnosisCause {
  const { failed } = facts;
  const evidence = [`The server answered ${failed.status} ${failed.statusText} to ${failed.method} ${failed.url}.`.replace(/ +/g, ' ')];
  const sent = sentPreconditions(facts);
  evidence.push(
    sent.length > 0
      ? `Preconditions sent: ${sent.join('; ')}.`
      : `The request sent no precondition header (If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since, If-Range): the ${failed.status} comes from the server's own rules or an intermediary.`,
  );
  const current = facts.current;
  if (current && (current.etag !== undefined || current.lastModified !== undefined)) {
    const parts = [current.etag && `ETag ${current.etag}`, current.lastModified && `Last-Modified ${current.lastModified}`].filter(Boolean);
    evidence.push(`The server holds ${parts.join(', ')} (${currentSource(facts)}).`);
  } else {
    evidence.push(`The server's current validators are unknown: ${whyCurrentUnknown(facts)}.`);
  }
  evidence.push(...notes);
  return { id: 'unknown', likelihood: 'low', evidence };
}

function findingsFor(facts: DiagnosisFacts): Finding[] {
  if (facts.failed.status === 428) return [...requiredFindings(facts), ...syntaxFindings(facts)];
  return [
    ...syntaxFindings(facts),
    ...ifMatchFindings(facts),
    ...ifNoneMatchFindings(facts),
    ...dateFindings(facts),
    ...intermediaryFindings(facts),
  ];
}

export function diagnosePreconditionFailure(input: DiagnosisInput): Diagnosis {
  const facts = gatherFacts(input);
  const findings = findingsFor(facts);
  // 'unknown' findings are notes ("that tag matches now"): facts for the unknown cause, not a cause of their own.
  const notes = findings.filter((f) => f.id === 'unknown').flatMap((f) => f.evidence);
  const ranked = findings.filter((f) => f.id !== 'unknown');
  const best = Math.max(-1, ...ranked.map((f) => f.score));
  const causes = rankFindings(ranked);
  // With nothing better than a low hint, the raw facts lead: they are what to read first.
  if (best < MEDIUM_SCORE) causes.unshift(unknownCause(facts, notes));
  const top = causes[0];
  for (const hint of serverHints(facts)) if (!top.evidence.includes(hint)) top.evidence.push(hint);
  const diagnosis: Diagnosis = { status: input.failed.status, causes };
  if (facts.current?.etag !== undefined) diagnosis.freshEtag = facts.current.etag;
  if (facts.current?.lastModified !== undefined) diagnosis.freshLastModified = facts.current.lastModified;
  return diagnosis;
}
