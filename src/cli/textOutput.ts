import { COMMAND_LINE_ACTIONS, stepsFor } from '../core/diagnosis/reportSteps';
import type { RetryResult } from '../core/diagnosis/retryPolicy';
import { CAUSE_TITLES, type Diagnosis } from '../core/diagnosis/types';
import type { SendResult } from '../core/http/types';
import type { RedactionPolicy } from '../core/redaction/redactionPolicy';
import type { StoredValidator } from '../core/validators/storedValidator';
import type { RequestOutcome } from './outcome';

/** What one outcome prints: the exchanges and explanation on stdout, problems on stderr. */
export interface PrintedOutcome {
  stdout: string;
  stderr: string;
}

export interface TextOptions {
  fileLabel: string;
  /**
   * CI logs are read by more people than the .http file is: the session's policy hides
   * credentials by default (RedactionPolicy.revealing() for --show-secrets).
   */
  redaction: RedactionPolicy;
  /** The store's record for the failed URL, for the "what to do" steps. */
  record?: StoredValidator;
}

export function formatOutcome(outcome: RequestOutcome, options: TextOptions): PrintedOutcome {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const { initial } = outcome;
  if (initial.status === 0) stderr.push(describeFailure(outcome, initial, options));
  else stdout.push(formatExchange(initial, options.redaction));
  if (outcome.diagnosis) stdout.push(formatDiagnosis(outcome.diagnosis, initial, options));
  if (outcome.retryRefused) stderr.push(`${where(outcome, options)}: ${options.redaction.text(outcome.retryRefused)}`);
  if (outcome.retry) {
    stdout.push(formatRetrySummary(outcome.retry));
    const { final } = outcome.retry;
    if (final.status === 0) stderr.push(describeFailure(outcome, final, options));
    else if (outcome.retry.attempts.length > 0) stdout.push(formatExchange(final, options.redaction));
  }
  return { stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

/** Like `curl -i`, preceded by the request line and headers as `curl -v` shows them. */
export function formatExchange(raw: SendResult, redaction: RedactionPolicy): string {
  const result = redaction.result(raw);
  const lines = [`> ${result.method} ${result.url}`];
  for (const [name, value] of Object.entries(result.requestHeaders)) lines.push(`> ${name}: ${value}`);
  // Node's client speaks HTTP/1.1 only; SendResult keeps no version, so this is what was used.
  lines.push(`HTTP/1.1 ${result.status} ${result.statusText}`.trimEnd());
  for (const [name, value] of Object.entries(result.responseHeaders)) lines.push(`${name}: ${value}`);
  lines.push('');
  const body = result.bodyText;
  if (body !== '') lines.push(body.endsWith('\n') ? body.slice(0, -1) : body);
  return `${lines.join('\n')}\n`;
}

export function formatDiagnosis(raw: Diagnosis, rawFailed: SendResult, options: TextOptions): string {
  // Steps are built from the redacted exchange, so they can't quote a secret either.
  const diagnosis = options.redaction.diagnosis(raw);
  const failed = options.redaction.result(rawFailed);
  const text = (sentence: string) => options.redaction.text(sentence);
  const lines = [`Explain ${diagnosis.status} ${failed.statusText}: causes, most likely first`.replace(/ +:/, ':')];
  diagnosis.causes.forEach((cause, index) => {
    lines.push(`  ${index + 1}. ${cause.id} (${cause.likelihood}): ${CAUSE_TITLES[cause.id]}`);
    for (const sentence of cause.evidence) lines.push(`     - ${text(sentence)}`);
  });
  const current = [
    diagnosis.freshEtag && `ETag ${diagnosis.freshEtag}`,
    diagnosis.freshLastModified && `Last-Modified ${diagnosis.freshLastModified}`,
  ].filter(Boolean);
  if (current.length > 0) lines.push(`  The server holds: ${current.join(', ')}`);
  const top = diagnosis.causes[0];
  const steps = top ? stepsFor(top, { diagnosis, failed, record: options.record, wording: COMMAND_LINE_ACTIONS }) : [];
  if (steps.length > 0) {
    lines.push('  What to do:');
    for (const step of steps) lines.push(`     - ${text(step)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatRetrySummary(retry: RetryResult): string {
  const attempts = retry.attempts
    .map((a) => `#${a.attempt} ${a.status || 'no response'}${a.etagSent ? ` with If-Match ${a.etagSent}` : ''}${a.delayMs ? ` after ${a.delayMs} ms` : ''}`)
    .join(', ');
  const count = `${retry.attempts.length} attempt${retry.attempts.length === 1 ? '' : 's'}`;
  return `Refresh & Retry ${retry.outcome} after ${count}${attempts ? `: ${attempts}` : ''}\n`;
}

function describeFailure(outcome: RequestOutcome, result: SendResult, options: TextOptions): string {
  const redacted = options.redaction.result(result);
  const error = redacted.error ?? 'no response';
  // Parse and variable errors already start with "line N:", one per line.
  if (outcome.unsendable) return error.split('\n').map((line) => `${options.fileLabel}: ${line}`).join('\n');
  return `${where(outcome, options)}: ${result.method} ${redacted.url}: no response: ${error}`;
}

function where(outcome: RequestOutcome, options: TextOptions): string {
  return `${options.fileLabel}: line ${outcome.request.requestLine.span.line + 1}`;
}
