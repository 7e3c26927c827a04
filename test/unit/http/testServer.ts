import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/** What the test server saw of one request, before any handler logic ran. */
export interface ReceivedRequest {
  method: string;
  url: string;
  /** Names and values exactly as they arrived, case and order preserved. */
  rawHeaders: string[];
  /** Which connection carried it: equal ids mean a reused keep-alive socket. */
  socketId: number;
  body: Promise<Buffer>;
}

export type Handler = (request: http.IncomingMessage, response: http.ServerResponse, received: ReceivedRequest) => void;

export interface TestServer {
  /** http://127.0.0.1:<port> (https:// for TLS servers), no trailing slash. */
  origin: string;
  port: number;
  requests: ReceivedRequest[];
  /** TCP connections accepted, including ones that never carried a complete request. */
  connections(): number;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 and an ephemeral port; every handler call is recorded first. */
export async function startServer(handler: Handler, tls?: { key: string; cert: string }): Promise<TestServer> {
  const requests: ReceivedRequest[] = [];
  const socketIds = new WeakMap<Socket, number>();
  let connectionCount = 0;
  const onRequest = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    const received: ReceivedRequest = {
      method: request.method ?? '',
      url: request.url ?? '',
      rawHeaders: request.rawHeaders,
      socketId: socketIds.get(request.socket) ?? -1,
      body: readAll(request),
    };
    // A handler that never reads the body must not turn into an unhandled rejection when the client goes away.
    received.body.catch(() => undefined);
    requests.push(received);
    handler(request, response, received);
  };
  const server = tls ? https.createServer(tls, onRequest) : http.createServer(onRequest);
  server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    connectionCount += 1;
    socketIds.set(socket, connectionCount);
  });
  // TLS handshakes the tests make fail on purpose end here.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    connections: () => connectionCount,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: bound once by us, then released. */
export async function deadPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Header pairs as the server received them, as the SendResult records them: lower-cased, repeats joined. */
export function receivedHeaderRecord(rawHeaders: string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    const earlier = record[name];
    record[name] = typeof earlier === 'string' ? `${earlier}, ${rawHeaders[i + 1]}` : rawHeaders[i + 1];
  }
  return record;
}

function readAll(stream: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
    stream.on('close', () => resolve(Buffer.concat(chunks)));
  });
}
