import type { Diagnosis } from '../core/diagnosis/types';
import type { RetryAttempt, RetryOutcome } from '../core/diagnosis/retryPolicy';
import type { SendResult } from '../core/http/types';
import type { RequestOutcome } from './outcome';
import { redactResult, redactText } from './redactOutput';

/**
 * One element of `--json`: the request's final SendResult (CONTRACTS.md), so a script can
 * check `status` directly, plus where the request is and what explained or retried it.
 */
export interface JsonEntry extends SendResult {
  source: { file: string; line: number; name?: string };
  /** The explanation of the 412/428 the request got first (`retry.initial` when it was retried). */
  diagnosis?: Diagnosis;
  retry?: { outcome: RetryOutcome; attempts: RetryAttempt[]; initial: SendResult };
  /** Set when --retry was given but refused (a non-idempotent method without --force). */
  retryRefused?: string;
}

export function toJsonEntry(outcome: RequestOutcome, file: string, showSecrets: boolean): JsonEntry {
  const { request } = outcome;
  const entry: JsonEntry = {
    ...redactResult(outcome.final, showSecrets),
    source: { file, line: request.requestLine.span.line + 1, ...(request.name ? { name: request.name } : {}) },
  };
  if (outcome.diagnosis) entry.diagnosis = redactDiagnosis(outcome.diagnosis, outcome.initial.url, showSecrets);
  if (outcome.retry) {
    entry.retry = { outcome: outcome.retry.outcome, attempts: outcome.retry.attempts, initial: redactResult(outcome.initial, showSecrets) };
  }
  if (outcome.retryRefused) entry.retryRefused = outcome.retryRefused;
  return entry;
}

function redactDiagnosis(diagnosis: Diagnosis, url: string, showSecrets: boolean): Diagnosis {
  return {
    ...diagnosis,
    causes: diagnosis.causes.map((cause) => ({ ...cause, evidence: cause.evidence.map((sentence) => redactText(sentence, url, showSecrets)) })),
  };
}
