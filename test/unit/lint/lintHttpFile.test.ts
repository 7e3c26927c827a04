import { strict as assert } from 'node:assert';
import { lintHttpFile } from '../../../src/core/lint/lintHttpFile';
import type { Finding } from '../../../src/core/lint/findings';
import { parseHttpFile } from '../../../src/core/parser/parseHttpFile';
import type { ReferenceContext } from '../../../src/core/variables/resolveReference';
import { referenceContext as context } from '../support/referenceContext';


function lint(source: string, overrides: Partial<ReferenceContext> = {}): Finding[] {
  const file = parseHttpFile(source);
  const requestNames = new Set(file.requests.map((r) => r.name).filter((n): n is string => !!n));
  return lintHttpFile(file, context({ requestNames, ...overrides }));
}

/** `[code, underlined text]` pairs: what the user sees. */
function seen(source: string, overrides: Partial<ReferenceContext> = {}): Array<[string, string]> {
  const lines = source.split('\n');
  return lint(source, overrides).map((f) => [f.code, lines[f.span.line].slice(f.span.character, f.span.character + f.span.length)]);
}

describe('lints: weak-etag-in-if-match', () => {
  it('underlines exactly the weak tag in If-Match', () => {
    const findings = lint('PUT http://a/1\nIf-Match: "a", W/"b"\n');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].code, 'weak-etag-in-if-match');
    assert.deepEqual(findings[0].span, { line: 1, character: 15, length: 5 });
    assert.equal(findings[0].severity, 'warning');
    assert.equal(findings[0].data?.replacement, '"b"');
  });

  it('says nothing about a strong tag', () => {
    assert.deepEqual(lint('PUT http://a/1\nIf-Match: "abc"\n'), []);
  });

  it('says nothing about a weak tag in If-None-Match (weak comparison)', () => {
    assert.deepEqual(lint('GET http://a/1\nIf-None-Match: W/"abc"\n'), []);
  });

  it('points at the {{variable}} a weak tag came from', () => {
    assert.deepEqual(seen('@tag = W/"x"\nPUT http://a/1\nIf-Match: {{tag}}\n'), [['weak-etag-in-if-match', '{{tag}}']]);
  });
});

describe('lints: unquoted-etag', () => {
  it('underlines an unquoted tag in If-Match and offers the quoted form', () => {
    const findings = lint('PUT http://a/1\nIf-Match: abc123\n');
    assert.deepEqual(findings.map((f) => [f.code, f.span, f.data?.replacement]), [['unquoted-etag', { line: 1, character: 10, length: 6 }, '"abc123"']]);
  });

  it('underlines an unquoted tag in If-None-Match too', () => {
    assert.deepEqual(seen('GET http://a/1\nIf-None-Match: "ok", bad\n'), [['unquoted-etag', 'bad']]);
  });

  it('accepts quoted tags with obs-text and commas inside quotes', () => {
    assert.deepEqual(lint('PUT http://a/1\nIf-Match: "a,b", "é"\n'), []);
  });
});

describe('lints: star-mixed-with-etags', () => {
  it('marks the whole value as an error', () => {
    const findings = lint('PUT http://a/1\nIf-Match: *, "a"\n');
    const star = findings.find((f) => f.code === 'star-mixed-with-etags');
    assert.ok(star);
    assert.equal(star.severity, 'error');
    assert.deepEqual(star.span, { line: 1, character: 10, length: 6 });
  });

  it('accepts * alone', () => {
    assert.deepEqual(lint('PUT http://a/1\nIf-Match: *\n'), []);
    assert.deepEqual(lint('PUT http://a/1\nIf-None-Match: *\n'), []);
  });
});

describe('lints: invalid-http-date', () => {
  it('underlines an ISO 8601 date and offers the HTTP-date', () => {
    const findings = lint('PUT http://a/1\nIf-Unmodified-Since: 2026-03-04T05:06:07Z\n');
    assert.deepEqual(findings.map((f) => [f.code, f.span]), [['invalid-http-date', { line: 1, character: 21, length: 20 }]]);
    assert.equal(findings[0].data?.replacement, 'Wed, 04 Mar 2026 05:06:07 GMT');
    assert.match(findings[0].message, /ISO 8601 is not an HTTP-date/);
  });

  it('flags a numeric zone in If-Modified-Since', () => {
    assert.deepEqual(seen('GET http://a/1\nIf-Modified-Since: Wed, 04 Mar 2026 05:06:07 +0200\n'), [['invalid-http-date', 'Wed, 04 Mar 2026 05:06:07 +0200']]);
  });

  it('accepts all three HTTP-date formats', () => {
    for (const date of ['Sun, 06 Nov 1994 08:49:37 GMT', 'Sunday, 06-Nov-94 08:49:37 GMT', 'Sun Nov  6 08:49:37 1994']) {
      assert.deepEqual(lint(`GET http://a/1\nIf-Modified-Since: ${date}\n`), [], date);
    }
  });

  it('checks a date that comes from a system variable after resolving it', () => {
    assert.deepEqual(lint('PUT http://a/1\nIf-Unmodified-Since: {{$datetime rfc1123}}\n'), []);
    assert.deepEqual(seen('PUT http://a/1\nIf-Unmodified-Since: {{$datetime iso8601}}\n'), [['invalid-http-date', '{{$datetime iso8601}}']]);
  });
});

