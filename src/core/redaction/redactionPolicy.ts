/**
 * The one redaction policy: every output that can leave the machine (the log, reports,
 * traces, HAR files, copied command lines, the CLI's text and JSON) asks it what to hide.
 * It hides by name (headers, query parameters, body fields) and by provenance: any value
 * that came from a private env file, `.env` or the process environment is a secret
 * wherever it later appears, whatever it is called there.
 */
import type { OutgoingRequest, SendResult } from '../http/types';
import { isSecretHeader, redactBody, redactHeaders, redactUrl, REDACTED, type RedactionOptions } from '../diagnosis/redaction';

export { REDACTED, type RedactionOptions };

/** Shorter values are not replaced by provenance: "1" or "on" would redact half of every text. */
const MIN_SECRET_LENGTH = 4;
/** Enough for every secret of a real session, few enough that replacing them stays cheap. */
const MAX_SECRET_VALUES = 500;

/**
 * Values known to be secret because of where they came from. Owned by the composition
 * root (the editor's activate, the CLI's session) and filled by the request path as it
 * resolves variables; never module-level.
 */
export class SecretValues {
  private readonly values = new Set<string>();
  /** Longest first, so a secret that contains another is replaced whole. */
  private ordered: string[] | undefined;

  add(value: string): void {
    if (value.length < MIN_SECRET_LENGTH || this.values.has(value)) return;
    if (this.values.size >= MAX_SECRET_VALUES) {
      const oldest = this.values.values().next().value;
      if (oldest !== undefined) this.values.delete(oldest);
    }
    this.values.add(value);
    this.ordered = undefined;
  }

  get size(): number {
    return this.values.size;
  }

  /** `text` with every known secret value (and its URL-encoded form) replaced by [redacted]. */
  replaceIn(text: string): string {
    if (this.values.size === 0 || text === '') return text;
    this.ordered ??= [...this.values].sort((a, b) => b.length - a.length);
    let result = text;
    for (const value of this.ordered) {
      if (result.includes(value)) result = result.split(value).join(REDACTED);
      const encoded = encodeURIComponent(value);
      if (encoded !== value && result.includes(encoded)) result = result.split(encoded).join(REDACTED);
    }
    return result;
  }
}

/** A policy for one output: the user's extra names (settings or flags) plus the session's secret values. */
export class RedactionPolicy {
  constructor(
    readonly options: RedactionOptions = {},
    private readonly secrets?: SecretValues,
  ) {}

  /** Free text (a log line, an error sentence, evidence): known secret values and secrets in URLs it quotes. */
  text(text: string): string {
    return this.secrets ? this.secrets.replaceIn(text) : text;
  }

  url(url: string): string {
    return this.text(redactUrl(url, this.options));
  }

  isSecretHeader(name: string): boolean {
    return isSecretHeader(name, this.options);
  }

  headerValue(name: string, value: string): string {
    return this.isSecretHeader(name) ? REDACTED : this.text(value);
  }

  headers(headers: Readonly<Record<string, string>>): Record<string, string> {
    const redacted = redactHeaders(headers, this.options);
    for (const name of Object.keys(redacted)) redacted[name] = this.text(redacted[name]);
    return redacted;
  }

  body(body: string, contentType?: string): string {
    return this.text(redactBody(body, contentType, this.options));
  }

  request(request: OutgoingRequest): OutgoingRequest {
    const contentType = request.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1];
    return {
      method: request.method,
      url: this.url(request.url),
      headers: request.headers.map(([name, value]) => [name, this.headerValue(name, value)]),
      body: typeof request.body === 'string' ? this.body(request.body, contentType) : request.body,
    };
  }

  result(result: SendResult): SendResult {
    const url = this.url(result.url);
    const redacted: SendResult = {
      ...result,
      url,
      requestHeaders: this.headers(result.requestHeaders),
      responseHeaders: this.headers(result.responseHeaders),
      bodyText: this.body(result.bodyText, result.responseHeaders['content-type']),
    };
    if (result.requestBody !== undefined) redacted.requestBody = this.body(result.requestBody, result.requestHeaders['content-type']);
    if (result.error !== undefined) redacted.error = this.text(result.error.split(result.url).join(url));
    return redacted;
  }
}
