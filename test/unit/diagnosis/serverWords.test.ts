// The server's own words, in the dialects of the API families table (spec/conditional-requests.md).
// Bodies as the vendors document them; Azure's real 412 body is quoted in test/unit/servers.
import { strict as assert } from 'node:assert';
import { diagnose, failedPut, headProbe } from './fixtures';

const allEvidence = (diagnosis: ReturnType<typeof diagnose>) => diagnosis.causes.flatMap((c) => c.evidence).join('\n');

describe("diagnosePreconditionFailure: the server's own words", () => {
  it('quotes an S3 XML error: Code, the first line of Message, and which Condition failed', () => {
    const failed = failedPut({ 'if-match': '"a1"' }, {
      responseHeaders: { 'content-type': 'application/xml' },
      bodyText: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message><Condition>If-Match</Condition><RequestId>R1</RequestId></Error>',
    });
    assert.match(allEvidence(diagnose({ failed })), /The server's XML error: Code PreconditionFailed, Message "At least one of the pre-conditions you specified did not hold", Condition If-Match\./);
  });

  it('quotes an OData error object (Dataverse)', () => {
    const failed = failedPut({ 'if-match': 'W/"1001"' }, {
      responseHeaders: { 'content-type': 'application/json; odata.metadata=minimal', 'odata-version': '4.0' },
      bodyText: JSON.stringify({ error: { code: '0x80060882', message: "The version of the existing record doesn't match the RowVersion property provided." } }),
    });
    assert.match(allEvidence(diagnose({ failed })), /The server's OData error: code 0x80060882, message "The version of the existing record doesn't match the RowVersion property provided\."\./);
  });

  it('quotes a FHIR OperationOutcome', () => {
    const failed = failedPut({ 'if-match': 'W/"3"' }, {
      responseHeaders: { 'content-type': 'application/fhir+json;charset=utf-8' },
      bodyText: JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'conflict', diagnostics: 'Resource version mismatch: expected 3 but found 4' }] }),
    });
    assert.match(allEvidence(diagnose({ failed })), /The server's FHIR OperationOutcome: error conflict: "Resource version mismatch: expected 3 but found 4"\./);
  });

  it('takes the current ETag from a 412 that carries it (any header case) when the probe was refused', () => {
    const failed = failedPut({ 'if-match': '"v1"' }, { responseHeaders: { ETag: '"v7"', 'Last-Modified': 'Wed, 01 May 2024 10:00:00 GMT' } });
    const diagnosis = diagnose({ failed, probe: headProbe({}, 403) });
    assert.equal(diagnosis.freshEtag, '"v7"');
    assert.equal(diagnosis.freshLastModified, 'Wed, 01 May 2024 10:00:00 GMT');
    assert.match(diagnosis.causes[0].evidence.join('\n'), /The 412 response itself names the current version: ETag "v7", Last-Modified Wed, 01 May 2024 10:00:00 GMT\./);
  });

  it('does not take it after the probe found the resource gone', () => {
    const failed = failedPut({ 'if-match': '"v1"' }, { responseHeaders: { etag: '"v7"' } });
    assert.equal(diagnose({ failed, probe: headProbe({}, 404) }).freshEtag, undefined);
  });
});

describe('diagnosePreconditionFailure: already-exists', () => {
  const create = (response: Parameters<typeof failedPut>[1] = {}) => failedPut({ 'if-none-match': '*' }, { requestBody: '{"id":7}', ...response });

  it("says a create that already went through is this client's own earlier attempt", () => {
    const earlier = { ...create(), status: 201, statusText: 'Created' };
    const diagnosis = diagnose({ failed: create(), probe: headProbe({ etag: '"v1"' }), earlierExchanges: [{ result: earlier, at: new Date('2024-05-01T09:59:00Z') }] });
    assert.equal(diagnosis.causes[0].id, 'already-exists');
    assert.match(diagnosis.causes[0].evidence.join('\n'), /the HEAD probe found it: 200, ETag "v1"/);
    assert.match(diagnosis.causes[0].evidence.join('\n'), /own PUT with the same body succeeded earlier at 2024-05-01T09:59:00\.000Z \(201\): it looks like your own earlier attempt/);
  });

  it("says someone else's when this session never wrote it", () => {
    const diagnosis = diagnose({ failed: create({ status: 409, statusText: 'Conflict' }), probe: headProbe({ etag: '"v9"' }) });
    assert.equal(diagnosis.causes[0].id, 'already-exists');
    assert.match(diagnosis.causes[0].evidence.join('\n'), /another client \(or an earlier run\) created it/);
  });
});
