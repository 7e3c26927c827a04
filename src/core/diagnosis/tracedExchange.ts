/**
 * One exchange as the trace and the HAR see it: the SendResult, when it arrived, and a
 * redacted copy that is the only version either export ever reads.
 */
import type { SendResult } from '../http/types';
import { headerOf } from './format';
import { redactBody, redactHeaders, redactUrl, type RedactionOptions } from './redaction';

export interface TracedExchange {
  result: SendResult;
  /** When the response arrived (local clock); ExchangeHistory's `RecordedExchange.at` fits. */
  at?: Date;
  /** "probe", "retry 2", a request name… */
  label?: string;
}

export function asTracedExchange(exchange: SendResult | TracedExchange): TracedExchange {
  return 'result' in exchange ? exchange : { result: exchange };
}

/** Start of the exchange: arrival minus duration. */
export function startedAt(exchange: TracedExchange): Date | undefined {
  return exchange.at === undefined ? undefined : new Date(exchange.at.getTime() - Math.max(0, exchange.result.durationMs));
}

/** A copy with every secret replaced; bodies are redacted before they are capped, so a cap can't cut a secret in half. */
export function redactExchange(result: SendResult, options: RedactionOptions = {}): SendResult {
  const requestType = headerOf(result.requestHeaders, 'content-type');
  const responseType = headerOf(result.responseHeaders, 'content-type');
  return {
    ...result,
    url: redactUrl(result.url, options),
    requestHeaders: redactHeaders(result.requestHeaders, options),
    ...(result.requestBody === undefined ? {} : { requestBody: redactBody(result.requestBody, requestType, options) }),
    responseHeaders: redactHeaders(result.responseHeaders, options),
    bodyText: redactBody(result.bodyText, responseType, options),
    // Error sentences can quote the URL, userinfo and query included.
    ...(result.error === undefined ? {} : { error: result.url === '' ? result.error : result.error.split(result.url).join(redactUrl(result.url, options)) }),
  };
}
