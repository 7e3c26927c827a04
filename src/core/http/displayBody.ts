import { TextDecoder } from 'node:util';
import { decodeContentCodings, type DecodedContent } from './contentCoding';

export interface ReceivedBody {
  /** The body bytes as read from the socket, at most `maxBytes`. */
  wireBytes: Buffer;
  /** More bytes were on their way when reading stopped at `maxBytes`. */
  exceededCap: boolean;
  /** False when the connection broke (or the time ran out) before the body ended. */
  complete: boolean;
  contentType?: string;
  contentEncoding?: string;
  maxBytes: number;
  /** What sets `maxBytes`, for the note on a cut body (OptionWording.maxResponseBodyBytes). */
  maxBytesWording: string;
}

// Subtypes that carry text even though their top-level type is not text/*.
const TEXTUAL_APPLICATION_TYPES = new Set([
  'application/json', 'application/xml', 'application/javascript', 'application/ecmascript',
  'application/x-www-form-urlencoded', 'application/graphql', 'application/x-ndjson',
  'application/yaml', 'application/x-yaml', 'application/toml', 'application/sql', 'application/csv',
]);

// Types that are binary whatever their bytes happen to look like.
const BINARY_TOP_LEVEL_TYPES = new Set(['image', 'audio', 'video', 'font', 'model']);
const BINARY_APPLICATION_TYPES = new Set([
  'application/octet-stream', 'application/pdf', 'application/zip', 'application/gzip',
  'application/x-protobuf', 'application/protobuf', 'application/wasm', 'application/msgpack',
  'application/cbor', 'application/x-tar', 'application/vnd.ms-excel',
]);

/**
 * The text shown to the user for a response body: decoded (Content-Encoding, charset), or a
 * one-line summary for binary content, followed by notes saying what was cut or left undecoded.
 */
export async function renderBodyForDisplay(body: ReceivedBody): Promise<string> {
  if (body.contentEncoding === undefined) return renderUnencodedBody(body);
  const decoded = await decodeContentCodings(body.wireBytes, body.contentEncoding, body.maxBytes, body.complete && !body.exceededCap);
  return renderDecodedBody(body, decoded);
}

/**
 * renderBodyForDisplay for a body sent without Content-Encoding (most are), which needs nothing
 * awaited: the send path calls it directly to spare each response a promise (bench/: send path).
 */
export function renderUnencodedBody(body: ReceivedBody): string {
  return renderDecodedBody(body, { bytes: body.wireBytes, truncated: false, notes: [] });
}

function renderDecodedBody(body: ReceivedBody, decoded: DecodedContent): string {
  const notes = [...decoded.notes];
  if (body.exceededCap) {
    notes.push(`[truncated: response body exceeded ${formatByteSize(body.maxBytes)} (${body.maxBytesWording})]`);
  } else if (decoded.truncated) {
    notes.push(`[truncated: decoded response body exceeded ${formatByteSize(body.maxBytes)} (${body.maxBytesWording})]`);
  }
  if (!body.complete) {
    notes.push(`[incomplete: the response body ended after ${body.wireBytes.byteLength} bytes]`);
  }

  const partial = body.exceededCap || decoded.truncated || !body.complete;
  const text = decodeText(decoded.bytes, body.contentType, partial) ?? binarySummary(decoded.bytes, body.contentType);
  if (notes.length === 0) return text;
  return [text, ...notes].filter((part) => part !== '').join('\n\n');
}

/** "5 MB", "512 KB", "1.5 MB", "300 bytes": the size as a person would write the setting. */
export function formatByteSize(bytes: number): string {
  const units: Array<[string, number]> = [['GB', 1024 ** 3], ['MB', 1024 ** 2], ['KB', 1024]];
  for (const [unit, size] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

/** The text, or undefined when the bytes are not text in the declared (or sniffed) encoding. */
function decodeText(bytes: Buffer, contentType: string | undefined, partial: boolean): string | undefined {
  if (bytes.byteLength === 0) return '';
  const { mimeType, charset } = parseContentType(contentType);
  const kind = classify(mimeType);
  if (kind === 'binary') return undefined;
  // Without a textual type, a NUL byte is a stronger sign of binary data than valid UTF-8 is of text.
  if (kind === 'unknown' && bytes.includes(0)) return undefined;
  try {
    // stream: true on a cut body keeps a multi-byte character split at the cut from failing the whole decode.
    if (partial) return textDecoder(charset).decode(bytes, { stream: true });
    return completeBodyDecoder(charset).decode(bytes);
  } catch {
    return undefined;
  }
}

let defaultDecoder: TextDecoder | undefined;

/**
 * A decoder for a whole body. The one for undeclared charsets is kept: a decode without
 * `stream` leaves no state behind, and a new decoder per response showed up in the send
 * path's profile (bench/).
 */
function completeBodyDecoder(charset: string | undefined): TextDecoder {
  if (charset !== undefined) return textDecoder(charset);
  defaultDecoder ??= textDecoder(undefined);
  return defaultDecoder;
}

function textDecoder(charset: string | undefined): TextDecoder {
  try {
    return new TextDecoder(charset ?? 'utf-8', { fatal: true });
  } catch {
    // An unknown charset label: UTF-8 is the best guess and still fails safely on binary.
    return new TextDecoder('utf-8', { fatal: true });
  }
}

function classify(mimeType: string | undefined): 'text' | 'binary' | 'unknown' {
  if (mimeType === undefined) return 'unknown';
  const slash = mimeType.indexOf('/');
  const topLevel = slash === -1 ? mimeType : mimeType.slice(0, slash);
  const subtype = slash === -1 ? '' : mimeType.slice(slash + 1);
  if (topLevel === 'text' || subtype.endsWith('+json') || subtype.endsWith('+xml') || TEXTUAL_APPLICATION_TYPES.has(mimeType)) return 'text';
  if (BINARY_TOP_LEVEL_TYPES.has(topLevel) || BINARY_APPLICATION_TYPES.has(mimeType)) return 'binary';
  // Vendor types (application/vnd.foo) are often JSON without the +json suffix: let the bytes decide.
  return 'unknown';
}

function parseContentType(contentType: string | undefined): { mimeType?: string; charset?: string } {
  if (contentType === undefined || contentType.trim() === '') return {};
  // Most responses name a type without parameters ("application/json").
  if (!contentType.includes(';')) return { mimeType: contentType.trim().toLowerCase() };
  const [type, ...parameters] = contentType.split(';');
  const charsetParameter = parameters
    .map((parameter) => parameter.trim())
    .find((parameter) => parameter.toLowerCase().startsWith('charset='));
  const charset = charsetParameter?.slice('charset='.length).trim().replace(/^"(.*)"$/, '$1');
  return { mimeType: type.trim().toLowerCase(), charset: charset === '' ? undefined : charset };
}

function binarySummary(bytes: Buffer, contentType: string | undefined): string {
  const { mimeType } = parseContentType(contentType);
  return `[binary body: ${bytes.byteLength} bytes${mimeType === undefined ? '' : `, ${mimeType}`}]`;
}
