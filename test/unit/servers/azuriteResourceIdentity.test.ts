// Resource identity against a real Azure Blob implementation: a read through one SAS URL and a
// write through another are one resource, so a stale write is explained with what the read saw.
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { explainFailure } from '../../../src/core/diagnosis/explainFailure';
import { HttpClient } from '../../../src/core/http/client';
import { DiagnosticCodes } from '../../../src/core/lint/findings';
import { findingsForResponse } from '../../../src/core/lint/responseFindings';
import { parseHttpFile } from '../../../src/core/parser/parseHttpFile';
import { ExchangeHistory } from '../../../src/core/send/exchangeHistory';
import { RequestExecutor, type ExecutorSettings, type RequestSource } from '../../../src/core/send/requestExecutor';
import type { RequestPath } from '../../../src/core/send/requestPath';
import { ServerProbes } from '../../../src/core/send/serverProbes';
import { ValidatorStore } from '../../../src/core/validators/validatorStore';
import { accountSas, blobSas, startAzurite, type Azurite } from '../../servers/azurite';
import { requestPathFor } from '../support/requestPath';

const SETTINGS: ExecutorSettings = { trustedWorkspace: true, timeoutMs: 10000, maxResponseBodyBytes: 1024 * 1024, followRedirects: false };

describe('Azurite: one record per blob, whichever SAS URL reached it', function () {
  this.timeout(60000);
  let azurite: Azurite;
  let client: HttpClient;
  let validators: ValidatorStore;
  let history: ExchangeHistory;
  let path: RequestPath;
  let executor: RequestExecutor;
  let container: string;

  before(async () => {
    azurite = await startAzurite();
  });
  after(async () => {
    await azurite?.stop();
  });
  beforeEach(async () => {
    client = new HttpClient();
    validators = new ValidatorStore();
    history = new ExchangeHistory();
    path = requestPathFor(client, { validators });
    executor = new RequestExecutor({ path, validators, history, log: () => undefined });
    container = `pd-${randomUUID().slice(0, 8)}`;
    const created = await fetch(`${azurite.blobEndpoint}/${container}?restype=container&${accountSas()}`, { method: 'PUT' });
    assert.equal(created.status, 201, await created.text());
  });
  afterEach(async () => {
    await client.dispose();
    validators.dispose();
  });

  const blobUrl = (blob: string) => `${azurite.blobEndpoint}/${container}/${blob}`;
  /** Two SAS tokens for one blob that differ as two clients' tokens do: other start times, other permissions. */
  const readUrl = (blob: string) => `${blobUrl(blob)}?${blobSas(container, blob, 'r', new Date(Date.now() - 120_000))}`;
  const writeUrl = (blob: string) => `${blobUrl(blob)}?${blobSas(container, blob, 'rw', new Date(Date.now() - 60_000))}`;

  /** Another client: a direct call that our store never sees. */
  async function otherClientWrites(blob: string, body: string): Promise<{ etag: string; lastModified: string }> {
    const response = await fetch(`${blobUrl(blob)}?${accountSas()}`, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': 'application/json' }, body });
    assert.equal(response.status, 201, await response.text());
    return { etag: response.headers.get('etag') ?? '', lastModified: response.headers.get('last-modified') ?? '' };
  }

  async function send(text: string): Promise<{ source: RequestSource; result: Awaited<ReturnType<RequestExecutor['execute']>> }> {
    const source: RequestSource = { documentKey: 'untitled:blob.http', parsed: parseHttpFile(text) };
    return { source, result: await executor.execute(source, source.parsed.requests[0], undefined, SETTINGS) };
  }

  it('a stale If-Match PUT through another SAS URL is explained as a change by another client', async () => {
    const first = await otherClientWrites('doc.json', '{"v":1}');
    const read = await send(`GET ${readUrl('doc.json')}\n`);
    assert.equal(read.result.status, 200);
    const record = validators.get(writeUrl('doc.json'));
    assert.equal(record?.etag, first.etag, 'the GET through the read SAS is the record of the write SAS URL too');
    assert.equal(record?.url, blobUrl('doc.json'), 'the record keeps no signature');

    const second = await otherClientWrites('doc.json', '{"v":2}');
    assert.notEqual(second.etag, first.etag);
    // {{$etag}} of the write URL is the tag the read URL got.
    const put = await send(`PUT ${writeUrl('doc.json')}\nx-ms-blob-type: BlockBlob\nIf-Match: {{$etag}}\nContent-Type: application/json\n\n{"v":"mine"}\n`);
    assert.equal(put.result.requestHeaders['if-match'], first.etag);
    assert.equal(put.result.status, 412);
    assert.equal(put.result.responseHeaders['x-ms-error-code'], 'ConditionNotMet');

    const { diagnosis } = await explainFailure({ path, validators, history }, put.result, { ...SETTINGS, probe: true });
    assert.equal(diagnosis.causes[0]?.id, 'changed-by-another-client', JSON.stringify(diagnosis.causes, null, 1));
    assert.equal(diagnosis.freshEtag, second.etag);
    assert.equal(validators.size, 1);
    // The server's own words, from Azurite's real 412 body and header.
    assert.match(diagnosis.causes[0].evidence.join('\n'), /Azure Storage reported x-ms-error-code: ConditionNotMet \("The condition specified using HTTP conditional header\(s\) is not met\."\)/);
  });

  it('a stale If-Unmodified-Since through a SAS URL is placed on the date, with the Last-Modified a read saw', async () => {
    const first = await otherClientWrites('dated.json', '{"v":1}');
    await send(`GET ${readUrl('dated.json')}\n`);
    // Last-Modified has one-second resolution: the overwrite must land in a later second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await otherClientWrites('dated.json', '{"v":2}');
    assert.notEqual(second.lastModified, first.lastModified);
    // A read through yet another SAS URL sees the new version; the .http file still holds the old date.
    await send(`GET ${readUrl('dated.json')}\n`);
    const text = `PUT ${writeUrl('dated.json')}\nx-ms-blob-type: BlockBlob\nIf-Unmodified-Since: ${first.lastModified}\n\n{"v":"mine"}\n`;
    const put = await send(text);
    assert.equal(put.result.status, 412);
    const request = put.source.parsed.requests[0];
    const findings = findingsForResponse(put.source.parsed, request, put.result, validators, new Date());
    assert.deepEqual(findings.map((f) => f.code), [DiagnosticCodes.staleIfUnmodifiedSince]);
    assert.match(findings[0].message, new RegExp(second.lastModified));
  });

  it('Refresh Validator on the record, which keeps no signature, goes through the SAS URL that last reached the blob', async () => {
    await otherClientWrites('refresh.json', '{"v":1}');
    await send(`GET ${readUrl('refresh.json')}\n`);
    const second = await otherClientWrites('refresh.json', '{"v":2}');
    const probes = new ServerProbes({ path, executor, history, keyOf: (url) => validators.keyOf(url) });
    const [record] = validators.all();
    assert.equal(record.url, blobUrl('refresh.json'));
    // The container is private: the bare URL is refused, the signed one answers.
    const refreshed = await probes.fetchValidators(probes.targetOfUrl(record.url), SETTINGS, 'refresh');
    assert.equal(refreshed.status, 200, refreshed.bodyText);
    assert.equal(validators.get(record.url)?.etag, second.etag);
  });

  it('a create retried through another SAS URL is recognised as our own earlier attempt', async () => {
    const create = (url: string) => send(`PUT ${url}\nx-ms-blob-type: BlockBlob\nIf-None-Match: *\n\n{"v":"mine"}\n`);
    assert.equal((await create(writeUrl('created.json'))).result.status, 201);
    const retry = await create(`${blobUrl('created.json')}?${blobSas(container, 'created.json', 'rcw', new Date(Date.now() - 30_000))}`);
    assert.equal(retry.result.status, 409);
    const { diagnosis } = await explainFailure({ path, validators, history }, retry.result, { ...SETTINGS, probe: true });
    assert.equal(diagnosis.causes[0]?.id, 'already-exists');
    assert.match(diagnosis.causes[0].evidence.join('\n'), /own PUT with the same body succeeded earlier .*\(201\): it looks like your own earlier attempt/);
  });

  it("records Azurite's answer to a create-only PUT (If-None-Match: *) of a blob that exists", async () => {
    await otherClientWrites('exists.json', '{"v":1}');
    const put = await send(`PUT ${writeUrl('exists.json')}\nx-ms-blob-type: BlockBlob\nIf-None-Match: *\n\n{"v":"mine"}\n`);
    // For the `already-exists` cause: Azure answers 409 BlobAlreadyExists here, not 412.
    assert.deepEqual(
      { status: put.result.status, code: put.result.responseHeaders['x-ms-error-code'] },
      { status: 409, code: 'BlobAlreadyExists' },
    );
    const { diagnosis } = await explainFailure({ path, validators, history }, put.result, { ...SETTINGS, probe: true });
    assert.equal(diagnosis.causes[0]?.id, 'already-exists', JSON.stringify(diagnosis.causes, null, 1));
    assert.match(diagnosis.causes[0].evidence.join('\n'), /another client \(or an earlier run\) created it/);
    assert.match(diagnosis.causes[0].evidence.join('\n'), /x-ms-error-code: BlobAlreadyExists/);
  });
});
