import { STATUS_CODES } from 'node:http';
import type { Dispatcher } from 'undici';
import type { ExchangeDeadline, StoppableExchange } from './deadline';

/** The final (non-1xx) status line and headers of a response. */
export interface ResponseHead {
  status: number;
  statusText: string;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
}

/** How one request/response exchange ended. */
export interface Exchanged {
  /** Absent when the exchange failed before a final status line arrived (then `error` says why). */
  head?: ResponseHead;
  /** At most the cap's worth of body bytes, exactly as they came off the wire. */
  body: Buffer;
  /** The body had more bytes than the cap; reading stopped there and the connection was closed. */
  exceededCap: boolean;
  /** Why the exchange ended before the response did (reset, abort, deadline); `body` holds what arrived. */
  error?: unknown;
}

/** How a response is collected. */
export interface CollectOptions {
  maxBodyBytes: number;
  /** undici's `util.headerNameToString`: lower-cased names, common ones without a new string. */
  headerNameToString: (name: Buffer) => string;
}

/**
 * Sends one request through `dispatcher` and collects its response, reading at most
 * `maxBodyBytes` of the body: beyond that the request is aborted, which closes the connection,
 * because draining a 1 GB body just to reuse a socket costs more than opening a new one.
 * Never rejects.
 *
 * A dispatch handler of our own instead of `undici.request`: it keeps the reason phrase that
 * `request` drops (servers put real information there: Azure Storage's "The condition specified
 * using HTTP conditional header(s) is not met."), and it spares each exchange the body stream,
 * the composed interceptor and the promises around them, which made our send path cost more
 * than a bare `undici.request` (bench/: send path).
 */
export function exchange(
  dispatcher: Dispatcher,
  request: Dispatcher.DispatchOptions,
  deadline: ExchangeDeadline,
  collecting: CollectOptions,
): Promise<Exchanged> {
  return new Promise((resolve) => {
    const collector = new ResponseCollector(resolve, collecting);
    deadline.attach(collector);
    if (collector.isSettled) return;
    try {
      dispatcher.dispatch(request, collector);
    } catch (error) {
      // ProxyAgent throws for a header it refuses instead of reporting it through onError.
      collector.onError(error);
    }
  });
}

/**
 * undici's handler contract (lib/api/api-request.js is its own use of it): `onConnect` hands
 * over the request's abort when the request is written; then `onHeaders` once per response
 * (1xx included), `onData` per body chunk, and `onComplete` or `onError`, never both.
 */
class ResponseCollector implements Dispatcher.DispatchHandlers, StoppableExchange {
  private head: ResponseHead | undefined;
  private readonly chunks: Buffer[] = [];
  private bodyBytes = 0;
  private abortRequest: ((reason: Error) => void) | undefined;
  private settled = false;

  constructor(
    private readonly resolve: (outcome: Exchanged) => void,
    private readonly collecting: CollectOptions,
  ) {}

  get isSettled(): boolean {
    return this.settled;
  }

  /**
   * Ends the exchange. undici only hands out its abort once the request is written, and an
   * AbortSignal does no more in undici 6: a connection that never completes (a DNS lookup or a
   * proxy's CONNECT that never answers) would hold the request for undici's own 10 s connect or
   * 300 s header timeout, far past preconditionDoctor.timeoutMs. So until then the outcome is
   * settled here, and the request is aborted as soon as undici gets to it (onConnect).
   */
  stop(reason: Error): void {
    if (this.abortRequest !== undefined) this.abortRequest(reason);
    else this.settle(false, reason);
  }

  onConnect(abort: (reason: Error) => void): void {
    if (this.settled) abort(new Error('the exchange was stopped before the request was written'));
    else this.abortRequest = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], _resume: () => void, statusText: string): boolean {
    // 100 Continue, 103 Early Hints: the final response is still to come.
    if (statusCode < 200) return true;
    this.head = {
      status: statusCode,
      // The server's phrase when it sent one; the standard phrase when it sent "HTTP/1.1 412 " alone
      // (or when ProxyAgent, which does not pass the phrase on, carried the request).
      statusText: statusText || STATUS_CODES[statusCode] || '',
      headers: headerRecord(rawHeaders, this.collecting.headerNameToString),
    };
    return true;
  }

  onData(chunk: Buffer): boolean {
    // ProxyAgent reports a proxy's 407 through onError, then still delivers that response's body.
    if (this.settled) return true;
    const room = this.collecting.maxBodyBytes - this.bodyBytes;
    if (chunk.byteLength > room) {
      this.keep(chunk.subarray(0, room));
      this.settle(true);
      this.abortRequest?.(new Error('the response body exceeded the size limit'));
      return false;
    }
    this.keep(chunk);
    return true;
  }

  onComplete(): void {
    this.settle(false);
  }

  onError(error: unknown): void {
    this.settle(false, error ?? new Error('the request failed'));
  }

  private keep(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.bodyBytes += chunk.byteLength;
  }

  private settle(exceededCap: boolean, error?: unknown): void {
    if (this.settled) return;
    this.settled = true;
    // Chunks are views of socket reads that nothing writes to again, so a one-chunk body is kept uncopied.
    const body = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.bodyBytes);
    const outcome: Exchanged = { head: this.head, body, exceededCap };
    if (error !== undefined) outcome.error = error;
    this.resolve(outcome);
  }
}

/** Header name/value buffers as SendResult records them: names lower-cased, repeated headers joined with ", ". */
function headerRecord(rawHeaders: Buffer[], headerNameToString: CollectOptions['headerNameToString']): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = headerNameToString(rawHeaders[i]);
    const value = rawHeaders[i + 1].toString('utf8');
    // typeof, not `in`: inherited members such as `constructor` are not earlier lines of this header.
    const earlier = record[name];
    record[name] = typeof earlier === 'string' ? `${earlier}, ${value}` : value;
  }
  return record;
}
