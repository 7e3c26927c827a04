/**
 * "What to do" for each cause, in the words of the quick fixes and commands that do it
 * (CONTRACTS.md titles), filled in with the values the diagnosis found.
 */
import type { SendResult } from '../http/types';
import { parseEntityTagList } from '../preconditions/entityTag';
import { explainInvalidHttpDate } from '../preconditions/httpDate';
import { collectPreconditionHeaders } from '../preconditions/preconditionHeaders';
import { freshestEtagOf, freshestLastModifiedOf } from '../validators/freshestValidators';
import type { StoredValidator } from '../validators/storedValidator';
import type { CauseId, Diagnosis, DiagnosisCause } from './types';

export interface StepContext {
  diagnosis: Diagnosis;
  failed: SendResult;
  record?: StoredValidator;
}

function freshTag(context: StepContext): string | undefined {
  return context.diagnosis.freshEtag ?? (context.record && freshestEtagOf(context.record));
}

function freshDate(context: StepContext): string | undefined {
  return context.diagnosis.freshLastModified ?? (context.record && freshestLastModifiedOf(context.record));
}

function replaceTagStep(context: StepContext): string {
  const tag = freshTag(context);
  return tag !== undefined
    ? `Replace If-Match with ${tag} (quick fix "Replace If-Match with freshest ETag"), then send again.`
    : 'Fetch a fresh ETag (quick fix "Fetch fresh ETag and update If-Match"), then send again.';
}

function malformedSteps(context: StepContext): string[] {
  const headers = collectPreconditionHeaders(context.failed.requestHeaders);
  const steps: string[] = [];
  const values = [headers.ifMatch, headers.ifNoneMatch, headers.ifModifiedSince, headers.ifUnmodifiedSince].filter((v): v is string => v !== undefined);
  if (values.some((v) => v.includes('{{'))) {
    steps.push('Resolve the {{…}} variable: define it in the selected environment, or send the named request it refers to first.');
  }
  for (const value of [headers.ifMatch, headers.ifNoneMatch]) {
    if (value === undefined) continue;
    const list = parseEntityTagList(value);
    if (list.starMixedWithTags) steps.push('Send either * alone or a list of entity tags, not both.');
    for (const problem of list.problems) {
      if (problem.kind === 'unquoted' && !problem.text.includes('{{')) steps.push(`Quote the entity tag: ${problem.quoted} (quick fix "Quote entity tag").`);
    }
  }
  for (const value of [headers.ifUnmodifiedSince, headers.ifModifiedSince]) {
    if (value !== undefined && !value.includes('{{') && explainInvalidHttpDate(value) !== undefined) {
      steps.push('Write the date as an HTTP-date, e.g. Sun, 06 Nov 1994 08:49:37 GMT (quick fix "Rewrite as HTTP-date").');
    }
  }
  return steps.length > 0 ? steps : ['Fix the precondition header so it is a valid entity tag list or HTTP-date.'];
}

function dateSteps(context: StepContext): string[] {
  const headers = collectPreconditionHeaders(context.failed.requestHeaders);
  const steps: string[] = [];
  const date = freshDate(context);
  const tag = freshTag(context);
  const write = !['GET', 'HEAD'].includes(context.failed.method.toUpperCase());
  if (headers.ifModifiedSince !== undefined && write) steps.push('Guard a write with If-Unmodified-Since (or If-Match), not If-Modified-Since.');
  if (headers.ifUnmodifiedSince !== undefined || steps.length > 0) {
    steps.push(date !== undefined
      ? `Update If-Unmodified-Since to ${date} (quick fix "Update If-Unmodified-Since") after checking nobody else's change is lost.`
      : 'Fetch the current Last-Modified (Refresh validator) and use it in If-Unmodified-Since.');
  }
  if (tag !== undefined) steps.push(`Better: send If-Match: ${tag}. Entity tags don't share Last-Modified's one-second resolution.`);
  return steps;
}

const STATIC_STEPS: Readonly<Partial<Record<CauseId, readonly string[]>>> = {
  'clock-skew': [
    'Take the date from the server (its Last-Modified, e.g. {{name.response.headers.Last-Modified}}) instead of computing it with {{$datetime}}.',
    'Fix the clock that is off: enable time synchronisation (NTP) on the client or ask the API provider to.',
  ],
  unknown: [
    'Refresh the validator and compare it with what the request sent (Compare with server).',
    'Export the trace (Export trace) and send it to the API provider: it holds every exchange with secrets redacted.',
  ],
};

/** Compression and caches need different fixes; the evidence says which one was seen. */
function intermediarySteps(cause: DiagnosisCause, context: StepContext): string[] {
  const text = cause.evidence.join(' ');
  const compression = /Content-Encoding|compress|W\/|-gzip|-br|suffix/i.test(text);
  const cache = /cache|Via:|Age:|stale copy/i.test(text);
  const tag = freshTag(context);
  return [
    ...(compression || !cache ? ['Send Accept-Encoding: identity on the request that reads the ETag, so the tag is the strong identity one.'] : []),
    ...(cache || !compression ? ['Bypass the cache: add Cache-Control: no-cache to that read, or send it to the origin directly.'] : []),
    ...(tag !== undefined ? [`Replace If-Match with ${tag} (quick fix "Replace If-Match with freshest ETag").`] : []),
  ];
}

export function stepsFor(cause: DiagnosisCause, context: StepContext): string[] {
  const { id } = cause;
  const tag = freshTag(context);
  switch (id) {
    case 'changed-by-another-client':
      return [
        "Compare your body with the server's current version (Compare with server) and merge the other change into it.",
        replaceTagStep(context),
        "Or run Refresh & Retry: it resends with the fresh tag, which overwrites the other client's change unless you merged it first.",
      ];
    case 'etag-mismatch':
      return [
        replaceTagStep(context),
        'Copy the tag exactly as this URL sends it (quotes and W/ included), e.g. with {{$etag}} or {{name.response.headers.ETag}}, not from another resource or environment.',
      ];
    case 'intermediary-altered-validator':
      return intermediarySteps(cause, context);
    case 'outdated-date-precondition':
      return dateSteps(context);
    case 'malformed-precondition':
      return malformedSteps(context);
    case 'precondition-required':
      return [
        tag !== undefined ? `Add If-Match with ${tag} (quick fix "Add If-Match with freshest ETag").` : 'Fetch the ETag and add If-Match (quick fix "Fetch ETag and add If-Match").',
        'To create a resource that must not exist yet, send If-None-Match: * instead.',
      ];
    default: {
      const steps = [...(STATIC_STEPS[id] ?? [])];
      if (id === 'clock-skew' && tag !== undefined) steps.push(`Or send If-Match: ${tag}, which no clock can break.`);
      return steps;
    }
  }
}
