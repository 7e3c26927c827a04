/**
 * "What to do" for each cause, in the words of the quick fixes and commands that do it
 * (CONTRACTS.md titles) or, for the command line, of its options, filled in with the values
 * the diagnosis found.
 */
import type { SendResult } from '../http/types';
import { parseEntityTagList } from '../preconditions/entityTag';
import { explainInvalidHttpDate } from '../preconditions/httpDate';
import { collectPreconditionHeaders } from '../preconditions/preconditionHeaders';
import { freshestEtagOf, freshestLastModifiedOf } from '../validators/freshestValidators';
import type { StoredValidator } from '../validators/storedValidator';
import type { Diagnosis, DiagnosisCause } from './types';

export interface StepContext {
  diagnosis: Diagnosis;
  failed: SendResult;
  record?: StoredValidator;
  /** How actions are named where the steps are read; the editor's by default. */
  wording?: ActionWording;
}

/** How a step names the action that does it, where the reader can take it. */
export interface ActionWording {
  /** Appended to a step a quick fix performs; `title` is its CONTRACTS.md title. */
  quickFix(title: string): string;
  compareWithServer: string;
  refreshValidator: string;
  exportTrace: string;
  refreshAndRetry: string;
}

export const EDITOR_ACTIONS: ActionWording = {
  quickFix: (title) => ` (quick fix "${title}")`,
  compareWithServer: ' (Compare with server)',
  refreshValidator: ' (Refresh validator)',
  exportTrace: ' (Export trace)',
  refreshAndRetry: 'run Refresh & Retry',
};

/** A terminal has no quick fixes: the steps say what to write, and name the options that exist. */
export const COMMAND_LINE_ACTIONS: ActionWording = {
  quickFix: () => '',
  compareWithServer: ' (GET it: precondition-doctor send --line <its line>)',
  refreshValidator: ' (send a GET or HEAD for the URL)',
  exportTrace: ' (run with --json)',
  refreshAndRetry: 'run again with --retry',
};

function actionsOf(context: StepContext): ActionWording {
  return context.wording ?? EDITOR_ACTIONS;
}

function freshTag(context: StepContext): string | undefined {
  return context.diagnosis.freshEtag ?? (context.record && freshestEtagOf(context.record));
}

function freshDate(context: StepContext): string | undefined {
  return context.diagnosis.freshLastModified ?? (context.record && freshestLastModifiedOf(context.record));
}

function replaceTagStep(context: StepContext): string {
  const tag = freshTag(context);
  const { quickFix } = actionsOf(context);
  return tag !== undefined
    ? `Replace If-Match with ${tag}${quickFix('Replace If-Match with freshest ETag')}, then send again.`
    : `Fetch a fresh ETag${quickFix('Fetch fresh ETag and update If-Match')}, then send again.`;
}

function malformedSteps(context: StepContext): string[] {
  const headers = collectPreconditionHeaders(context.failed.requestHeaders);
  const { quickFix } = actionsOf(context);
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
      if (problem.kind === 'unquoted' && !problem.text.includes('{{')) steps.push(`Quote the entity tag: ${problem.quoted}${quickFix('Quote entity tag')}.`);
    }
  }
  for (const value of [headers.ifUnmodifiedSince, headers.ifModifiedSince]) {
    if (value !== undefined && !value.includes('{{') && explainInvalidHttpDate(value) !== undefined) {
      steps.push(`Write the date as an HTTP-date, e.g. Sun, 06 Nov 1994 08:49:37 GMT${quickFix('Rewrite as HTTP-date')}.`);
    }
  }
  return steps.length > 0 ? steps : ['Fix the precondition header so it is a valid entity tag list or HTTP-date.'];
}

function dateSteps(context: StepContext): string[] {
  const headers = collectPreconditionHeaders(context.failed.requestHeaders);
  const actions = actionsOf(context);
  const steps: string[] = [];
  const date = freshDate(context);
  const tag = freshTag(context);
  const write = !['GET', 'HEAD'].includes(context.failed.method.toUpperCase());
  if (headers.ifModifiedSince !== undefined && write) steps.push('Guard a write with If-Unmodified-Since (or If-Match), not If-Modified-Since.');
  if (headers.ifUnmodifiedSince !== undefined || steps.length > 0) {
    steps.push(date !== undefined
      ? `Update If-Unmodified-Since to ${date}${actions.quickFix('Update If-Unmodified-Since')} after checking nobody else's change is lost.`
      : `Fetch the current Last-Modified${actions.refreshValidator} and use it in If-Unmodified-Since.`);
  }
  if (tag !== undefined) steps.push(`Better: send If-Match: ${tag}. Entity tags don't share Last-Modified's one-second resolution.`);
  return steps;
}

const CLOCK_SKEW_STEPS: readonly string[] = [
  'Take the date from the server (its Last-Modified, e.g. {{name.response.headers.Last-Modified}}) instead of computing it with {{$datetime}}.',
  'Fix the clock that is off: enable time synchronisation (NTP) on the client or ask the API provider to.',
];

function unknownCauseSteps({ compareWithServer, exportTrace }: ActionWording): string[] {
  return [
    `Refresh the validator and compare it with what the request sent${compareWithServer}.`,
    `Export the trace${exportTrace} and send it to the API provider: it holds every exchange with secrets redacted.`,
  ];
}

/** Compression and caches need different fixes; the evidence says which one was seen. */
function intermediarySteps(cause: DiagnosisCause, context: StepContext): string[] {
  const text = cause.evidence.join(' ');
  const compression = /Content-Encoding|compress|W\/|-gzip|-br|suffix/i.test(text);
  const cache = /cache|Via:|Age:|stale copy/i.test(text);
  const tag = freshTag(context);
  return [
    ...(compression || !cache ? ['Send Accept-Encoding: identity on the request that reads the ETag, so the tag is the strong identity one.'] : []),
    ...(cache || !compression ? ['Bypass the cache: add Cache-Control: no-cache to that read, or send it to the origin directly.'] : []),
    ...(tag !== undefined ? [`Replace If-Match with ${tag}${actionsOf(context).quickFix('Replace If-Match with freshest ETag')}.`] : []),
  ];
}

export function stepsFor(cause: DiagnosisCause, context: StepContext): string[] {
  const { id } = cause;
  const tag = freshTag(context);
  const actions = actionsOf(context);
  switch (id) {
    case 'changed-by-another-client':
      return [
        `Compare your body with the server's current version${actions.compareWithServer} and merge the other change into it.`,
        replaceTagStep(context),
        `Or ${actions.refreshAndRetry}: it resends with the fresh tag, which overwrites the other client's change unless you merged it first.`,
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
        tag !== undefined
          ? `Add If-Match with ${tag}${actions.quickFix('Add If-Match with freshest ETag')}.`
          : `Fetch the ETag and add If-Match${actions.quickFix('Fetch ETag and add If-Match')}.`,
        'To create a resource that must not exist yet, send If-None-Match: * instead.',
      ];
    case 'already-exists':
      return [
        `Compare your body with what the server holds${actions.compareWithServer}: if it is your own earlier attempt, the create is done and nothing needs resending.`,
        tag !== undefined ? `To replace it, send If-Match: ${tag} instead of If-None-Match: *.` : 'To replace it, fetch its ETag and send If-Match with it instead of If-None-Match: *.',
        'To keep both, create it under another name.',
      ];
    case 'clock-skew':
      return [...CLOCK_SKEW_STEPS, ...(tag !== undefined ? [`Or send If-Match: ${tag}, which no clock can break.`] : [])];
    default:
      return unknownCauseSteps(actions);
  }
}
