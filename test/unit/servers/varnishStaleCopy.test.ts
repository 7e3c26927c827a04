// A real cache in front of an origin: Varnish with its built-in VCL keeps serving the old
// version after another client's write, and ignores a client's `Cache-Control: no-cache`
// (conditional-requests.md, API families). A PUT with the tag it served then gets 412.
import { strict as assert } from 'node:assert';
import { explainFailure } from '../../../src/core/diagnosis/explainFailure';
import { HttpClient } from '../../../src/core/http/client';
import { parseHttpFile } from '../../../src/core/parser/parseHttpFile';
import { ExchangeHistory } from '../../../src/core/send/exchangeHistory';
import { RequestExecutor, type ExecutorSettings, type RequestSource } from '../../../src/core/send/requestExecutor';
import type { RequestPath } from '../../../src/core/send/requestPath';
import { ValidatorStore } from '../../../src/core/validators/validatorStore';
import type { RunningServer } from '../../servers/serverProcess';
import { VARNISH_READY_PATH, startVarnish } from '../../servers/varnish';
import { startServer, type TestServer } from '../http/testServer';
import { requestPathFor } from '../support/requestPath';

const SETTINGS: ExecutorSettings = { trustedWorkspace: true, timeoutMs: 10000, maxResponseBodyBytes: 1024 * 1024, followRedirects: false };

/** An origin with one cacheable document whose tag moves on every accepted PUT (strong If-Match, RFC 9110 §13.1.1). */
function origin(): Promise<TestServer> {
  let version = 1;
  let modified = new Date(Date.now() - 3_600_000);
  return startServer((request, response) => {
    if (request.url === VARNISH_READY_PATH) return void response.writeHead(204).end();
    const etag = `"v${version}"`;
    if (request.method === 'PUT') {
      const ifMatch = request.headers['if-match'];
      if (ifMatch !== undefined && ifMatch !== '*' && !ifMatch.split(',').map((t) => t.trim()).includes(etag)) {
        return void response.writeHead(412, { 'content-type': 'text/plain' }).end('stale');
      }
      version += 1;
      modified = new Date();
      return void response.writeHead(204, { etag: `"v${version}"`, 'last-modified': modified.toUTCString() }).end();
    }
    response.writeHead(200, { etag, 'last-modified': modified.toUTCString(), 'cache-control': 'public, max-age=60', 'content-type': 'application/json' });
    response.end(request.method === 'HEAD' ? undefined : `{"version":${version}}`);
  });
}

describe('Varnish: a cached read, another client\'s write, a stale PUT', function () {
  this.timeout(60000);
  let backend: TestServer;
  let varnish: RunningServer;
  let client: HttpClient;
  let validators: ValidatorStore;
  let history: ExchangeHistory;
  let path: RequestPath;
  let executor: RequestExecutor;

  before(async () => {
    backend = await origin();
    varnish = await startVarnish(backend.port);
  });
  after(async () => {
    await varnish?.stop();
    await backend?.close();
  });
  beforeEach(() => {
    client = new HttpClient();
    validators = new ValidatorStore();
    history = new ExchangeHistory();
    path = requestPathFor(client, { validators });
    executor = new RequestExecutor({ path, validators, history, log: () => undefined });
  });
  afterEach(async () => {
    await client.dispose();
    validators.dispose();
  });

  async function send(text: string) {
    const source: RequestSource = { documentKey: 'untitled:cache.http', parsed: parseHttpFile(text) };
    return executor.execute(source, source.parsed.requests[0], undefined, SETTINGS);
  }

  it('serves the old tag past a client no-cache, and Explain blames the cache, not a lost race', async () => {
    const first = await send(`GET ${varnish.origin}/doc\n`);
    assert.equal(first.responseHeaders.etag, '"v1"');
    assert.ok(first.responseHeaders['x-varnish'], 'the response came through Varnish');

    // Another client writes at the origin, behind the cache's back.
    const other = await fetch(`${backend.origin}/doc`, { method: 'PUT', headers: { 'if-match': '"v1"' }, body: '{}' });
    assert.equal(other.status, 204);

    const reread = await send(`GET ${varnish.origin}/doc\nCache-Control: no-cache\n`);
    assert.equal(reread.responseHeaders.etag, '"v1"', "Varnish's built-in VCL ignores a client's no-cache");

    const put = await send(`PUT ${varnish.origin}/doc\nIf-Match: {{$etag}}\nContent-Type: application/json\n\n{"v":"mine"}\n`);
    assert.equal(put.requestHeaders['if-match'], '"v1"');
    assert.equal(put.status, 412);

    const { diagnosis } = await explainFailure({ path, validators, history }, put, { ...SETTINGS, probe: true });
    const ids = diagnosis.causes.map((c) => c.id);
    assert.equal(ids[0], 'intermediary-altered-validator', JSON.stringify(diagnosis.causes, null, 1));
  });
});