describe('lints: unresolved-variable', () => {
  it('underlines the {{…}} that resolves to nothing', () => {
    const findings = lint('GET {{baseUrl}}/x\n');
    assert.deepEqual(findings.map((f) => [f.code, f.span, f.severity]), [['unresolved-variable', { line: 0, character: 4, length: 11 }, 'warning']]);
    assert.match(findings[0].message, /variable 'baseUrl' is not defined/);
  });

  it('says nothing once the environment defines it', () => {
    assert.deepEqual(lint('GET {{baseUrl}}/x\n', { environment: { baseUrl: 'http://h' } }), []);
  });

  it('says nothing about a named request that is simply not sent yet', () => {
    assert.deepEqual(lint('# @name get\nGET http://a/1\n\n###\nPUT http://a/1\nIf-Match: {{get.response.headers.ETag}}\n'), []);
  });

  it('flags a reference to a request name that does not exist', () => {
    assert.deepEqual(seen('PUT http://a/1\nIf-Match: {{nope.response.headers.ETag}}\n'), [['unresolved-variable', '{{nope.response.headers.ETag}}']]);
  });

  it('flags {{$etag}} with no recorded tag, saying to send a GET first', () => {
    const findings = lint('PUT http://a/1\nIf-Match: {{$etag}}\n');
    assert.equal(findings[0].code, 'unresolved-variable');
    assert.match(findings[0].message, /send a GET to http:\/\/a\/1 first/);
  });

  it('resolves {{$etag}} from the validators of the request URL', () => {
    const validators = { freshestEtag: () => '"v1"', freshestLastModified: () => undefined };
    assert.deepEqual(lint('PUT http://a/1\nIf-Match: {{$etag}}\n', { validators }), []);
  });

  it('flags unresolved variables in the body', () => {
    assert.deepEqual(seen('POST http://a/1\n\n{"id": "{{id}}"}\n'), [['unresolved-variable', '{{id}}']]);
  });
});

describe('lints: precondition-ignored', () => {
  it('If-Unmodified-Since next to If-Match: the whole IUS header', () => {
    const source = 'PUT http://a/1\nIf-Match: "a"\nIf-Unmodified-Since: Sun, 06 Nov 1994 08:49:37 GMT\n';
    const findings = lint(source);
    assert.deepEqual(findings.map((f) => [f.code, f.severity, f.span]), [
      ['precondition-ignored', 'information', { line: 2, character: 0, length: 50 }],
    ]);
  });

  it('If-Modified-Since next to If-None-Match', () => {
    assert.deepEqual(seen('GET http://a/1\nIf-None-Match: "a"\nIf-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT\n'), [
      ['precondition-ignored', 'If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT'],
    ]);
  });

  it('If-Modified-Since on a PUT', () => {
    const findings = lint('PUT http://a/1\nIf-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT\n');
    assert.equal(findings[0].code, 'precondition-ignored');
    assert.match(findings[0].message, /only applies to GET and HEAD/);
  });

  it('any precondition on OPTIONS', () => {
    assert.deepEqual(seen('OPTIONS http://a/1\nIf-Match: "x"\n'), [['precondition-ignored', 'If-Match: "x"']]);
  });

  it('says nothing for If-Modified-Since on GET alone, or If-Unmodified-Since alone', () => {
    assert.deepEqual(lint('GET http://a/1\nIf-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT\n'), []);
    assert.deepEqual(lint('DELETE http://a/1\nIf-Unmodified-Since: Sun, 06 Nov 1994 08:49:37 GMT\n'), []);
  });
});

describe('lints: across a file', () => {
  it('reports each finding with the request line it belongs to', () => {
    const findings = lint('PUT http://a/1\nIf-Match: x\n\n###\nPUT http://a/2\nIf-Match: W/"y"\n');
    assert.deepEqual(findings.map((f) => [f.code, f.requestLine]), [['unquoted-etag', 0], ['weak-etag-in-if-match', 4]]);
  });

  it('is quiet on a clean request', () => {
    assert.deepEqual(lint('@base = http://a\nPUT {{base}}/1\nIf-Match: "v1"\nContent-Type: application/json\n\n{}\n'), []);
  });
});
