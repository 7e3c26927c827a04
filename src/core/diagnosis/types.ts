/**
 * The shapes of a 412/428 explanation (CONTRACTS.md `Diagnosis`). The contract shape is
 * what `preconditionDoctor.explainFailure` returns, so it stays a plain JSON-able object.
 */
import type { SendResult } from '../http/types';
import type { StoredValidator } from '../validators/storedValidator';
import type { ValidatorObservation } from '../validators/types';

export type CauseId =
  | 'changed-by-another-client'
  | 'etag-mismatch'
  | 'outdated-date-precondition'
  | 'intermediary-altered-validator'
  | 'malformed-precondition'
  | 'clock-skew'
  | 'precondition-required'
  | 'already-exists'
  | 'unknown';

export type Likelihood = 'high' | 'medium' | 'low';

export interface DiagnosisCause {
  id: CauseId;
  likelihood: Likelihood;
  /** Sentences with the values seen: tags, dates, header names, times. */
  evidence: string[];
}

export interface Diagnosis {
  /** 412 or 428 (whatever the failed exchange got). */
  status: number;
  /** Most likely first. */
  causes: DiagnosisCause[];
  /** The current entity tag: from the identity probe, or from the failed response when no probe was made. */
  freshEtag?: string;
  freshLastModified?: string;
}

export interface DiagnosisInput {
  failed: SendResult;
  /** The validator store's history for the URL, newest first; may be empty. May include the failure itself. */
  history: ValidatorObservation[];
  record?: StoredValidator;
  /** HEAD (else GET) with `Accept-Encoding: identity` and `Cache-Control: no-cache`, made after the failure. */
  probe?: SendResult;
  /** A second probe with the failed request's `Accept-Encoding`, when that was not identity. */
  encodedProbe?: SendResult;
  now: Date;
  /** Variable names the request sent literally as `{{…}}`. */
  unresolvedVariables?: string[];
  /**
   * When the failed response arrived (local clock). Without it the failure's own entry in
   * `history` is used, else `now`: it anchors clock-skew and "computed locally" checks.
   */
  failedAt?: Date;
  /**
   * Earlier exchanges with this URL, newest first (ExchangeHistory). Optional: they add the
   * response headers the store does not keep, such as `Age` on the GET that delivered a tag.
   */
  earlierExchanges?: Array<{ result: SendResult; at?: Date }>;
}

/** Display names, for the report and for anyone rendering a cause id. */
export const CAUSE_TITLES: Readonly<Record<CauseId, string>> = {
  'changed-by-another-client': 'Changed by another client',
  'etag-mismatch': 'Entity tag mismatch',
  'outdated-date-precondition': 'Outdated date precondition',
  'intermediary-altered-validator': 'Intermediary altered the validator',
  'malformed-precondition': 'Malformed precondition',
  'clock-skew': 'Clock skew',
  'precondition-required': 'Precondition required',
  'already-exists': 'Already exists',
  unknown: 'Unknown cause',
};
