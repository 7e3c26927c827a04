/**
 * Turns the analyzers' findings into the contract's ranked causes. A finding carries a
 * score (0-100) rather than a likelihood so that two "high" causes still have an order
 * the analyzers chose on purpose (a stale If-Unmodified-Since above a mere proxy hint,
 * clock skew above the stale date it produced).
 */
import type { CauseId, DiagnosisCause, Likelihood } from './types';

export interface Finding {
  readonly id: CauseId;
  /** 75 and above is high, 45 and above medium, anything lower low. */
  readonly score: number;
  readonly evidence: readonly string[];
}

export const HIGH_SCORE = 75;
export const MEDIUM_SCORE = 45;

/** For equal scores: the cause whose fix is most specific first, so the order never depends on analyzer order. */
const TIE_ORDER: readonly CauseId[] = [
  'precondition-required',
  'malformed-precondition',
  'clock-skew',
  'outdated-date-precondition',
  'intermediary-altered-validator',
  'already-exists',
  'etag-mismatch',
  'changed-by-another-client',
  'unknown',
];

export function likelihoodOf(score: number): Likelihood {
  if (score >= HIGH_SCORE) return 'high';
  if (score >= MEDIUM_SCORE) return 'medium';
  return 'low';
}

/**
 * One cause per id: the best score wins, and the evidence of all its findings is kept,
 * strongest finding first, each sentence once.
 */
export function rankFindings(findings: readonly Finding[]): DiagnosisCause[] {
  const byId = new Map<CauseId, { score: number; evidence: string[] }>();
  const strongestFirst = [...findings].sort((a, b) => b.score - a.score);
  for (const finding of strongestFirst) {
    const merged = byId.get(finding.id) ?? { score: finding.score, evidence: [] };
    merged.score = Math.max(merged.score, finding.score);
    for (const sentence of finding.evidence) if (!merged.evidence.includes(sentence)) merged.evidence.push(sentence);
    byId.set(finding.id, merged);
  }
  return [...byId.entries()]
    .sort(([idA, a], [idB, b]) => b.score - a.score || TIE_ORDER.indexOf(idA) - TIE_ORDER.indexOf(idB))
    .map(([id, { score, evidence }]) => ({ id, likelihood: likelihoodOf(score), evidence }));
}
