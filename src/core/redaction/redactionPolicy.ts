/**
 * The one redaction policy: every output that can leave the machine (the log, reports,
 * traces, HAR files, copied command lines, the CLI's text and JSON) asks it what to hide.
 * It hides by name (headers, query parameters, body fields, multipart parts) and by
 * provenance: any value that came from a private env file, `.env` or the process
 * environment is a secret wherever it later appears, whatever it is called there.
 */
import type { Diagnosis } from '../diagnosis/types';
import type { OutgoingRequest, SendResult } from '../http/types';
import { redactBodyByNames } from './body';
import { describeRules, isSecretHeader, REDACTED, URL_HEADERS, type RedactionOptions } from './names';
import { SecretValues } from './secretValues';
import { redactUrl, redactUrlHeader, redactUrlsInText } from './url';

export { REDACTED, SecretValues, type RedactionOptions };

/** A policy for one output: the user's extra names (settings) plus the session's secret values. */
export class RedactionPolicy {
  /** For `--show-secrets` and "Copy with Secrets": the user asked to see everything. */
  static revealing(): RedactionPolicy {
    return new RedactionPolicy({}, undefined, false);
  }

  constructor(
    readonly options: RedactionOptions = {},
    private readonly secrets?: SecretValues,
    /** False only for a policy the user asked for by name (see `revealing`). */
    readonly enabled = true,
  ) {}

  /** Free text (a log line, an error sentence, evidence, a body): secrets in the URLs it quotes, and known secret values. */
  text(text: string): string {
    if (!this.enabled) return text;
    const withUrls = redactUrlsInText(text, this.options.queryParameters);
    return this.secrets ? this.secrets.replaceIn(withUrls) : withUrls;
  }

  url(url: string): string {
    if (!this.enabled) return url;
    const redacted = redactUrl(url, this.options.queryParameters);
    return this.secrets ? this.secrets.replaceIn(redacted) : redacted;
  }

  isSecretHeader(name: string): boolean {
    return this.enabled && isSecretHeader(name, this.options);
  }

  headerValue(name: string, value: string): string {
    if (!this.enabled) return value;
    if (this.isSecretHeader(name)) return REDACTED;
    return this.text(URL_HEADERS.has(name.toLowerCase()) ? redactUrlHeader(value, this.options.queryParameters) : value);
  }

  headers(headers: Readonly<Record<string, string>>): Record<string, string> {
    const redacted: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) redacted[name] = this.headerValue(name, value);
    return redacted;
  }

  /** By field name for JSON, form, XML and multipart bodies (by Content-Type, or by shape without one), then as text. */
  body(body: string, contentType?: string): string {
    if (!this.enabled) return body;
    return this.text(redactBodyByNames(body, contentType, this.options.bodyFields ?? []));
  }

  /** A request about to be copied (a curl line): a body read from a file is redacted too when it is UTF-8 text. */
  request(request: OutgoingRequest): OutgoingRequest {
    if (!this.enabled) return request;
    const contentType = request.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1];
    return {
      method: request.method,
      url: this.url(request.url),
      headers: request.headers.map(([name, value]) => [name, this.headerValue(name, value)]),
      body: request.body === undefined ? undefined : this.requestBody(request.body, contentType),
    };
  }

  /** A copy with every secret replaced; bodies are redacted whole, before any cap could cut a secret in half. */
  result(result: SendResult): SendResult {
    if (!this.enabled) return result;
    const redacted: SendResult = {
      ...result,
      url: this.url(result.url),
      requestHeaders: this.headers(result.requestHeaders),
      responseHeaders: this.headers(result.responseHeaders),
      bodyText: this.body(result.bodyText, contentTypeOf(result.responseHeaders)),
    };
    if (result.requestBody !== undefined) redacted.requestBody = this.body(result.requestBody, contentTypeOf(result.requestHeaders));
    if (result.error !== undefined) redacted.error = this.error(result);
    return redacted;
  }

  /** An exchange's error sentence, which can quote the URL as sent, userinfo and query included. */
  error(result: SendResult): string | undefined {
    if (result.error === undefined || !this.enabled) return result.error;
    return this.text(result.url === '' ? result.error : result.error.split(result.url).join(this.url(result.url)));
  }

  /** Evidence quotes URLs and header values as sent. */
  diagnosis(diagnosis: Diagnosis): Diagnosis {
    if (!this.enabled) return diagnosis;
    return { ...diagnosis, causes: diagnosis.causes.map((cause) => ({ ...cause, evidence: cause.evidence.map((sentence) => this.text(sentence)) })) };
  }

  /** What `[redacted]` stands for, in the words an export prints above its exchanges. */
  describe(): string {
    return this.enabled ? describeRules(this.options) : 'nothing (secrets shown as sent)';
  }

  private requestBody(body: string | Uint8Array, contentType: string | undefined): string | Uint8Array {
    if (typeof body === 'string') return this.body(body, contentType);
    const text = utf8Text(body);
    if (text === undefined) return body;
    const redacted = this.body(text, contentType);
    return redacted === text ? body : redacted;
  }
}

function contentTypeOf(headers: Readonly<Record<string, string>>): string | undefined {
  return headers['content-type'] ?? Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
}

function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
