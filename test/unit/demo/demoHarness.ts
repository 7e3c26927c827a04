/** Starts one demo server per suite and resets it before every test, so tests never share state. */
import { request as httpRequest } from 'node:http';
import { startDemoServer, type DemoServer, type DemoServerOptions } from '../../../src/demo/server';

export interface DemoHandle {
  /** Absolute URL of a path on the running server. */
  url(path: string): string;
  readonly server: () => DemoServer;
}

export function useDemoServer(options: DemoServerOptions = {}): DemoHandle {
  let server: DemoServer | undefined;
  before(async () => {
    server = await startDemoServer({ port: 0, ...options });
  });
  beforeEach(async () => {
    const response = await fetch(`${server!.url}/_reset`, { method: 'POST' });
    await response.arrayBuffer();
  });
  after(async () => {
    await server?.close();
  });
  return {
    url: (path) => `${server!.url}${path}`,
    server: () => server!,
  };
}

/** fetch plus the body as text, so no test leaves a response stream open. */
export async function send(url: string, init: RequestInit = {}): Promise<{ status: number; statusText: string; headers: Headers; text: string }> {
  const response = await fetch(url, init);
  return { status: response.status, statusText: response.statusText, headers: response.headers, text: await response.text() };
}

export function jsonPut(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: 'PUT', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/**
 * A request with exactly the given headers. fetch() adds `Cache-Control: no-cache` and
 * `Pragma: no-cache` to any request with If-None-Match, which would bypass the demo cache.
 */
export function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { headers }, (incoming) => {
      incoming.resume();
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Any request with exactly the given headers and body, the way the extension's client sends. */
export function rawRequest(url: string, method: string, headers: ReadonlyArray<readonly [string, string]>, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // An object, not a raw array: with a raw array Node would not add the Host header.
    const headerObject: Record<string, string[]> = {};
    for (const [name, value] of headers) (headerObject[name] ??= []).push(value);
    const outgoing = httpRequest(url, { method, headers: headerObject }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
