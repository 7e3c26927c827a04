import type { SendResult } from '../http/types';
import { parseHttpDate } from '../preconditions/httpDate';
import { opaqueOf } from '../preconditions/entityTag';
import type { ParsedHttpFile, ParsedRequest } from '../parser/types';
import type { StoredValidator } from '../validators/storedValidator';
import { describeAge } from '../validators/describe';
import { fileOnlyScope } from '../variables/resolveRequest';
import { DiagnosticCodes, type Finding } from './findings';
import { findHeader, resolveHeaderValue } from './headerValues';

export interface ValidatorFacts {
  freshestEtag(url: string): string | undefined;
  freshestLastModified(url: string): string | undefined;
  get(url: string): StoredValidator | undefined;
}

/**
 * What a 412 or 428 says about the request that got it, placed on the text to change:
 * the If-Match value, the If-Unmodified-Since date, or the request line.
 */
export function findingsForResponse(
  file: ParsedHttpFile,
  request: ParsedRequest,
  result: SendResult,
  validators: ValidatorFacts,
  now: Date,
): Finding[] {
  if (result.status !== 412 && result.status !== 428) return [];
  const requestLine = request.requestLine.span.line;
  const url = result.url;
  const serverWords = serverExplanation(result);
  const freshEtag = validators.freshestEtag(url);
  const record = validators.get(url);

  if (result.status === 428) {
    const known = freshEtag ? ` The freshest known ETag is ${freshEtag}.` : ' No ETag is known yet: fetch one with a GET.';
    return [{
      code: DiagnosticCodes.preconditionRequired,
      severity: 'error',
      message: `428 Precondition Required: the server only accepts this ${request.requestLine.method.text} with If-Match (to prevent lost updates).${known}${serverWords}`,
      span: request.requestLine.span,
      requestLine,
      data: { freshEtag, url },
    }];
  }

  const ifMatch = findHeader(request.headers, 'If-Match');
  if (ifMatch) {
    const resolved = resolveHeaderValue(file, ifMatch, { ...fileOnlyScope(file), requestUrl: url });
    const sent = result.requestHeaders['if-match'] ?? resolved.value ?? ifMatch.value.text;
    const fresher = freshEtag !== undefined && freshEtag !== sent ? freshEtag : undefined;
    return [{
      code: DiagnosticCodes.staleIfMatch,
      severity: 'error',
      message: `412 Precondition Failed: If-Match ${sent} ${describeFresher(sent, fresher, record, now)}${serverWords}`,
      span: ifMatch.value.span,
      requestLine,
      data: { sentEtag: sent, freshEtag: fresher, url, valueSource: resolved.source },
    }];
  }

  const ifUnmodifiedSince = findHeader(request.headers, 'If-Unmodified-Since');
  const lastModified = validators.freshestLastModified(url);
  const sentDate = result.requestHeaders['if-unmodified-since'];
  if (ifUnmodifiedSince && lastModified && sentDate && isLater(lastModified, sentDate)) {
    return [{
      code: DiagnosticCodes.staleIfUnmodifiedSince,
      severity: 'error',
      message: `412 Precondition Failed: If-Unmodified-Since ${sentDate} is older than the resource's Last-Modified ${lastModified}: it changed after that date.${serverWords}`,
      span: ifUnmodifiedSince.value.span,
      requestLine,
      data: { freshLastModified: lastModified, url },
    }];
  }

  return [{
    code: DiagnosticCodes.preconditionFailed,
    severity: 'error',
    message: `412 Precondition Failed: a precondition of this request was false on the server.${serverWords} Run "Explain this 412" to find out which.`,
    span: request.requestLine.span,
    requestLine,
    data: { freshEtag, freshLastModified: lastModified, url },
  }];
}

function describeFresher(sent: string, fresher: string | undefined, record: StoredValidator | undefined, now: Date): string {
  if (!fresher) return 'no longer matches: the server holds another version; fetch a fresh ETag.';
  const seen = record?.history.find((entry) => entry.etag === fresher);
  const when = seen ? ` (seen ${describeAge(new Date(seen.observedAt), now)} in a ${seen.method} → ${seen.status})` : '';
  const sameVersion = opaqueOf(sent).replace(/-(gzip|br|deflate)$/, '') === opaqueOf(fresher);
  const why = sameVersion ? ' The opaque value is the same: a compression layer or proxy altered the tag.' : '';
  return `no longer matches: the freshest known ETag is ${fresher}${when}.${why}`;
}

function isLater(lastModified: string, sentDate: string): boolean {
  const modified = parseHttpDate(lastModified);
  const sent = parseHttpDate(sentDate);
  return !!modified && !!sent && modified.epochMs > sent.epochMs;
}

/** The server's own words, when it gives them: Azure's error code, a problem+json title and detail, an unusual reason phrase. */
export function serverExplanation(result: SendResult): string {
  const parts: string[] = [];
  const azure = result.responseHeaders['x-ms-error-code'];
  if (azure) parts.push(`x-ms-error-code: ${azure}`);
  const type = (result.responseHeaders['content-type'] ?? '').toLowerCase();
  if (type.includes('json')) {
    try {
      const body = JSON.parse(result.bodyText) as Record<string, unknown>;
      for (const key of ['title', 'detail', 'message', 'error']) {
        if (typeof body[key] === 'string' && body[key]) parts.push(`${key}: ${body[key] as string}`);
      }
    } catch {
      // not JSON after all: nothing to quote
    }
  }
  if (result.statusText && !/^precondition (failed|required)$/i.test(result.statusText)) parts.push(`reason: ${result.statusText}`);
  return parts.length > 0 ? ` The server says: ${parts.join('; ')}.` : '';
}

