import type { Diagnosis } from '../core/diagnosis/types';
import type { RetryResult } from '../core/diagnosis/retryPolicy';
import type { SendResult } from '../core/http/types';
import type { ParsedRequest } from '../core/parser/types';

/** Everything one selected request led to in this run: what is printed, and what the exit code counts. */
export interface RequestOutcome {
  request: ParsedRequest;
  /** What the request as written got. */
  initial: SendResult;
  /** What counts for the exit code: the last Refresh & Retry attempt, else `initial`. */
  final: SendResult;
  /** Nothing went out: a parse or variable error (exit code 2, not 1). */
  unsendable: boolean;
  /** Of `initial`, when it was a 412/428 and --explain was given. */
  diagnosis?: Diagnosis;
  retry?: RetryResult;
  /** Why --retry did not retry (a non-idempotent method without --force). */
  retryRefused?: string;
}

export function isSuccess(result: SendResult): boolean {
  return result.status >= 200 && result.status < 400;
}

export function isPreconditionFailure(result: SendResult): boolean {
  return result.status === 412 || result.status === 428;
}

/** 2 beats 1: a file that can't be sent is a bug to fix before any response means anything. */
export function exitCodeOf(outcomes: readonly RequestOutcome[]): number {
  if (outcomes.some((outcome) => outcome.unsendable)) return 2;
  return outcomes.every((outcome) => isSuccess(outcome.final)) ? 0 : 1;
}
