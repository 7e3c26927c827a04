import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo, LookupFunction, Socket } from 'node:net';
import * as net from 'node:net';
import { HttpClient, type SendOptions } from '../../../src/core/http/client';
import type { ProxySettings } from '../../../src/core/http/proxy';
import { CLI_OPTION_WORDING } from '../../../src/cli/optionWording';
import { EDITOR_OPTION_WORDING } from '../../../src/features/optionWording';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from './selfSignedCertificate';
import { deadPort, receivedHeaderRecord, startServer, type TestServer } from './testServer';

/** The editor's words: it is the front end whose proxy comes from http.proxy before the environment. */
const OPTIONS: SendOptions = { timeoutMs: 5000, maxResponseBodyBytes: 5 * 1024 * 1024, followRedirects: false, wording: EDITOR_OPTION_WORDING };

type ProxyServer = http.Server & { authenticate?: (request: http.IncomingMessage) => boolean | Promise<boolean> };

/**
 * `proxy` (TooTallNate's forwarding proxy) is an ES module; the compiled tests are CommonJS, where
 * TypeScript would turn `import()` into `require()`. A real dynamic import keeps it an import.
 */
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

interface RunningProxy {
  url: string;
  host: string;
  /** Requests the proxy forwarded (absolute-form) and tunnels it opened (CONNECT). */
  forwarded: string[];
  tunnels: string[];
  server: ProxyServer;
  connections(): Promise<number>;
  close(): Promise<void>;
}

async function listen(server: http.Server, forwarded: string[], tunnels: string[]): Promise<RunningProxy> {
  server.on('request', (request: http.IncomingMessage) => forwarded.push(`${request.method} ${request.url}`));
  server.on('connect', (request: http.IncomingMessage) => tunnels.push(request.url ?? ''));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    forwarded,
    tunnels,
    server,
    connections: () => new Promise((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count)))),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The `proxy` npm package on 127.0.0.1: forwards http:// requests and opens CONNECT tunnels. */
async function startForwardingProxy(): Promise<RunningProxy> {
  const { createProxy } = (await importModule('proxy')) as { createProxy: (server: http.Server) => ProxyServer };
  const server = createProxy(http.createServer());
  // Tunnels are raw sockets the proxy no longer tracks; close them with the test.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const running = await listen(server, [], []);
  const close = running.close;
  running.close = async () => {
    for (const socket of sockets) socket.destroy();
    await close();
  };
  return running;
}

/**
 * A forwarding proxy of our own that weakens every ETag on the way back, as proxies that
 * compress responses do (nginx's gzip turns "v1" into W/"v1"): the kind of intermediary that
 * makes a later If-Match fail with 412.
 */
