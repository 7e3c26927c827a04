import * as assert from 'node:assert/strict';
import { describeIncompleteBody, describeNetworkError, hostAndPort } from '../../../src/core/http/networkErrors';

function errorWith(code: string, message = code, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { code, ...extra });
}

const API = new URL('https://api.example.com/items');
const LOCAL = new URL('http://127.0.0.1:8080/items');

describe('network error sentences', () => {
  it('spells out the default port', () => {
    assert.equal(hostAndPort(API), 'api.example.com:443');
    assert.equal(hostAndPort(new URL('http://example.com/')), 'example.com:80');
    assert.equal(hostAndPort(new URL('http://[::1]:3000/')), '[::1]:3000');
  });

  const cases: Array<[string, unknown, URL, string | RegExp]> = [
    ['ECONNREFUSED', errorWith('ECONNREFUSED'), LOCAL, 'connection refused: is anything listening on 127.0.0.1:8080?'],
    ['ENOTFOUND', errorWith('ENOTFOUND', 'getaddrinfo ENOTFOUND api.example.com', { hostname: 'api.example.com' }), API, /^host 'api\.example\.com' not found \(DNS\)/],
    ['EAI_AGAIN', errorWith('EAI_AGAIN'), API, /^host 'api\.example\.com' could not be resolved right now/],
    ['ECONNRESET', errorWith('ECONNRESET'), LOCAL, /^the server closed the connection before responding \(127\.0\.0\.1:8080\)/],
    ['undici "other side closed"', errorWith('UND_ERR_SOCKET', 'other side closed'), LOCAL, /^the server closed the connection before responding/],
    ['a connect timeout', errorWith('UND_ERR_CONNECT_TIMEOUT'), API, /^could not connect to api\.example\.com:443: the connection attempt timed out/],
    ['an unreachable network', errorWith('ENETUNREACH'), API, /^api\.example\.com:443 is unreachable from this machine \(ENETUNREACH\)/],
    ['an expired certificate', errorWith('CERT_HAS_EXPIRED'), API, /^the TLS certificate of api\.example\.com:443 was rejected \(certificate expired\): if you trust this server, turn off certificate verification for it/],
    ['a certificate for another host', errorWith('ERR_TLS_CERT_ALTNAME_INVALID'), API, /different host name.*turn off certificate verification for it/],
    ['an unknown certificate authority', errorWith('UNABLE_TO_GET_ISSUER_CERT_LOCALLY'), API, /unknown certificate authority/],
    ['plain HTTP on an https:// port', errorWith('EPROTO', 'routines:ssl3_get_record:wrong version number'), API, /try http:\/\//],
    ['a response that is not HTTP', errorWith('HPE_INVALID_CONSTANT', 'Expected HTTP/'), LOCAL, /is not valid HTTP\/1\.1 \(Expected HTTP\/\); if it serves https on this port, use https:\/\//],
    ['a code nested in cause', Object.assign(new Error('fetch failed'), { cause: errorWith('ECONNREFUSED') }), LOCAL, /^connection refused/],
    ['a code inside an AggregateError', new AggregateError([errorWith('ECONNREFUSED')], 'connect failed'), LOCAL, /^connection refused/],
    ['an unknown code', errorWith('EWEIRD', 'something odd'), LOCAL, 'the request to 127.0.0.1:8080 failed: something odd (EWEIRD)'],
    ['a non-error value', 'boom', LOCAL, 'the request to 127.0.0.1:8080 failed: boom'],
  ];
  for (const [title, error, url, expected] of cases) {
    it(`explains ${title}`, () => {
      const sentence = describeNetworkError(error, url);
      if (typeof expected === 'string') assert.equal(sentence, expected);
      else assert.match(sentence, expected);
    });
  }

  it('explains a body cut short by a closed connection with the byte counts', () => {
    assert.equal(
      describeIncompleteBody(errorWith('UND_ERR_SOCKET', 'other side closed'), LOCAL, 10, '100'),
      'the server at 127.0.0.1:8080 closed the connection before the response body was complete (received 10 of 100 bytes)',
    );
  });
});
