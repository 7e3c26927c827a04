import { referenceContext } from '../support/referenceContext';
import { strict as assert } from 'node:assert';
import { lintHttpFile } from '../../../src/core/lint/lintHttpFile';
import { parseHttpFile } from '../../../src/core/parser/parseHttpFile';
import type { Span } from '../../../src/core/parser/types';
import { resolveRequest, type ResolveOptions } from '../../../src/core/variables/resolveRequest';
import { documentLines } from './documentBounds';

/**
 * The inputs the fuzz suite found, each pinned as a plain example so that the fix stays
 * fixed and a reader sees what went wrong.
 */
function textAt(source: string, span: Span): string {
  return documentLines(source)[span.line].slice(span.character, span.character + span.length);
}

function options(overrides: Partial<ResolveOptions> = {}): ResolveOptions {
  return referenceContext({ random: () => 0.5, ...overrides });
}

describe('inputs the fuzz suite found', () => {
  it('a U+2028 in an indented request line no longer puts the URL at column 0', () => {
    const source = '  GET http://a/x\u2028y';
    const [part] = parseHttpFile(source).requests[0].requestLine.urlParts;
    assert.equal(part.text, 'http://a/x\u2028y');
    assert.equal(textAt(source, part.span), part.text);
  });

  it("a header value starting with ':' is underlined where it is, not at the separating colon", () => {
    const source = 'GET http://a/\nA : :x';
    const [header] = parseHttpFile(source).requests[0].headers;
    assert.equal(header.value.text, ':x');
    assert.deepEqual(header.value.span, { line: 1, character: 4, length: 2 });
  });

  it("a file variable whose value also appears before it ('@a= =') points at the value", () => {
    const source = '@a= =\nGET http://a/';
    const [variable] = parseHttpFile(source).fileVariables;
    assert.equal(variable.value.text, '=');
    assert.deepEqual(variable.value.span, { line: 0, character: 4, length: 1 });
  });

  it('a variable in the body after a `>>` line is reported on its own line', async () => {
    const source = 'POST http://a/\n\nfirst\n>> out.json\nthe value is {{missing}}';
    const file = parseHttpFile(source);
    const resolved = await resolveRequest(file, file.requests[0], options());
    assert.ok(!resolved.ok);
    assert.equal(resolved.errors.length, 1);
    assert.equal(textAt(source, resolved.errors[0].span), '{{missing}}');
  });

  it('a variable inside a `<@` body file is reported at the file path, not at a column of the file', async () => {
    const source = 'POST http://a/\n\n<@ ./b.json';
    const file = parseHttpFile(source);
    const readBodyFile = async () => new TextEncoder().encode('{\n  "a": "a long line before {{missing}}"\n}');
    const resolved = await resolveRequest(file, file.requests[0], options({ readBodyFile }));
    assert.ok(!resolved.ok);
    assert.equal(textAt(source, resolved.errors[0].span), './b.json');
    assert.match(resolved.errors[0].message, /'missing' is not defined.*\(in body file '\.\/b\.json'\)$/);
  });

  // How the time grows with the blank lines: bench/cases/linear.mjs ('CRs before a body').
  it('a body after a million blank lines starts at the right line', () => {
    const source = `POST http://a/\n\n${'\r'.repeat(1_000_000)}last`;
    const { body } = parseHttpFile(source).requests[0];
    assert.equal(body?.startLine, 1_000_002);
    assert.equal(body?.text, 'last');
  });

  it('variables that repeat each other (10 levels of 10) stop with a sentence instead of freezing lint', async () => {
    const lines = ['@v0 = x'];
    for (let level = 1; level <= 10; level++) lines.push(`@v${level} = ${`{{v${level - 1}}}`.repeat(10)}`);
    const source = `${lines.join('\n')}\nGET http://a/\nX-A: {{v10}}\nIf-Match: {{v10}}`;
    const file = parseHttpFile(source);
    // Without the budget this expands 10^10 references: the sentence proves the budget stopped it.
    const resolved = await resolveRequest(file, file.requests[0], options());
    const findings = lintHttpFile(file, options());
    assert.ok(!resolved.ok);
    assert.match(resolved.errors[0].message, /'\{\{v\d+\}\}' expands more than 10000 nested variables: check for variables that repeat each other$/);
    assert.deepEqual(findings.map((finding) => [finding.code, textAt(source, finding.span)]), [['unresolved-variable', '{{v10}}'], ['unresolved-variable', '{{v10}}']]);
  });

  it('a value that would expand past a million characters stops with a sentence', async () => {
    const source = `@big = ${'x'.repeat(200_000)}\n@huge = {{big}}{{big}}{{big}}{{big}}{{big}}{{big}}\nGET http://a/\nX-A: {{huge}}`;
    const file = parseHttpFile(source);
    const resolved = await resolveRequest(file, file.requests[0], options());
    assert.ok(!resolved.ok);
    assert.match(resolved.errors[0].message, /'\{\{huge\}\}' expands to more than 1000000 characters/);
  });

  it('nested references still resolve, line by line', async () => {
    const source = '@host = localhost\n@base = http://{{host}}:8080\nGET {{base}}/items';
    const file = parseHttpFile(source);
    const resolved = await resolveRequest(file, file.requests[0], options());
    assert.ok(resolved.ok);
    assert.equal(resolved.request.url, 'http://localhost:8080/items');
  });
});
