import * as assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LookupFunction } from 'node:net';
import { HttpClient, type SendOptions } from '../../../src/core/http/client';
import type { SendResult } from '../../../src/core/http/types';
import { startServer, type TestServer } from './testServer';

const MB = 1024 * 1024;
const GB = 1024 * MB;
const DEFAULT_CAP = 5 * MB;
const OPTIONS: SendOptions = { timeoutMs: 10_000, maxResponseBodyBytes: DEFAULT_CAP, followRedirects: false };
const CAP_NOTE = '[truncated: response body exceeded 5 MB (the response size limit)]';

type Route = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Writes `total` bytes (Infinity: forever) of one reused chunk, as fast as the client reads
 * and no faster: the server never holds more than one chunk, so whatever memory grows is
 * the client's. Returns a counter of the bytes handed to the socket.
 */
function stream(response: ServerResponse, total: number, chunkBytes = 64 * 1024, pauseMs = 0): { sent: number } {
  const chunk = Buffer.alloc(chunkBytes, 'x');
  const progress = { sent: 0 };
  const pump = (): void => {
    while (progress.sent < total && !response.destroyed) {
      progress.sent += chunk.byteLength;
      const more = response.write(chunk);
      if (pauseMs > 0) {
        setTimeout(pump, pauseMs);
        return;
      }
      if (!more) {
        response.once('drain', pump);
        return;
      }
    }
    if (!response.destroyed) response.end();
  };
  response.on('error', () => undefined);
  pump();
  return progress;
}