async function startEtagRewritingProxy(): Promise<RunningProxy> {
  const server = http.createServer((request, response) => {
    const target = new URL(request.url ?? '');
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: request.method, headers: request.headers },
      (answer) => {
        const headers = { ...answer.headers };
        if (typeof headers.etag === 'string' && !headers.etag.startsWith('W/')) headers.etag = `W/${headers.etag}`;
        response.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  return listen(server, [], []);
}

describe('HttpClient: requests through a proxy', function () {
  this.timeout(20_000);
  let origin: TestServer;
  let tlsOrigin: TestServer;
  let proxy: RunningProxy;
  let client: HttpClient;
  const unhandled: unknown[] = [];
  const recordUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  before(async () => {
    process.on('unhandledRejection', recordUnhandled);
    origin = await startServer((request, response) => {
      response.setHeader('etag', '"v1"');
      response.setHeader('content-type', 'text/plain');
      response.end(`origin saw ${request.method} ${request.url}`);
    });
    tlsOrigin = await startServer((_request, response) => response.end('secure'), { key: SELF_SIGNED_KEY, cert: SELF_SIGNED_CERT });
    proxy = await startForwardingProxy();
  });
  beforeEach(() => {
    client = new HttpClient();
    origin.requests.length = 0;
    proxy.forwarded.length = 0;
    proxy.tunnels.length = 0;
    proxy.server.authenticate = undefined;
  });
  afterEach(async () => {
    await client.dispose();
    assert.deepEqual(unhandled, [], 'an unhandled promise rejection escaped the client');
  });
  after(async () => {
    process.off('unhandledRejection', recordUnhandled);
    await proxy.close();
    await origin.close();
    await tlsOrigin.close();
  });

  function get(url: string, settings: ProxySettings, extra: Partial<SendOptions> = {}, headers: Array<[string, string]> = []) {
    return client.send({ method: 'GET', url, headers }, { ...OPTIONS, ...extra, proxy: settings });
  }

  it('sends an http:// request through http.proxy: the proxy forwards it and the server sees the proxy', async () => {
    const result = await get(`${origin.origin}/items/1`, { proxyUrl: proxy.url });
    assert.equal(result.error, undefined);
    assert.equal(result.status, 200);
    assert.equal(result.bodyText, 'origin saw GET /items/1');
    assert.equal(result.responseHeaders['etag'], '"v1"');
    assert.deepEqual(proxy.forwarded, [`GET ${origin.origin}/items/1`]);
    assert.match(receivedHeaderRecord(origin.requests[0].rawHeaders)['via'] ?? '', /proxy/);
  });

  it('falls back to HTTP_PROXY from the environment', async () => {
    const result = await get(`${origin.origin}/env`, { env: { HTTP_PROXY: proxy.url } });
    assert.equal(result.status, 200);
    assert.deepEqual(proxy.forwarded, [`GET ${origin.origin}/env`]);
  });

  it('goes directly to a host that http.noProxy or NO_PROXY names', async () => {
    const fromSetting = await get(`${origin.origin}/direct`, { proxyUrl: proxy.url, noProxy: ['127.0.0.1'] });
    const fromEnv = await get(`${origin.origin}/direct`, { env: { HTTP_PROXY: proxy.url, NO_PROXY: `localhost:${origin.port}` } });
    assert.equal(fromSetting.status, 200);
    assert.equal(fromEnv.status, 200);
    assert.deepEqual(proxy.forwarded, []);
    assert.equal(origin.requests.length, 2);
    assert.equal(receivedHeaderRecord(origin.requests[0].rawHeaders)['via'], undefined);
  });

  it('still proxies a port NO_PROXY does not name', async () => {
    await get(`${origin.origin}/other-port`, { env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1:1' } });
    assert.deepEqual(proxy.forwarded, [`GET ${origin.origin}/other-port`]);
  });

  it('keeps every line of a repeated header through the proxy, and records what was sent', async () => {
    const result = await get(`${origin.origin}/repeated`, { proxyUrl: proxy.url }, {}, [['If-None-Match', '"a"'], ['X-Trace', 't'], ['If-None-Match', '"b"']]);
    assert.equal(result.status, 200);
    const received = origin.requests[0].rawHeaders;
    const ifNoneMatch = received.filter((_, i) => i % 2 === 1 && received[i - 1].toLowerCase() === 'if-none-match');
    assert.deepEqual(ifNoneMatch, ['"a"', '"b"']);
    assert.equal(result.requestHeaders['if-none-match'], '"a", "b"');
  });

  it('shows the ETag as a rewriting proxy delivered it', async () => {
    const rewriting = await startEtagRewritingProxy();
    try {
      const result = await get(`${origin.origin}/items/7`, { proxyUrl: rewriting.url });
      assert.equal(result.status, 200);
      assert.equal(result.responseHeaders['etag'], 'W/"v1"');
      assert.deepEqual(rewriting.forwarded, [`GET ${origin.origin}/items/7`]);
      assert.equal(origin.requests.length, 1);
    } finally {
      await rewriting.close();
    }
  });

  it('tunnels an https:// request with CONNECT, checking the server certificate as usual', async () => {
    const lax = await get(`${tlsOrigin.origin}/`, { proxyUrl: proxy.url }, { rejectUnauthorized: false });
    assert.equal(lax.error, undefined);
    assert.equal(lax.bodyText, 'secure');
    assert.deepEqual(proxy.tunnels, [`127.0.0.1:${tlsOrigin.port}`]);
    const strict = await get(`${tlsOrigin.origin}/`, { proxyUrl: proxy.url });
    assert.equal(strict.status, 0);
    assert.match(strict.error ?? '', /self-signed certificate.*preconditionDoctor\.rejectUnauthorized/);
  });

  it('reuses its connection to the proxy, and dispose closes it', async () => {
    await get(`${origin.origin}/one`, { proxyUrl: proxy.url });
    await get(`${origin.origin}/two`, { proxyUrl: proxy.url });
    assert.equal(proxy.forwarded.length, 2);
    assert.equal(await proxy.connections(), 1);
    await client.dispose();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(await proxy.connections(), 0);
  });

  it('says so, naming http.proxy, when the proxy refuses the connection', async () => {
    const port = await deadPort();
    const result = await get(`${origin.origin}/`, { proxyUrl: `http://127.0.0.1:${port}` });
    assert.equal(result.status, 0);
    assert.equal(result.error, `connection refused by the proxy 127.0.0.1:${port}: is the proxy running? Check http.proxy`);
    assert.equal(origin.requests.length, 0);
  });

  it('names the environment variable when the proxy came from there', async () => {
    const port = await deadPort();
    const result = await get(`https://127.0.0.1:${tlsOrigin.port}/`, { env: { HTTPS_PROXY: `127.0.0.1:${port}` } });
    assert.equal(result.error, `connection refused by the proxy 127.0.0.1:${port}: is the proxy running? Check the HTTPS_PROXY environment variable, or set http.proxy`);
  });

  it('names only the environment variable where no setting could override it (the command line)', async () => {
    const port = await deadPort();
    const result = await get(`https://127.0.0.1:${tlsOrigin.port}/`, { env: { HTTPS_PROXY: `127.0.0.1:${port}` } }, { wording: CLI_OPTION_WORDING });
    assert.equal(result.error, `connection refused by the proxy 127.0.0.1:${port}: is the proxy running? Check the HTTPS_PROXY environment variable`);
  });

  it('asks for credentials in http.proxy when the proxy answers 407, for http:// and https:// requests', async () => {
    proxy.server.authenticate = () => false;
    for (const url of [`${origin.origin}/secret`, `${tlsOrigin.origin}/secret`]) {
      const result = await get(url, { proxyUrl: proxy.url }, { rejectUnauthorized: false });
      assert.equal(result.status, 0, url);
      assert.equal(
        result.error,
        `the proxy ${proxy.host} asks for credentials (407 Proxy Authentication Required): put the user name and password in http.proxy, as http://user:password@${proxy.host}`,
      );
    }
    assert.equal(origin.requests.length, 0);
  });

  it('sends the credentials written in http.proxy to the proxy, never to the server', async () => {
    let seen: string | undefined;
    proxy.server.authenticate = (request) => {
      seen = request.headers['proxy-authorization'];
      return seen === `Basic ${Buffer.from('me:s3cret').toString('base64')}`;
    };
    const result = await get(`${origin.origin}/with-credentials`, { proxyUrl: `http://me:s3cret@${proxy.host}` });
    assert.equal(result.error, undefined);
    assert.equal(result.status, 200);
    assert.ok(seen);
    assert.equal(receivedHeaderRecord(origin.requests[0].rawHeaders)['proxy-authorization'], undefined);
    assert.equal(JSON.stringify(result).includes('s3cret'), false, 'the password leaked into the result');
  });

  it('refuses a Proxy-Authorization header in the request when a proxy carries it, sending nothing', async () => {
    const result = await get(`${origin.origin}/`, { proxyUrl: proxy.url }, {}, [['Proxy-Authorization', 'Basic abc']]);
    assert.match(result.error ?? '', /^the request has a Proxy-Authorization header, but it goes through the proxy .*http\.proxy.*; nothing was sent$/);
    assert.deepEqual(proxy.forwarded, []);
  });

  it('refuses a proxy it cannot use, sending nothing around it', async () => {
    const result = await get(`${origin.origin}/`, { proxyUrl: 'socks5://127.0.0.1:1080' });
    assert.equal(result.error, 'the http.proxy setting names a socks5 proxy (127.0.0.1:1080), which is not supported: use an http:// or https:// proxy; nothing was sent');
    assert.equal(origin.requests.length, 0);
  });

  it('reports a proxy host that DNS does not know', async () => {
    const failingLookup = ((hostname: string, _options: unknown, callback: (error: NodeJS.ErrnoException) => void) => {
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }));
    }) as unknown as LookupFunction;
    const offline = new HttpClient({ lookup: failingLookup });
    try {
      const result = await offline.send({ method: 'GET', url: 'http://api.example.test/items', headers: [] }, { ...OPTIONS, proxy: { proxyUrl: 'http://proxy.corp.invalid:3128' } });
      assert.equal(result.status, 0);
      assert.equal(result.error, "proxy host 'proxy.corp.invalid' not found (DNS): check http.proxy");
    } finally {
      await offline.dispose();
    }
  });

  it('times out at timeoutMs when the proxy never answers a CONNECT', async () => {
    // undici's ProxyAgent leaves a CONNECT that was never answered open after destroy(), so the test closes it from this side.
    const accepted = new Set<Socket>();
    const silent = net.createServer((socket) => accepted.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const result = await get(`${tlsOrigin.origin}/`, { proxyUrl: `http://127.0.0.1:${port}` }, { timeoutMs: 300 });
      assert.equal(result.status, 0);
      // Our timer's sentence: undici's own connect timeout would name the proxy instead.
      assert.equal(result.error, `no response from 127.0.0.1:${tlsOrigin.port} within 300 ms (preconditionDoctor.timeoutMs)`);
    } finally {
      for (const socket of accepted) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
