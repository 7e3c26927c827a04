/**
 * On-the-fly gzip in front of the origin, in the two styles that break If-Match in the
 * wild. The origin never sees the compressed tag's origin story: it compares what the
 * client sends with its own identity tag, so the tag the client copied fails.
 * - `nginx`: the gzip filter turns a strong `"x"` into `W/"x"`; If-Match compares strongly.
 * - `apache`: mod_deflate appends `-gzip` inside the quotes (DeflateAlterETag AddSuffix).
 */
import { gzipSync } from 'node:zlib';
import { parseEntityTag } from '../core/preconditions/entityTag';
import { requestHeader, responseHeader, withHeaders, type DemoRequest, type DemoResponse, type Handler } from './types';

export type CompressionStyle = 'nginx' | 'apache';

// nginx's gzip_min_length default is 20 bytes; Apache skips bodies under about 68 bytes.
const MIN_LENGTH: Readonly<Record<CompressionStyle, number>> = { nginx: 20, apache: 68 };

/** True when Accept-Encoding allows gzip: listed (or `*`) with a non-zero q. */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (acceptEncoding === undefined) return false;
  const weights = new Map<string, number>();
  for (const member of acceptEncoding.split(',')) {
    const [coding, ...params] = member.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    if (coding) weights.set(coding.trim(), q === undefined ? 1 : Number(q));
  }
  const gzip = weights.get('gzip') ?? weights.get('x-gzip') ?? weights.get('*');
  return gzip !== undefined && gzip > 0;
}

/** The tag the compressed representation goes out with; unquoted tags are dropped as nginx does. */
export function compressedEntityTag(etag: string, style: CompressionStyle): string | undefined {
  const tag = parseEntityTag(etag);
  if (!tag) return undefined;
  if (style === 'nginx') return tag.weak ? etag : `W/${etag}`;
  return `${tag.weak ? 'W/' : ''}"${tag.opaque}-gzip"`;
}

function compress(response: DemoResponse, style: CompressionStyle): DemoResponse {
  const etag = responseHeader(response, 'ETag');
  const newTag = etag === undefined ? undefined : compressedEntityTag(etag, style);
  if (response.status === 304) return withHeaders(response, { ETag: newTag });
  const body = gzipSync(response.body ?? Buffer.alloc(0));
  return {
    ...withHeaders(response, { ETag: newTag, 'Content-Encoding': 'gzip', 'Content-Length': String(body.length), 'Accept-Ranges': undefined }),
    body,
  };
}

/**
 * Wraps a handler with the compression layer. Only full 200s (and the 304s that stand for
 * them) are touched: error bodies and partial content go out as the origin made them.
 */
export function withGzipLayer(style: CompressionStyle, inner: Handler): Handler {
  return async (request: DemoRequest) => {
    const response = await inner(request);
    const vary = withHeaders(response, { Vary: 'Accept-Encoding' });
    if (!acceptsGzip(requestHeader(request, 'Accept-Encoding'))) return vary;
    if (response.status === 304) return compress(vary, style);
    const compressible = (response.body?.length ?? 0) >= MIN_LENGTH[style] && /json/.test(responseHeader(response, 'Content-Type') ?? '');
    return response.status === 200 && compressible ? compress(vary, style) : vary;
  };
}
