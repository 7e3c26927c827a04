import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { HttpClient, type SendOptions } from '../../../src/core/http/client';
import { receivedHeaderRecord, startServer, type ReceivedRequest, type TestServer } from './testServer';

const OPTIONS: SendOptions = { timeoutMs: 5000, maxResponseBodyBytes: 5 * 1024 * 1024, followRedirects: false };

describe('HttpClient: what goes on the wire', () => {
  let server: TestServer;
  let client: HttpClient;

  before(async () => {
    server = await startServer((_request, response, received) => {
      void received.body.then((body) => {
        response.setHeader('content-type', 'text/plain');
        response.end(`received ${body.byteLength} bytes`);
      });
    });
  });
  beforeEach(() => {
    client = new HttpClient();
    server.requests.length = 0;
  });
  afterEach(() => client.dispose());
  after(() => server.close());

  function lastRequest(): ReceivedRequest {
    const request = server.requests.at(-1);
    assert.ok(request, 'the server received no request');
    return request;
  }

  function namesInWireOrder(rawHeaders: string[]): string[] {
    return [...new Set(rawHeaders.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase()))];
  }

  it('sends only the headers written plus what HTTP/1.1 framing needs, and records exactly those', async () => {
    const result = await client.send(
      { method: 'GET', url: `${server.origin}/items/1`, headers: [['If-None-Match', '"abc"'], ['X-Trace-Id', 't-1']] },
      OPTIONS,
    );
    const { rawHeaders } = lastRequest();
    assert.deepEqual(rawHeaders, ['host', `127.0.0.1:${server.port}`, 'connection', 'keep-alive', 'If-None-Match', '"abc"', 'X-Trace-Id', 't-1']);
    assert.deepEqual(result.requestHeaders, receivedHeaderRecord(rawHeaders));
    assert.deepEqual(Object.keys(result.requestHeaders), namesInWireOrder(rawHeaders));
  });

  it('adds no Accept-Encoding, Accept or User-Agent of its own', async () => {
    const result = await client.send({ method: 'GET', url: `${server.origin}/`, headers: [] }, OPTIONS);
    const names = namesInWireOrder(lastRequest().rawHeaders);
    for (const implicit of ['accept-encoding', 'accept', 'user-agent']) {
      assert.ok(!names.includes(implicit), `${implicit} was sent`);
      assert.ok(!(implicit in result.requestHeaders));
    }
  });

  it('keeps the casing of header names as written', async () => {
    await client.send({ method: 'GET', url: `${server.origin}/`, headers: [['X-CamelCase-ETag', 'v'], ['if-match', '"x"']] }, OPTIONS);
    const names = lastRequest().rawHeaders.filter((_, i) => i % 2 === 0);
    assert.ok(names.includes('X-CamelCase-ETag'));
    assert.ok(names.includes('if-match'));
  });

  it('sends a string body as UTF-8 and records the content-length undici added', async () => {
    const body = '{"name":"café"}';
    const result = await client.send(
      { method: 'PUT', url: `${server.origin}/items/1`, headers: [['Content-Type', 'application/json'], ['If-Match', '"v1"']], body },
      OPTIONS,
    );
    const received = lastRequest();
    assert.equal((await received.body).toString('utf8'), body);
    assert.equal(result.requestHeaders['content-length'], String(Buffer.byteLength(body)));
    assert.deepEqual(result.requestHeaders, receivedHeaderRecord(received.rawHeaders));
    assert.equal(result.requestBody, body);
    assert.equal(result.bodyText, `received ${Buffer.byteLength(body)} bytes`);
  });

  it('records content-length: 0 for a POST without a body, as undici sends it', async () => {
    const result = await client.send({ method: 'POST', url: `${server.origin}/`, headers: [] }, OPTIONS);
    assert.equal(result.requestHeaders['content-length'], '0');
    assert.deepEqual(result.requestHeaders, receivedHeaderRecord(lastRequest().rawHeaders));
  });

  it('records connection: close for HEAD, as undici sends it', async () => {
    const result = await client.send({ method: 'HEAD', url: `${server.origin}/`, headers: [] }, OPTIONS);
    assert.equal(result.requestHeaders['connection'], 'close');
    assert.deepEqual(result.requestHeaders, receivedHeaderRecord(lastRequest().rawHeaders));
  });

  it('sends a Host header written in the request instead of the URL host, and Connection: close when asked', async () => {
    const result = await client.send(
      { method: 'GET', url: `${server.origin}/`, headers: [['Host', 'api.example.test'], ['Connection', 'close']] },
      OPTIONS,
    );
    const { rawHeaders } = lastRequest();
    assert.equal(receivedHeaderRecord(rawHeaders)['host'], 'api.example.test');
    assert.deepEqual(result.requestHeaders, receivedHeaderRecord(rawHeaders));
  });

  it('sends a matching Content-Length written in the request once', async () => {
    const result = await client.send({ method: 'POST', url: `${server.origin}/`, headers: [['Content-Length', '5']], body: 'hello' }, OPTIONS);
    const { rawHeaders } = lastRequest();
    assert.deepEqual(result.requestHeaders, receivedHeaderRecord(rawHeaders));
    assert.equal(result.requestHeaders['content-length'], '5');
  });

  it('sends repeated request headers as separate lines and records them joined', async () => {
    const result = await client.send({ method: 'GET', url: `${server.origin}/`, headers: [['X-Tag', 'a'], ['X-Tag', 'b']] }, OPTIONS);
    const { rawHeaders } = lastRequest();
    assert.deepEqual(rawHeaders.slice(4), ['X-Tag', 'a', 'X-Tag', 'b']);
    assert.equal(result.requestHeaders['x-tag'], 'a, b');
  });

  it('records a header whose name is also a property of every object like any other', async () => {
    const result = await client.send({ method: 'GET', url: `${server.origin}/`, headers: [['Constructor', 'x'], ['X-Tag', 'a']] }, OPTIONS);
    const { rawHeaders } = lastRequest();
    assert.equal(result.requestHeaders['constructor'], 'x');
    assert.deepEqual(result.requestHeaders, receivedHeaderRecord(rawHeaders));
  });

  it('sends a binary body byte for byte and leaves it out of requestBody', async () => {
    const bytes = new Uint8Array([0, 0xff, 0xfe, 0x80, 10, 13]);
    const result = await client.send({ method: 'POST', url: `${server.origin}/`, headers: [['Content-Type', 'application/octet-stream']], body: bytes }, OPTIONS);
    assert.deepEqual([...(await lastRequest().body)], [...bytes]);
    assert.equal(result.requestBody, undefined);
    assert.equal(result.requestHeaders['content-length'], '6');
  });

  it('reuses one keep-alive connection for sequential requests', async () => {
    for (let i = 0; i < 3; i++) {
      const result = await client.send({ method: 'GET', url: `${server.origin}/${i}`, headers: [] }, OPTIONS);
      assert.equal(result.status, 200);
    }
    const sockets = new Set(server.requests.map((request) => request.socketId));
    assert.equal(server.requests.length, 3);
    assert.equal(sockets.size, 1);
  });

  it('records method, url as written, status, statusText and a duration', async () => {
    const url = `${server.origin}/a?b=1#fragment`;
    const started = performance.now();
    const result = await client.send({ method: 'DELETE', url, headers: [] }, OPTIONS);
    const outside = performance.now() - started;
    assert.equal(result.method, 'DELETE');
    assert.equal(result.url, url);
    assert.equal(lastRequest().url, '/a?b=1');
    assert.equal(result.status, 200);
    assert.equal(result.statusText, 'OK');
    // Milliseconds, measured inside the call: no budget, so a busy machine can't fail it.
    assert.ok(result.durationMs >= 0 && result.durationMs <= outside + 1, `${result.durationMs} ms of ${outside} ms`);
    assert.equal(result.error, undefined);
  });
});

