import { strict as assert } from 'node:assert';
import type { SendResult } from '../../../src/core/http/types';
import { findingsForResponse, serverExplanation } from '../../../src/core/lint/responseFindings';
import { newerEtagHint } from '../../../src/core/lint/newerEtag';
import { describeInstant } from '../../../src/core/validators/tagOrigin';
import { parseHttpFile } from '../../../src/core/parser/parseHttpFile';
import { ValidatorStore } from '../../../src/core/validators/validatorStore';

const NOW = new Date('2026-05-01T12:00:00Z');

function result(overrides: Partial<SendResult>): SendResult {
  return {
    method: 'PUT',
    url: 'http://api.test/items/1',
    requestHeaders: {},
    status: 412,
    statusText: 'Precondition Failed',
    responseHeaders: {},
    bodyText: '',
    durationMs: 3,
    ...overrides,
  };
}

function storeWith(...responses: Array<Partial<SendResult> & { at: string }>): ValidatorStore {
  const store = new ValidatorStore();
  for (const { at, ...response } of responses) store.recordResponse(result({ method: 'GET', status: 200, ...response }), new Date(at));
  return store;
}

function findings(source: string, sent: Partial<SendResult>, store = new ValidatorStore()) {
  const file = parseHttpFile(source);
  return findingsForResponse(file, file.requests[0], result(sent), store, NOW);
}

describe('response findings after 412 and 428', () => {
  it('puts stale-if-match on the If-Match value, naming the fresher tag and when it was seen', () => {
    const store = storeWith({ responseHeaders: { etag: '"v2"' }, at: '2026-05-01T11:58:00Z' });
    const [finding] = findings('PUT http://api.test/items/1\nIf-Match: "v1"\n', { requestHeaders: { 'if-match': '"v1"' } }, store);
    assert.equal(finding.code, 'stale-if-match');
    assert.deepEqual(finding.span, { line: 1, character: 10, length: 4 });
    assert.equal(finding.data?.freshEtag, '"v2"');
    assert.match(finding.message, /^412 Precondition Failed: If-Match "v1" no longer matches; the freshest known ETag is "v2" \(seen 2 min ago in a GET → 200\)\.\n/);
  });

  it('says to fetch a fresh ETag when no fresher tag is known', () => {
    const store = storeWith({ responseHeaders: { etag: '"v1"' }, at: '2026-05-01T11:00:00Z' });
    const [finding] = findings('PUT http://api.test/items/1\nIf-Match: "v1"\n', { requestHeaders: { 'if-match': '"v1"' } }, store);
    assert.equal(finding.data?.freshEtag, undefined);
    assert.equal(
      finding.message,
      '412 Precondition Failed: If-Match "v1" no longer matches; the server holds another version.\nFetch a fresh ETag (quick fix), merge the other change into yours, and send again.',
    );
  });

  it('notices when only compression changed the tag', () => {
    const store = storeWith({ responseHeaders: { etag: '"abc"' }, at: '2026-05-01T11:59:00Z' });
    const [finding] = findings('PUT http://api.test/items/1\nIf-Match: "abc-gzip"\n', { requestHeaders: { 'if-match': '"abc-gzip"' } }, store);
    assert.match(finding.message, /compression layer or proxy altered the tag/);
  });

  it('quotes the server: Azure error code and reason phrase', () => {
    const [finding] = findings('PUT http://api.test/items/1\nIf-Match: "v1"\n', {
      statusText: 'The condition specified using HTTP conditional header(s) is not met.',
      responseHeaders: { 'x-ms-error-code': 'ConditionNotMet' },
    });
    assert.match(finding.message, /The server says: x-ms-error-code: ConditionNotMet; reason: The condition specified/);
  });

  it("writes three lines, sent vs current, the server's words, the advice, with no double period where the server ends its own sentence", () => {
    const store = storeWith({ responseHeaders: { etag: '"v2"' }, at: '2026-05-01T11:58:00Z' });
    const [finding] = findings('PUT http://api.test/items/1\nIf-Match: "v1"\n', {
      requestHeaders: { 'if-match': '"v1"' },
      statusText: 'The condition specified using HTTP conditional header(s) is not met.',
      responseHeaders: { 'x-ms-error-code': 'ConditionNotMet' },
    }, store);
    assert.deepEqual(finding.message.split('\n'), [
      '412 Precondition Failed: If-Match "v1" no longer matches; the freshest known ETag is "v2" (seen 2 min ago in a GET → 200).',
      'The server says: x-ms-error-code: ConditionNotMet; reason: The condition specified using HTTP conditional header(s) is not met.',
      'Another client probably changed it: look at the current version, then use "v2" (quick fix) and send again.',
    ]);
    for (const sent of [{ status: 428, statusText: 'Precondition Required' }, { statusText: 'Nope.' }, {}]) {
      for (const f of findings('PUT http://api.test/items/1\n', { ...sent, responseHeaders: { 'content-type': 'application/json' }, bodyText: '{"detail":"Stale."}' })) {
        assert.doesNotMatch(f.message, /\.[.;]/, f.message);
        assert.match(f.message, /\nThe server says: detail: Stale/);
      }
    }
  });

  it('quotes a problem+json title and detail', () => {
    const explanation = serverExplanation(result({ responseHeaders: { 'content-type': 'application/problem+json' }, bodyText: '{"title":"Stale","detail":"version 3 is current"}' }));
    assert.equal(explanation, 'The server says: title: Stale; detail: version 3 is current.');
  });

  it('points at the {{variable}} when If-Match comes from a file variable, and says where it is defined', () => {
    const [finding] = findings('@etag = "v1"\nPUT http://api.test/items/1\nIf-Match: {{etag}}\n', { requestHeaders: { 'if-match': '"v1"' } });
    assert.deepEqual(finding.span, { line: 2, character: 10, length: 8 });
    assert.deepEqual(finding.data?.valueSource, { kind: 'file-variable', name: 'etag', definitionSpan: { line: 0, character: 8, length: 4 } });
  });

  it('recognises a response reference as the source', () => {
    const [finding] = findings('PUT http://api.test/items/1\nIf-Match: {{get.response.headers.ETag}}\n', {});
    assert.deepEqual(finding.data?.valueSource, { kind: 'response-reference', requestName: 'get', expression: 'get.response.headers.ETag' });
  });

  it('puts stale-if-unmodified-since on the date when Last-Modified is later', () => {
    const store = storeWith({ responseHeaders: { 'last-modified': 'Fri, 01 May 2026 10:00:00 GMT' }, at: '2026-05-01T11:00:00Z' });
    const source = 'PUT http://api.test/items/1\nIf-Unmodified-Since: Thu, 30 Apr 2026 10:00:00 GMT\n';
    const [finding] = findings(source, { requestHeaders: { 'if-unmodified-since': 'Thu, 30 Apr 2026 10:00:00 GMT' } }, store);
    assert.equal(finding.code, 'stale-if-unmodified-since');
    assert.deepEqual(finding.span, { line: 1, character: 21, length: 29 });
    assert.equal(finding.data?.freshLastModified, 'Fri, 01 May 2026 10:00:00 GMT');
  });

  it('falls back to precondition-failed on the request line', () => {
    const [finding] = findings('PUT http://api.test/items/1  \nIf-None-Match: *\n', {});
    assert.equal(finding.code, 'precondition-failed');
    assert.deepEqual(finding.span, { line: 0, character: 0, length: 27 });
  });

  it('puts precondition-required on the request line after a 428', () => {
    const [finding] = findings('DELETE http://api.test/items/1 HTTP/1.1\n', { status: 428, statusText: 'Precondition Required' });
    assert.equal(finding.code, 'precondition-required');
    assert.deepEqual(finding.span, { line: 0, character: 0, length: 39 });
  });

  it('finds nothing for other statuses', () => {
    assert.deepEqual(findings('PUT http://api.test/items/1\nIf-Match: "v1"\n', { status: 200 }), []);
  });
});

