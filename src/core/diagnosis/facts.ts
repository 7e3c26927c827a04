/**
 * Everything the cause analyzers read, derived once from the diagnosis input: the
 * preconditions as sent, the validators the server holds now, what the store saw before,
 * and how far the server's clock is from ours.
 */
import type { SendResult } from '../http/types';
import { parseEntityTagList, type EntityTagList } from '../preconditions/entityTag';
import { parseHttpDate } from '../preconditions/httpDate';
import { collectPreconditionHeaders, type PreconditionHeaders } from '../preconditions/preconditionHeaders';
import type { ValidatorObservation } from '../validators/types';
import { formatInstant, headerOf } from './format';
import type { DiagnosisInput } from './types';

/**
 * Beyond this difference between the server's `Date` and the local clock, a date the
 * client computed itself can fail If-Unmodified-Since. `Date` has one-second resolution
 * and the exchange itself takes time, so a couple of seconds is measurement noise; five
 * seconds is well above that noise and well below the minutes a misconfigured clock is off.
 */
export const CLOCK_SKEW_THRESHOLD_MS = 5_000;

export interface ClockSkew {
  /** Server minus local: positive when the server's clock is ahead. */
  readonly ms: number;
  readonly serverDate: string;
  readonly localTime: string;
  /** Which response the measurement comes from, for the evidence sentence. */
  readonly from: string;
}

export interface CurrentValidators {
  /** Where they come from: the identity probe, or the failed response when no probe was made. */
  readonly source: 'probe' | 'failed response';
  readonly etag?: string;
  readonly lastModified?: string;
  readonly contentEncoding?: string;
}

export interface DiagnosisFacts {
  readonly input: DiagnosisInput;
  readonly failed: SendResult;
  /** Upper-cased. */
  readonly method: string;
  readonly preconditions: PreconditionHeaders;
  readonly ifMatch?: EntityTagList;
  readonly ifNoneMatch?: EntityTagList;
  /** Undefined when nothing tells what the server holds now. */
  readonly current?: CurrentValidators;
  /** The probe found no resource (404/410). */
  readonly resourceGone: boolean;
  /** Observations that carried a response from the server, newest first (the failure itself excluded). */
  readonly observations: readonly ValidatorObservation[];
  /** Local time the failed request was sent (approximately: when its response arrived). */
  readonly sentAtMs: number;
  readonly skew?: ClockSkew;
}

function isSuccessfulRead(result: SendResult | undefined): result is SendResult {
  return result !== undefined && ((result.status >= 200 && result.status < 300) || result.status === 304);
}

/** The failure's own entry in the history: same method and status, the newest such. */
function failureObservation(input: DiagnosisInput): ValidatorObservation | undefined {
  const method = input.failed.method.toUpperCase();
  return input.history.find((o) => o.status === input.failed.status && o.method.toUpperCase() === method);
}

function currentValidators(input: DiagnosisInput): CurrentValidators | undefined {
  const { probe, failed } = input;
  if (isSuccessfulRead(probe)) {
    return {
      source: 'probe',
      etag: headerOf(probe.responseHeaders, 'etag'),
      lastModified: headerOf(probe.responseHeaders, 'last-modified'),
      contentEncoding: headerOf(probe.responseHeaders, 'content-encoding'),
    };
  }
  // Without a probe that read the resource (none made, or refused: a write-only SAS, a 403),
  // a 412 that names the current tag (some APIs do) is the best we have. Not after a 404/410.
  const probeStatus = input.probe?.status;
  if (probeStatus !== 404 && probeStatus !== 410) {
    const etag = headerOf(failed.responseHeaders, 'etag');
    const lastModified = headerOf(failed.responseHeaders, 'last-modified');
    if (etag !== undefined || lastModified !== undefined) return { source: 'failed response', etag, lastModified };
  }
  return undefined;
}

/**
 * Server `Date` minus local arrival time, from the pair measured most directly: the
 * failed response with its known arrival, then the probe (made at `now`), then the
 * store's latest record.
 */
function measureSkew(input: DiagnosisInput, failureAt: number | undefined): ClockSkew | undefined {
  const candidates: Array<[string | undefined, number | undefined, string]> = [
    [headerOf(input.failed.responseHeaders, 'date'), input.failedAt?.getTime(), `the ${input.failed.status} response`],
    [headerOf(input.probe?.responseHeaders, 'date'), input.probe ? input.now.getTime() : undefined, `the ${input.probe?.method ?? ''} probe`],
    [headerOf(input.failed.responseHeaders, 'date'), failureAt, `the ${input.failed.status} response`],
    [input.record?.serverDate, input.record ? Date.parse(input.record.observedAt) : undefined, 'the latest recorded response'],
  ];
  for (const [date, local, from] of candidates) {
    if (date === undefined || local === undefined || !Number.isFinite(local)) continue;
    const server = parseHttpDate(date, { now: local });
    if (server === undefined) continue;
    return { ms: server.epochMs - local, serverDate: date, localTime: formatInstant(local), from };
  }
  return undefined;
}

export function gatherFacts(input: DiagnosisInput): DiagnosisFacts {
  const { failed } = input;
  const preconditions = collectPreconditionHeaders(failed.requestHeaders);
  const failure = failureObservation(input);
  const failureAt = failure ? Date.parse(failure.observedAt) : undefined;
  const observations = input.history.filter((o) => o !== failure && o.status >= 100);
  const probeStatus = input.probe?.status;
  return {
    input,
    failed,
    method: failed.method.toUpperCase(),
    preconditions,
    ifMatch: preconditions.ifMatch === undefined ? undefined : parseEntityTagList(preconditions.ifMatch),
    ifNoneMatch: preconditions.ifNoneMatch === undefined ? undefined : parseEntityTagList(preconditions.ifNoneMatch),
    current: currentValidators(input),
    resourceGone: probeStatus === 404 || probeStatus === 410,
    observations,
    sentAtMs: input.failedAt?.getTime() ?? (failureAt !== undefined && Number.isFinite(failureAt) ? failureAt : input.now.getTime()),
    skew: measureSkew(input, failureAt),
  };
}

/** Observations that carried `tag` exactly, newest first. */
export function observationsOf(facts: DiagnosisFacts, tag: string): ValidatorObservation[] {
  return facts.observations.filter((o) => o.etag !== undefined && o.etag.trim() === tag.trim());
}

/** The content coding of the representation the store saw `tag` on, if it knows. */
export function codingOfObservedTag(facts: DiagnosisFacts, tag: string): string | undefined {
  return facts.input.record?.representations.find((r) => r.etag?.trim() === tag.trim())?.contentEncoding;
}

/** The newest earlier exchange whose response carried `tag`. */
export function exchangeThatDelivered(facts: DiagnosisFacts, tag: string): { result: SendResult; at?: Date } | undefined {
  return facts.input.earlierExchanges?.find((e) => headerOf(e.result.responseHeaders, 'etag') === tag.trim());
}
