import { parseEntityTagList, toStrong } from '../preconditions/entityTag';
import { explainInvalidHttpDate } from '../preconditions/httpDate';
import { rewriteAsHttpDate } from '../preconditions/lenientDate';
import type { ParsedHeader, ParsedHttpFile, ParsedRequest } from '../parser/types';
import { resolveReference, type ReferenceContext } from '../variables/resolveReference';
import { createResolutionScope, substituteVariables, type ResolutionScope } from '../variables/resolveRequest';
import { DiagnosticCodes, type Finding } from './findings';
import { findHeader, headerSpan, resolveHeaderValue } from './headerValues';

/**
 * Lints that need no response: preconditions that can never succeed or that a server
 * must ignore, and `{{…}}` that resolve to nothing. Values that come from variables
 * are checked after resolution; the finding then points at the `{{…}}`.
 */
export function lintHttpFile(file: ParsedHttpFile, context: ReferenceContext): Finding[] {
  const scope = createResolutionScope(file, context);
  return file.requests.flatMap((request) => lintRequest(file, request, scope));
}

export function lintRequest(file: ParsedHttpFile, request: ParsedRequest, baseScope: ResolutionScope): Finding[] {
  const findings: Finding[] = [];
  const requestLine = request.requestLine.span.line;
  const url = request.requestLine.urlParts.map((part) => substituteVariables(part.text, part.span, baseScope, [])).join('');
  const scope: ResolutionScope = { ...baseScope, requestUrl: url };
  const add = (finding: Omit<Finding, 'requestLine'>) => findings.push({ ...finding, requestLine });

  for (const reference of request.variableReferences) {
    const resolution = resolveReference(reference.expression, scope);
    if ('error' in resolution && !resolution.pending) {
      add({ code: DiagnosticCodes.unresolvedVariable, severity: 'warning', message: resolution.error, span: reference.span, data: { variable: reference.expression } });
    }
  }
  const ifMatch = findHeader(request.headers, 'If-Match');
  const ifNoneMatch = findHeader(request.headers, 'If-None-Match');
  if (ifMatch) lintEntityTagHeader(file, ifMatch, scope, true, add);
  if (ifNoneMatch) lintEntityTagHeader(file, ifNoneMatch, scope, false, add);
  for (const name of ['If-Modified-Since', 'If-Unmodified-Since']) {
    const header = findHeader(request.headers, name);
    if (header) lintDateHeader(file, header, scope, add);
  }
  lintIgnoredPreconditions(request, add);
  return findings;
}

type Add = (finding: Omit<Finding, 'requestLine'>) => void;

function lintEntityTagHeader(file: ParsedHttpFile, header: ParsedHeader, scope: ResolutionScope, isIfMatch: boolean, add: Add): void {
  const resolved = resolveHeaderValue(file, header, scope);
  if (resolved.value === undefined) return;
  const list = parseEntityTagList(resolved.value);
  const name = header.name.text;
  if (list.starMixedWithTags) {
    add({
      code: DiagnosticCodes.starMixedWithEtags,
      severity: 'error',
      message: `${name}: "*" cannot be combined with entity tags; send either "*" (any current version) or the tags.`,
      span: header.value.span,
    });
  }
  for (const item of list.items) {
    const span = resolved.spanOf(item.offset, item.length);
    if (item.kind === 'unquoted') {
      add({
        code: DiagnosticCodes.unquotedEtag,
        severity: 'warning',
        message: `${name}: ${item.text} is not an entity tag because it has no double quotes; a strict server never matches it.\nWrite ${item.quoted} (quick fix).`,
        span,
        data: { replacement: item.quoted, valueSource: resolved.source },
      });
    } else if (item.kind === 'tag' && item.tag.weak && isIfMatch) {
      add({
        code: DiagnosticCodes.weakEtagInIfMatch,
        severity: 'warning',
        message: `If-Match compares strongly, so the weak tag ${item.text} never matches.\nWeak tags usually come from compression (send Accept-Encoding: identity) or a proxy; use the strong tag ${toStrong(item.text)} if the server issued one.`,
        span,
        data: { sentEtag: item.text, replacement: toStrong(item.text), valueSource: resolved.source },
      });
    }
  }
}

function lintDateHeader(file: ParsedHttpFile, header: ParsedHeader, scope: ResolutionScope, add: Add): void {
  const resolved = resolveHeaderValue(file, header, scope);
  if (resolved.value === undefined) return;
  const problem = explainInvalidHttpDate(resolved.value);
  if (!problem) return;
  const rewritten = rewriteAsHttpDate(resolved.value);
  add({
    code: DiagnosticCodes.invalidHttpDate,
    severity: 'warning',
    message: `${header.name.text}: ${problem.replace(/[.\s]+$/, '')}.\nA server ignores an invalid date (nginx answers 412)${rewritten ? `: write ${rewritten} (quick fix)` : ''}.`,
    span: header.value.span,
    data: { replacement: rewritten, valueSource: resolved.source },
  });
}

/** RFC 9110 §13.2.2: which preconditions the origin must not evaluate, given the others present. */
function lintIgnoredPreconditions(request: ParsedRequest, add: Add): void {
  const method = request.requestLine.method.text;
  const ifMatch = findHeader(request.headers, 'If-Match');
  const ifNoneMatch = findHeader(request.headers, 'If-None-Match');
  const ifUnmodifiedSince = findHeader(request.headers, 'If-Unmodified-Since');
  const ifModifiedSince = findHeader(request.headers, 'If-Modified-Since');
  const ignored = (header: ParsedHeader, why: string) =>
    add({ code: DiagnosticCodes.preconditionIgnored, severity: 'information', message: `${header.name.text} is ignored: ${why}`, span: headerSpan(header) });
  if (['CONNECT', 'OPTIONS', 'TRACE'].includes(method)) {
    for (const header of [ifMatch, ifNoneMatch, ifUnmodifiedSince, ifModifiedSince]) {
      if (header) ignored(header, `preconditions are not evaluated for ${method} (RFC 9110 §13.2.1).`);
    }
    return;
  }
  if (ifUnmodifiedSince && ifMatch) ignored(ifUnmodifiedSince, 'the request also has If-Match, which takes precedence (RFC 9110 §13.1.4).');
  if (ifModifiedSince && ifNoneMatch) ignored(ifModifiedSince, 'the request also has If-None-Match, which takes precedence (RFC 9110 §13.1.3).');
  else if (ifModifiedSince && method !== 'GET' && method !== 'HEAD') {
    ignored(ifModifiedSince, `it only applies to GET and HEAD, not ${method}; use If-Unmodified-Since to guard a write.`);
  }
}

