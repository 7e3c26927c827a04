import { BUILT_IN_SIGNING_PARAMETERS, type SigningParameters } from './signingParameters';

/**
 * The key the validator store files a URL under.
 *
 * Two spellings of one resource must share one record, so the key is the WHATWG
 * serialization (which already lower-cases scheme and host, drops the scheme's
 * default port, writes an empty path as '/', compresses IPv6 hosts and removes
 * dot segments) with the fragment removed: a fragment never reaches the server.
 * The query is kept: `?page=2` is a different resource. Parameters that only sign or
 * authorize the request (`signing`, see signingParameters.ts) are not: a resource read
 * through one signed URL and written through another keeps one record, and a signature
 * never ends up in saved state.
 *
 * Userinfo is dropped too: credentials must never end up in workspaceState, and
 * they don't change which resource the validators belong to.
 *
 * Anything that is not an absolute http(s) URL returns `undefined` rather than
 * the raw text: keying on text that could never be sent would create records no
 * request can match, and callers already have to handle "no record".
 */
export function normalizeUrl(raw: string, signing: SigningParameters = BUILT_IN_SIGNING_PARAMETERS): string | undefined {
  if (typeof raw !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // Each setter re-serializes the URL, so only call the ones with something to remove. Only a
  // '#' in the text makes a fragment (even an empty one, which the `hash` getter reports as '').
  if (raw.includes('#')) url.hash = '';
  if (url.username !== '') url.username = '';
  if (url.password !== '') url.password = '';
  const query = url.search;
  if (query.length > 1) {
    const kept = signing.stripFrom(query.slice(1));
    if (kept !== query.slice(1)) url.search = kept;
  }
  return url.href;
}

/**
 * A common shape of key that normalizeUrl returns unchanged: http(s), a lower-case host name
 * whose last label starts with a letter (so no IPv4 number forms) or a plain dotted quad, an
 * optional port, and a path and query made only of characters the WHATWG serializer neither
 * encodes nor rewrites: no `%`, no `'`, no backslash, no `/.` (a dot segment, or `/.well-known`,
 * which merely takes the slow path). `xn--` labels are parsed: a broken one fails the parse.
 * Anything else is simply parsed.
 */
const NORMALIZED_KEY = /^https?:\/\/(?:(?:(?!xn--)[a-z0-9-]+\.)*(?!xn--)[a-z][a-z0-9-]*|(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d))(?::([1-9]\d{0,4}))?\/(?!\.)(?:[A-Za-z0-9\-_~!$&()*+,;=:@?]|\.|\/(?!\.))*$/;

/**
 * normalizeUrl for text that is most likely a key already (a saved one): the text itself
 * when its shape shows that normalizing would not change it, which spares the URL parse.
 */
export function keyOfSavedUrl(text: string, signing: SigningParameters = BUILT_IN_SIGNING_PARAMETERS): string | undefined {
  const match = NORMALIZED_KEY.exec(text);
  if (match === null) return normalizeUrl(text, signing);
  const port = match[1];
  const defaultPort = text.startsWith('https:') ? '443' : '80';
  const portKept = port === undefined || (port !== defaultPort && Number(port) <= 65535);
  // A text saved before signing parameters left the key (or before the setting named one) is re-keyed.
  const queryAt = text.indexOf('?');
  const queryKept = queryAt < 0 || signing.stripFrom(text.slice(queryAt + 1)) === text.slice(queryAt + 1);
  return portKept && queryKept ? text : normalizeUrl(text, signing);
}

/** More distinct URLs than a workspace sends repeatedly; past it the memo starts over. */
export const URL_KEY_MEMO_LIMIT = 2000;

/**
 * `normalizeUrl` with a memory of its answers. It is a full WHATWG parse, and the
 * store keys the same few URLs on every send (recordResponse, then markUsed), so
 * the parse was a large part of recording a response. Bounded: a stream of
 * one-off URLs empties the memo instead of growing it. One per store, never
 * shared between stores.
 */
export class UrlKeyMemo {
  /** `null` remembers text that is not an http(s) URL, so a miss costs one lookup, not two. */
  private readonly keys = new Map<string, string | null>();

  constructor(
    private readonly limit: number = URL_KEY_MEMO_LIMIT,
    private readonly signing: SigningParameters = BUILT_IN_SIGNING_PARAMETERS,
  ) {}

  keyOf(raw: string): string | undefined {
    if (typeof raw !== 'string') return undefined;
    const known = this.keys.get(raw);
    if (known !== undefined) return known ?? undefined;
    const key = normalizeUrl(raw, this.signing);
    if (this.keys.size >= this.limit) this.keys.clear();
    this.keys.set(raw, key ?? null);
    return key;
  }
}
