import { strict as assert } from 'node:assert';
import { buildRedactedHar } from '../../../src/core/diagnosis/har';
import { renderRedactedTrace } from '../../../src/core/diagnosis/trace';
import { RedactionPolicy, type RedactionOptions } from '../../../src/core/redaction/redactionPolicy';
import { diagnose, failedPut, headProbe, NOW, result } from './fixtures';

const SECRETS = ['Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig', 'Basic dXNlcjpwYXNz', 'session=abc123', 'k-live-42', 'tok-99', 'sv-sig-Zm9v', 'hunter2', 'sk_live_abc'];

/** A PUT carrying one secret of every kind, and a response setting a cookie. */
function secretExchange() {
  return failedPut(
    {
      'if-match': '"v1"',
      'if-unmodified-since': 'Wed, 01 May 2024 09:00:00 GMT',
      authorization: SECRETS[0],
      'proxy-authorization': SECRETS[1],
      cookie: SECRETS[2],
      'x-api-key': SECRETS[3],
      'x-auth-token': SECRETS[4],
    },
    {
      url: `https://user:${SECRETS[6]}@api.example.com/items/1?sig=${SECRETS[5]}&page=2&access_token=${SECRETS[4]}`,
      requestBody: JSON.stringify({ title: 'Report', credentials: { password: SECRETS[6], clientSecret: SECRETS[7] } }),
      responseHeaders: { 'set-cookie': `${SECRETS[2]}; HttpOnly`, etag: '"v2"', via: '1.1 varnish', age: '3', date: 'Wed, 01 May 2024 10:05:00 GMT' },
    },
  );
}

const redactHeaders = (headers: Record<string, string>, options?: RedactionOptions) => new RedactionPolicy(options).headers(headers);
const redactUrl = (url: string, options?: RedactionOptions) => new RedactionPolicy(options).url(url);
const redactBody = (body: string, contentType: string) => new RedactionPolicy().body(body, contentType);

describe('redaction', () => {
  it('redacts each secret header kind and keeps validators and cache headers', () => {
    const headers = redactHeaders({
      authorization: 'Bearer x', 'proxy-authorization': 'Basic y', cookie: 'a=b', 'set-cookie': 'a=b', 'x-api-key': 'k', 'api-key': 'k',
      'x-amz-security-token': 't', 'x-client-secret': 's', 'x-db-password': 'p',
      etag: '"v1"', 'if-match': '"v1"', 'if-none-match': '*', 'if-unmodified-since': 'Wed, 01 May 2024 09:00:00 GMT', date: 'Wed, 01 May 2024 09:00:00 GMT',
      'last-modified': 'Wed, 01 May 2024 09:00:00 GMT', via: '1.1 varnish', age: '3', 'x-cache': 'HIT', 'x-ms-error-code': 'ConditionNotMet', 'keep-alive': 'timeout=5',
    });
    for (const name of ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key', 'x-amz-security-token', 'x-client-secret', 'x-db-password']) {
      assert.equal(headers[name], '[redacted]', name);
    }
    assert.equal(headers.etag, '"v1"');
    assert.equal(headers['if-match'], '"v1"');
    assert.equal(headers['if-unmodified-since'], 'Wed, 01 May 2024 09:00:00 GMT');
    assert.equal(headers.via, '1.1 varnish');
    assert.equal(headers['x-ms-error-code'], 'ConditionNotMet');
    assert.equal(headers['keep-alive'], 'timeout=5');
  });

  it('redacts configured header names', () => {
    assert.equal(redactHeaders({ 'x-tenant': 't1' }, { headers: ['X-Tenant'] })['x-tenant'], '[redacted]');
  });

  it('redacts secret query parameters, userinfo and fragment tokens, and nothing else', () => {
    assert.equal(
      redactUrl('https://me:pw@h.example/a/b?sv=2021&sig=abc%2B&code=x&page=2&api_key=k&X-Amz-Signature=s#access_token=t&state=1'),
      'https://[redacted]@h.example/a/b?sv=2021&sig=[redacted]&code=[redacted]&page=2&api_key=[redacted]&X-Amz-Signature=[redacted]#access_token=[redacted]&state=1',
    );
    assert.equal(redactUrl('https://h.example/items/1?keywords=etag'), 'https://h.example/items/1?keywords=etag');
    assert.equal(redactUrl('https://h.example/?tenant=a', { queryParameters: ['tenant'] }), 'https://h.example/?tenant=[redacted]');
  });

  it('redacts JSON fields at any depth, keeping the rest and the formatting of untouched bodies', () => {
    const body = '{"user":"ann","auth":{"refresh_token":"r","apiKey":"k"},"items":[{"password":"p","id":1}]}';
    assert.equal(redactBody(body, 'application/json'), '{"user":"ann","auth":"[redacted]","items":[{"password":"[redacted]","id":1}]}');
    const clean = '{\n  "title":   "x"\n}';
    assert.equal(redactBody(clean, 'application/json'), clean);
  });

  it('redacts form bodies and leaves other text alone', () => {
    assert.equal(redactBody('user=ann&password=p&client_secret=s', 'application/x-www-form-urlencoded'), 'user=ann&password=[redacted]&client_secret=[redacted]');
    assert.equal(redactBody('<Error><Code>ConditionNotMet</Code></Error>', 'application/xml'), '<Error><Code>ConditionNotMet</Code></Error>');
  });
});

