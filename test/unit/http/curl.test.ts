import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { toCurlCommand } from '../../../src/core/http/curl';
import { curlTransportFor, redactTransport } from '../../../src/core/http/curlTransport';
import type { OutgoingRequest } from '../../../src/core/http/types';

/**
 * Runs the command in a POSIX shell with `curl` replaced by a function that prints each argument
 * NUL-terminated, so the test sees exactly the argv curl would get.
 */
function argvSeenByCurl(command: string): string[] {
  const output = execFileSync('/bin/sh', ['-c', `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }; ${command}`]);
  return output.toString('utf8').split('\0').slice(0, -1);
}

/** The bytes curl would read from stdin for `--data-binary @-`. */
function stdinSeenByCurl(command: string): Buffer {
  return execFileSync('/bin/sh', ['-c', `curl() { cat; }; ${command}`]);
}

function request(partial: Partial<OutgoingRequest>): OutgoingRequest {
  return { method: 'GET', url: 'http://localhost:8080/items/1', headers: [], ...partial };
}

describe('toCurlCommand', () => {
  it('writes a plain GET without -X', () => {
    assert.equal(toCurlCommand(request({})), "curl 'http://localhost:8080/items/1'");
  });

  it('quotes a URL with a query so the shell does not split it at &', () => {
    const command = toCurlCommand(request({ url: 'http://localhost/search?q=a&page=2' }));
    assert.equal(command, "curl 'http://localhost/search?q=a&page=2'");
    assert.deepEqual(argvSeenByCurl(command), ['http://localhost/search?q=a&page=2']);
  });

  it('uses --head for HEAD', () => {
    assert.equal(toCurlCommand(request({ method: 'HEAD' })), "curl --head 'http://localhost:8080/items/1'");
  });

  it('leaves out -X for a POST with a body, since --data-raw implies it', () => {
    const command = toCurlCommand(request({ method: 'POST', headers: [['Content-Type', 'application/json']], body: '{"a":1}' }));
    assert.equal(command, `curl 'http://localhost:8080/items/1' -H 'Content-Type: application/json' --data-raw '{"a":1}'`);
  });

  it('writes -X for PUT, DELETE, a body-less POST and a GET that carries a body', () => {
    assert.match(toCurlCommand(request({ method: 'PUT', body: 'x', headers: [['Content-Type', 'text/plain']] })), /^curl -X PUT /);
    assert.match(toCurlCommand(request({ method: 'DELETE' })), /^curl -X DELETE /);
    assert.match(toCurlCommand(request({ method: 'GET', body: 'x', headers: [['Content-Type', 'text/plain']] })), /^curl -X GET /);
    assert.match(toCurlCommand(request({ method: 'POST' })), /^curl -X POST /);
  });

  it('passes an entity tag with quotes and a W/ prefix through unchanged', () => {
    const command = toCurlCommand(request({ method: 'PUT', headers: [['If-Match', 'W/"abc"'], ['Content-Type', 'text/plain']], body: 'x' }));
    assert.deepEqual(argvSeenByCurl(command), ['-X', 'PUT', 'http://localhost:8080/items/1', '-H', 'If-Match: W/"abc"', '-H', 'Content-Type: text/plain', '--data-raw', 'x']);
  });

  it("escapes single quotes, $, backticks and newlines so the shell expands nothing", () => {
    const body = `it's $HOME and \`whoami\` and $(id)\nsecond line\\n "quoted" !event`;
    const header: [string, string] = ['X-Note', "O'Brien $USER `id`"];
    const command = toCurlCommand(request({ method: 'POST', headers: [header, ['Content-Type', 'text/plain']], body }));
    assert.deepEqual(argvSeenByCurl(command), ['http://localhost:8080/items/1', '-H', "X-Note: O'Brien $USER `id`", '-H', 'Content-Type: text/plain', '--data-raw', body]);
  });

  it('writes an empty header value with curl\'s ";" syntax (a bare "Name:" would remove the header)', () => {
    const command = toCurlCommand(request({ headers: [['X-Empty', '']] }));
    assert.equal(command, "curl 'http://localhost:8080/items/1' -H 'X-Empty;'");
  });

  it('stops curl adding a form Content-Type the request did not have', () => {
    const command = toCurlCommand(request({ method: 'POST', body: 'raw' }));
    assert.equal(command, "curl 'http://localhost:8080/items/1' -H 'Content-Type:' --data-raw 'raw'");
  });

  it('turns off URL globbing when the URL has brackets or braces', () => {
    const command = toCurlCommand(request({ url: 'http://localhost/items?ids=[1,2]&f={a}' }));
    assert.equal(command, "curl --globoff 'http://localhost/items?ids=[1,2]&f={a}'");
  });

  it('pipes a binary body through printf so every byte, NUL included, arrives', () => {
    const bytes = new Uint8Array([0, 1, 0x25, 0x5c, 0x27, 0x41, 0xff, 0x0a]);
    const command = toCurlCommand(request({ method: 'POST', headers: [['Content-Type', 'application/octet-stream']], body: bytes }));
    assert.match(command, /^printf '.*' \| curl 'http:\/\/localhost:8080\/items\/1' -H 'Content-Type: application\/octet-stream' --data-binary @-$/);
    assert.deepEqual([...stdinSeenByCurl(command)], [...bytes]);
  });

  it('sends a UTF-8 byte body as --data-raw text', () => {
    const command = toCurlCommand(request({ method: 'POST', headers: [['Content-Type', 'text/plain']], body: new TextEncoder().encode('héllo') }));
    assert.ok(command.endsWith("--data-raw 'héllo'"));
    assert.equal(argvSeenByCurl(command).at(-1), 'héllo');
  });
});