/** The highest RSS seen while `work` runs, sampled every 5 ms, minus the RSS before it started. */
async function rssGrowthDuring<T>(work: () => Promise<T>): Promise<{ result: T; growthBytes: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growthBytes: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

describe('HttpClient: hostile servers end in a result, with bounded memory and no unhandled rejection', function () {
  this.timeout(30_000);
  const routes = new Map<string, Route>();
  const unhandled: unknown[] = [];
  const recordUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  let server: TestServer;
  let client: HttpClient;

  before(async () => {
    process.on('unhandledRejection', recordUnhandled);
    server = await startServer((request, response) => {
      const path = request.url ?? '';
      const route = routes.get(path) ?? [...routes.entries()].find(([prefix]) => prefix.endsWith('*') && path.startsWith(prefix.slice(0, -1)))?.[1];
      if (route) route(request, response);
      else response.writeHead(404).end();
    });
  });
  beforeEach(() => {
    client = new HttpClient();
    routes.clear();
    server.requests.length = 0;
  });
  afterEach(async () => {
    await client.dispose();
    // Let a rejection from a destroyed stream surface before judging.
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(unhandled, [], 'an unhandled promise rejection escaped the client');
  });
  after(async () => {
    process.off('unhandledRejection', recordUnhandled);
    await server.close();
  });

  function send(path: string, route: Route, options: Partial<SendOptions> = {}, method = 'GET', body?: string): Promise<SendResult> {
    routes.set(path, route);
    return client.send({ method, url: `${server.origin}${path}`, headers: [], body }, { ...OPTIONS, ...options });
  }

  describe('a 1 GB body', () => {
    it('is cut at maxResponseBodyBytes with a note, never buffered, and the transfer stops', async () => {
      let progress = { sent: 0 };
      const { result, growthBytes } = await rssGrowthDuring(() =>
        send('/gigabyte', (_request, response) => {
          response.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(GB), etag: '"big"' });
          progress = stream(response, GB);
        }),
      );
      assert.equal(result.status, 200);
      assert.equal(result.error, undefined);
      assert.equal(result.responseHeaders['etag'], '"big"');
      assert.ok(result.bodyText.endsWith(`\n\n${CAP_NOTE}`), result.bodyText.slice(-200));
      assert.equal(result.bodyText.length, DEFAULT_CAP + `\n\n${CAP_NOTE}`.length);
      assert.ok(growthBytes < 100 * MB, `RSS grew by ${Math.round(growthBytes / MB)} MB`);
      assert.ok(progress.sent < 100 * MB, `the server pushed ${Math.round(progress.sent / MB)} MB before the client hung up`);
    });

    it('on a redirect hop is dropped unread while the redirect is followed', async () => {
      let progress = { sent: 0 };
      routes.set('/landing', (_request, response) => response.end('arrived'));
      const { result, growthBytes } = await rssGrowthDuring(() =>
        send('/big-redirect', (_request, response) => {
          response.writeHead(302, { location: '/landing', 'content-length': String(GB) });
          progress = stream(response, GB);
        }, { followRedirects: true }),
      );
      assert.equal(result.status, 200);
      assert.equal(result.bodyText, 'arrived');
      assert.equal(result.error, undefined);
      assert.ok(growthBytes < 100 * MB, `RSS grew by ${Math.round(growthBytes / MB)} MB`);
      assert.ok(progress.sent < 100 * MB, `the server pushed ${Math.round(progress.sent / MB)} MB of the redirect's body`);
    });
  });

  describe('a connection that is never set up', () => {
    it('times out at timeoutMs, not at undici\'s own connect timeout (a DNS lookup that never answers)', async () => {
      const silentLookup = (() => undefined) as unknown as LookupFunction;
      const stuck = new HttpClient({ lookup: silentLookup });
      try {
        const result = await stuck.send({ method: 'GET', url: 'http://never.example.test/', headers: [] }, { ...OPTIONS, timeoutMs: 300 });
        assert.equal(result.status, 0);
        // Our timer's sentence: undici's connect timeout (UND_ERR_CONNECT_TIMEOUT) says "could not connect".
        assert.equal(result.error, 'no response from never.example.test:80 within 300 ms (the request timeout)');
      } finally {
        await stuck.dispose();
      }
    });

    it('is cancelled at once through the AbortSignal', async () => {
      const silentLookup = (() => undefined) as unknown as LookupFunction;
      const stuck = new HttpClient({ lookup: silentLookup });
      const controller = new AbortController();
      try {
        setTimeout(() => controller.abort(), 50);
        const result = await stuck.send({ method: 'GET', url: 'http://never.example.test/', headers: [] }, { ...OPTIONS, signal: controller.signal });
        // 'cancelled', not the 10 s timeout's sentence: the signal ended it.
        assert.equal(result.error, 'cancelled');
      } finally {
        await stuck.dispose();
      }
    });
  });

  describe('a body that never ends', () => {
    it('stops at the cap when it arrives faster than the timeout (chunked, no Content-Length)', async () => {
      let progress = { sent: 0 };
      const result = await send('/endless', (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        progress = stream(response, Infinity);
      }, { maxResponseBodyBytes: MB, timeoutMs: 10_000 });
      assert.equal(result.status, 200);
      assert.equal(result.error, undefined);
      // No error: the cap ended it, not the 10 s timeout, which would have said so.
      assert.ok(result.bodyText.endsWith('\n\n[truncated: response body exceeded 1 MB (the response size limit)]'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const sentAfterHangUp = progress.sent;
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(progress.sent, sentAfterHangUp, 'the server is still sending: the connection was not closed');
    });

    it('stops at the timeout when it arrives slower than the cap, keeping what arrived and naming the setting', async () => {
      const result = await send('/slow-endless', (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        stream(response, Infinity, 1024, 10);
      }, { maxResponseBodyBytes: 50 * MB, timeoutMs: 400 });
      assert.equal(result.status, 200);
      assert.match(
        result.error ?? '',
        new RegExp(`^the response from 127\\.0\\.0\\.1:${server.port} did not finish within 400 ms \\(the request timeout\\); showing the \\d+ bytes received$`),
      );
      assert.match(result.bodyText, /^x+\n\n\[incomplete: the response body ended after \d+ bytes\]$/);
    });
  });

  describe('a server that closes the socket right after a 412 (as nginx does)', () => {
    it('keeps a 412 whose body is ended by the close (no Content-Length)', async () => {
      const result = await send('/412-until-close', (request) => {
        request.socket.end('HTTP/1.1 412 Precondition Failed\r\nContent-Type: text/plain\r\nETag: "v2"\r\n\r\nstale: current is "v2"');
      }, {}, 'PUT', '{"name":"x"}');
      assert.equal(result.status, 412);
      assert.equal(result.statusText, 'Precondition Failed');
      assert.equal(result.error, undefined);
      assert.equal(result.responseHeaders['etag'], '"v2"');
      assert.equal(result.bodyText, 'stale: current is "v2"');
    });

    it('keeps a 412 on a keep-alive connection the server then drops, and the next request still goes through', async () => {
      let calls = 0;
      const route: Route = (_request, response) => {
        calls += 1;
        if (calls === 1) {
          // No Connection: close, so the client pools the socket; the server drops it anyway.
          response.writeHead(412, { 'content-type': 'text/plain', 'content-length': '5', etag: '"v2"' });
          response.end('stale', () => response.socket?.destroy());
        } else {
          response.end('fresh');
        }
      };
      const first = await send('/412-then-drop', route, {}, 'PUT', 'x');
      assert.equal(first.status, 412);
      assert.equal(first.error, undefined);
      assert.equal(first.bodyText, 'stale');
      const second = await send('/412-then-drop', route, {}, 'PUT', 'x');
      assert.equal(second.error, undefined);
      assert.equal(second.status, 200);
      assert.equal(second.bodyText, 'fresh');
    });

    it('keeps a 412 whose declared body was cut by the close, saying the body is incomplete', async () => {
      const result = await send('/412-cut', (request) => {
        request.socket.end('HTTP/1.1 412 Precondition Failed\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nstale');
      }, {}, 'PUT', 'x');
      assert.equal(result.status, 412);
      assert.equal(result.error, `the server at 127.0.0.1:${server.port} closed the connection before the response body was complete (received 5 of 100 bytes)`);
      assert.equal(result.bodyText, 'stale\n\n[incomplete: the response body ended after 5 bytes]');
    });
  });

  describe('a redirect loop of 100 responses', () => {
    const hop: Route = (request, response) => {
      const next = (Number((request.url ?? '').slice('/hop/'.length)) + 1) % 100;
      response.writeHead(302, { location: `/hop/${next}`, 'content-type': 'text/plain' }).end(`go to ${next}`);
    };

    it('is followed up to maxRedirects: 100, then stopped with the count and the loop named', async () => {
      routes.set('/hop/*', hop);
      const result = await client.send({ method: 'GET', url: `${server.origin}/hop/0`, headers: [] }, { ...OPTIONS, followRedirects: true, maxRedirects: 100 });
      assert.equal(result.status, 302);
      assert.equal(
        result.error,
        `redirect loop (${server.origin}/hop/1 was already visited): stopped after following 100 redirects; the server keeps sending Location: ${server.origin}/hop/1`,
      );
      assert.equal(server.requests.length, 101);
      assert.equal(new Set(server.requests.map((request) => request.socketId)).size, 1, 'every hop should reuse one keep-alive connection');
    });

    it('stops after the default 10 redirects, naming the count', async () => {
      routes.set('/hop/*', hop);
      const result = await client.send({ method: 'GET', url: `${server.origin}/hop/0`, headers: [] }, { ...OPTIONS, followRedirects: true });
      assert.equal(result.status, 302);
      assert.equal(result.error, `too many redirects: stopped after following 10 redirects; the server keeps sending Location: ${server.origin}/hop/11`);
      assert.equal(server.requests.length, 11);
    });
  });
});
