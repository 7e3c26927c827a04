import * as assert from 'node:assert/strict';
import { HttpClient, type SendOptions } from '../../../src/core/http/client';
import { receivedHeaderRecord, startServer, type TestServer } from './testServer';

const OPTIONS: SendOptions = { timeoutMs: 5000, maxResponseBodyBytes: 5 * 1024 * 1024, followRedirects: false };
const FOLLOW: SendOptions = { ...OPTIONS, followRedirects: true };

describe('HttpClient: redirects', () => {
  let server: TestServer;
  let otherOrigin: TestServer;
  let client: HttpClient;

  before(async () => {
    otherOrigin = await startServer((_request, response) => response.end('elsewhere'));
    server = await startServer((request, response, received) => {
      const path = request.url ?? '';
      const redirect = (status: number, location: string): void => {
        response.writeHead(status, { location, 'content-type': 'text/plain' }).end(`see ${location}`);
      };
      if (path === '/moved') redirect(302, '/final');
      else if (path === '/see-other') redirect(303, '/echo');
      else if (path === '/temporary') redirect(307, '/echo');
      else if (path === '/loop') redirect(302, '/loop');
      else if (path.startsWith('/chain/')) redirect(302, `/chain/${Number(path.slice('/chain/'.length)) + 1}`);
      else if (path === '/to-other-origin') redirect(302, `${otherOrigin.origin}/landing`);
      else if (path === '/to-ftp') redirect(302, 'ftp://127.0.0.1/file');
      else if (path === '/final') response.end('final');
      else if (path === '/echo') void received.body.then((body) => response.end(`${request.method} ${body.toString()}`));
      else response.writeHead(404).end();
    });
  });
  beforeEach(() => {
    client = new HttpClient();
    server.requests.length = 0;
    otherOrigin.requests.length = 0;
  });
  afterEach(() => client.dispose());
  after(async () => {
    await server.close();
    await otherOrigin.close();
  });

  it('returns the redirect itself when followRedirects is off', async () => {
    const result = await client.send({ method: 'GET', url: `${server.origin}/moved`, headers: [] }, OPTIONS);
    assert.equal(result.status, 302);
    assert.equal(result.responseHeaders['location'], '/final');
    assert.equal(result.url, `${server.origin}/moved`);
    assert.equal(server.requests.length, 1);
  });

  it('follows when asked and records the final URL', async () => {
    const result = await client.send({ method: 'GET', url: `${server.origin}/moved`, headers: [['If-None-Match', '"a"']] }, FOLLOW);
    assert.equal(result.status, 200);
    assert.equal(result.bodyText, 'final');
    assert.equal(result.url, `${server.origin}/final`);
    assert.equal(result.requestHeaders['if-none-match'], '"a"');
    assert.equal(server.requests.length, 2);
  });

  it('turns a POST into a body-less GET after 303', async () => {
    const result = await client.send(
      { method: 'POST', url: `${server.origin}/see-other`, headers: [['Content-Type', 'application/json']], body: '{"a":1}' },
      FOLLOW,
    );
    assert.equal(result.status, 200);
    assert.equal(result.method, 'GET');
    assert.equal(result.bodyText, 'GET ');
    assert.equal(result.requestBody, undefined);
    assert.equal(result.requestHeaders['content-type'], undefined);
    assert.deepEqual(result.requestHeaders, receivedHeaderRecord(server.requests[1].rawHeaders));
  });

  it('keeps the method, body and preconditions after 307', async () => {
    const result = await client.send(
      { method: 'PUT', url: `${server.origin}/temporary`, headers: [['If-Match', '"v1"']], body: 'payload' },
      FOLLOW,
    );
    assert.equal(result.method, 'PUT');
    assert.equal(result.bodyText, 'PUT payload');
    assert.equal(receivedHeaderRecord(server.requests[1].rawHeaders)['if-match'], '"v1"');
  });

  it('stops a redirect loop after maxRedirects, naming the count', async () => {
    const result = await client.send({ method: 'GET', url: `${server.origin}/loop`, headers: [] }, { ...FOLLOW, maxRedirects: 5 });
    assert.equal(result.status, 302);
    assert.equal(
      result.error,
      `redirect loop (${server.origin}/loop was already visited): stopped after following 5 redirects; the server keeps sending Location: ${server.origin}/loop`,
    );
    assert.equal(server.requests.length, 6);
  });

  it('stops an endless chain of new URLs after the default 10 redirects', async () => {
    const result = await client.send({ method: 'GET', url: `${server.origin}/chain/0`, headers: [] }, FOLLOW);
    assert.match(result.error ?? '', /^too many redirects: stopped after following 10 redirects/);
    assert.equal(result.url, `${server.origin}/chain/10`);
    assert.equal(server.requests.length, 11);
  });

  it('does not carry Authorization or Cookie to another origin', async () => {
    const result = await client.send(
      { method: 'GET', url: `${server.origin}/to-other-origin`, headers: [['Authorization', 'Bearer secret'], ['Cookie', 'sid=1'], ['X-Request-Id', 'r1']] },
      FOLLOW,
    );
    assert.equal(result.bodyText, 'elsewhere');
    const received = receivedHeaderRecord(otherOrigin.requests[0].rawHeaders);
    assert.equal(received['authorization'], undefined);
    assert.equal(received['cookie'], undefined);
    assert.equal(received['x-request-id'], 'r1');
    assert.equal(received['host'], `127.0.0.1:${otherOrigin.port}`);
  });

  it('refuses to follow to a scheme other than http(s), keeping the redirect response', async () => {
    const result = await client.send({ method: 'GET', url: `${server.origin}/to-ftp`, headers: [] }, FOLLOW);
    assert.equal(result.status, 302);
    assert.equal(result.error, "the server redirected to 'ftp://127.0.0.1/file': only http:// and https:// redirects are followed");
  });

  it('reuses the keep-alive connection across hops', async () => {
    await client.send({ method: 'GET', url: `${server.origin}/chain/0`, headers: [] }, { ...FOLLOW, maxRedirects: 3 });
    assert.equal(new Set(server.requests.map((request) => request.socketId)).size, 1);
  });
});
