/**
 * Which names carry secrets: headers, query parameters, body fields (JSON, form, XML,
 * multipart parts). Over-redacting a harmless field costs a question to the user;
 * under-redacting leaks a credential, so the rules err wide. Validators (ETag, If-Match,
 * dates), cache headers and error codes never match them: they are the evidence the API
 * provider needs.
 */

export const REDACTED = '[redacted]';

export interface RedactionOptions {
  /** More header names to redact (`preconditionDoctor.redact.headers`), case-insensitive. */
  headers?: readonly string[];
  /** More query parameter names (`preconditionDoctor.redact.queryParameters`), case-insensitive. */
  queryParameters?: readonly string[];
  /** More JSON field, form parameter, XML element/attribute and multipart part names (`preconditionDoctor.redact.bodyFields`). */
  bodyFields?: readonly string[];
}

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
/** A header whose name contains one of these carries a credential (X-Api-Key, X-Auth-Token, X-Amz-Security-Token…). */
const SECRET_HEADER_PARTS = ['token', 'secret', 'key', 'password', 'passwd', 'credential', 'signature', 'session'];

/**
 * Headers whose value is a URL (or, for Link, a list of them): an OAuth redirect's
 * `Location: …?code=…` carries the authorization code in the query.
 */
export const URL_HEADERS: ReadonlySet<string> = new Set(['location', 'content-location', 'link', 'referer', 'refresh']);

/** Query parameters and body fields: whole words of the name (api_key, accessToken, X-Amz-Signature, user_pass). */
const SECRET_WORDS = new Set([
  'token', 'secret', 'key', 'apikey', 'password', 'passwd', 'pass', 'pwd', 'passphrase', 'passcode', 'pin', 'sig', 'signature',
  'credential', 'credentials', 'auth', 'authorization', 'cookie', 'jwt', 'otp', 'session', 'sessionid',
]);
/** Names run together without a separator (accesstoken, clientsecret, userpassword). */
const SECRET_SUFFIXES = ['token', 'secret', 'password', 'passwd', 'apikey', 'sessionid'];
/** Azure SAS tokens travel as `sas`, Functions keys as `x-functions-key`. */
const SECRET_EXACT = new Set(['sas', 'x-functions-key']);
/**
 * OAuth authorization codes travel as `code` in a redirect's query and in the token
 * request's form body; in JSON and XML bodies `code` is an error code, evidence to keep.
 */
const SECRET_PARAMETERS = new Set(['code']);

function includesName(names: readonly string[] | undefined, lower: string): boolean {
  return (names ?? []).some((name) => name.toLowerCase() === lower);
}

export function isSecretHeader(name: string, options: RedactionOptions = {}): boolean {
  const lower = name.toLowerCase();
  return SECRET_HEADERS.has(lower) || includesName(options.headers, lower) || SECRET_HEADER_PARTS.some((part) => lower.includes(part));
}

/** For JSON fields and XML elements and attributes, whose names are often ordinary words: whole words only. */
export function isSecretName(name: string, extra: readonly string[] = []): boolean {
  const lower = name.toLowerCase();
  if (SECRET_EXACT.has(lower) || includesName(extra, lower)) return true;
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  if (words.some((word) => SECRET_WORDS.has(word))) return true;
  const compact = lower.replace(/[^a-z0-9]/g, '');
  return SECRET_SUFFIXES.some((suffix) => compact.endsWith(suffix));
}

/** For query parameters, form parameters and multipart parts: the field rules plus OAuth's `code`. */
export function isSecretParameter(name: string, extra: readonly string[] = []): boolean {
  return SECRET_PARAMETERS.has(name.toLowerCase()) || isSecretName(name, extra);
}

/** The sentence exports print so the reader knows what `[redacted]` stands for. */
export function describeRules(options: RedactionOptions = {}): string {
  const extra = [...(options.headers ?? []), ...(options.queryParameters ?? []), ...(options.bodyFields ?? [])];
  return (
    'Authorization, Proxy-Authorization, Cookie, Set-Cookie and headers whose names contain token/secret/key/password/session; ' +
    'URL userinfo; query parameters, form fields and multipart parts named like token/secret/key/password/pass/sig/code ' +
    '(in Location, Content-Location, Link and Referer URLs too); JSON fields and XML elements and attributes named like ' +
    'token/secret/key/password/pass; and every value that came from http-client.private.env.json, .env or the process ' +
    `environment${extra.length > 0 ? `; also ${extra.join(', ')}` : ''}`
  );
}
