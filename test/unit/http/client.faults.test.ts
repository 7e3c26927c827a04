import * as assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LookupFunction } from 'node:net';
import { HttpClient, type SendOptions } from '../../../src/core/http/client';
import { CLI_OPTION_WORDING } from '../../../src/cli/optionWording';
import { EDITOR_OPTION_WORDING } from '../../../src/features/optionWording';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from './selfSignedCertificate';
import { deadPort, startServer, type TestServer } from './testServer';

const OPTIONS: SendOptions = { timeoutMs: 5000, maxResponseBodyBytes: 5 * 1024 * 1024, followRedirects: false };

type Route = (request: IncomingMessage, response: ServerResponse) => void;

describe('HttpClient: network faults end in a result the user can act on', () => {
  const routes = new Map<string, Route>();
  let server: TestServer;
  let client: HttpClient;

  before(async () => {
    server = await startServer((request, response) => {
      const route = routes.get(request.url ?? '');
      if (route) route(request, response);
      else response.writeHead(404).end();
    });
  });
  beforeEach(() => {
    client = new HttpClient();
    routes.clear();
  });
  afterEach(() => client.dispose());
  after(() => server.close());

  function send(path: string, route: Route, options: Partial<SendOptions> = {}, method = 'GET', body?: string) {
    routes.set(path, route);
    return client.send({ method, url: `${server.origin}${path}`, headers: [], body }, { ...OPTIONS, ...options });
  }

  it('names the address when the connection is refused', async () => {
    const port = await deadPort();
    const result = await client.send({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: [] }, OPTIONS);
    assert.equal(result.status, 0);
    assert.equal(result.error, `connection refused: is anything listening on 127.0.0.1:${port}?`);
    assert.equal(result.requestHeaders['host'], `127.0.0.1:${port}`);
  });

  it('times out a server that never answers, naming the setting', async () => {
    const result = await send('/silent', () => undefined, { timeoutMs: 300 });
    assert.equal(result.status, 0);
    // A lower bound only: it catches a timer that fires early, and load can only make it later.
    assert.equal(result.error, `no response from 127.0.0.1:${server.port} within 300 ms (the request timeout)`);
    assert.ok(result.durationMs >= 250);
  });

  it('times out a body that never ends, keeping the status and what arrived', async () => {
    const result = await send('/trickle', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('partial');
    }, { timeoutMs: 300 });
    assert.equal(result.status, 200);
    assert.equal(result.error, `the response from 127.0.0.1:${server.port} did not finish within 300 ms (the request timeout); showing the 7 bytes received`);
    assert.equal(result.bodyText, 'partial\n\n[incomplete: the response body ended after 7 bytes]');
  });

  it('reports a connection closed in the middle of the response headers', async () => {
    const result = await send('/cut-headers', (request) => {
      request.socket.write('HTTP/1.1 200 OK\r\nContent-Ty');
      request.socket.destroy();
    });
    assert.equal(result.status, 0);
    assert.match(result.error ?? '', new RegExp(`^the server closed the connection before responding \\(127\\.0\\.0\\.1:${server.port}\\)`));
  });

  it('reports a connection closed in the middle of the body, keeping the status and the start', async () => {
    const result = await send('/cut-body', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
      response.write('0123456789', () => setTimeout(() => response.socket?.destroy(), 20));
    });
    assert.equal(result.status, 200);
    assert.equal(result.error, `the server at 127.0.0.1:${server.port} closed the connection before the response body was complete (received 10 of 100 bytes)`);
    assert.ok(result.bodyText.startsWith('0123456789\n\n[incomplete'));
  });

  it('keeps a 412 when the server closes the connection right after sending it (as nginx does)', async () => {
    const body = '{"error":"etag mismatch"}';
    const result = await send('/412-close', (_request, response) => {
      response.writeHead(412, { 'content-type': 'application/json', etag: '"v2"', connection: 'close' });
      response.end(body, () => response.socket?.destroy());
    }, {}, 'PUT', '{"name":"x"}');
    assert.equal(result.status, 412);
    assert.equal(result.error, undefined);
    assert.equal(result.bodyText, body);
    assert.equal(result.responseHeaders['etag'], '"v2"');
  });

  it('keeps a 412 sent before the upload finished, then a closed connection', async () => {
    const result = await send('/412-early', (request, response) => {
      request.pause();
      response.writeHead(412, { 'content-type': 'text/plain', connection: 'close' });
      response.end('stale', () => request.socket.destroy());
    }, {}, 'PUT', 'x'.repeat(8 * 1024 * 1024));
    assert.equal(result.status, 412, result.error);
    assert.equal(result.bodyText, 'stale');
  });

  it('cancels through the AbortSignal in the middle of the body', async () => {
    const controller = new AbortController();
    const result = await send('/slow-body', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('first part', () => setTimeout(() => controller.abort(), 50));
    }, { signal: controller.signal });
    assert.equal(result.status, 0);
    // 'cancelled', not the 5 s timeout's sentence: the signal ended it.
    assert.equal(result.error, 'cancelled');
  });

  it('cancels while waiting for the response headers', async () => {
    const controller = new AbortController();
    const result = await send('/no-headers', () => setTimeout(() => controller.abort(), 50), { signal: controller.signal });
    assert.equal(result.status, 0);
    assert.equal(result.error, 'cancelled');
  });

  it('sends nothing when the signal is already aborted', async () => {
    const before = server.connections();
    const result = await send('/never', () => assert.fail('request arrived'), { signal: AbortSignal.abort() });
    assert.equal(result.error, 'cancelled');
    assert.equal(server.connections(), before);
  });

  it('ends requests still running when disposed, and refuses new ones', async () => {
    const pending = send('/hang', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await client.dispose();
    const result = await pending;
    assert.equal(result.status, 0);
    assert.match(result.error ?? '', /^the HTTP client was shut down before the request finished/);
    const after = await send('/ok', (_request, response) => response.end());
    assert.match(after.error ?? '', /^the HTTP client has been shut down/);
  });

  it('reports a host that DNS does not know', async () => {
    const failingLookup = ((hostname: string, _options: unknown, callback: (error: NodeJS.ErrnoException) => void) => {
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }));
    }) as unknown as LookupFunction;
    const offline = new HttpClient({ lookup: failingLookup });
    try {
      const result = await offline.send({ method: 'GET', url: 'http://api.example.invalid/items', headers: [] }, OPTIONS);
      assert.equal(result.status, 0);
      assert.equal(result.error, "host 'api.example.invalid' not found (DNS): check the host name in the URL, your network and VPN");
    } finally {
      await offline.dispose();
    }
  });
});

