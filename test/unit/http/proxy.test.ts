import { strict as assert } from 'node:assert';
import { bypassesProxy, decideProxy, noProxyEntries, type ProxyDecision, type ProxySettings } from '../../../src/core/http/proxy';

/** The decision reduced to what a reader checks: direct, or which proxy from where. */
function route(url: string, settings: ProxySettings | undefined): string {
  const decision: ProxyDecision = decideProxy(url, settings);
  if (decision.kind === 'direct') return 'direct';
  if (decision.kind === 'invalid') return `invalid: ${decision.error}`;
  return `${decision.proxyUrl} (${decision.source}${decision.strictSSL ? '' : ', not strict'})`;
}

function bypasses(url: string, ...entries: string[]): boolean {
  return bypassesProxy(new URL(url), entries);
}

describe('proxy: which proxy carries a request', () => {
  it('sends directly when nothing is configured', () => {
    assert.equal(route('http://api.example.com/', undefined), 'direct');
    assert.equal(route('http://api.example.com/', {}), 'direct');
    assert.equal(route('http://api.example.com/', { proxyUrl: '  ', env: { HTTP_PROXY: '' } }), 'direct');
  });

  it('uses http.proxy for http and https requests alike', () => {
    const settings = { proxyUrl: 'http://proxy.corp:3128' };
    assert.equal(route('http://api.example.com/', settings), 'http://proxy.corp:3128/ (http.proxy)');
    assert.equal(route('https://api.example.com/', settings), 'http://proxy.corp:3128/ (http.proxy)');
  });

  it('lets the setting win over the environment', () => {
    const settings = { proxyUrl: 'http://setting:1', env: { HTTP_PROXY: 'http://env:2', HTTPS_PROXY: 'http://env:3' } };
    assert.equal(route('http://a.test/', settings), 'http://setting:1/ (http.proxy)');
    assert.equal(route('https://a.test/', settings), 'http://setting:1/ (http.proxy)');
  });

  it('reads HTTP_PROXY for http:// and HTTPS_PROXY for https://, lower case first', () => {
    const env = { HTTP_PROXY: 'http://upper-http:1', http_proxy: 'http://lower-http:2', HTTPS_PROXY: 'http://upper-https:3' };
    assert.equal(route('http://a.test/', { env }), 'http://lower-http:2/ (http_proxy)');
    assert.equal(route('https://a.test/', { env }), 'http://upper-https:3/ (HTTPS_PROXY)');
  });

  it('falls back to HTTP_PROXY for https:// requests, but never to HTTPS_PROXY for http://', () => {
    assert.equal(route('https://a.test/', { env: { HTTP_PROXY: 'http://p:8080' } }), 'http://p:8080/ (HTTP_PROXY)');
    assert.equal(route('http://a.test/', { env: { HTTPS_PROXY: 'http://p:8080' } }), 'direct');
  });

  it('reads a proxy written without a scheme as http://, and keeps credentials for the proxy', () => {
    assert.equal(route('http://a.test/', { proxyUrl: 'proxy.corp:3128' }), 'http://proxy.corp:3128/ (http.proxy)');
    assert.equal(route('http://a.test/', { proxyUrl: 'http://me:s%40cret@proxy.corp:3128' }), 'http://me:s%40cret@proxy.corp:3128/ (http.proxy)');
  });

  it('reports the proxy host without credentials', () => {
    const decision = decideProxy('http://a.test/', { proxyUrl: 'http://me:secret@proxy.corp:3128' });
    assert.equal(decision.kind === 'proxy' && decision.proxyHost, 'proxy.corp:3128');
  });

  it('carries http.proxyStrictSSL, true unless turned off', () => {
    assert.equal(route('https://a.test/', { proxyUrl: 'https://p:443' }), 'https://p/ (http.proxy)');
    assert.equal(route('https://a.test/', { proxyUrl: 'https://p:8443', strictSSL: false }), 'https://p:8443/ (http.proxy, not strict)');
  });

  it('refuses a proxy it cannot use, naming where it was configured and hiding the password', () => {
    assert.equal(
      route('http://a.test/', { proxyUrl: 'socks5://me:pw@p:1080' }),
      'invalid: the http.proxy setting names a socks5 proxy (p:1080), which is not supported: use an http:// or https:// proxy',
    );
    assert.equal(route('http://a.test/', { env: { HTTP_PROXY: 'http://me:pw@' } }), "invalid: the HTTP_PROXY environment variable 'http://…@' is not a proxy URL: write it as http://host:port");
  });

  it('never proxies what is not http(s)', () => {
    assert.equal(route('ftp://a.test/', { proxyUrl: 'http://p:1' }), 'direct');
    assert.equal(route('not a url', { proxyUrl: 'http://p:1' }), 'direct');
  });
});

