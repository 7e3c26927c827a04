import type { PreparedRequest } from './preparedRequest';

// Methods for which undici 6 sends `content-length: 0` even without a body.
const METHODS_EXPECTING_A_PAYLOAD = new Set(['PUT', 'POST', 'PATCH', 'QUERY', 'PROPFIND', 'PROPPATCH']);

/**
 * The header section undici 6 writes for this request, names lower-cased, in wire order.
 *
 * undici exposes no per-request view of the bytes it wrote, so this mirrors `writeH1` in
 * undici/lib/dispatcher/client-h1.js (pinned to 6.x): `host` first (the caller's Host or the URL's
 * host), then `connection` (close for HEAD, whose response undici never trusts to be body-less,
 * or when the caller asked for close), then the caller's headers in order, then `content-length`.
 * The client tests compare this with the raw headers a local server received, so an undici
 * upgrade that changes the framing fails a test instead of silently misreporting.
 */
export function headersOnTheWire(request: PreparedRequest): Record<string, string> {
  // host and connection lead the section whatever the caller wrote; their values are settled below.
  const onTheWire: Record<string, string> = { host: '', connection: '' };
  let callerHost: string | undefined;
  let callerWantsClose = false;
  // One pass, one toLowerCase per header: this runs for every request (bench/: send path).
  for (const [name, value] of request.headers) {
    const lower = name.toLowerCase();
    if (lower === 'host') {
      callerHost ??= value;
    } else if (lower === 'connection') {
      callerWantsClose ||= value.trim().toLowerCase() === 'close';
    } else if (lower !== 'content-length') {
      // (undici writes host, connection and content-length from its own state, never the caller's line.)
      // typeof, not `in`: inherited members such as `constructor` are not earlier lines of this header.
      const earlier = onTheWire[lower];
      onTheWire[lower] = typeof earlier === 'string' ? `${earlier}, ${value}` : value;
    }
  }
  onTheWire.host = callerHost ?? request.url.host;
  onTheWire.connection = request.method === 'HEAD' || callerWantsClose ? 'close' : 'keep-alive';

  const bodyBytes = request.body?.byteLength ?? 0;
  if (bodyBytes > 0) onTheWire['content-length'] = String(bodyBytes);
  else if (METHODS_EXPECTING_A_PAYLOAD.has(request.method)) onTheWire['content-length'] = '0';

  return onTheWire;
}

/** The caller's headers as the flat [name, value, name, value] list undici accepts with duplicates intact. */
export function flatHeaderList(headers: PreparedRequest['headers']): string[] {
  // A plain loop: flatMap's array per header showed up in the send path's profile (bench/).
  const flat: string[] = [];
  for (const [name, value] of headers) flat.push(name, value);
  return flat;
}
