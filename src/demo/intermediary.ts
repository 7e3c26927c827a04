/**
 * A shared cache in front of the origin, like a CDN or reverse proxy. It keeps GET
 * responses for their max-age and serves them with `Age` and `X-Cache: HIT`, so after
 * another client changes the document at the origin it keeps handing out the old ETag:
 * the stale validator that then fails If-Match. `Cache-Control: no-cache` from the client
 * makes it go to the origin, which is the fix the examples teach.
 */
import { evaluatePreconditions } from '../core/preconditions/evaluate';
import { collectPreconditionHeaders } from '../core/preconditions/preconditionHeaders';
import { requestHeader, responseHeader, withHeaders, type Clock, type DemoRequest, type DemoResponse, type Handler } from './types';

const VIA = '1.1 demo-cache (Precondition Doctor demo)';

interface CacheEntry {
  readonly response: DemoResponse;
  readonly storedAtMs: number;
  readonly maxAgeSeconds: number;
}

/**
 * The client asks to skip stored responses (RFC 9111 §5.2.1.4). Pragma counts only without
 * Cache-Control (§5.4); note that fetch() adds both to any request carrying If-None-Match.
 */
function wantsRevalidation(request: DemoRequest): boolean {
  const cacheControl = requestHeader(request, 'Cache-Control');
  if (cacheControl === undefined) return /\bno-cache\b/i.test(requestHeader(request, 'Pragma') ?? '');
  return /\bno-cache\b|\bno-store\b|\bmax-age\s*=\s*0\b/i.test(cacheControl);
}

function maxAgeOf(response: DemoResponse): number {
  const cacheControl = responseHeader(response, 'Cache-Control') ?? '';
  if (/\b(no-store|no-cache|private)\b/i.test(cacheControl)) return 0;
  return Number(/\bs-maxage\s*=\s*(\d+)/i.exec(cacheControl)?.[1] ?? /\bmax-age\s*=\s*(\d+)/i.exec(cacheControl)?.[1] ?? 0);
}

const ORIGIN_PRECONDITIONS = /^if-(match|unmodified-since|range)$/i;
const CACHE_VALIDATORS = /^if-(none-match|modified-since)$/i;

export class CachingIntermediary {
  private readonly entries = new Map<string, CacheEntry>();

  constructor(
    private readonly origin: Handler,
    private readonly clock: Clock,
  ) {}

  readonly handle: Handler = async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return this.pass(request);
    // If-Match, If-Unmodified-Since and If-Range are about the origin's current state.
    if (request.headers.some(([name]) => ORIGIN_PRECONDITIONS.test(name))) {
      return withHeaders(await this.origin(request), { Via: VIA, 'X-Cache': 'MISS' });
    }
    const entry = this.entries.get(request.path);
    const ageSeconds = entry ? Math.floor((this.clock() - entry.storedAtMs) / 1000) : 0;
    if (entry && ageSeconds < entry.maxAgeSeconds && !wantsRevalidation(request)) return this.answerFrom(entry, request, 'HIT');
    return this.fetchAndStore(request);
  };

  /** Forgets everything, for POST /_reset. */
  clear(): void {
    this.entries.clear();
  }

  /** Answers from a stored response, evaluating the client's cache validators against it. */
  private answerFrom(entry: CacheEntry, request: DemoRequest, status: 'HIT' | 'MISS'): DemoResponse {
    const stored = entry.response;
    const age = String(Math.max(0, Math.floor((this.clock() - entry.storedAtMs) / 1000)));
    const marks = { Age: age, Via: VIA, 'X-Cache': status };
    const outcome = evaluatePreconditions(
      { method: request.method, headers: collectPreconditionHeaders(request.headers) },
      { exists: true, etag: responseHeader(stored, 'ETag'), lastModified: responseHeader(stored, 'Last-Modified') },
    );
    if (outcome.status !== 304) return withHeaders(stored, marks);
    const kept = ['Date', 'ETag', 'Cache-Control'].flatMap((name) => {
      const value = responseHeader(stored, name);
      return value === undefined ? [] : [[name, value] as const];
    });
    return { status: 304, headers: { ...Object.fromEntries(kept), ...marks } };
  }

  private async fetchAndStore(request: DemoRequest): Promise<DemoResponse> {
    // The stored copy must be able to answer anyone, so ask for the whole representation.
    const unconditional: DemoRequest = {
      ...request,
      method: 'GET',
      headers: request.headers.filter(([name]) => !CACHE_VALIDATORS.test(name)),
    };
    const response = await this.origin(unconditional);
    const maxAgeSeconds = maxAgeOf(response);
    if (response.status !== 200 || maxAgeSeconds === 0) return withHeaders(response, { Via: VIA, 'X-Cache': 'MISS', Age: '0' });
    const entry = { response, storedAtMs: this.clock(), maxAgeSeconds };
    this.entries.set(request.path, entry);
    return this.answerFrom(entry, request, 'MISS');
  }

  /** Unsafe methods go straight through; a success invalidates what the cache held (RFC 9111 §4.4). */
  private async pass(request: DemoRequest): Promise<DemoResponse> {
    const response = await this.origin(request);
    if (response.status < 400) {
      this.entries.delete(request.path);
      this.entries.delete(request.path.slice(0, request.path.lastIndexOf('/')));
    }
    return withHeaders(response, { Via: VIA, 'X-Cache': 'PASS' });
  }
}
