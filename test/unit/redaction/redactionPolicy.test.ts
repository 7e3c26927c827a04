import { strict as assert } from 'node:assert';
import type { SendResult } from '../../../src/core/http/types';
import { RedactionPolicy, SecretValues } from '../../../src/core/redaction/redactionPolicy';

const policy = new RedactionPolicy();

function withSecrets(...values: string[]): RedactionPolicy {
  const secrets = new SecretValues();
  secrets.addAll(values);
  return new RedactionPolicy({}, secrets);
}

describe('RedactionPolicy: by header name', () => {
  it('hides credentials headers and any name with token/secret/key/password/session in it', () => {
    for (const name of ['Authorization', 'Proxy-Authorization', 'Cookie', 'Set-Cookie', 'X-Api-Key', 'Ocp-Apim-Subscription-Key', 'X-Amz-Security-Token', 'X-Client-Secret', 'X-Db-Password', 'X-Session-Id']) {
      assert.equal(policy.headerValue(name, 'v4lue-1'), '[redacted]', name);
    }
  });

  it('hides the names a user adds, in any case', () => {
    assert.equal(new RedactionPolicy({ headers: ['X-Tenant'] }).headerValue('x-tenant', 't1'), '[redacted]');
  });
});

describe('RedactionPolicy: by query parameter name', () => {
  it('hides sig, X-Amz-Signature, code, tokens and keys, userinfo and fragment tokens, and nothing else', () => {
    assert.equal(
      policy.url('https://me:pw@h.example/a?sv=2021&sig=abc%2B&code=x&page=2&api_key=k&X-Amz-Signature=s&X-Amz-Credential=c#access_token=t&state=1'),
      'https://[redacted]@h.example/a?sv=2021&sig=[redacted]&code=[redacted]&page=2&api_key=[redacted]&X-Amz-Signature=[redacted]&X-Amz-Credential=[redacted]#access_token=[redacted]&state=1',
    );
    assert.equal(policy.url('https://h.example/items/1?keywords=etag&passengers=2'), 'https://h.example/items/1?keywords=etag&passengers=2');
  });

  it('hides the names a user adds', () => {
    assert.equal(new RedactionPolicy({ queryParameters: ['tenant'] }).url('https://h.example/?tenant=a'), 'https://h.example/?tenant=[redacted]');
  });

  it('finds URLs inside sentences, keeping the punctuation around them', () => {
    assert.equal(
      policy.text("PUT to https://h.example/a?sig=s3cr3t. Then 'http://h.example/b?code=c0de' failed (see http://h.example/c?token=t0k)."),
      "PUT to https://h.example/a?sig=[redacted]. Then 'http://h.example/b?code=[redacted]' failed (see http://h.example/c?token=[redacted]).",
    );
  });
});

describe('RedactionPolicy: URLs inside headers', () => {
  it('hides the query secrets of Location, Content-Location, Referer and each Link target', () => {
    assert.equal(policy.headerValue('Location', '/callback?code=c0de&state=42'), '/callback?code=[redacted]&state=42');
    assert.equal(policy.headerValue('location', 'https://app.example/cb?code=c0de'), 'https://app.example/cb?code=[redacted]');
    assert.equal(policy.headerValue('Content-Location', '/files/1?sig=abc'), '/files/1?sig=[redacted]');
    assert.equal(policy.headerValue('Referer', 'https://me:pw@portal.example/p?token=t'), 'https://[redacted]@portal.example/p?token=[redacted]');
    assert.equal(
      policy.headerValue('Link', '</items?page=2&sig=abc>; rel="next", <https://h.example/items?page=9&X-Amz-Signature=s>; rel="last"'),
      '</items?page=2&sig=[redacted]>; rel="next", <https://h.example/items?page=9&X-Amz-Signature=[redacted]>; rel="last"',
    );
  });
});

describe('RedactionPolicy: by body field name', () => {
  it('hides JSON fields at any depth, keeping untouched bodies byte for byte', () => {
    const body = '{"user":"ann","auth":{"refresh_token":"r","apiKey":"k"},"items":[{"password":"p","pass":"q","id":1}]}';
    assert.equal(policy.body(body, 'application/json'), '{"user":"ann","auth":"[redacted]","items":[{"password":"[redacted]","pass":"[redacted]","id":1}]}');
    const clean = '{\n  "title":   "x"\n}';
    assert.equal(policy.body(clean, 'application/json'), clean);
  });

  it('hides form fields with a Content-Type and without one, over several lines too', () => {
    assert.equal(policy.body('user=ann&password=p&client_secret=s', 'application/x-www-form-urlencoded'), 'user=ann&password=[redacted]&client_secret=[redacted]');
    assert.equal(policy.body('grant_type=authorization_code&code=c0de&user_pass=p', undefined), 'grant_type=authorization_code&code=[redacted]&user_pass=[redacted]');
    assert.equal(policy.body('user=ann\n&pass=p\n&remember=1', ''), 'user=ann\n&pass=[redacted]\n&remember=1');
    assert.equal(policy.body('just some words = not a form', undefined), 'just some words = not a form');
  });

  it('hides a multipart part named like a secret, and secret fields inside a JSON part', () => {
    const body = [
      '--b0undary',
      'Content-Disposition: form-data; name="user"',
      '',
      'ann',
      '--b0undary',
      'Content-Disposition: form-data; name="password"',
      '',
      'hunter22',
      '--b0undary',
      'Content-Disposition: form-data; name="meta"',
      'Content-Type: application/json',
      '',
      '{"token":"t0ken","title":"x"}',
      '--b0undary--',
      '',
    ].join('\r\n');
    const redacted = policy.body(body, 'multipart/form-data; boundary=b0undary');
    assert.ok(!redacted.includes('hunter22') && !redacted.includes('t0ken'), redacted);
    assert.match(redacted, /name="password"\r\n\r\n\[redacted\]\r\n--b0undary/);
    assert.match(redacted, /name="user"\r\n\r\nann\r\n/);
    assert.match(redacted, /\{"token":"\[redacted\]","title":"x"\}/);
    // Written without the header, the boundary comes from the first line.
    assert.ok(!policy.body(body, undefined).includes('hunter22'));
  });

  it('hides XML elements (children included) and attributes, and keeps error codes', () => {
    const xml = '<Login xmlns:wsse="urn:x"><User name="ann" apiKey="k3y"/><wsse:Password Type="Text">hunter22</wsse:Password><credentials><inner>s3cret</inner></credentials><Code>ConditionNotMet</Code></Login>';
    assert.equal(
      policy.body(xml, 'application/soap+xml'),
      '<Login xmlns:wsse="urn:x"><User name="ann" apiKey="[redacted]"/><wsse:Password Type="Text">[redacted]</wsse:Password><credentials>[redacted]</credentials><Code>ConditionNotMet</Code></Login>',
    );
    assert.equal(policy.body('<Error><Code>ConditionNotMet</Code></Error>', 'application/xml'), '<Error><Code>ConditionNotMet</Code></Error>');
    assert.ok(!policy.body('<auth><token>t0k</token></auth>', undefined).includes('t0k'), 'XML without a Content-Type');
  });

  it('hides the body field names a user adds', () => {
    assert.equal(new RedactionPolicy({ bodyFields: ['ssn'] }).body('{"ssn":"123-45"}', 'application/json'), '{"ssn":"[redacted]"}');
  });
});

