/**
 * The exported trace as HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), so
 * the provider can open it in browser devtools or a HAR viewer. Built from the same
 * redacted copies as the Markdown trace.
 */
import type { SendResult } from '../http/types';
import { headerOf } from './format';
import { RedactionPolicy } from '../redaction/redactionPolicy';
import { asTracedExchange, startedAt, type TracedExchange } from './tracedExchange';

export interface HarNameValue {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    queryString: HarNameValue[];
    postData?: { mimeType: string; text: string };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    content: { size: number; mimeType: string; text?: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
    _error?: string;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  comment?: string;
}

export interface HarDocument {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    entries: HarEntry[];
    comment?: string;
  };
}

export interface HarInput {
  exchanges: Array<SendResult | TracedExchange>;
  extensionVersion?: string;
  now: Date;
  /** The session's policy (settings and secret values); the built-in rules alone when absent. */
  redaction?: RedactionPolicy;
}

function nameValues(headers: Readonly<Record<string, string>>): HarNameValue[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value }));
}

/** Query parameters as written in the (already redacted) URL. */
function queryString(url: string): HarNameValue[] {
  const query = /\?([^#]*)/.exec(url)?.[1];
  if (!query) return [];
  return query.split('&').filter(Boolean).map((pair) => {
    const equals = pair.indexOf('=');
    const decode = (text: string) => {
      try {
        return decodeURIComponent(text.replace(/\+/g, ' '));
      } catch {
        return text;
      }
    };
    return equals === -1 ? { name: decode(pair), value: '' } : { name: decode(pair.slice(0, equals)), value: decode(pair.slice(equals + 1)) };
  });
}

function entryOf(exchange: TracedExchange, options: HarInput, policy: RedactionPolicy): HarEntry {
  const result = policy.result(exchange.result);
  const time = Math.max(0, result.durationMs);
  const requestType = headerOf(result.requestHeaders, 'content-type') ?? 'application/octet-stream';
  const responseType = headerOf(result.responseHeaders, 'content-type') ?? '';
  const bodyBytes = Buffer.byteLength(result.bodyText, 'utf8');
  return {
    // HAR requires a start time; without a recorded one the export time stands in (and says so).
    startedDateTime: (startedAt(exchange) ?? options.now).toISOString(),
    time,
    request: {
      method: result.method,
      url: result.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: nameValues(result.requestHeaders),
      queryString: queryString(result.url),
      ...(result.requestBody === undefined ? {} : { postData: { mimeType: requestType, text: result.requestBody } }),
      headersSize: -1,
      bodySize: result.requestBody === undefined ? 0 : Buffer.byteLength(result.requestBody, 'utf8'),
    },
    response: {
      status: result.status,
      statusText: result.statusText,
      httpVersion: result.status === 0 ? '' : 'HTTP/1.1',
      cookies: [],
      headers: nameValues(result.responseHeaders),
      content: { size: bodyBytes, mimeType: responseType, ...(result.bodyText === '' ? {} : { text: result.bodyText }) },
      redirectURL: headerOf(result.responseHeaders, 'location') ?? '',
      headersSize: -1,
      bodySize: -1,
      ...(result.error === undefined ? {} : { _error: result.error }),
    },
    cache: {},
    // Only the total is measured; HAR wants the phases, so it all counts as waiting.
    timings: { send: 0, wait: time, receive: 0 },
    ...(exchange.label || exchange.at === undefined
      ? { comment: [exchange.label, exchange.at === undefined ? 'start time not recorded' : undefined].filter(Boolean).join('; ') }
      : {}),
  };
}

export function buildRedactedHar(input: HarInput): HarDocument {
  const policy = input.redaction ?? new RedactionPolicy();
  return {
    log: {
      version: '1.2',
      creator: { name: 'Precondition Doctor', version: input.extensionVersion ?? '0.0.0' },
      entries: input.exchanges.map(asTracedExchange).map((exchange) => entryOf(exchange, input, policy)),
      comment: 'Secrets redacted: values replaced with [redacted].',
    },
  };
}