describe('HttpClient: TLS', () => {
  let tlsServer: TestServer;
  let plainServer: TestServer;
  let client: HttpClient;

  before(async () => {
    tlsServer = await startServer((_request, response) => response.end('secure'), { key: SELF_SIGNED_KEY, cert: SELF_SIGNED_CERT });
    plainServer = await startServer((_request, response) => response.end('plain'));
  });
  beforeEach(() => {
    client = new HttpClient();
  });
  afterEach(() => client.dispose());
  after(async () => {
    await tlsServer.close();
    await plainServer.close();
  });

  it('rejects a self-signed certificate by default, saying how to allow it in the front end that sent', async () => {
    const send = (wording?: SendOptions['wording']) => client.send({ method: 'GET', url: `${tlsServer.origin}/`, headers: [] }, { ...OPTIONS, wording });
    const rejected = `the TLS certificate of 127.0.0.1:${tlsServer.port} was rejected (self-signed certificate): if you trust this server,`;
    const neutral = await send();
    assert.equal(neutral.status, 0);
    assert.equal(neutral.error, `${rejected} turn off certificate verification for it (development servers only)`);
    assert.equal((await send(EDITOR_OPTION_WORDING)).error, `${rejected} set preconditionDoctor.rejectUnauthorized to false (development servers only)`);
    assert.equal((await send(CLI_OPTION_WORDING)).error, `${rejected} run again with --insecure (development servers only)`);
  });

  it('accepts it with rejectUnauthorized: false, without lowering the guard for other requests', async () => {
    const lax = await client.send({ method: 'GET', url: `${tlsServer.origin}/`, headers: [] }, { ...OPTIONS, rejectUnauthorized: false });
    assert.equal(lax.status, 200);
    assert.equal(lax.bodyText, 'secure');
    const strict = await client.send({ method: 'GET', url: `${tlsServer.origin}/`, headers: [] }, OPTIONS);
    assert.match(strict.error ?? '', /self-signed certificate.*turn off certificate verification/);
  });

  it('suggests http:// when an https:// URL points at a plain HTTP port', async () => {
    const result = await client.send({ method: 'GET', url: `https://127.0.0.1:${plainServer.port}/`, headers: [] }, OPTIONS);
    assert.equal(result.status, 0);
    assert.match(result.error ?? '', /try http:\/\//);
  });

  it('suggests https:// when an http:// URL points at a TLS port', async () => {
    const result = await client.send({ method: 'GET', url: `http://127.0.0.1:${tlsServer.port}/`, headers: [] }, { ...OPTIONS, timeoutMs: 2000 });
    assert.equal(result.status, 0);
    assert.match(result.error ?? '', /https:\/\//);
  });
});
