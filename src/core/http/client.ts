import type { LookupFunction } from 'node:net';
import type { Agent, Dispatcher } from 'undici';
import { ExchangeDeadline } from './deadline';
import { renderBodyForDisplay, renderUnencodedBody, type ReceivedBody } from './displayBody';
import { exchange, type Exchanged, type ResponseHead } from './exchange';
import { describeBodyTimeout, describeIncompleteBody, describeNetworkError, describeProxyError, describeTimeout } from './networkErrors';
import { prepareRequest, type PreparedRequest } from './preparedRequest';
import { decideProxy } from './proxy';
import { proxiedHeaders, ProxyAgents, proxyAuthorizationProblem, type ProxyRoute } from './proxyAgents';
import { DEFAULT_MAX_REDIRECTS, redirectStep } from './redirects';
import type { HttpClientOptions, OutgoingRequest, SendResult } from './types';
import { loadUndici, type UndiciModule } from './undiciModule';
import { flatHeaderList, headersOnTheWire } from './wireHeaders';
import { NEUTRAL_OPTION_WORDING, type OptionWording } from '../options/optionWording';

export interface HttpClientConnectOptions {
  /** Replaces DNS resolution for every connection; lets tests reproduce DNS failures offline. */
  lookup?: LookupFunction;
}

export type SendOptions = HttpClientOptions & { signal?: AbortSignal };

/** What everything but the client's owner needs from it. */
export type HttpSender = Pick<HttpClient, 'send'>;

const DEFAULT_MAX_RESPONSE_BODY_BYTES = 5 * 1024 * 1024;

/** Shared: a decode without `stream` leaves nothing behind in the decoder. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** What one hop sent, for the SendResult whatever happens next. */
interface Sent {
  request: PreparedRequest;
  wireHeaders: Record<string, string>;
  /** The proxy that carried it (HttpClientOptions.proxy), if one did. */
  proxy: ProxyRoute | undefined;
}

/**
 * Sends `.http` requests over one keep-alive undici Agent. `send` never rejects: every failure,
 * from a header that would allow injection to a connection reset mid-body, comes back as a
 * SendResult whose `error` says what to do about it.
 */
