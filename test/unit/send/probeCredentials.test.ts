// Probes and retries repeat the originating request's credentials, so an API that needs
// auth answers them as it answered the request.
import { strict as assert } from 'node:assert';
import { HttpClient } from '../../../src/core/http/client';
import { parseHttpFile } from '../../../src/core/parser/parseHttpFile';
import { ExchangeHistory } from '../../../src/core/send/exchangeHistory';
import { refreshAndRetryRequest } from '../../../src/core/send/refreshAndRetryRequest';
import { RequestExecutor, type ExecutorSettings, type RequestSource } from '../../../src/core/send/requestExecutor';
import { ServerProbes } from '../../../src/core/send/serverProbes';
import { ValidatorStore } from '../../../src/core/validators/validatorStore';
import { receivedHeaderRecord, startServer, type TestServer } from '../http/testServer';
import { requestPathFor } from '../support/requestPath';

const SETTINGS: ExecutorSettings = { trustedWorkspace: true, timeoutMs: 5000, maxResponseBodyBytes: 1024 * 1024, followRedirects: false };
const TOKEN = 'Bearer s3cret-token';

/** 401 without the token; with it, a resource whose tag changes on every accepted PUT (and `always412` refuses them all). */
async function authApi(options: { always412?: boolean } = {}): Promise<TestServer> {
  let version = 1;
  return startServer((request, response) => {
    if (request.headers.authorization !== TOKEN) {
      response.writeHead(401, { 'www-authenticate': 'Bearer' });
      return void response.end();
    }
    const etag = `"v${version}"`;
    if (request.method === 'PUT') {
      if (options.always412 || request.headers['if-match'] !== etag) {
        response.writeHead(412, { etag });
        return void response.end();
      }
      version++;
      response.writeHead(200, { etag: `"v${version}"` });
      return void response.end('{}');
    }
    response.writeHead(200, { etag, 'content-type': 'application/json' });
    response.end(request.method === 'HEAD' ? undefined : '{"v":1}');
  });
}

describe('probes and retries carry the request credentials', () => {
  let server: TestServer;
  let client: HttpClient;
  let history: ExchangeHistory;
  let executor: RequestExecutor;
  let probes: ServerProbes;

  async function start(options: { always412?: boolean } = {}) {
    server = await authApi(options);
    client = new HttpClient();
    const validators = new ValidatorStore();
    history = new ExchangeHistory();
    const path = requestPathFor(client, { validators });
    executor = new RequestExecutor({ path, validators, history, log: () => undefined });
    probes = new ServerProbes({ path, executor, history });
  }
  afterEach(async () => {
    await client.dispose();
    await server.close();
  });

  const file = (text: string): RequestSource => ({ documentKey: 'untitled:auth.http', parsed: parseHttpFile(text.split('{{origin}}').join(server.origin)) });
  const seen = (index: number) => receivedHeaderRecord(server.requests[index].rawHeaders);

  it('Fetch ETag before any send: resolves the request, repeats its Authorization, not its preconditions', async () => {
    await start();
    // {{$etag}} has nothing recorded yet: the probe must not need it.
    const source = file('@token = s3cret-token\nPUT {{origin}}/doc\nAuthorization: Bearer {{token}}\nIf-Match: {{$etag}}\nContent-Type: application/json\n\n{"a":1}\n');
    const target = await probes.targetOfRequest(source, source.parsed.requests[0], undefined, SETTINGS);
    assert.ok(!('error' in target), JSON.stringify(target));
    const probe = await probes.fetchValidators(target, SETTINGS);
    assert.equal(probe.status, 200);
    assert.equal(probe.responseHeaders.etag, '"v1"');
    assert.equal(seen(0).authorization, TOKEN);
    assert.equal(seen(0)['if-match'], undefined);
    assert.equal(seen(0)['content-type'], undefined);
  });

  it('Refresh Validator with only a URL takes the headers of the latest exchange with it', async () => {
    await start();
    const source = file(`GET {{origin}}/doc\nAuthorization: ${TOKEN}\n`);
    assert.equal((await executor.execute(source, source.parsed.requests[0], undefined, SETTINGS)).status, 200);
    // The view holds the normalized URL; the exchange was sent with another spelling of it.
    const refreshed = await probes.fetchValidators(probes.targetOfUrl(`${server.origin}/doc#section`), SETTINGS, 'refresh');
    assert.equal(refreshed.status, 200);
    assert.equal(seen(1).authorization, TOKEN);
  });

  it('Compare with Server reads the current representation with the credentials', async () => {
    await start();
    const source = file(`PUT {{origin}}/doc\nAuthorization: ${TOKEN}\nIf-Match: "v0"\n\n{}\n`);
    const target = await probes.targetOfRequest(source, source.parsed.requests[0], undefined, SETTINGS);
    assert.ok(!('error' in target));
    const current = await probes.fetchCurrent(target, SETTINGS);
    assert.equal(current.status, 200);
    assert.equal(current.bodyText, '{"v":1}');
  });

  it('Refresh & Retry probes with the credentials and resends with the fresh tag', async () => {
    await start();
    const source = file(`PUT {{origin}}/doc\nAuthorization: ${TOKEN}\nIf-Match: "v0"\n\n{}\n`);
    const request = source.parsed.requests[0];
    const failed = await executor.execute(source, request, undefined, SETTINGS);
    assert.equal(failed.status, 412);
    const outcome = await refreshAndRetryRequest(
      { executor, probes, sleep: async () => undefined },
      { source, request, environmentName: undefined, settings: SETTINGS, failed },
      { maxAttempts: 3, baseDelayMs: 1 },
    );
    assert.ok(!('error' in outcome));
    assert.equal(outcome.outcome, 'succeeded');
    assert.equal(outcome.final.status, 200);
    assert.equal(outcome.final.requestHeaders['if-match'], '"v1"');
    const probe = server.requests.findIndex((r) => r.method === 'HEAD');
    assert.equal(seen(probe).authorization, TOKEN);
  });

  it('Refresh & Retry backs off with jitter: each wait drawn from [d/2, d)', async () => {
    await start({ always412: true });
    const source = file(`PUT {{origin}}/doc\nAuthorization: ${TOKEN}\nIf-Match: "v0"\n\n{}\n`);
    const waits: number[] = [];
    const outcome = await refreshAndRetryRequest(
      { executor, probes, sleep: async (ms) => void waits.push(ms), jitter: () => 0 },
      { source, request: source.parsed.requests[0], environmentName: undefined, settings: SETTINGS },
      { maxAttempts: 3, baseDelayMs: 100 },
    );
    assert.ok(!('error' in outcome));
    assert.equal(outcome.outcome, 'exhausted');
    assert.deepEqual(waits, [50, 100]);
  });
});