describe('toCurlCommand with the client’s transport (curlTransportFor)', () => {
  const url = 'https://api.example.test/items/1';

  type Settings = Partial<Parameters<typeof curlTransportFor>[1]>;

  function commandFor(settings: Settings, target = url, redact = false): string {
    const transport = curlTransportFor(target, { followRedirects: false, ...settings });
    if ('error' in transport) throw new Error(transport.error);
    return toCurlCommand(request({ url: target }), redact ? redactTransport(transport) : transport);
  }

  it('adds nothing when the client would go direct with certificate checks and no redirects', () => {
    assert.deepEqual(argvSeenByCurl(commandFor({ proxy: { env: {} } })), [url]);
  });

  it('names the http.proxy setting’s proxy, password included only when asked', () => {
    const settings = { proxy: { proxyUrl: 'http://alice:s3cret@proxy.local:3128', env: {} } };
    assert.deepEqual(argvSeenByCurl(commandFor(settings)), ['--proxy', 'http://alice:s3cret@proxy.local:3128', url]);
    const redacted = commandFor(settings, url, true);
    assert.ok(!redacted.includes('s3cret'), redacted);
    assert.deepEqual(argvSeenByCurl(redacted), ['--proxy', 'http://alice:[redacted]@proxy.local:3128', url]);
  });

  it('names a proxy that came from HTTPS_PROXY, since the copy may run where that is not set', () => {
    assert.deepEqual(argvSeenByCurl(commandFor({ proxy: { env: { HTTPS_PROXY: 'http://gateway:8080' } } })), ['--proxy', 'http://gateway:8080', url]);
  });

  it('turns curl’s own environment proxy off for a host http.noProxy sends direct', () => {
    const settings = { proxy: { proxyUrl: 'http://proxy.local:3128', noProxy: ['api.example.test'], env: { https_proxy: 'http://proxy.local:3128' } } };
    assert.deepEqual(argvSeenByCurl(commandFor(settings)), ['--noproxy', '*', url]);
  });

  it('skips an https:// proxy’s certificate check only when http.proxyStrictSSL is off', () => {
    const proxy = { proxyUrl: 'https://proxy.local:3129', env: {} };
    assert.deepEqual(argvSeenByCurl(commandFor({ proxy: { ...proxy, strictSSL: false } })), ['--proxy', 'https://proxy.local:3129', '--proxy-insecure', url]);
    assert.deepEqual(argvSeenByCurl(commandFor({ proxy })), ['--proxy', 'https://proxy.local:3129', url]);
  });

  it('adds --insecure for https:// when certificate checks are off, and nothing for http://', () => {
    assert.deepEqual(argvSeenByCurl(commandFor({ rejectUnauthorized: false })), ['--insecure', url]);
    assert.deepEqual(argvSeenByCurl(commandFor({ rejectUnauthorized: false }, 'http://localhost/a')), ['http://localhost/a']);
  });

  it('follows redirects as the client would, with its limit', () => {
    assert.deepEqual(argvSeenByCurl(commandFor({ followRedirects: true })), ['--location', '--max-redirs', '10', url]);
    assert.deepEqual(argvSeenByCurl(commandFor({ followRedirects: true, maxRedirects: 3 })), ['--location', '--max-redirs', '3', url]);
  });

  it('refuses, naming the setting, when the proxy setting is unusable', () => {
    const transport = curlTransportFor(url, { followRedirects: false, proxy: { proxyUrl: 'socks5://proxy.local:1080', env: {} } });
    assert.ok('error' in transport);
    assert.match(transport.error, /http\.proxy/);
  });
});