describe('RedactionPolicy: by provenance', () => {
  const secret = 'pr1vate-v@lue 42';

  it('hides a known secret value in a text body, a harmless header, a URL path, and free text', () => {
    const redact = withSecrets(secret);
    assert.equal(redact.body(`Dear diary: ${secret}.`, 'text/plain'), 'Dear diary: [redacted].');
    assert.equal(redact.headerValue('X-Request-Note', secret), '[redacted]');
    assert.equal(redact.url(`http://h.example/users/${encodeURIComponent(secret)}/x`), 'http://h.example/users/[redacted]/x');
    assert.equal(redact.text(`sent ${secret}`), 'sent [redacted]');
  });

  it('hides the URL-encoded, form-encoded and JSON-escaped forms of a value', () => {
    const redact = withSecrets('a b&c/"d"');
    assert.equal(redact.url('http://h.example/?q=a%20b%26c%2F%22d%22'), 'http://h.example/?q=[redacted]');
    assert.equal(redact.body('q=a+b%26c%2F%22d%22', 'application/x-www-form-urlencoded'), 'q=[redacted]');
    assert.equal(redact.body('{"note":"a b&c/\\"d\\""}', 'application/json'), '{"note":"[redacted]"}');
  });

  it('replaces a secret that contains another whole, and ignores values too short to be secrets', () => {
    const redact = withSecrets('abcd', 'abcdefgh', 'on');
    assert.equal(redact.text('abcdefgh abcd on'), '[redacted] [redacted] on');
  });
});

describe('RedactionPolicy: the evidence stays', () => {
  const result: SendResult = {
    method: 'PUT',
    url: 'https://h.example/items/1?sig=s',
    requestHeaders: { 'if-match': '"v1"', 'if-none-match': 'W/"v0"', 'if-unmodified-since': 'Wed, 01 May 2024 09:00:00 GMT', 'content-type': 'application/json' },
    requestBody: '{"_etag":"\\"v1\\"","@odata.etag":"W/\\"3\\"","_rev":"2-abc","resourceVersion":"42","title":"t"}',
    status: 412,
    statusText: 'Precondition Failed',
    responseHeaders: { etag: '"v2"', 'last-modified': 'Wed, 01 May 2024 10:00:00 GMT', date: 'Wed, 01 May 2024 10:05:00 GMT', via: '1.1 varnish', age: '3', 'x-ms-error-code': 'ConditionNotMet', 'cache-control': 'no-cache', 'content-type': 'application/json' },
    bodyText: '{"error":{"code":"PreconditionFailed","message":"ETag mismatch"}}',
    durationMs: 1,
  };

  it('keeps validators, dates, cache headers, version tokens and error codes exactly as they were', () => {
    const redacted = withSecrets('s3cret-value').result(result);
    assert.deepEqual({ ...redacted, url: result.url }, result);
    assert.equal(redacted.url, 'https://h.example/items/1?sig=[redacted]');
  });

  it('leaves the error of a request with no URL as it was', () => {
    const none: SendResult = { method: '', url: '', requestHeaders: {}, status: 0, statusText: '', responseHeaders: {}, bodyText: '', durationMs: 0, error: 'Open a .http file' };
    assert.equal(policy.result(none).error, 'Open a .http file');
  });

  it('changes nothing when it redacts what it redacted before', () => {
    const once = policy.result(result);
    assert.deepEqual(policy.result(once), once);
    const sentence = 'see https://h.example/cb?code=c0de] and <https://h.example/?sig=s>.';
    assert.equal(policy.text(policy.text(sentence)), policy.text(sentence));
  });

  it('hides nothing when the user asked to see secrets', () => {
    assert.deepEqual(RedactionPolicy.revealing().result({ ...result, requestHeaders: { authorization: 'Bearer x' } }).requestHeaders, { authorization: 'Bearer x' });
  });
});
