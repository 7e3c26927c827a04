import { strict as assert } from 'node:assert';
import { parseHttpFile } from '../../../src/core/parser/parseHttpFile';
import { findRequestAtLine } from '../../../src/core/parser/findRequest';
import type { Span } from '../../../src/core/parser/types';

/** The text a span covers, so assertions read as "this span underlines that". */
function textAt(source: string, span: Span): string {
  const lines = source.split(/\r\n|\r|\n/);
  return lines[span.line].slice(span.character, span.character + span.length);
}

describe('parseHttpFile: blocks and request lines', () => {
  it('finds one request in a file without separators', () => {
    const file = parseHttpFile('GET https://example.com/todos\n');
    assert.equal(file.requests.length, 1);
    assert.equal(file.requests[0].requestLine.method.text, 'GET');
    assert.equal(file.requests[0].requestLine.url, 'https://example.com/todos');
  });

  it('splits requests on ### and ignores blocks with only comments', () => {
    const text = 'GET http://a/1\n\n###\n# only a comment\n\n###\nPOST http://a/2\n';
    const file = parseHttpFile(text);
    assert.deepEqual(file.requests.map((r) => r.requestLine.url), ['http://a/1', 'http://a/2']);
  });

  it('assumes GET when the method is left out', () => {
    const request = parseHttpFile('https://example.com/\n').requests[0];
    assert.equal(request.requestLine.method.text, 'GET');
    assert.equal(request.requestLine.implicitMethod, true);
    assert.equal(request.errors.length, 0);
  });

  it('upper-cases a known method written in lower case', () => {
    assert.equal(parseHttpFile('put http://a/\n').requests[0].requestLine.method.text, 'PUT');
  });

  it('keeps the HTTP version apart from the URL', () => {
    const source = 'PATCH http://a/b HTTP/1.1\n';
    const line = parseHttpFile(source).requests[0].requestLine;
    assert.equal(line.url, 'http://a/b');
    assert.equal(line.httpVersion?.text, 'HTTP/1.1');
    assert.equal(textAt(source, line.span), 'PATCH http://a/b HTTP/1.1');
  });

  it('gives the request line span from method to URL end, trailing whitespace excluded', () => {
    const source = '  DELETE   http://a/b   \n';
    const line = parseHttpFile(source).requests[0].requestLine;
    assert.equal(textAt(source, line.span), 'DELETE   http://a/b');
    assert.equal(textAt(source, line.method.span), 'DELETE');
    assert.equal(textAt(source, line.urlParts[0].span), 'http://a/b');
  });

  it('reports a request line with no URL, naming the line', () => {
    const request = parseHttpFile('\n\nGET\n').requests[0];
    assert.equal(request.errors.length, 1);
    assert.match(request.errors[0].message, /^line 3: request line has no URL/);
  });

  it('sends custom upper-case methods as written', () => {
    const request = parseHttpFile('PURGE http://a/cache\n').requests[0];
    assert.equal(request.requestLine.method.text, 'PURGE');
    assert.equal(request.errors.length, 0);
  });

  it('recognises a response status line as not a request', () => {
    const request = parseHttpFile('HTTP/1.1 200 OK\nContent-Type: text/plain\n').requests[0];
    assert.match(request.errors[0].message, /response status line/);
  });

  it('says that GRPC and WebSocket blocks are not HTTP', () => {
    assert.match(parseHttpFile('GRPC localhost:50051/a.B/C\n').requests[0].errors[0].message, /GRPC requests are not HTTP/);
    assert.match(parseHttpFile('WS wss://x/socket\n').requests[0].errors[0].message, /WS requests are not HTTP/);
  });

  it('reports a bare word with spaces as an unknown method', () => {
    const request = parseHttpFile('fetch the thing\n').requests[0];
    assert.match(request.errors[0].message, /'fetch' is not an HTTP method/);
  });

  it('appends ? and & continuation lines to the URL with their positions', () => {
    const source = 'GET http://a/search\n    ?q=etag\n    &page=2\nAccept: */*\n';
    const request = parseHttpFile(source).requests[0];
    assert.equal(request.requestLine.url, 'http://a/search?q=etag&page=2');
    assert.equal(request.requestLine.urlParts.length, 3);
    assert.equal(textAt(source, request.requestLine.urlParts[2].span), '&page=2');
    assert.equal(request.headers.length, 1);
  });

  it('accepts an HTTP version at the end of the last continuation line', () => {
    const request = parseHttpFile('GET http://a/x\n  ?a=1\n  &b=2 HTTP/1.1\n').requests[0];
    assert.equal(request.requestLine.url, 'http://a/x?a=1&b=2');
    assert.equal(request.requestLine.httpVersion?.text, 'HTTP/1.1');
  });

  it('joins an indented path continuation (httpyac style)', () => {
    const request = parseHttpFile('GET https://httpbin.org\n  /get\n').requests[0];
    assert.equal(request.requestLine.url, 'https://httpbin.org/get');
  });

  it('explains a second request line inside one block', () => {
    const request = parseHttpFile('GET http://a/1\nGET http://a/2\n').requests[0];
    assert.match(request.errors[0].message, /^line 2: .* second request in this block; separate requests with ###/);
  });
});

describe('parseHttpFile: names, comments and metadata', () => {
  it('names a request from # @name', () => {
    assert.equal(parseHttpFile('# @name login\nPOST http://a/login\n').requests[0].name, 'login');
  });

  it('names a request from // @name', () => {
    assert.equal(parseHttpFile('// @name login\nPOST http://a/login\n').requests[0].name, 'login');
  });

  it('names a request from the text after ###', () => {
    assert.equal(parseHttpFile('### Get the todo\nGET http://a/1\n').requests[0].name, 'Get the todo');
  });

  it('prefers # @name over the ### text', () => {
    assert.equal(parseHttpFile('### Get the todo\n# @name getTodo\nGET http://a/1\n').requests[0].name, 'getTodo');
  });

  it('accepts @name=value metadata', () => {
    assert.equal(parseHttpFile('# @name=first\nGET http://a/\n').requests[0].name, 'first');
  });

  it('keeps other metadata lines', () => {
    const request = parseHttpFile('# @no-redirect\n# @name x\nGET http://a/\n').requests[0];
    assert.deepEqual(request.metadata.map((m) => m.key), ['no-redirect', 'name']);
  });

  it('skips # and // comments between headers', () => {
    const request = parseHttpFile('GET http://a/\n# a comment\nAccept: a\n// another\nX-Y: z\n').requests[0];
    assert.deepEqual(request.headers.map((h) => h.name.text), ['Accept', 'X-Y']);
  });

  it('covers comment lines above the request in the block range', () => {
    const file = parseHttpFile('###\n# explains the request\nGET http://a/\n');
    assert.equal(file.requests[0].startLine, 0);
    assert.equal(findRequestAtLine(file, 0), file.requests[0]);
    assert.equal(findRequestAtLine(file, 1), file.requests[0]);
  });
});

describe('parseHttpFile: headers', () => {
  it('keeps exact positions of header names and values', () => {
    const source = 'PUT http://a/1\nIf-Match:   "abc"  \n';
    const header = parseHttpFile(source).requests[0].headers[0];
    assert.equal(textAt(source, header.name.span), 'If-Match');
    assert.equal(textAt(source, header.value.span), '"abc"');
    assert.equal(header.value.text, '"abc"');
  });

  it('keeps a header with an empty value', () => {
    const header = parseHttpFile('GET http://a/\nX-Empty:\n').requests[0].headers[0];
    assert.equal(header.value.text, '');
    assert.equal(header.name.text, 'X-Empty');
  });

  it('keeps colons inside header values', () => {
    const header = parseHttpFile('GET http://a/\nIf-Unmodified-Since: Sat, 29 Oct 1994 19:43:31 GMT\n').requests[0].headers[0];
    assert.equal(header.value.text, 'Sat, 29 Oct 1994 19:43:31 GMT');
  });

  it('reports a line that is not a header, with its line number', () => {
    const request = parseHttpFile('PUT http://a/\nIf-Match "abc"\n').requests[0];
    assert.match(request.errors[0].message, /^line 2: 'If-Match "abc"' is not a header/);
  });

  it('starts the body at a JSON line even without the blank line', () => {
    const request = parseHttpFile('POST http://a/\nContent-Type: application/json\n{"a":1}\n').requests[0];
    assert.equal(request.body?.text, '{"a":1}');
    assert.equal(request.errors.length, 0);
  });
});

describe('parseHttpFile: bodies', () => {
  it('reads the body after the blank line, trailing blank lines dropped', () => {
    const request = parseHttpFile('POST http://a/\nContent-Type: application/json\n\n{\n  "a": 1\n}\n\n\n').requests[0];
    assert.equal(request.body?.text, '{\n  "a": 1\n}');
    assert.equal(request.body?.startLine, 3);
    assert.equal(request.body?.endLine, 5);
  });

  it('has no body when nothing follows the headers', () => {
    assert.equal(parseHttpFile('GET http://a/\nAccept: x\n\n\n').requests[0].body, undefined);
  });

  it('reads `< ./file` as a file reference', () => {
    const source = 'POST http://a/\n\n< ./payload.json\n';
    const body = parseHttpFile(source).requests[0].body!;
    assert.equal(body.fileReference?.path.text, './payload.json');
    assert.equal(body.fileReference?.processVariables, false);
    assert.equal(textAt(source, body.fileReference!.path.span), './payload.json');
  });

  it('reads `<@ ./file` as a file whose variables are substituted', () => {
    const body = parseHttpFile('POST http://a/\n\n<@ ./template.json\n').requests[0].body!;
    assert.equal(body.fileReference?.processVariables, true);
  });

  it('leaves response handler scripts out of the body', () => {
    const request = parseHttpFile('POST http://a/\n\n{"a":1}\n\n> {%\n  client.test("x");\n%}\n').requests[0];
    assert.equal(request.body?.text, '{"a":1}');
  });

  it('skips a pre-request script before the request line', () => {
    const request = parseHttpFile('< {%\n  request.variables.set("a", "b");\n%}\nGET http://a/\n').requests[0];
    assert.equal(request.requestLine.url, 'http://a/');
    assert.equal(request.errors.length, 0);
  });

  it('keeps a form body whose lines start with &', () => {
    const request = parseHttpFile('POST http://a/\nContent-Type: application/x-www-form-urlencoded\n\na=1\n&b=2\n').requests[0];
    assert.equal(request.body?.text, 'a=1\n&b=2');
    assert.equal(request.requestLine.url, 'http://a/');
  });
});

describe('parseHttpFile: variables', () => {
  it('collects file variables with positions', () => {
    const source = '@baseUrl = http://127.0.0.1:8080\n@token=abc\n\nGET {{baseUrl}}/x\n';
    const file = parseHttpFile(source);
    assert.deepEqual(file.fileVariables.map((v) => [v.name.text, v.value.text]), [['baseUrl', 'http://127.0.0.1:8080'], ['token', 'abc']]);
    assert.equal(textAt(source, file.fileVariables[0].value.span), 'http://127.0.0.1:8080');
  });

  it('finds every {{…}} in URL, headers and body with its span', () => {
    const source = 'PUT {{base}}/todos/{{id}}\nIf-Match: {{get.response.headers.ETag}}\n\n{"v": "{{ $guid }}"}\n';
    const request = parseHttpFile(source).requests[0];
    assert.deepEqual(request.variableReferences.map((r) => r.expression), ['base', 'id', 'get.response.headers.ETag', '$guid']);
    assert.equal(textAt(source, request.variableReferences[2].span), '{{get.response.headers.ETag}}');
  });

  it('reports an unterminated {{ in a header', () => {
    const request = parseHttpFile('GET http://a/\nIf-Match: {{etag\n').requests[0];
    assert.match(request.errors[0].message, /^line 2: '\{\{' is never closed/);
  });

  it('does not treat an unterminated {{ in the body as an error', () => {
    assert.equal(parseHttpFile('POST http://a/\n\n{{ not a template\n').requests[0].errors.length, 0);
  });
});

describe('parseHttpFile: line endings and odd input', () => {
  it('handles CRLF with the same positions as LF', () => {
    const lf = parseHttpFile('GET http://a/\nIf-Match: "x"\n').requests[0];
    const crlf = parseHttpFile('GET http://a/\r\nIf-Match: "x"\r\n').requests[0];
    assert.deepEqual(crlf.headers, lf.headers);
  });

  it('handles lone CR line endings', () => {
    assert.equal(parseHttpFile('GET http://a/1\r###\rGET http://a/2\r').requests.length, 2);
  });

  it('strips a UTF-8 byte order mark', () => {
    assert.equal(parseHttpFile('\uFEFFGET http://a/\n').requests[0].requestLine.method.text, 'GET');
  });

  it('parses an empty file to no requests', () => {
    assert.deepEqual(parseHttpFile('').requests, []);
  });

  it('parses a file without a final newline', () => {
    assert.equal(parseHttpFile('GET http://a/\nAccept: x').requests[0].headers.length, 1);
  });

  it('finds the request at any line of its block, and none outside', () => {
    const file = parseHttpFile('GET http://a/1\nAccept: x\n\n###\nGET http://a/2\n\nbody\n');
    assert.equal(findRequestAtLine(file, 1)?.requestLine.url, 'http://a/1');
    assert.equal(findRequestAtLine(file, 6)?.requestLine.url, 'http://a/2');
    assert.equal(findRequestAtLine(file, 3)?.requestLine.url, 'http://a/2', 'the ### line belongs to the request below it');
    assert.equal(parseHttpFile('# just a comment\n\n###\nGET http://a/\n').requests[0].startLine, 2);
    assert.equal(findRequestAtLine(parseHttpFile('# c\n\n###\nGET http://a/\n'), 0), undefined);
  });
});
