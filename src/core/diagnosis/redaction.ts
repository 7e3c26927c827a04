/**
 * Removes secrets from exchanges before they leave the machine (an exported trace, a
 * HAR, a report someone screenshots). Over-redacting a harmless field costs a question
 * to the user; under-redacting leaks a credential, so the name rules err wide. Validators
 * (ETag, If-Match, dates), cache headers and error codes never match them: they are the
 * evidence the API provider needs.
 */

export const REDACTED = '[redacted]';

export interface RedactionOptions {
  /** More header names to redact (`preconditionDoctor.redact.headers`), case-insensitive. */
  headers?: readonly string[];
  /** More query parameter names (`preconditionDoctor.redact.queryParameters`), case-insensitive. */
  queryParameters?: readonly string[];
  /** More JSON field / form parameter names in bodies, case-insensitive. */
  bodyFields?: readonly string[];
}

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
/** A header whose name contains one of these carries a credential (X-Api-Key, X-Auth-Token, X-Amz-Security-Token…). */
const SECRET_HEADER_PARTS = ['token', 'secret', 'key', 'password', 'passwd', 'credential', 'signature'];

/** Query parameters and body fields: whole words of the name (api_key, accessToken, X-Amz-Signature). */
const SECRET_WORDS = new Set([
  'token', 'secret', 'key', 'apikey', 'password', 'passwd', 'pwd', 'passphrase', 'sig', 'signature',
  'credential', 'credentials', 'auth', 'authorization', 'cookie', 'jwt', 'otp',
]);
/** Names run together without a separator (accesstoken, clientsecret). */
const SECRET_SUFFIXES = ['token', 'secret', 'password', 'apikey'];
/** OAuth authorization codes and Azure Functions keys travel as `code`. */
const SECRET_EXACT = new Set(['code', 'sas', 'x-functions-key']);

function lowerSet(names: readonly string[] | undefined): Set<string> {
  return new Set((names ?? []).map((name) => name.toLowerCase()));
}

export function isSecretHeader(name: string, options: RedactionOptions = {}): boolean {
  const lower = name.toLowerCase();
  return SECRET_HEADERS.has(lower) || lowerSet(options.headers).has(lower) || SECRET_HEADER_PARTS.some((part) => lower.includes(part));
}

/** For query parameters and body fields, whose names are often ordinary words. */
export function isSecretName(name: string, extra: readonly string[] = []): boolean {
  const lower = name.toLowerCase();
  if (SECRET_EXACT.has(lower) || lowerSet(extra).has(lower)) return true;
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  if (words.some((word) => SECRET_WORDS.has(word))) return true;
  const compact = lower.replace(/[^a-z0-9]/g, '');
  return SECRET_SUFFIXES.some((suffix) => compact.endsWith(suffix));
}

export function redactHeaders(headers: Readonly<Record<string, string>>, options: RedactionOptions = {}): Record<string, string> {
  const redacted: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) redacted[name] = isSecretHeader(name, options) ? REDACTED : value;
  return redacted;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** `a=1&token=x` with secret values replaced; the rest byte for byte as given. */
function redactParameters(text: string, extra: readonly string[]): string {
  return text
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      return equals !== -1 && isSecretName(safeDecode(name), extra) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
}

/**
 * Redacts userinfo, secret query parameters and fragment parameters (OAuth implicit
 * flow tokens), editing the text rather than re-serializing it, so the URL stays exactly
 * as sent apart from the secrets.
 */
export function redactUrl(url: string, options: RedactionOptions = {}): string {
  // Most URLs have no secret to hide; every send logs its URL, so they skip the regex.
  if (!url.includes('@') && !url.includes('?') && !url.includes('#')) return url;
  const extra = options.queryParameters ?? [];
  let text = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@/i, `$1${REDACTED}@`);
  const hashAt = text.indexOf('#');
  const fragment = hashAt === -1 ? undefined : text.slice(hashAt + 1);
  if (hashAt !== -1) text = text.slice(0, hashAt);
  const queryAt = text.indexOf('?');
  if (queryAt !== -1) text = `${text.slice(0, queryAt + 1)}${redactParameters(text.slice(queryAt + 1), extra)}`;
  if (fragment !== undefined) text += `#${fragment.includes('=') ? redactParameters(fragment, extra) : fragment}`;
  return text;
}

function redactJsonValue(value: unknown, extra: readonly string[]): { value: unknown; changed: boolean } {
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const result = redactJsonValue(item, extra);
      changed ||= result.changed;
      return result.value;
    });
    return { value: items, changed };
  }
  if (typeof value !== 'object' || value === null) return { value, changed: false };
  let changed = false;
  const copy: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    if (isSecretName(name, extra) && field !== null && field !== '') {
      copy[name] = REDACTED;
      changed = true;
    } else {
      const result = redactJsonValue(field, extra);
      changed ||= result.changed;
      copy[name] = result.value;
    }
  }
  return { value: copy, changed };
}

/**
 * Redacts secret fields of a JSON body (at any depth) or parameters of a form body.
 * Other bodies are returned unchanged: guessing at free text would mangle it. An
 * unchanged JSON body keeps its original formatting.
 */
export function redactBody(body: string, contentType?: string, options: RedactionOptions = {}): string {
  const extra = options.bodyFields ?? [];
  const type = (contentType ?? '').toLowerCase();
  const trimmed = body.trim();
  if (/json/.test(type) || ((type === '' || /text\/plain/.test(type)) && /^[[{]/.test(trimmed))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return body;
    }
    const result = redactJsonValue(parsed, extra);
    if (!result.changed) return body;
    return trimmed.includes('\n') ? JSON.stringify(result.value, null, 2) : JSON.stringify(result.value);
  }
  if (/application\/x-www-form-urlencoded/.test(type)) return redactParameters(body, extra);
  return body;
}
