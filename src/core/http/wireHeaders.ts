import type { PreparedRequest } from './preparedRequest';

// Methods for which undici 6 sends `content-length: 0` even without a body.
const METHODS_EXPECTING_A_PAYLOAD = new Set(['PUT', 'POST', 'PATCH', 'QUERY', 'PROPFIND', 'PROPPATCH']);

// undici writes these from its own state instead of passing the caller's line through.
const HEADERS_UNDICI_REWRITES = new Set(['host', 'connection', 'content-length']);

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
  const onTheWire: Record<string, string> = {};
  const append = (name: string, value: string): void => {
    const lower = name.toLowerCase();
    onTheWire[lower] = lower in onTheWire ? `${onTheWire[lower]}, ${value}` : value;
  };

  const callerHost = request.headers.find(([name]) => name.toLowerCase() === 'host');
  append('host', callerHost?.[1] ?? request.url.host);

  const callerWantsClose = request.headers.some(
    ([name, value]) => name.toLowerCase() === 'connection' && value.trim().toLowerCase() === 'close',
  );
  append('connection', request.method === 'HEAD' || callerWantsClose ? 'close' : 'keep-alive');

  for (const [name, value] of request.headers) {
    if (!HEADERS_UNDICI_REWRITES.has(name.toLowerCase())) append(name, value);
  }

  const bodyBytes = request.body?.byteLength ?? 0;
  if (bodyBytes > 0) append('content-length', String(bodyBytes));
  else if (METHODS_EXPECTING_A_PAYLOAD.has(request.method)) append('content-length', '0');

  return onTheWire;
}

/** The caller's headers as the flat [name, value, name, value] list undici accepts with duplicates intact. */
export function flatHeaderList(headers: PreparedRequest['headers']): string[] {
  // A plain loop: flatMap's array per header showed up in the send path's profile (bench/).
  const flat: string[] = [];
  for (const [name, value] of headers) flat.push(name, value);
  return flat;
}
