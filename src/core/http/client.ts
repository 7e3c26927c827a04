import { STATUS_CODES } from 'node:http';
import type { LookupFunction } from 'node:net';
import type { Agent, Dispatcher } from 'undici';
import { readCappedBody } from './cappedBody';
import { ExchangeDeadline } from './deadline';
import { renderBodyForDisplay } from './displayBody';
import { describeBodyTimeout, describeIncompleteBody, describeNetworkError, describeProxyError, describeTimeout } from './networkErrors';
import { prepareRequest, type PreparedRequest } from './preparedRequest';
import { decideProxy } from './proxy';
import { proxiedHeaders, ProxyAgents, proxyAuthorizationProblem, type ProxyRoute } from './proxyAgents';
import { captureReasonPhrase, type ReasonPhraseSink } from './reasonPhrase';
import { DEFAULT_MAX_REDIRECTS, describeTooManyRedirects, redirectLocation, redirectTarget } from './redirects';
import type { HttpClientOptions, OutgoingRequest, SendResult } from './types';
import { undici } from './undiciModule';
import { flatHeaderList, headersOnTheWire } from './wireHeaders';

export interface HttpClientConnectOptions {
  /** Replaces DNS resolution for every connection; lets tests reproduce DNS failures offline. */
  lookup?: LookupFunction;
}

export type SendOptions = HttpClientOptions & { signal?: AbortSignal };

const DEFAULT_MAX_RESPONSE_BODY_BYTES = 5 * 1024 * 1024;

/** A response whose status line and headers arrived; the body is still on the wire. */
interface ResponseHead {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: Dispatcher.ResponseData['body'];
}

/** What one hop sent, for the SendResult whatever happens next. */
interface Sent {
  request: PreparedRequest;
  wireHeaders: Record<string, string>;
  /** The proxy that carried it (HttpClientOptions.proxy), if one did. */
  proxy?: ProxyRoute;
}

/**
 * Sends `.http` requests over one keep-alive undici Agent. `send` never rejects: every failure,
 * from a header that would allow injection to a connection reset mid-body, comes back as a
 * SendResult whose `error` says what to do about it.
 */
export class HttpClient {
  /** Created on the first request, so that constructing a client (at activation) loads no undici. */
  private verifyingAgent: Agent | undefined;
  /**
   * Connections made with certificate checks off must never serve a request that wants them on,
   * so they live in a separate pool, created only if the user turns preconditionDoctor.rejectUnauthorized off.
   */
  private nonVerifyingAgent: Agent | undefined;
  /** ProxyAgents for requests HttpClientOptions.proxy routes through a proxy. */
  private readonly proxyAgents = new ProxyAgents();
  private disposed = false;

  constructor(private readonly connectOptions: HttpClientConnectOptions = {}) {}

