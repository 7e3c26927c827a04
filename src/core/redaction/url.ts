/**
 * URLs with userinfo, secret query parameters and fragment parameters replaced. The text is
 * edited rather than re-serialized, so a URL stays exactly as sent apart from its secrets.
 */
import { isSecretParameter, REDACTED } from './names';

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** `a=1&token=x` with secret values replaced; the rest byte for byte as given. */
export function redactParameters(text: string, extra: readonly string[]): string {
  return text
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals === -1 ? pair : pair.slice(0, equals);
      if (equals === -1 || !isSecretParameter(safeDecode(name.trim()), extra)) return pair;
      // A form written over several lines keeps its line break after the value.
      const trailing = /\s*$/.exec(pair.slice(equals + 1))?.[0] ?? '';
      return `${name}=${REDACTED}${trailing}`;
    })
    .join('&');
}

/**
 * Redacts userinfo, secret query parameters and fragment parameters (OAuth implicit flow
 * tokens) of an absolute URL or a reference (`/callback?code=…`, as a Location may be).
 */
export function redactUrl(url: string, queryParameters: readonly string[] = []): string {
  // Most URLs have no secret to hide; every send logs its URL, so they skip the rest.
  if (!url.includes('@') && !url.includes('?') && !url.includes('#')) return url;
  let text = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@/i, `$1${REDACTED}@`);
  const hashAt = text.indexOf('#');
  const fragment = hashAt === -1 ? undefined : text.slice(hashAt + 1);
  if (hashAt !== -1) text = text.slice(0, hashAt);
  const queryAt = text.indexOf('?');
  if (queryAt !== -1) text = `${text.slice(0, queryAt + 1)}${redactParameters(text.slice(queryAt + 1), queryParameters)}`;
  if (fragment !== undefined) text += `#${fragment.includes('=') ? redactParameters(fragment, queryParameters) : fragment}`;
  return text;
}

/**
 * An absolute URL inside free text: a log line, an error sentence, evidence, a Link header,
 * a response body. It ends at whitespace, quotes, angle brackets and backticks, which is
 * where sentences and markup put URLs.
 */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
/** A sentence's full stop or closing parenthesis is not part of the URL it quotes. */
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

export function redactUrlsInText(text: string, queryParameters: readonly string[] = []): string {
  if (!text.includes('://')) return text;
  return text.replace(URL_IN_TEXT, (match) => {
    let trailing = TRAILING_PUNCTUATION.exec(match)?.[0] ?? '';
    // A URL redacted before ends in "[redacted]": its bracket belongs to it, so redacting twice changes nothing.
    if (trailing.startsWith(']') && match.slice(0, match.length - trailing.length).endsWith(REDACTED.slice(0, -1))) trailing = trailing.slice(1);
    return redactUrl(match.slice(0, match.length - trailing.length), queryParameters) + trailing;
  });
}

/** A header value that is a URL reference (Location, Content-Location, Referer) or holds `<URL>`s (Link, Refresh's `url=`). */
export function redactUrlHeader(value: string, queryParameters: readonly string[] = []): string {
  if (value.includes('<')) return value.replace(/<([^>]*)>/g, (_, url: string) => `<${redactUrl(url, queryParameters)}>`);
  const refresh = /^(\s*\d+\s*;\s*url\s*=\s*)(.*)$/i.exec(value);
  if (refresh) return refresh[1] + redactUrl(refresh[2], queryParameters);
  return redactUrl(value, queryParameters);
}
