/**
 * The demo API's HTTP glue: Node's http server, body reading, routing to the control
 * endpoints or the scenario that owns the path, one log line per request, and the
 * optional background writer. Everything lives in the returned server: several can run
 * side by side (tests use port 0).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleControl } from './control';
import { MAX_BODY_BYTES, ResourceStore, editAsAnotherClient } from './resourceStore';
import { notFound, problemResponse } from './responses';
import { createScenarios, resetScenarios, scenarioFor, type Scenario } from './scenarios';
import type { Clock, DemoRequest, DemoResponse } from './types';

export interface DemoServerOptions {
  /** 0 or omitted: a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Receives one line per request (and per background edit). */
  readonly log?: (line: string) => void;
  /** Edit /busy/items/1 every this many milliseconds; omitted or 0: never. */
  readonly backgroundWriterMs?: number;
}

export interface DemoServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The document the background writer keeps changing. */
export const BUSY_DOCUMENT = '/busy/items/1';

const realClock: Clock = () => Date.now();

const LOGGED_HEADERS = ['if-match', 'if-none-match', 'if-unmodified-since', 'if-modified-since', 'if-range', 'accept-encoding'];

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Keep draining past the limit so the client gets the 413 instead of a reset.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks);
}

function toDemoRequest(incoming: IncomingMessage, body: Buffer): DemoRequest {
  const url = new URL(incoming.url ?? '/', 'http://demo.invalid');
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape stays as written; it simply matches no document.
  }
  const headers: Array<[string, string]> = [];
  for (let index = 0; index + 1 < incoming.rawHeaders.length; index += 2) {
    headers.push([incoming.rawHeaders[index], incoming.rawHeaders[index + 1]]);
  }
  return {
    method: (incoming.method ?? 'GET').toUpperCase(),
    // `/items/` and `/items` name the same collection.
    path: path.length > 1 ? path.replace(/\/+$/, '') : path,
    query: url.searchParams,
    headers,
    body,
  };
}

function writeResponse(outgoing: ServerResponse, response: DemoResponse): void {
  outgoing.statusCode = response.status;
  if (response.statusText) outgoing.statusMessage = response.statusText;
  for (const [name, value] of Object.entries(response.headers)) outgoing.setHeader(name, value);
  outgoing.end(response.body);
}

function logLine(incoming: IncomingMessage, outgoing: ServerResponse, startedAt: number): string {
  const preconditions = LOGGED_HEADERS.filter((name) => incoming.headers[name] !== undefined)
    .map((name) => `${name}: ${String(incoming.headers[name])}`)
    .join('; ');
  const status = `${outgoing.statusCode} ${outgoing.statusMessage}`;
  const elapsed = Math.round(performance.now() - startedAt);
  return `${clockTime()} ${incoming.method} ${incoming.url} -> ${status} (${elapsed} ms)${preconditions ? ` [${preconditions}]` : ''}`;
}

function clockTime(): string {
  return new Date().toISOString().slice(11, 19);
}

/** What every exchange needs; one per server. */
interface DemoContext {
  readonly store: ResourceStore;
  readonly scenarios: readonly Scenario[];
  readonly log: (line: string) => void;
}

function route(request: DemoRequest, context: DemoContext): DemoResponse | Promise<DemoResponse> {
  const control = handleControl(request, context.store, context.scenarios, realClock());
  if (control) return control;
  const scenario = scenarioFor(context.scenarios, request.path);
  return scenario ? scenario.handle(request) : notFound(request.path, realClock);
}

async function handleExchange(incoming: IncomingMessage, outgoing: ServerResponse, context: DemoContext): Promise<void> {
  const startedAt = performance.now();
  outgoing.on('finish', () => context.log(logLine(incoming, outgoing, startedAt)));
  try {
    const body = await readBody(incoming);
    const response =
      body === undefined
        ? problemResponse({ status: 413, title: 'Content Too Large', detail: `Bodies are limited to ${MAX_BODY_BYTES} bytes.` }, realClock)
        : await route(toDemoRequest(incoming, body), context);
    writeResponse(outgoing, response);
  } catch (error) {
    if (outgoing.headersSent) {
      outgoing.destroy();
      return;
    }
    writeResponse(outgoing, problemResponse({ status: 500, title: 'Internal Server Error', detail: (error as Error).message }, realClock));
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/** Starts the demo API with the seed documents; resolves once it is listening. */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);
  const store = new ResourceStore();
  const scenarios = createScenarios(store, realClock);
  resetScenarios(store, scenarios);

  const context: DemoContext = { store, scenarios, log };
  const server = createServer((incoming, outgoing) => void handleExchange(incoming, outgoing, context));
  const port = await listen(server, options.port ?? 0, host);
  const writerMs = options.backgroundWriterMs ?? 0;
  const writer =
    writerMs > 0
      ? setInterval(() => {
          const edited = editAsAnotherClient(store, BUSY_DOCUMENT, realClock());
          if (edited) log(`${clockTime()} background writer edited ${BUSY_DOCUMENT}: ETag ${edited.etag}`);
        }, writerMs)
      : undefined;
  writer?.unref();

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        if (writer) clearInterval(writer);
        server.close(() => resolve());
        // Keep-alive sockets would otherwise hold close() open until they time out.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
