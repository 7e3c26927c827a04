import * as assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import * as zlib from 'node:zlib';
import { HttpClient, type SendOptions } from '../../../src/core/http/client';
import { startServer, type TestServer } from './testServer';

const OPTIONS: SendOptions = { timeoutMs: 5000, maxResponseBodyBytes: 5 * 1024 * 1024, followRedirects: false };
const MB = 1024 * 1024;

/** Routes by path; each test registers what its path answers. */
type Route = (response: ServerResponse) => void;

describe('HttpClient: the response as shown', () => {
  const routes = new Map<string, Route>();
  let server: TestServer;
  let client: HttpClient;

  before(async () => {
    server = await startServer((request, response) => {
      const route = routes.get(request.url ?? '');
      if (route) route(response);
      else response.writeHead(404).end();
    });
  });
  beforeEach(() => {
    client = new HttpClient();
    routes.clear();
  });
  afterEach(() => client.dispose());
  after(() => server.close());

  async function get(path: string, route: Route, options: Partial<SendOptions> = {}, method = 'GET') {
    routes.set(path, route);
    return client.send({ method, url: `${server.origin}${path}`, headers: [] }, { ...OPTIONS, ...options });
  }

  function encoded(body: Buffer, contentEncoding: string, contentType = 'application/json'): Route {
    return (response) => response.writeHead(200, { 'content-type': contentType, 'content-encoding': contentEncoding }).end(body);
  }

  const json = JSON.stringify({ id: 1, name: 'café', tags: ['a', 'b'] });
  const codings: Array<[string, (input: Buffer) => Buffer]> = [
    ['gzip', (input) => zlib.gzipSync(input)],
    ['x-gzip', (input) => zlib.gzipSync(input)],
    ['deflate', (input) => zlib.deflateSync(input)],
    ['br', (input) => zlib.brotliCompressSync(input)],
  ];
  for (const [coding, compress] of codings) {
    it(`decodes ${coding} for display and keeps Content-Encoding as received`, async () => {
      const result = await get(`/${coding}`, encoded(compress(Buffer.from(json)), coding));
      assert.equal(result.bodyText, json);
      assert.equal(result.responseHeaders['content-encoding'], coding);
    });
  }

  it('decodes deflate sent without the zlib wrapper, as browsers do', async () => {
    const result = await get('/raw-deflate', encoded(zlib.deflateRawSync(Buffer.from(json)), 'deflate'));
    assert.equal(result.bodyText, json);
  });

  it('undoes stacked codings in reverse order of application', async () => {
    const result = await get('/stacked', encoded(zlib.brotliCompressSync(zlib.gzipSync(Buffer.from(json))), 'gzip, br'));
    assert.equal(result.bodyText, json);
  });

  it('shows the body as received with a note for a coding it cannot decode', async () => {
    const result = await get('/zstd', encoded(Buffer.from('plain text really'), 'zstd', 'text/plain'));
    assert.equal(result.bodyText, "plain text really\n\n[content-encoding 'zstd' is not decoded for display; showing the body as received]");
  });

  it('says so when a body is not the gzip it claims to be', async () => {
    const result = await get('/bad-gzip', encoded(Buffer.from('not gzip at all'), 'gzip', 'text/plain'));
    assert.match(result.bodyText, /^not gzip at all\n\n\[could not decode the gzip content \(.+\); showing the body as received\]$/);
  });

  it('caps a 50 MB body at maxResponseBodyBytes, says so, and stops the transfer', async () => {
    let sent = 0;
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const result = await get('/huge', (response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(50 * MB) });
      const pump = (): void => {
        while (sent < 50 * MB && !response.destroyed) {
          sent += chunk.byteLength;
          if (!response.write(chunk)) {
            response.once('drain', pump);
            return;
          }
        }
        response.end();
      };
      pump();
    }, { maxResponseBodyBytes: MB });
    const note = '\n\n[truncated: response body exceeded 1 MB (the response size limit)]';
    assert.equal(result.status, 200);
    assert.equal(result.error, undefined);
    assert.ok(result.bodyText.endsWith(note));
    assert.equal(result.bodyText.length, MB + note.length);
    assert.ok(sent < 20 * MB, `the server pushed ${sent} bytes before the client hung up`);
  });

  it('keeps exactly the first maxResponseBodyBytes of a body that arrives in several chunks', async () => {
    const result = await get('/chunks', (response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('a'.repeat(600), () => response.write('b'.repeat(600), () => response.end('c'.repeat(600))));
    }, { maxResponseBodyBytes: 1000 });
    assert.equal(result.error, undefined);
    assert.equal(result.bodyText, `${'a'.repeat(600)}${'b'.repeat(400)}\n\n[truncated: response body exceeded 1000 bytes (the response size limit)]`);
  });

  it('keeps every chunk that arrived, in order, when the connection breaks in the middle of the body', async () => {
    const result = await get('/broken', (response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('abc', () => setTimeout(() => response.write('def', () => setTimeout(() => response.socket?.destroy(), 20)), 20));
    });
    assert.equal(result.status, 200);
    assert.equal(result.error, `the server at 127.0.0.1:${server.port} closed the connection before the response body was complete (received 6 bytes)`);
    assert.equal(result.bodyText, 'abcdef\n\n[incomplete: the response body ended after 6 bytes]');
  });

  it('shows a body of exactly maxResponseBodyBytes without a truncation note', async () => {
    const result = await get('/exact', (response) => response.end('y'.repeat(1000)), { maxResponseBodyBytes: 1000 });
    assert.equal(result.bodyText, 'y'.repeat(1000));
  });

  it('shows the decodable start of a compressed body cut at the cap', async () => {
    const text = Array.from({ length: 200_000 }, (_, i) => `line ${i}`).join('\n');
    const compressed = zlib.gzipSync(Buffer.from(text));
    const result = await get('/cut-gzip', encoded(compressed, 'gzip', 'text/plain'), { maxResponseBodyBytes: Math.floor(compressed.byteLength / 2) });
    assert.ok(result.bodyText.startsWith('line 0\nline 1\nline 2\n'));
    assert.match(result.bodyText, /\[truncated: response body exceeded .+ \(the response size limit\)\]$/);
  });

  it('stops decoding a decompression bomb at the cap', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(64 * MB, 'a'));
    const result = await get('/bomb', encoded(bomb, 'gzip', 'text/plain'), { maxResponseBodyBytes: MB });
    const note = '\n\n[truncated: decoded response body exceeded 1 MB (the response size limit)]';
    assert.ok(result.bodyText.endsWith(note));
    assert.equal(result.bodyText.length, MB + note.length);
  });

  it('summarises a binary body instead of showing it', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const result = await get('/png', (response) => response.writeHead(200, { 'content-type': 'image/png' }).end(png));
    assert.equal(result.bodyText, '[binary body: 12 bytes, image/png]');
  });

  it('summarises invalid UTF-8 without a content type as binary', async () => {
    const result = await get('/bytes', (response) => {
      response.removeHeader('content-type');
      response.end(Buffer.from([0xc3, 0x28, 0xff]));
    });
    assert.equal(result.bodyText, '[binary body: 3 bytes]');
  });

  it('shows an unknown vendor type as text when its bytes are text', async () => {
    const result = await get('/vendor', (response) => response.writeHead(200, { 'content-type': 'application/vnd.example.item' }).end(json));
    assert.equal(result.bodyText, json);
  });

  it('decodes the charset the server declares', async () => {
    const result = await get('/latin1', (response) =>
      response.writeHead(200, { 'content-type': 'text/plain; charset=ISO-8859-1' }).end(Buffer.from('déjà vu', 'latin1')),
    );
    assert.equal(result.bodyText, 'déjà vu');
  });

  it('shows an empty body for HEAD even when Content-Length is set', async () => {
    const result = await get('/head', (response) => response.writeHead(200, { 'content-length': '1234', etag: '"v1"' }).end(), {}, 'HEAD');
    assert.equal(result.status, 200);
    assert.equal(result.bodyText, '');
    assert.equal(result.responseHeaders['etag'], '"v1"');
  });

  it('lower-cases response header names and joins repeated headers with ", " (set-cookie too)', async () => {
    const result = await get('/repeated', (response) => {
      response.setHeader('Set-Cookie', ['a=1; Path=/', 'b=2']);
      response.setHeader('X-Multi', ['one', 'two']);
      response.setHeader('ETag', 'W/"w1"');
      response.end();
    });
    assert.equal(result.responseHeaders['set-cookie'], 'a=1; Path=/, b=2');
    assert.equal(result.responseHeaders['x-multi'], 'one, two');
    assert.equal(result.responseHeaders['etag'], 'W/"w1"');
  });

  it('shows the final response after informational ones (103 Early Hints)', async () => {
    const result = await get('/hints', (response) => {
      response.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' }, () => {
        response.writeHead(200, { 'content-type': 'text/plain', etag: '"final"' }).end('final');
      });
    });
    assert.equal(result.status, 200);
    assert.equal(result.statusText, 'OK');
    assert.equal(result.bodyText, 'final');
    assert.equal(result.responseHeaders['etag'], '"final"');
    assert.equal(result.responseHeaders['link'], undefined);
  });

  it('records a header whose name is also a property of every object', async () => {
    const result = await get('/odd-names', (response) => {
      response.setHeader('Constructor', 'x');
      response.setHeader('toString', 'y');
      response.end();
    });
    assert.equal(result.error, undefined);
    assert.equal(result.responseHeaders['constructor'], 'x');
    assert.equal(result.responseHeaders['tostring'], 'y');
  });

  it("keeps the server's own reason phrase, where Azure explains a 412", async () => {
    const phrase = 'The condition specified using HTTP conditional header(s) is not met.';
    const result = await get('/azure', (response) => {
      response.statusCode = 412;
      response.statusMessage = phrase;
      response.end();
    });
    assert.equal(result.status, 412);
    assert.equal(result.statusText, phrase);
  });

  it('falls back to the standard reason phrase when the server sends none', async () => {
    const result = await get('/no-phrase', (response) => {
      response.socket?.end('HTTP/1.1 412 \r\ncontent-length: 0\r\n\r\n');
    });
    assert.equal(result.status, 412);
    assert.equal(result.statusText, 'Precondition Failed');
  });
});
