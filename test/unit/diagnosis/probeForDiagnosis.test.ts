import { strict as assert } from 'node:assert';
import { gzipSync } from 'node:zlib';
import { HttpClient } from '../../../src/core/http/client';
import type { HttpClientOptions } from '../../../src/core/http/types';
import { asksForCompression, probeForDiagnosis, probeHeadersFrom } from '../../../src/core/diagnosis/probeForDiagnosis';
import { diagnosePreconditionFailure } from '../../../src/core/diagnosis/diagnosePreconditionFailure';
import { deadPort, receivedHeaderRecord, startServer, type TestServer } from '../http/testServer';
import { failedPut, NOW } from './fixtures';
import { requestPathFor } from '../support/requestPath';

const OPTIONS: HttpClientOptions = { timeoutMs: 5000, maxResponseBodyBytes: 1024 * 1024, followRedirects: true };
const BODY = JSON.stringify({ id: '1', title: 'Quarterly report', summary: 'Revenue grew in every region; the appendix breaks it down.' });

/** An origin behind an nginx-style gzip filter: the compressed response carries W/"abc". HEAD on /no-head-tag has no ETag. */
async function nginxLikeServer(): Promise<TestServer> {
  return startServer((request, response) => {
    const gzip = /gzip/.test(String(request.headers['accept-encoding'] ?? ''));
    const headers: Record<string, string> = { 'content-type': 'application/json', vary: 'Accept-Encoding', 'last-modified': 'Wed, 01 May 2024 09:00:00 GMT' };
    if (!(request.url === '/no-head-tag' && request.method === 'HEAD')) headers.etag = gzip ? 'W/"abc"' : '"abc"';
    if (request.url === '/no-head-tag' && request.method === 'HEAD') delete headers['last-modified'];
    const body = gzip ? gzipSync(BODY) : Buffer.from(BODY);
    if (gzip) headers['content-encoding'] = 'gzip';
    response.writeHead(200, { ...headers, 'content-length': String(body.length) });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
}

describe('probeForDiagnosis (local server)', () => {
  let server: TestServer;
  let client: HttpClient;

  beforeEach(async () => {
    server = await nginxLikeServer();
    client = new HttpClient();
  });
  afterEach(async () => {
    await client.dispose();
    await server.close();
  });

  function failedAt(path: string, headers: Record<string, string>) {
    return failedPut(headers, { url: `${server.origin}${path}` });
  }

  it('probes with identity and no-cache, repeating credentials but not preconditions', async () => {
    const failed = failedAt('/items/1', { 'if-match': 'W/"abc"', authorization: 'Bearer t', 'accept-encoding': 'gzip, deflate, br', 'content-length': '42' });
    const { probe } = await probeForDiagnosis(requestPathFor(client), failed, OPTIONS);
    assert.equal(probe?.method, 'HEAD');
    assert.equal(probe?.status, 200);
    assert.equal(probe?.responseHeaders.etag, '"abc"');
    const seen = receivedHeaderRecord(server.requests[0].rawHeaders);
    assert.equal(seen['accept-encoding'], 'identity');
    assert.equal(seen['cache-control'], 'no-cache');
    assert.equal(seen.authorization, 'Bearer t');
    assert.equal(seen['if-match'], undefined);
    assert.equal(seen['content-type'], undefined);
  });

  it('makes a second GET with the original Accept-Encoding, which sees the weakened tag', async () => {
    const failed = failedAt('/items/1', { 'if-match': 'W/"abc"', 'accept-encoding': 'gzip, deflate, br' });
    const { encodedProbe } = await probeForDiagnosis(requestPathFor(client), failed, OPTIONS);
    assert.equal(encodedProbe?.method, 'GET');
    assert.equal(encodedProbe?.responseHeaders.etag, 'W/"abc"');
    assert.equal(encodedProbe?.responseHeaders['content-encoding'], 'gzip');
    assert.equal(receivedHeaderRecord(server.requests[1].rawHeaders)['accept-encoding'], 'gzip, deflate, br');
    assert.equal(server.requests.length, 2);
  });

  it('feeds a diagnosis that blames the compression layer', async () => {
    const failed = failedAt('/items/1', { 'if-match': 'W/"abc"', 'accept-encoding': 'gzip' });
    const probes = await probeForDiagnosis(requestPathFor(client), failed, OPTIONS);
    const diagnosis = diagnosePreconditionFailure({ failed, history: [], now: NOW, ...probes });
    assert.equal(diagnosis.causes[0].id, 'intermediary-altered-validator');
    assert.equal(diagnosis.freshEtag, '"abc"');
  });

  it('makes no second probe for identity or absent Accept-Encoding', async () => {
    const variants: Array<Record<string, string>> = [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'gzip;q=0, identity' }];
    for (const headers of variants) {
      const result = await probeForDiagnosis(requestPathFor(client), failedAt('/items/1', { 'if-match': '"abc"', ...headers }), OPTIONS);
      assert.equal(result.encodedProbe, undefined, JSON.stringify(headers));
    }
  });

  it('falls back to GET when HEAD carries no validator', async () => {
    const { probe } = await probeForDiagnosis(requestPathFor(client), failedAt('/no-head-tag', { 'if-match': '"abc"' }), OPTIONS);
    assert.equal(probe?.method, 'GET');
    assert.equal(probe?.responseHeaders.etag, '"abc"');
  });

  it('reports an unreachable server in the probe and skips the second probe', async () => {
    const port = await deadPort();
    const failed = failedPut({ 'accept-encoding': 'gzip' }, { url: `http://127.0.0.1:${port}/items/1` });
    const result = await probeForDiagnosis(requestPathFor(client), failed, OPTIONS);
    assert.equal(result.probe?.status, 0);
    assert.ok(result.probe?.error);
    assert.equal(result.encodedProbe, undefined);
  });

  it('does nothing for a request that had no URL to probe', async () => {
    assert.deepEqual(await probeForDiagnosis(requestPathFor(client), failedPut({}, { url: '' }), OPTIONS), {});
  });
});

describe('probe helpers', () => {
  it('keeps Authorization, Cookie and API keys, drops preconditions, framing and caching headers', () => {
    const failed = failedPut({ authorization: 'a', cookie: 'c', 'x-api-key': 'k', accept: 'application/json', 'if-match': '"x"', 'if-unmodified-since': 'd', range: 'bytes=0-1', 'content-length': '3', 'cache-control': 'no-store', 'x-http-method-override': 'PUT' });
    assert.deepEqual(probeHeadersFrom(failed).map(([name]) => name), ['authorization', 'cookie', 'x-api-key', 'accept']);
  });

  it('knows which Accept-Encoding values ask for compression', () => {
    assert.deepEqual(['gzip', 'br;q=1', 'identity', '', 'gzip;q=0', '*'].map(asksForCompression), [true, true, false, false, false, true]);
    assert.equal(asksForCompression(undefined), false);
  });
});