  async send(request: OutgoingRequest, options: SendOptions): Promise<SendResult> {
    const startedAt = performance.now();
    try {
      return await this.sendOrThrow(request, options, startedAt);
    } catch (error) {
      // Nothing above is expected to throw; if it does, the caller still gets a result, not a rejection.
      return {
        ...emptyResult(request.method, request.url, startedAt),
        error: `unexpected failure while sending: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  /** Closes every connection; requests still running end with an error result. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([this.verifyingAgent?.destroy(), this.nonVerifyingAgent?.destroy(), this.proxyAgents.destroy()]);
  }

  private async sendOrThrow(request: OutgoingRequest, options: SendOptions, startedAt: number): Promise<SendResult> {
    if (this.disposed) {
      return { ...emptyResult(request.method, request.url, startedAt), error: 'the HTTP client has been shut down: reload the window and send again' };
    }
    const prepared = prepareRequest(request);
    if (!prepared.ok) return { ...emptyResult(request.method, request.url, startedAt), error: prepared.error };

    const deadline = new ExchangeDeadline(options.timeoutMs, options.signal);
    try {
      if (deadline.reason === 'cancelled') return { ...emptyResult(request.method, request.url, startedAt), error: 'cancelled' };
      return await this.followRedirects(prepared.request, options, deadline, startedAt);
    } finally {
      deadline.dispose();
    }
  }

  private async followRedirects(first: PreparedRequest, options: SendOptions, deadline: ExchangeDeadline, startedAt: number): Promise<SendResult> {
    const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    const visited = new Set<string>();
    let current = first;
    for (let followed = 0; ; followed++) {
      visited.add(current.url.href);
      // Decided per hop: a redirect may lead to a host that http.noProxy sends around the proxy.
      const route = decideProxy(current.url, options.proxy);
      const refusal = route.kind === 'invalid' ? route.error : route.kind === 'proxy' ? proxyAuthorizationProblem(current.headers, route) : undefined;
      if (refusal !== undefined) return { ...emptyResult(current.method, current.urlText, startedAt), error: `${refusal}; nothing was sent` };
      const sent: Sent = { request: current, wireHeaders: headersOnTheWire(current), ...(route.kind === 'proxy' ? { proxy: route } : {}) };
      let head: ResponseHead;
      try {
        head = await this.exchangeHead(sent, options, deadline);
      } catch (error) {
        return this.failedBeforeResponse(sent, error, options, deadline, startedAt);
      }

      const location = options.followRedirects ? redirectLocation(head.status, head.headers) : undefined;
      if (location === undefined) return this.completeResponse(sent, head, options, deadline, startedAt);

      const next = redirectTarget(current, head.status, location);
      if ('error' in next) return this.completeResponse(sent, head, options, deadline, startedAt, next.error);
      if (followed >= maxRedirects) {
        const error = describeTooManyRedirects(followed, next.url.href, visited);
        return this.completeResponse(sent, head, options, deadline, startedAt, error);
      }
      await discard(head.body);
      current = next;
    }
  }

  private async exchangeHead({ request, proxy }: Sent, options: SendOptions, deadline: ExchangeDeadline): Promise<ResponseHead> {
    const reason: ReasonPhraseSink = { onConnect: (abort) => deadline.attach(abort) };
    const agent = proxy === undefined ? this.agentFor(options) : this.proxyAgents.dispatcherFor(proxy, options.rejectUnauthorized !== false, this.connectOptions.lookup);
    const dispatcher = agent.compose(captureReasonPhrase(reason));
    const waiting = stopWaitingAtDeadline(deadline);
    const pending = undici().request(request.url, {
      dispatcher,
      method: request.method as Dispatcher.HttpMethod,
      // ProxyAgent turns a flat list into an object, which keeps one line per name; see proxiedHeaders.
      headers: proxy === undefined ? flatHeaderList(request.headers) : proxiedHeaders(request.headers),
      body: request.body,
    });
    const response = await Promise.race([pending, waiting]).catch((error: unknown) => {
      // Lost to the deadline: undici aborts the request as soon as it is written (deadline.attach), so only a late answer is left to drop.
      pending.then((late) => late.body.destroy(), () => undefined);
      throw error;
    });
    return {
      status: response.statusCode,
      // The server's phrase when it sent one; the standard phrase when it sent "HTTP/1.1 412 " alone.
      statusText: reason.reasonPhrase || STATUS_CODES[response.statusCode] || '',
      headers: joinRepeatedHeaders(response.headers),
      body: response.body,
    };
  }

  private failedBeforeResponse(sent: Sent, error: unknown, options: SendOptions, deadline: ExchangeDeadline, startedAt: number): SendResult {
    const { request } = sent;
    const sentence =
      deadline.reason === 'cancelled' ? 'cancelled'
      : deadline.reason === 'timeout' ? describeTimeout(request.url, options.timeoutMs)
      : (sent.proxy && describeProxyError(error, { ...sent.proxy, protocol: new URL(sent.proxy.proxyUrl).protocol }, request.url))
        ?? describeNetworkError(error, request.url);
    return { ...sentFields(sent, startedAt), status: 0, statusText: '', responseHeaders: {}, bodyText: '', error: sentence };
  }

  private async completeResponse(
    sent: Sent,
    head: ResponseHead,
    options: SendOptions,
    deadline: ExchangeDeadline,
    startedAt: number,
    redirectError?: string,
  ): Promise<SendResult> {
    const { request } = sent;
    const maxBytes = positiveOr(options.maxResponseBodyBytes, DEFAULT_MAX_RESPONSE_BODY_BYTES);
    const received = await readCappedBody(head.body, maxBytes);
    await connectionReleased();
    if (deadline.reason === 'cancelled') {
      return { ...sentFields(sent, startedAt), status: 0, statusText: '', responseHeaders: {}, bodyText: '', error: 'cancelled' };
    }

    let bodyError: string | undefined;
    if (received.error !== undefined) {
      bodyError = deadline.reason === 'timeout'
        ? describeBodyTimeout(request.url, options.timeoutMs, received.bytes.byteLength)
        : describeIncompleteBody(received.error, request.url, received.bytes.byteLength, head.headers['content-length']);
    }
    const bodyText = request.method === 'HEAD' ? '' : await renderBodyForDisplay({
      wireBytes: received.bytes,
      exceededCap: received.exceededCap,
      complete: received.error === undefined,
      contentType: head.headers['content-type'],
      contentEncoding: head.headers['content-encoding'],
      maxBytes,
    });
    const error = redirectError ?? bodyError;
    return {
      ...sentFields(sent, startedAt),
      status: head.status,
      statusText: head.statusText,
      responseHeaders: head.headers,
      bodyText,
      ...(error === undefined ? {} : { error }),
    };
  }

  private agentFor(options: SendOptions): Agent {
    if (options.rejectUnauthorized !== false) {
      this.verifyingAgent ??= this.createAgent(true);
      return this.verifyingAgent;
    }
    this.nonVerifyingAgent ??= this.createAgent(false);
    return this.nonVerifyingAgent;
  }

  private createAgent(rejectUnauthorized: boolean): Agent {
    return new (undici().Agent)({
      // The exchange deadline (preconditionDoctor.timeoutMs) is the one time limit; undici's own
      // 300 s header and body timers would otherwise cut off a user who asked for longer.
      headersTimeout: 0,
      bodyTimeout: 0,
      connect: { rejectUnauthorized, ...(this.connectOptions.lookup ? { lookup: this.connectOptions.lookup } : {}) },
    });
  }
}

/**
 * A promise that rejects when the deadline ends before undici has written the request. undici
 * hands out its abort only then (onConnect, which replaces this in deadline.attach), and an
 * AbortSignal does no more in undici 6: a connection that never completes (a DNS lookup or a
 * proxy's CONNECT that never answers) held the request for undici's own 10 s connect or 300 s
 * header timeout, far past preconditionDoctor.timeoutMs. Found by test/unit/http.
 */
function stopWaitingAtDeadline(deadline: ExchangeDeadline): Promise<never> {
  let stop: (reason: Error) => void = () => undefined;
  const stopped = new Promise<never>((_resolve, reject) => {
    stop = reject;
  });
  stopped.catch(() => undefined);
  deadline.attach(stop);
  return stopped;
}

function emptyResult(method: string, url: string, startedAt: number): SendResult {
  return { method, url, requestHeaders: {}, status: 0, statusText: '', responseHeaders: {}, bodyText: '', durationMs: elapsedSince(startedAt) };
}

function sentFields(sent: Sent, startedAt: number): Pick<SendResult, 'method' | 'url' | 'requestHeaders' | 'requestBody' | 'durationMs'> {
  const requestBody = textOf(sent.request.body);
  return {
    method: sent.request.method,
    url: sent.request.urlText,
    requestHeaders: sent.wireHeaders,
    ...(requestBody === undefined ? {} : { requestBody }),
    durationMs: elapsedSince(startedAt),
  };
}

/** The body as text when it is UTF-8; binary bodies are left out of the result, as the contract says. */
function textOf(body: Buffer | undefined): string | undefined {
  if (body === undefined) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return undefined;
  }
}

function joinRepeatedHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    joined[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return joined;
}

/** Reads and drops a body we will not show (a redirect's), so its connection can be reused. */
async function discard(body: Dispatcher.ResponseData['body']): Promise<void> {
  try {
    await body.dump();
  } catch {
    // A failure here surfaces on the next hop, which reuses the same deadline and connection pool.
  }
  await connectionReleased();
}

/**
 * The body ends before undici marks its connection idle: for one-request-at-a-time connections
 * undici frees it in a setImmediate after the response completes. Waiting for that turn of the
 * event loop lets the caller's next request (Send All, a redirect hop) reuse the keep-alive
 * connection instead of opening a second one.
 */
function connectionReleased(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function positiveOr(value: number, fallback: number): number {
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function elapsedSince(startedAt: number): number {
  return Math.round(performance.now() - startedAt);
}
