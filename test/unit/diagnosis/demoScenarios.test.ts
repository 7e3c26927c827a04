/**
 * Each seed cause of the demo API, reproduced over the wire with the real HTTP client and
 * validator store, then explained: the top cause must be the one the scenario is about.
 * This is the pure core's half of the integration tests issue 6 asks for.
 */
import { strict as assert } from 'node:assert';
import { HttpClient } from '../../../src/core/http/client';
import type { HttpClientOptions, SendResult } from '../../../src/core/http/types';
import { formatHttpDate } from '../../../src/core/preconditions/httpDate';
import { diagnosePreconditionFailure, type Diagnosis } from '../../../src/core/diagnosis/diagnosePreconditionFailure';
import { probeForDiagnosis } from '../../../src/core/diagnosis/probeForDiagnosis';
import { refreshAndRetry } from '../../../src/core/diagnosis/retryPolicy';
import { probeValidators } from '../../../src/core/validators/probe';
import { ValidatorStore } from '../../../src/core/validators/validatorStore';
import { useDemoServer } from '../demo/demoHarness';
import { requestPathFor } from '../support/requestPath';

const OPTIONS: HttpClientOptions = { timeoutMs: 5000, maxResponseBodyBytes: 1024 * 1024, followRedirects: false };
const JSON_BODY = JSON.stringify({ id: '1', title: 'Quarterly report', status: 'final', owner: 'alice', summary: 'Revenue grew in every region.' });

describe('diagnosis of the demo scenarios (local demo server)', function () {
  this.timeout(15_000);
  const demo = useDemoServer();
  let client: HttpClient;
  let store: ValidatorStore;
  let exchanges: Array<{ result: SendResult; at: Date }>;

  beforeEach(() => {
    client = new HttpClient();
    store = new ValidatorStore();
    exchanges = [];
  });
  afterEach(async () => {
    store.dispose();
    await client.dispose();
  });

  /** Sends like the extension does: the store and the session history learn from every response. */
  async function send(method: string, path: string, headers: Array<[string, string]> = [], body?: string): Promise<SendResult> {
    const result = await client.send({ method, url: demo.url(path), headers, body }, OPTIONS);
    const at = new Date();
    store.recordResponse(result, at);
    exchanges.unshift({ result, at });
    return result;
  }

  async function explain(failed: SendResult): Promise<Diagnosis> {
    const probes = await probeForDiagnosis(requestPathFor(client), failed, OPTIONS);
    const record = store.get(failed.url);
    return diagnosePreconditionFailure({
      failed,
      history: record?.history ?? [],
      record,
      ...probes,
      now: new Date(),
      failedAt: exchanges.find((e) => e.result === failed)?.at,
      earlierExchanges: exchanges.filter((e) => e.result !== failed && e.result.url === failed.url),
    });
  }

  function putWith(path: string, headers: Array<[string, string]>): Promise<SendResult> {
    return send('PUT', path, [['Content-Type', 'application/json'], ...headers], JSON_BODY);
  }

  it('changed-by-another-client: GET, another client edits, PUT with the old tag', async () => {
    const read = await send('GET', '/items/1');
    await send('POST', '/_simulate/edit/items/1');
    const failed = await putWith('/items/1', [['If-Match', read.responseHeaders.etag]]);
    assert.equal(failed.status, 412);
    const diagnosis = await explain(failed);
    assert.equal(diagnosis.causes[0].id, 'changed-by-another-client');
    assert.notEqual(diagnosis.freshEtag, read.responseHeaders.etag);
  });

  it('intermediary-altered-validator: nginx gzip weakens the tag', async () => {
    const read = await send('GET', '/nginx-gzip/items/1', [['Accept-Encoding', 'gzip']]);
    assert.match(read.responseHeaders.etag, /^W\//);
    const failed = await putWith('/nginx-gzip/items/1', [['If-Match', read.responseHeaders.etag], ['Accept-Encoding', 'gzip']]);
    assert.equal(failed.status, 412);
    const diagnosis = await explain(failed);
    assert.equal(diagnosis.causes[0].id, 'intermediary-altered-validator');
    assert.equal(diagnosis.freshEtag, read.responseHeaders.etag.slice(2));
  });

  it('intermediary-altered-validator: Apache mod_deflate appends -gzip', async () => {
    const read = await send('GET', '/apache-gzip/items/1', [['Accept-Encoding', 'gzip']]);
    assert.match(read.responseHeaders.etag, /-gzip"$/);
    const failed = await putWith('/apache-gzip/items/1', [['If-Match', read.responseHeaders.etag], ['Accept-Encoding', 'gzip']]);
    const diagnosis = await explain(failed);
    assert.equal(diagnosis.causes[0].id, 'intermediary-altered-validator');
  });

  it('intermediary-altered-validator: a shared cache serves the old tag', async () => {
    await send('GET', '/cached/items/1');
    await send('POST', '/_simulate/edit/cached/items/1');
    const cached = await send('GET', '/cached/items/1');
    assert.equal(cached.responseHeaders['x-cache'], 'HIT');
    const failed = await putWith('/cached/items/1', [['If-Match', cached.responseHeaders.etag]]);
    assert.equal(failed.status, 412);
    const diagnosis = await explain(failed);
    assert.equal(diagnosis.causes[0].id, 'intermediary-altered-validator');
    assert.ok(diagnosis.causes.some((c) => c.id === 'changed-by-another-client'));
  });

  it('clock-skew: If-Unmodified-Since from the local clock, server an hour ahead', async () => {
    const failed = await putWith('/clock-ahead/items/1', [['If-Unmodified-Since', formatHttpDate(Date.now())]]);
    assert.equal(failed.status, 412);
    const diagnosis = await explain(failed);
    assert.deepEqual(diagnosis.causes.slice(0, 2).map((c) => c.id), ['clock-skew', 'outdated-date-precondition']);
  });

  it('precondition-required: PUT without If-Match', async () => {
    const failed = await putWith('/required/items/1', []);
    assert.equal(failed.status, 428);
    const diagnosis = await explain(failed);
    assert.equal(diagnosis.causes[0].id, 'precondition-required');
    assert.ok(diagnosis.freshEtag);
  });

  it('etag-mismatch: Azure-style ConditionNotMet for a tag never issued', async () => {
    await send('GET', '/azure/blobs/report.json');
    const failed = await putWith('/azure/blobs/report.json', [['If-Match', '"0x0"']]);
    assert.equal(failed.status, 412);
    const diagnosis = await explain(failed);
    assert.equal(diagnosis.causes[0].id, 'etag-mismatch');
    assert.match(diagnosis.causes[0].evidence.join('\n'), /x-ms-error-code: ConditionNotMet/);
  });

  it('Refresh & Retry ends in 2xx after a change by another client', async () => {
    const read = await send('GET', '/items/1');
    await send('POST', '/_simulate/edit/items/1');
    await putWith('/items/1', [['If-Match', read.responseHeaders.etag]]);
    const outcome = await refreshAndRetry(
      {
        probe: () => probeValidators(requestPathFor(client), { url: demo.url('/items/1'), headers: [] }, OPTIONS),
        rewriteAndSend: (tag) => putWith('/items/1', tag === undefined ? [] : [['If-Match', tag]]),
        sleep: async () => undefined,
      },
      { baseMs: 10, factor: 2, maxAttempts: 3, maxDelayMs: 100 },
    );
    assert.equal(outcome.outcome, 'succeeded');
    assert.equal(outcome.final.status, 200);
  });
});
