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
    const method = request.requestLine.method.text;
    const known = freshEtag ? `the freshest known ETag is ${freshEtag}` : 'no ETag is known yet';
    const advice = freshEtag ? `Add If-Match: ${freshEtag} (quick fix) and send again.` : 'Fetch an ETag with a GET (quick fix) and add it as If-Match.';
    return [{
      code: DiagnosticCodes.preconditionRequired,
      severity: 'error',
      message: paragraphs(`428 Precondition Required: this ${method} was sent without If-Match; ${known}`, serverWords, `The server only accepts it with If-Match, to prevent lost updates. ${advice}`),
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
      message: paragraphs(`412 Precondition Failed: If-Match ${sent} no longer matches; ${describeCurrent(fresher, record, now)}`, serverWords, adviceFor(sent, fresher)),
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
      message: paragraphs(
        `412 Precondition Failed: If-Unmodified-Since ${sentDate} is older than the resource's Last-Modified ${lastModified}`,
        serverWords,
        `It changed after that date: read it again, then update If-Unmodified-Since to ${lastModified} (quick fix).`,
      ),
      span: ifUnmodifiedSince.value.span,
      requestLine,
      data: { freshLastModified: lastModified, url },
    }];
  }

  return [{
    code: DiagnosticCodes.preconditionFailed,
    severity: 'error',
    message: paragraphs('412 Precondition Failed: a precondition of this request was false on the server', serverWords, 'Run "Explain this 412" to find out which.'),
    span: request.requestLine.span,
    requestLine,
    data: { freshEtag, freshLastModified: lastModified, url },
  }];
}

function describeCurrent(fresher: string | undefined, record: StoredValidator | undefined, now: Date): string {
  if (!fresher) return 'the server holds another version';
  const seen = record?.history.find((entry) => entry.etag === fresher);
  const when = seen ? ` (seen ${describeAge(new Date(seen.observedAt), now)} in a ${seen.method} → ${seen.status})` : '';
  return `the freshest known ETag is ${fresher}${when}`;
}

function adviceFor(sent: string, fresher: string | undefined): string {
  if (!fresher) return 'Fetch a fresh ETag (quick fix), merge the other change into yours, and send again.';
  const sameVersion = opaqueOf(sent).replace(/-(gzip|br|deflate)$/, '') === opaqueOf(fresher);
  if (sameVersion) return 'The opaque value is the same: a compression layer or proxy altered the tag. Use the tag as the server issued it (quick fix).';
  return `Another client probably changed it: look at the current version, then use ${fresher} (quick fix) and send again.`;
}

/**
 * A diagnostic's text, one line each: what was sent against what the server holds, the
 * server's own words, the advice. The hover shows the lines; each ends with one period.
 */
export function paragraphs(...lines: string[]): string {
  return lines.filter((line) => line.trim() !== '').map(asSentence).join('\n');
}

function asSentence(text: string): string {
  const trimmed = text.trim().replace(/[.\s]+$/, '');
  return /[!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
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
  // The server's sentences end in their own period: joined with '; ', they would make "..".
  const quoted = parts.map((part) => part.trim().replace(/[.\s]+$/, ''));
  return quoted.length > 0 ? `The server says: ${quoted.join('; ')}.` : '';
}

