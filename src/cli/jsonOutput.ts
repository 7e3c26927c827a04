import type { Diagnosis } from '../core/diagnosis/types';
import type { RetryAttempt, RetryOutcome } from '../core/diagnosis/retryPolicy';
import type { SendResult } from '../core/http/types';
import type { RedactionPolicy } from '../core/redaction/redactionPolicy';
import type { RequestOutcome } from './outcome';

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

/** `redaction`: the session's policy, RedactionPolicy.revealing() for --show-secrets. */
export function toJsonEntry(outcome: RequestOutcome, file: string, redaction: RedactionPolicy): JsonEntry {
  const { request } = outcome;
  const entry: JsonEntry = {
    ...redaction.result(outcome.final),
    source: { file, line: request.requestLine.span.line + 1, ...(request.name ? { name: request.name } : {}) },
  };
  if (outcome.diagnosis) entry.diagnosis = redaction.diagnosis(outcome.diagnosis);
  if (outcome.retry) {
    entry.retry = { outcome: outcome.retry.outcome, attempts: outcome.retry.attempts, initial: redaction.result(outcome.initial) };
  }
  if (outcome.retryRefused) entry.retryRefused = redaction.text(outcome.retryRefused);
  return entry;
}