describe('renderRedactedTrace', () => {
  const failed = secretExchange();
  const probe = headProbe({ etag: '"v2"', 'last-modified': 'Wed, 01 May 2024 10:03:00 GMT' });
  const diagnosis = diagnose({ failed, probe });
  const trace = renderRedactedTrace({
    exchanges: [{ result: failed, at: new Date('2024-05-01T10:05:00.123Z'), label: 'updateItem' }, { result: probe, at: new Date('2024-05-01T10:10:00.045Z'), label: 'probe' }],
    diagnosis,
    environmentName: 'staging',
    extensionVersion: '0.1.0',
    now: NOW,
  });

  it('contains none of the secrets the request carried', () => {
    for (const secret of SECRETS) assert.ok(!trace.includes(secret), `leaked ${secret}`);
    assert.ok(!trace.includes('user:'), 'userinfo');
  });

  it('keeps ETag, If-Match, dates and Via intact', () => {
    assert.match(trace, /> if-match: "v1"/);
    assert.match(trace, /> if-unmodified-since: Wed, 01 May 2024 09:00:00 GMT/);
    assert.match(trace, /< etag: "v2"/);
    assert.match(trace, /< via: 1\.1 varnish/);
    assert.match(trace, /< set-cookie: \[redacted\]/);
  });

  it('reads like curl -v, with millisecond timestamps and durations', () => {
    assert.match(trace, /> PUT \/items\/1\?sig=\[redacted\]&page=2&access_token=\[redacted\] HTTP\/1\.1/);
    assert.match(trace, /< HTTP\/1\.1 412 Precondition Failed/);
    assert.match(trace, /- Started: 2024-05-01T10:05:00\.111Z/);
    assert.match(trace, /- Completed: 2024-05-01T10:05:00\.123Z/);
    assert.match(trace, /- Duration: 12\.0 ms/);
    assert.match(trace, /curl -v -X PUT --globoff 'https:\/\/\[redacted\]@api\.example\.com\/items\/1\?sig=\[redacted\]/);
    assert.ok(!/curl[^\n]*content-length/i.test(trace), 'curl computes Content-Length itself');
  });

  it('includes the diagnosis and the header facts', () => {
    assert.match(trace, /## Diagnosis of the 412/);
    assert.match(trace, /\*\*Changed by another client\*\*|\*\*Entity tag mismatch\*\*/);
    assert.match(trace, /- Environment: staging/);
    assert.match(trace, /- Precondition Doctor 0\.1\.0/);
    assert.match(trace, /## 2\. HEAD https:\/\/api\.example\.com\/items\/1 → 200 OK \(probe\)/);
  });

  it('states a duration once, and the rounded form only when it adds something', () => {
    const quick = renderRedactedTrace({ exchanges: [result({ method: 'GET', status: 200, durationMs: 17 })], now: NOW });
    assert.match(quick, /- Duration: 17\.0 ms\n/);
    assert.ok(!/17 ms\)/.test(quick), quick);
    const slow = renderRedactedTrace({ exchanges: [result({ method: 'GET', status: 200, durationMs: 2345.67 })], now: NOW });
    assert.match(slow, /- Duration: 2345\.7 ms \(2 s\)/);
  });

  it('asks to fill in redacted values only when the curl line has some', () => {
    const plain = renderRedactedTrace({ exchanges: [result({ method: 'GET', status: 200, url: 'http://127.0.0.1:8080/items/1' })], now: NOW });
    assert.match(plain, /^Reproduce:$/m);
    assert.ok(!/fill in the redacted values/.test(plain), plain);
    assert.match(trace, /Reproduce \(fill in the redacted values\):/);
  });

  it('caps bodies', () => {
    const big = result({ method: 'GET', status: 200, bodyText: 'x'.repeat(5000) });
    const text = renderRedactedTrace({ exchanges: [big], now: NOW, maxBodyChars: 100 });
    assert.match(text, /… \(4900 more characters not shown\)/);
    assert.match(text, /- Started: not recorded/);
  });

  it('reports an exchange that got no response', () => {
    const refused = result({ method: 'PUT', status: 0, statusText: '', error: 'connection refused: is the server on 127.0.0.1:8080 running?' });
    assert.match(renderRedactedTrace({ exchanges: [refused], now: NOW }), /< \(no response: connection refused/);
  });
});

describe('buildRedactedHar', () => {
  const har = buildRedactedHar({ exchanges: [{ result: secretExchange(), at: new Date('2024-05-01T10:05:00.123Z') }, headProbe({ etag: '"v2"' })], extensionVersion: '0.1.0', now: NOW });

  it('has the HAR 1.2 shape', () => {
    assert.equal(har.log.version, '1.2');
    assert.deepEqual(har.log.creator, { name: 'Precondition Doctor', version: '0.1.0' });
    for (const entry of har.log.entries) {
      assert.ok(!Number.isNaN(Date.parse(entry.startedDateTime)) && /T.*Z$/.test(entry.startedDateTime));
      assert.equal(typeof entry.time, 'number');
      for (const key of ['method', 'url', 'httpVersion', 'cookies', 'headers', 'queryString', 'headersSize', 'bodySize'] as const) assert.ok(key in entry.request, key);
      for (const key of ['status', 'statusText', 'httpVersion', 'cookies', 'headers', 'content', 'redirectURL', 'headersSize', 'bodySize'] as const) assert.ok(key in entry.response, key);
      assert.equal(typeof entry.response.content.size, 'number');
      assert.equal(typeof entry.response.content.mimeType, 'string');
      assert.deepEqual(entry.cache, {});
      for (const phase of ['send', 'wait', 'receive'] as const) assert.ok(entry.timings[phase] >= 0);
      assert.ok(entry.request.headers.every((h) => typeof h.name === 'string' && typeof h.value === 'string'));
    }
    assert.equal(har.log.entries[0].startedDateTime, '2024-05-01T10:05:00.111Z');
    assert.equal(har.log.entries[0].request.postData?.mimeType, 'application/json');
  });

  it('is redacted like the Markdown trace', () => {
    const text = JSON.stringify(har);
    for (const secret of SECRETS) assert.ok(!text.includes(secret), `leaked ${secret}`);
    assert.deepEqual(har.log.entries[0].request.queryString.find((q) => q.name === 'page'), { name: 'page', value: '2' });
    assert.deepEqual(har.log.entries[0].request.queryString.find((q) => q.name === 'sig'), { name: 'sig', value: '[redacted]' });
  });
});
