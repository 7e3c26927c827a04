import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { toCurlCommand } from '../../../src/core/http/curl';
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