describe('proxy: NO_PROXY and http.noProxy', () => {
  it('takes http.noProxy when it has entries, else no_proxy, else NO_PROXY', () => {
    assert.deepEqual(noProxyEntries({ noProxy: ['a.test', ' b.test, c.test '], env: { NO_PROXY: 'env.test' } }), ['a.test', 'b.test', 'c.test']);
    assert.deepEqual(noProxyEntries({ noProxy: [], env: { no_proxy: 'lower.test', NO_PROXY: 'upper.test' } }), ['lower.test']);
    assert.deepEqual(noProxyEntries({ env: { NO_PROXY: 'a.test,b.test c.test' } }), ['a.test', 'b.test', 'c.test']);
  });

  it('bypasses the proxy for a host NO_PROXY names, whichever way the proxy was configured', () => {
    assert.equal(route('http://internal.corp/', { proxyUrl: 'http://p:1', noProxy: ['internal.corp'] }), 'direct');
    assert.equal(route('http://internal.corp/', { env: { HTTP_PROXY: 'http://p:1', NO_PROXY: 'internal.corp' } }), 'direct');
    assert.equal(route('http://other.corp/', { env: { HTTP_PROXY: 'http://p:1', NO_PROXY: 'internal.corp' } }), 'http://p:1/ (HTTP_PROXY)');
  });

  it('* bypasses every host', () => {
    assert.ok(bypasses('http://anything.test/', '*'));
    assert.equal(route('https://a.test/', { proxyUrl: 'http://p:1', env: { NO_PROXY: '*' } }), 'direct');
  });

  it('a host matches itself and its subdomains, case-insensitively, and nothing that merely ends the same', () => {
    assert.ok(bypasses('http://example.com/', 'example.com'));
    assert.ok(bypasses('http://API.Example.com/', 'example.COM'));
    assert.ok(bypasses('http://example.com./', 'example.com'));
    assert.ok(!bypasses('http://badexample.com/', 'example.com'));
    assert.ok(!bypasses('http://example.com.evil.test/', 'example.com'));
  });

  it('.domain and *.domain match the domain and every subdomain', () => {
    for (const entry of ['.example.com', '*.example.com']) {
      assert.ok(bypasses('http://example.com/', entry), entry);
      assert.ok(bypasses('http://a.b.example.com/', entry), entry);
      assert.ok(!bypasses('http://notexample.com/', entry), entry);
    }
  });

  it('host:port matches only that port, with 80 and 443 when the URL leaves the port out', () => {
    assert.ok(bypasses('http://example.com:8080/', 'example.com:8080'));
    assert.ok(!bypasses('http://example.com:9090/', 'example.com:8080'));
    assert.ok(bypasses('http://example.com/', 'example.com:80'));
    assert.ok(bypasses('https://example.com/', 'example.com:443'));
    assert.ok(!bypasses('https://example.com/', 'example.com:80'));
  });

  it('IP addresses and ranges match addresses, IPv6 with or without brackets', () => {
    assert.ok(bypasses('http://10.1.2.3/', '10.1.2.3'));
    assert.ok(!bypasses('http://10.1.2.4/', '10.1.2.3'));
    assert.ok(bypasses('http://10.200.0.1:8080/', '10.0.0.0/8'));
    assert.ok(!bypasses('http://11.0.0.1/', '10.0.0.0/8'));
    assert.ok(bypasses('http://[fd00::1]/', 'fd00::/8'));
    assert.ok(bypasses('http://[::1]:3000/', '[::1]:3000'));
    assert.ok(bypasses('http://[::1]:3000/', '::1'));
    assert.ok(!bypasses('http://[::1]:4000/', '[::1]:3000'));
  });

  it('localhost and 127.0.0.1 stand for each other, and for the other loopback addresses', () => {
    assert.ok(bypasses('http://localhost:8080/', 'localhost'));
    assert.ok(bypasses('http://127.0.0.1:8080/', 'localhost'));
    assert.ok(bypasses('http://[::1]/', 'localhost'));
    assert.ok(bypasses('http://app.localhost/', 'localhost'));
    assert.ok(bypasses('http://localhost/', '127.0.0.1'));
    assert.ok(bypasses('http://127.0.0.1/', '127.0.0.1'));
    assert.ok(bypasses('http://127.0.0.1:8080/', '127.0.0.1:8080'));
    assert.ok(!bypasses('http://127.0.0.1:9090/', 'localhost:8080'));
    assert.ok(!bypasses('http://192.168.1.1/', 'localhost'));
  });

  it('proxies loopback requests unless an entry says otherwise (a local debugging proxy must see them)', () => {
    assert.equal(route('http://127.0.0.1:8080/', { proxyUrl: 'http://127.0.0.1:3128' }), 'http://127.0.0.1:3128/ (http.proxy)');
  });

  it('ignores empty and malformed entries', () => {
    assert.ok(!bypasses('http://example.com/', '', ' ', ':80', '/8', '10.0.0.0/99', 'example.com:port'));
  });
});
