// Every request that leaves, the user's and our own, goes through one path: the trust gate
// sees it first, and a refusal means the server sees nothing.
import { strict as assert } from 'node:assert';
import { HttpClient } from '../../../src/core/http/client';
import type { OutgoingRequest, SendResult } from '../../../src/core/http/types';
import { explainFailure } from '../../../src/core/diagnosis/explainFailure';
import { parseHttpFile } from '../../../src/core/parser/parseHttpFile';
import { ExchangeHistory } from '../../../src/core/send/exchangeHistory';
import { refreshAndRetryRequest } from '../../../src/core/send/refreshAndRetryRequest';
import { RequestExecutor, type ExecutorSettings, type RequestSource } from '../../../src/core/send/requestExecutor';
import { wasNotAllowed } from '../../../src/core/send/requestPath';
import { ServerProbes } from '../../../src/core/send/serverProbes';
import { ValidatorStore } from '../../../src/core/validators/validatorStore';
import { startServer, type TestServer } from '../http/testServer';
import { requestPathFor } from '../support/requestPath';

const SETTINGS: ExecutorSettings = { trustedWorkspace: true, timeoutMs: 5000, maxResponseBodyBytes: 1024 * 1024, followRedirects: false };

/** The objects a composition root builds, over one client and one gate. */
function session(confirmSend?: (request: OutgoingRequest) => Promise<boolean>) {
  const client = new HttpClient();
  const validators = new ValidatorStore();
  const history = new ExchangeHistory();
  const log: string[] = [];
  const path = requestPathFor(client, { validators, confirmSend, log: (line) => log.push(line) });
  const executor = new RequestExecutor({ path, validators, history, log: () => undefined });
  const probes = new ServerProbes({ path, executor, history });
  return { client, validators, history, path, executor, probes, log };
}

function fileAt(origin: string, text: string): RequestSource {
  return { documentKey: 'untitled:gate.http', parsed: parseHttpFile(text.split('{{origin}}').join(origin)) };
}

describe('RequestPath: one checkpoint for every request', () => {
  let server: TestServer;
  let parts: ReturnType<typeof session>;
  let asked: OutgoingRequest[];

  beforeEach(async () => {
    server = await startServer((_request, response) => {
      response.writeHead(200, { etag: '"v1"', 'content-type': 'application/json' });
      response.end('{}');
    });
    asked = [];
    parts = session(async (request) => {
      asked.push(request);
      return false;
    });
  });
  afterEach(async () => {
    await parts.client.dispose();
    await server.close();
  });

  const failedPut = (): SendResult => ({
    method: 'PUT', url: `${server.origin}/doc`, requestHeaders: { 'if-match': '"v0"', authorization: 'Bearer t' },
    status: 412, statusText: 'Precondition Failed', responseHeaders: {}, bodyText: '', durationMs: 1,
  });

  it('a refusing gate stops every caller: send, probe, refresh, compare, explain and retry reach nothing', async () => {
    const source = fileAt(server.origin, 'PUT {{origin}}/doc\nAuthorization: Bearer t\nIf-Match: "v0"\n\n{}\n');
    const request = source.parsed.requests[0];
    const { executor, probes, validators, history, path } = parts;
    const target = await probes.targetOfRequest(source, request, undefined, SETTINGS);
    assert.ok(!('error' in target), JSON.stringify(target));

    const results: SendResult[] = [
      await executor.execute(source, request, undefined, SETTINGS),
      await probes.fetchValidators(target, SETTINGS),
      await probes.fetchValidators(probes.targetOfUrl(`${server.origin}/doc`), SETTINGS, 'refresh'),
      await probes.fetchCurrent(target, SETTINGS),
    ];
    const explained = await explainFailure({ path, validators, history }, failedPut(), { ...SETTINGS, probe: true });
    results.push(explained.probes.probe!);
    const retried = await refreshAndRetryRequest(
      { executor, probes, sleep: async () => undefined },
      { source, request, environmentName: undefined, settings: SETTINGS, failed: failedPut() },
      { maxAttempts: 3, baseDelayMs: 1 },
    );
    assert.ok(!('error' in retried));
    results.push(retried.final);

    assert.equal(server.requests.length, 0, 'the server saw a request the gate refused');
    for (const result of results) assert.ok(wasNotAllowed(result), JSON.stringify(result));
    // A refused probe is not followed by its GET fallback, nor a refused retry probe by the resend: one question each.
    assert.deepEqual(asked.map((r) => r.method), ['PUT', 'HEAD', 'HEAD', 'GET', 'HEAD', 'HEAD']);
    assert.deepEqual(parts.log.map((line) => line.split(':')[0]), ['send', 'probe', 'refresh', 'compare', 'probe', 'probe']);
  });

  it('a gate that allows lets the same calls through, and each exchange is logged once with its purpose, redacted', async () => {
    const allowing = session(async () => true);
    try {
      const target = { url: `${server.origin}/doc?access_token=hunter2secret`, headers: [] };
      await allowing.probes.fetchValidators(target, SETTINGS, 'refresh');
      await allowing.probes.fetchCurrent(target, SETTINGS);
      assert.equal(server.requests.length, 2);
      assert.equal(allowing.log.length, 2);
      assert.match(allowing.log[0], /^refresh: HEAD http:\/\/127\.0\.0\.1:\d+\/doc\?access_token=\[redacted\] → 200 OK/);
      assert.match(allowing.log[1], /^compare: GET /);
      assert.ok(!allowing.log.join('\n').includes('hunter2secret'));
      assert.equal(allowing.validators.freshestEtag(target.url), '"v1"', 'the path records what every response says');
    } finally {
      await allowing.client.dispose();
    }
  });
});