describe('HttpClient: requests refused before sending', () => {
  let server: TestServer;
  let client: HttpClient;

  before(async () => {
    server = await startServer((_request, response) => response.end('ok'));
  });
  beforeEach(() => {
    client = new HttpClient();
  });
  afterEach(() => client.dispose());
  after(() => server.close());

  const refusals: Array<{ title: string; method?: string; url?: string; headers?: Array<[string, string]>; body?: string; error: string | RegExp }> = [
    {
      title: 'a CR/LF in a header value',
      headers: [['If-Match', '"abc"\r\nX-Admin: 1']],
      error: "header 'If-Match' contains a line break (CR/LF); requests with it are refused to prevent header injection",
    },
    {
      title: 'a bare LF in a header value',
      headers: [['If-Match', '"abc"\nX-Admin: 1']],
      error: "header 'If-Match' contains a line break (CR/LF); requests with it are refused to prevent header injection",
    },
    {
      title: 'a NUL in a header value',
      headers: [['X-Token', 'abc\0def']],
      error: "header 'X-Token' contains a NUL character; requests with it are refused to prevent header injection",
    },
    {
      title: 'a CR/LF in a header name',
      headers: [['X-Evil\r\nX-Admin', '1']],
      error: "header name 'X-Evil\\r\\nX-Admin' contains a line break (CR/LF); requests with it are refused to prevent header injection",
    },
    {
      title: 'a CR/LF in the URL',
      url: '/items?q=1\r\nX-Admin: 1',
      error: 'the URL contains a line break (CR/LF); requests with it are refused to prevent header injection',
    },
    { title: 'a space in a header name', headers: [['If Match', '"a"']], error: /^header name 'If Match' is not a valid HTTP token/ },
    { title: 'another control character in a value', headers: [['X-A', 'a\u0007b']], error: "header 'X-A' contains a control character (U+0007), which HTTP does not allow in header values" },
    { title: 'a character beyond Latin-1 in a value', headers: [['X-Name', 'price €5']], error: /^header 'X-Name' contains '€' \(U\+20AC\), which cannot be sent/ },
    { title: 'Transfer-Encoding', headers: [['Transfer-Encoding', 'chunked']], error: /^header 'Transfer-Encoding' cannot be set in a request here/ },
    { title: 'Expect', headers: [['Expect', '100-continue']], error: /^header 'Expect' cannot be set/ },
    { title: 'a Content-Length that does not match the body', headers: [['Content-Length', '10']], body: 'hello', error: /^header 'Content-Length' says 10 bytes but the body is 5 bytes/ },
    { title: 'two Host headers', headers: [['Host', 'a'], ['host', 'b']], error: "header 'host' appears more than once; keep one" },
    { title: 'an unsupported scheme', url: 'ftp://127.0.0.1/file', error: "unsupported URL scheme 'ftp:' in 'ftp://127.0.0.1/file': only http:// and https:// can be sent" },
    { title: 'an invalid URL', url: 'not a url', error: "'not a url' is not a valid URL: write an absolute URL such as http://localhost:8080/path" },
    { title: 'credentials in the URL', url: 'http://user:secret@127.0.0.1/', error: /carries credentials \(user:password@\), which are not sent/ },
    { title: 'an invalid method', method: 'GE T', error: "method 'GE T' is not a valid HTTP method" },
  ];

  for (const refusal of refusals) {
    it(`refuses ${refusal.title}, and nothing reaches the server`, async () => {
      const connectionsBefore = server.connections();
      const url = refusal.url === undefined ? `${server.origin}/` : refusal.url.startsWith('/') ? `${server.origin}${refusal.url}` : refusal.url;
      const result = await client.send({ method: refusal.method ?? 'POST', url, headers: refusal.headers ?? [], body: refusal.body }, OPTIONS);
      assert.equal(result.status, 0);
      if (typeof refusal.error === 'string') assert.equal(result.error, refusal.error);
      else assert.match(result.error ?? '', refusal.error);
      assert.deepEqual(result.requestHeaders, {});
      assert.equal(server.connections(), connectionsBefore);
    });
  }

  it('property: a header value either arrives exactly or is refused, never split into two headers', async () => {
    const character = fc.constantFrom('a', 'Z', '"', ' ', '\t', '\r', '\n', '\0', 'é', '€', ':', ',');
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: character, maxLength: 12 }), async (value) => {
        const before = server.requests.length;
        const result = await client.send({ method: 'GET', url: `${server.origin}/`, headers: [['X-Probe', value]] }, OPTIONS);
        if (/[\r\n\0€]/.test(value)) {
          assert.equal(result.status, 0);
          assert.match(result.error ?? '', /^header 'X-Probe' contains/);
          assert.equal(server.requests.length, before);
        } else {
          assert.equal(result.status, 200, result.error);
          const received = receivedHeaderRecord(server.requests[before].rawHeaders);
          // Servers strip the optional whitespace around a field value (RFC 9110 5.5).
          assert.equal(received['x-probe'], value.replace(/^[ \t]+|[ \t]+$/g, ''));
          assert.equal(Object.keys(received).length, 3);
        }
      }),
      { numRuns: 150 },
    );
  });
});