export class HttpClient {
  /** Loaded on the first request, so that constructing a client (at activation) loads no undici. */
  private loadedUndici: UndiciModule | undefined;
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
    let deadline: ExchangeDeadline | undefined;
    try {
      if (this.disposed) {
        return { ...emptyResult(request.method, request.url, startedAt), error: 'the HTTP client has been shut down: reload the window and send again' };
      }
      const prepared = prepareRequest(request);
      if (!prepared.ok) return { ...emptyResult(request.method, request.url, startedAt), error: prepared.error };

      deadline = new ExchangeDeadline(options.timeoutMs, options.signal);
      if (deadline.reason === 'cancelled') return { ...emptyResult(request.method, request.url, startedAt), error: 'cancelled' };
      return await this.followRedirects(prepared.request, options, deadline, startedAt);
    } catch (error) {
      // Nothing above is expected to throw; if it does, the caller still gets a result, not a rejection.
      return {
        ...emptyResult(request.method, request.url, startedAt),
        error: `unexpected failure while sending: ${error instanceof Error ? error.message : String(error)}`,
      };
    } finally {
      deadline?.dispose();
    }
  }

  /** Closes every connection; requests still running end with an error result. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([this.verifyingAgent?.destroy(), this.nonVerifyingAgent?.destroy(), this.proxyAgents.destroy()]);
  }

  private async followRedirects(first: PreparedRequest, options: SendOptions, deadline: ExchangeDeadline, startedAt: number): Promise<SendResult> {
    const maxBytes = positiveOr(options.maxResponseBodyBytes, DEFAULT_MAX_RESPONSE_BODY_BYTES);
    const visited = options.followRedirects ? new Set<string>() : undefined;
    let current = first;
    for (let followed = 0; ; followed++) {
      visited?.add(current.url.href);
      // Decided per hop: a redirect may lead to a host that http.noProxy sends around the proxy.
      const route = decideProxy(current.url, options.proxy);
      const refusal = route.kind === 'invalid' ? route.error : route.kind === 'proxy' ? proxyAuthorizationProblem(current.headers, route) : undefined;
      if (refusal !== undefined) return { ...emptyResult(current.method, current.urlText, startedAt), error: `${refusal}; nothing was sent` };
      const sent: Sent = { request: current, wireHeaders: headersOnTheWire(current), proxy: route.kind === 'proxy' ? route : undefined };

      const received = await exchange(this.dispatcherFor(sent, options), dispatchOptions(sent), deadline, {
        maxBodyBytes: maxBytes,
        headerNameToString: this.undici.util.headerNameToString,
      });
      const { head } = received;
      if (head === undefined) return this.failedBeforeResponse(sent, received.error, options, deadline, startedAt);
      // A connection that broke, or was closed at the cap, has nothing to hand on to the next request.
      if (received.error === undefined && !received.exceededCap) await connectionReleased();
      if (deadline.reason === 'cancelled') return withoutResponse(sent, startedAt, 'cancelled');

      const redirect = visited && redirectStep(current, head.status, head.headers, followed, options.maxRedirects ?? DEFAULT_MAX_REDIRECTS, visited);
      if (redirect !== undefined && 'next' in redirect) {
        // A redirect's body is not shown: it was read only to free the connection for the next hop,
        // and if reading it failed, that hop fails the same way or not at all.
        current = redirect.next;
        continue;
      }
      const shown: ReceivedBody = {
        wireBytes: received.body,
        exceededCap: received.exceededCap,
        complete: received.error === undefined,
        contentType: head.headers['content-type'],
        contentEncoding: head.headers['content-encoding'],
        maxBytes,
        maxBytesWording: wordingOf(options).maxResponseBodyBytes,
      };
      const bodyText = current.method === 'HEAD' ? ''
        : shown.contentEncoding === undefined ? renderUnencodedBody(shown)
        : await renderBodyForDisplay(shown);
      const error = redirect?.refused ?? (received.error === undefined ? undefined : this.describeBodyFailure(sent, head, received, options, deadline));
      return withResponse(sent, startedAt, head, bodyText, error);
    }
  }

  private dispatcherFor({ proxy }: Sent, options: SendOptions): Dispatcher {
    return proxy === undefined
      ? this.agentFor(options)
      : this.proxyAgents.dispatcherFor(this.undici, proxy, options.rejectUnauthorized !== false, this.connectOptions.lookup);
  }

  private get undici(): UndiciModule {
    this.loadedUndici ??= loadUndici();
    return this.loadedUndici;
  }

  private failedBeforeResponse(sent: Sent, error: unknown, options: SendOptions, deadline: ExchangeDeadline, startedAt: number): SendResult {
    const { request } = sent;
    const sentence =
      deadline.reason === 'cancelled' ? 'cancelled'
      : deadline.reason === 'timeout' ? describeTimeout(request.url, options.timeoutMs, wordingOf(options))
      : (sent.proxy && describeProxyError(error, { ...sent.proxy, protocol: new URL(sent.proxy.proxyUrl).protocol }, request.url, wordingOf(options)))
        ?? describeNetworkError(error, request.url, wordingOf(options));
    return withoutResponse(sent, startedAt, sentence);
  }

  private describeBodyFailure(sent: Sent, head: ResponseHead, received: Exchanged, options: SendOptions, deadline: ExchangeDeadline): string {
    const { url } = sent.request;
    return deadline.reason === 'timeout'
      ? describeBodyTimeout(url, options.timeoutMs, received.body.byteLength, wordingOf(options))
      : describeIncompleteBody(received.error, url, received.body.byteLength, head.headers['content-length'], wordingOf(options));
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
    return new this.undici.Agent({
      // The exchange deadline (preconditionDoctor.timeoutMs) is the one time limit; undici's own
      // 300 s header and body timers would otherwise cut off a user who asked for longer.
      headersTimeout: 0,
      bodyTimeout: 0,
      connect: { rejectUnauthorized, ...(this.connectOptions.lookup ? { lookup: this.connectOptions.lookup } : {}) },
    });
  }
}

/** What undici needs to send one hop. */
function dispatchOptions({ request, proxy }: Sent): Dispatcher.DispatchOptions {
  return {
    origin: request.url.origin,
    path: request.url.pathname + request.url.search,
    method: request.method as Dispatcher.HttpMethod,
    // ProxyAgent turns a flat list into an object, which keeps one line per name; see proxiedHeaders.
    headers: proxy === undefined ? flatHeaderList(request.headers) : proxiedHeaders(request.headers),
    body: request.body,
  };
}

function emptyResult(method: string, url: string, startedAt: number): SendResult {
  return { method, url, requestHeaders: {}, status: 0, statusText: '', responseHeaders: {}, bodyText: '', durationMs: elapsedSince(startedAt) };
}

/** The result for a hop that got no response (or whose response was cancelled), keeping what was sent. */
function withoutResponse(sent: Sent, startedAt: number, error: string): SendResult {
  return withResponse(sent, startedAt, { status: 0, statusText: '', headers: {} }, '', error);
}

/**
 * The result for a hop, with its fields in the order the contract lists them. One literal per
 * shape, not spreads: spreading into a result was a visible share of the send path (bench/).
 */
function withResponse(sent: Sent, startedAt: number, head: ResponseHead, bodyText: string, error: string | undefined): SendResult {
  const { request, wireHeaders } = sent;
  const requestBody = textOf(request.body);
  const durationMs = elapsedSince(startedAt);
  const result: SendResult = requestBody === undefined
    ? { method: request.method, url: request.urlText, requestHeaders: wireHeaders, durationMs, status: head.status, statusText: head.statusText, responseHeaders: head.headers, bodyText }
    : { method: request.method, url: request.urlText, requestHeaders: wireHeaders, requestBody, durationMs, status: head.status, statusText: head.statusText, responseHeaders: head.headers, bodyText };
  if (error !== undefined) result.error = error;
  return result;
}

/** The body as text when it is UTF-8; binary bodies are left out of the result, as the contract says. */
function textOf(body: Buffer | undefined): string | undefined {
  if (body === undefined) return undefined;
  try {
    return UTF8.decode(body);
  } catch {
    return undefined;
  }
}

/**
 * A response completes before undici marks its connection idle: for one-request-at-a-time connections
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

function wordingOf(options: HttpClientOptions): OptionWording {
  return options.wording ?? NEUTRAL_OPTION_WORDING;
}