describe('newer ETag hint before sending', () => {
  const sources = (store: ValidatorStore) => ({
    freshestEtag: (url: string) => store.freshestEtag(url),
    get: (url: string) => store.get(url),
    namedExchange: () => undefined,
    lastSentUrl: () => undefined,
  });

  it('tells when the store knows a newer tag than the one written', () => {
    const store = storeWith({ responseHeaders: { etag: '"v9"' }, at: '2026-05-01T11:55:00Z' });
    const file = parseHttpFile('@base = http://api.test\nPUT {{base}}/items/1\nIf-Match: "v1"\n');
    const hint = newerEtagHint(file, file.requests[0], 'doc', sources(store), NOW);
    assert.deepEqual(hint, { url: 'http://api.test/items/1', sentEtag: '"v1"', freshEtag: '"v9"', seen: describeInstant('2026-05-01T11:55:00Z', NOW) });
  });

  it('says a tag our own write produced is ours, not from another client', () => {
    const store = storeWith(
      { responseHeaders: { etag: '"v1"' }, at: '2026-05-01T11:30:00Z' },
      { method: 'PUT', status: 200, responseHeaders: { etag: '"v2"' }, at: '2026-05-01T11:38:00Z' },
    );
    const file = parseHttpFile('PUT http://api.test/items/1\nIf-Match: "v1"\n');
    const hint = newerEtagHint(file, file.requests[0], 'doc', sources(store), NOW);
    assert.equal(hint?.ownWrite, 'PUT → 200');
    assert.equal(hint?.seen, describeInstant('2026-05-01T11:38:00Z', NOW));
  });

  it('stays quiet when the tag is current, for *, and for {{$etag}}', () => {
    const store = storeWith({ responseHeaders: { etag: '"v1"' }, at: '2026-05-01T11:55:00Z' });
    for (const value of ['"v1"', '*', '{{$etag}}']) {
      const file = parseHttpFile(`PUT http://api.test/items/1\nIf-Match: ${value}\n`);
      assert.equal(newerEtagHint(file, file.requests[0], 'doc', sources(store), NOW), undefined, value);
    }
  });
});
