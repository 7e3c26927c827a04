import { strict as assert } from 'node:assert';
import { causeIds, diagnose, evidenceOf, failedPut, headProbe, observation, result, storedRecord } from './fixtures';

const AZURE_MESSAGE = 'The condition specified using HTTP conditional header(s) is not met.';

function azure412(ifMatch: string, code = 'ConditionNotMet') {
  const body =
    '<?xml version="1.0" encoding="utf-8"?><Error><Code>' + code + '</Code><Message>' + AZURE_MESSAGE +
    '\nRequestId:6f1d2c3a-501e-0062-1c2b-9bd5b2000000\nTime:2024-05-01T10:05:00.1234567Z</Message></Error>';
  return failedPut({ 'if-match': ifMatch, 'x-ms-version': '2021-12-02' }, {
    url: 'https://account.blob.core.windows.net/reports/report.json',
    statusText: AZURE_MESSAGE,
    responseHeaders: {
      'content-type': 'application/xml',
      'x-ms-error-code': code,
      'x-ms-request-id': '6f1d2c3a-501e-0062-1c2b-9bd5b2000000',
      date: 'Wed, 01 May 2024 10:05:00 GMT',
    },
    bodyText: body,
  });
}

describe('diagnosePreconditionFailure: syntax, 428, server hints', () => {
  describe('malformed-precondition', () => {
    it('an unresolved {{…}} sent literally in If-Match ranks first and quotes the text', () => {
      const failed = failedPut({ 'if-match': '{{getItem.response.headers.ETag}}' });
      const diagnosis = diagnose({ failed, probe: headProbe({ etag: '"v1"' }), unresolvedVariables: ['getItem.response.headers.ETag'] });
      assert.equal(diagnosis.causes[0].id, 'malformed-precondition');
      assert.equal(diagnosis.causes[0].likelihood, 'high');
      const evidence = evidenceOf(diagnosis, 'malformed-precondition');
      assert.match(evidence, /If-Match was sent as the literal text \{\{getItem\.response\.headers\.ETag\}\}/);
      assert.match(evidence, /Send the named request it refers to first/);
      assert.ok(!causeIds(diagnosis).includes('etag-mismatch'), 'a template is not compared as a tag');
    });

    it('mentions unresolved variables elsewhere in the request', () => {
      const failed = failedPut({ 'if-match': '"v1"', 'x-tenant': '{{tenant}}' });
      const diagnosis = diagnose({ failed, probe: headProbe({ etag: '"v2"' }), unresolvedVariables: ['tenant', 'region'] });
      assert.match(evidenceOf(diagnosis, 'malformed-precondition'), /\{\{tenant\}\} in x-tenant and \{\{region\}\}/);
      assert.equal(diagnosis.causes.find((c) => c.id === 'malformed-precondition')?.likelihood, 'low');
    });

    it('* mixed with tags', () => {
      const diagnosis = diagnose({ failed: failedPut({ 'if-match': '*, "v1"' }) });
      assert.equal(diagnosis.causes[0].id, 'malformed-precondition');
      assert.match(evidenceOf(diagnosis, 'malformed-precondition'), /If-Match: \*, "v1" mixes \* with entity tags/);
    });

    it('an unquoted tag', () => {
      const diagnosis = diagnose({ failed: failedPut({ 'if-match': 'v1' }) });
      assert.equal(diagnosis.causes[0].id, 'malformed-precondition');
      assert.match(evidenceOf(diagnosis, 'malformed-precondition'), /If-Match: v1 is not an entity tag: it must be in double quotes \("v1"\)/);
    });

    it('an ISO 8601 date in If-Unmodified-Since, with its HTTP-date form', () => {
      const diagnosis = diagnose({ failed: failedPut({ 'if-unmodified-since': '2024-05-01T09:00:00Z' }) });
      assert.equal(diagnosis.causes[0].id, 'malformed-precondition');
      const evidence = evidenceOf(diagnosis, 'malformed-precondition');
      assert.match(evidence, /If-Unmodified-Since: 2024-05-01T09:00:00Z is not an HTTP-date\. ISO 8601 is not an HTTP-date/);
      assert.match(evidence, /As an HTTP-date it reads Wed, 01 May 2024 09:00:00 GMT\./);
    });
  });

  describe('precondition-required', () => {
    const required = failedPut({}, {
      status: 428,
      statusText: 'Precondition Required',
      responseHeaders: { 'content-type': 'application/problem+json; charset=utf-8', 'cache-control': 'no-store', date: 'Wed, 01 May 2024 10:05:00 GMT' },
      bodyText: JSON.stringify({ type: 'https://example.com/problems/428', title: 'Precondition Required', status: 428, detail: 'This resource only accepts PUT with If-Match, to prevent lost updates.' }),
    });

    it('is the first cause of a 428, with the tag to add', () => {
      const diagnosis = diagnose({ failed: required, probe: headProbe({ etag: '"v3"' }) });
      assert.equal(diagnosis.status, 428);
      assert.equal(diagnosis.causes[0].id, 'precondition-required');
      assert.equal(diagnosis.causes[0].likelihood, 'high');
      const evidence = evidenceOf(diagnosis, 'precondition-required');
      assert.match(evidence, /The request sent no If-Match\./);
      assert.match(evidence, /The current ETag is "v3" \(HEAD probe at Wed, 01 May 2024 10:10:00 GMT\): add If-Match: "v3"\./);
      assert.match(evidence, /detail "This resource only accepts PUT with If-Match, to prevent lost updates\."/);
    });

    it('falls back to the freshest recorded tag without a probe', () => {
      const history = [observation('GET', 200, '2024-05-01T10:00:00.000Z', '"v2"')];
      const record = storedRecord(history, [{ etag: '"v2"', weak: false, observedAt: '2024-05-01T10:00:00.000Z' }]);
      assert.match(evidenceOf(diagnose({ failed: required, history, record }), 'precondition-required'), /freshest recorded ETag is "v2"/);
    });
  });

  describe('server-specific hints', () => {
    it('Azure Storage: a 412 with no ETag and an XML body, tag never issued', () => {
      const history = [observation('GET', 200, '2024-05-01T10:00:00.000Z', '"0x8DC0002A1B2C3D4"')];
      const failed = azure412('"0x0"');
      const diagnosis = diagnose({ failed, history, probe: headProbe({ etag: '"0x8DC0002A1B2C3D4"' }) });
      assert.equal(diagnosis.causes[0].id, 'etag-mismatch');
      const evidence = evidenceOf(diagnosis, 'etag-mismatch');
      assert.match(evidence, /Azure Storage reported x-ms-error-code: ConditionNotMet \("The condition specified using HTTP conditional header\(s\) is not met\."\)/);
      assert.match(evidence, /Azure does not send the current ETag with a 412/);
      assert.ok(!evidence.includes('RequestId'), 'only the first line of the message');
    });

    it('Azure: a W/ tag never matches', () => {
      const diagnosis = diagnose({ failed: azure412('W/"0x8DC0002"'), probe: headProbe({ etag: '"0x8DC0002"' }) });
      assert.match(diagnosis.causes[0].evidence.join('\n'), /Azure Blob never matches a W\/ tag in If-Match/);
    });

    it('Azure: a lease error is not about entity tags', () => {
      const diagnosis = diagnose({ failed: azure412('"0x1"', 'LeaseIdMismatchWithBlobOperation') });
      assert.match(diagnosis.causes[0].evidence.join('\n'), /about a lease, not an entity tag/);
    });

    it('WebDAV If header with no standard precondition', () => {
      const failed = failedPut({ if: '(<urn:uuid:181d4fae-7d8c-11d0-a765-00a0c91e6bf2> ["I am an ETag"])' });
      const diagnosis = diagnose({ failed, probe: headProbe({ etag: '"xyzzy"' }) });
      assert.equal(diagnosis.causes[0].id, 'unknown');
      const evidence = evidenceOf(diagnosis, 'unknown');
      assert.match(evidence, /WebDAV If header \(If: \(<urn:uuid:181d4fae-7d8c-11d0-a765-00a0c91e6bf2> \["I am an ETag"\]\)\)/);
      assert.match(evidence, /The If header names "I am an ETag"; the current ETag is "xyzzy"\./);
    });

    it('says when the probe could not read the resource', () => {
      const diagnosis = diagnose({ failed: failedPut({ 'if-match': '"v1"' }), probe: headProbe({}, 401) });
      assert.match(diagnosis.causes[0].evidence.join('\n'), /The probe HEAD got 401/);
    });

    it('leaves secret-looking problem members out of the quote', () => {
      const failed = failedPut({ 'if-match': '"v1"' }, {
        responseHeaders: { 'content-type': 'application/problem+json' },
        bodyText: JSON.stringify({ title: 'Precondition Failed', detail: 'stale', accessToken: 'eyJhbGciOi', precondition: 'If-Match' }),
      });
      const evidence = diagnose({ failed }).causes[0].evidence.join('\n');
      assert.match(evidence, /title "Precondition Failed", detail "stale" \(precondition: If-Match\)/);
      assert.ok(!evidence.includes('eyJhbGciOi'));
    });
  });

  describe('unknown', () => {
    it('a 412 to a request without preconditions gives the raw facts', () => {
      const failed = result({ method: 'POST', status: 412, requestHeaders: { 'content-type': 'application/json' }, responseHeaders: { etag: '"v9"' } });
      const diagnosis = diagnose({ failed, probe: headProbe({ etag: '"v9"', 'last-modified': 'Wed, 01 May 2024 10:03:00 GMT' }) });
      assert.deepEqual(causeIds(diagnosis), ['unknown']);
      assert.equal(diagnosis.causes[0].likelihood, 'low');
      const evidence = evidenceOf(diagnosis, 'unknown');
      assert.match(evidence, /The server answered 412 Precondition Failed to POST https:\/\/api\.example\.com\/items\/1\./);
      assert.match(evidence, /sent no precondition header/);
      assert.match(evidence, /The server holds ETag "v9", Last-Modified Wed, 01 May 2024 10:03:00 GMT/);
    });

    it('a failed probe is reported among the facts', () => {
      const failed = result({ method: 'DELETE', status: 412 });
      const probe = result({ method: 'HEAD', status: 0, statusText: '', error: 'connection refused: is the server on 127.0.0.1:8080 running?' });
      assert.match(evidenceOf(diagnose({ failed, probe }), 'unknown'), /the probe HEAD failed \(connection refused/);
    });
  });
});
