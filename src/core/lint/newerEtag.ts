import type { ParsedHttpFile, ParsedRequest, ParseProblem } from '../parser/types';
import { describeInstant, originOfTag } from '../validators/tagOrigin';
import type { StoredValidator } from '../validators/storedValidator';
import type { NamedExchange } from '../variables/resolveReference';
import { fileOnlyScope, substituteVariables, type ResolutionScope } from '../variables/resolveRequest';
import { findHeader } from './headerValues';

export interface NewerEtagSources {
  freshestEtag(url: string): string | undefined;
  get(url: string): StoredValidator | undefined;
  namedExchange(documentKey: string, name: string): NamedExchange | undefined;
  /** The URL this request was last sent to, for URLs built from environment variables. */
  lastSentUrl(documentKey: string, requestLine: number): string | undefined;
}

export interface NewerEtagHint {
  url: string;
  sentEtag: string;
  freshEtag: string;
  /** "10:02:03": a time, not an age, since a lens is not redrawn as time passes. */
  seen: string;
  /** Set when this workspace's own write produced the fresh tag ("PUT → 200"): not another client's change. */
  ownWrite?: string;
}

/**
 * Before a request is sent: does the store know a newer tag than the one its If-Match
 * holds? Resolves what it can without the environment (file variables, named responses)
 * and says nothing when it can't tell.
 */
export function newerEtagHint(
  file: ParsedHttpFile,
  request: ParsedRequest,
  documentKey: string,
  sources: NewerEtagSources,
  now: Date,
): NewerEtagHint | undefined {
  const header = findHeader(request.headers, 'If-Match');
  if (!header || /\{\{\s*\$etag\s*\}\}/.test(header.value.text)) return undefined;
  const requestNames = new Set(file.requests.map((r) => r.name).filter((n): n is string => !!n));
  const fileScope = fileOnlyScope(file);
  const scope: ResolutionScope = {
    ...fileScope,
    context: { ...fileScope.context, requestNames, namedExchange: (name: string) => sources.namedExchange(documentKey, name) },
  };
  const errors: ParseProblem[] = [];
  const written = request.requestLine.urlParts.map((part) => substituteVariables(part.text, part.span, scope, errors)).join('');
  const url = errors.length === 0 ? written : sources.lastSentUrl(documentKey, request.requestLine.span.line);
  if (!url) return undefined;
  const valueErrors: ParseProblem[] = [];
  const sentEtag = substituteVariables(header.value.text, header.value.span, scope, valueErrors).trim();
  if (valueErrors.length > 0 || sentEtag === '' || sentEtag === '*' || sentEtag.includes(',')) return undefined;
  const freshEtag = sources.freshestEtag(url);
  if (!freshEtag || freshEtag === sentEtag) return undefined;
  const record = sources.get(url);
  const origin = record && originOfTag(record, freshEtag);
  const seen = origin ? describeInstant(origin.since, now) : 'recently';
  const hint: NewerEtagHint = { url, sentEtag, freshEtag, seen };
  if (origin?.ours) hint.ownWrite = `${origin.method} → ${origin.status}`;
  return hint;
}
