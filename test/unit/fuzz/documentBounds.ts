import { strict as assert } from 'node:assert';
import type { Finding } from '../../../src/core/lint/findings';
import type { Located, ParsedHttpFile, ParseProblem, Span } from '../../../src/core/parser/types';

/**
 * The document as an editor sees it, written independently of the parser: a leading BOM
 * is not part of the text, and CRLF, LF and a lone CR each end a line.
 */
export function documentLines(text: string): string[] {
  const withoutBom = text.startsWith('\ufeff') ? text.slice(1) : text;
  return withoutBom.split(/\r\n|\r|\n/);
}

/** The span names a real range of one line: line < lineCount, character + length <= that line's length. */
export function assertSpanInside(lines: readonly string[], span: Span, what: string): void {
  const { line, character, length } = span;
  assert.ok(
    Number.isInteger(line) && Number.isInteger(character) && Number.isInteger(length),
    `${what}: span ${JSON.stringify(span)} is not whole numbers`,
  );
  assert.ok(line >= 0 && line < lines.length, `${what}: line ${line} is outside a document of ${lines.length} lines`);
  assert.ok(
    character >= 0 && length >= 0 && character + length <= lines[line].length,
    `${what}: ${JSON.stringify(span)} runs past line ${line}, which is ${lines[line].length} characters long`,
  );
}

export function assertLineInside(lines: readonly string[], line: number, what: string): void {
  assert.ok(Number.isInteger(line) && line >= 0 && line < lines.length, `${what}: line ${line} is outside a document of ${lines.length} lines`);
}

/** Inside the document, and the document says there what the parser says it says. */
function assertLocated(lines: readonly string[], located: Located, what: string, sameText = (a: string, b: string) => a === b): void {
  assertSpanInside(lines, located.span, what);
  const { line, character, length } = located.span;
  const written = lines[line].slice(character, character + length);
  assert.ok(sameText(written, located.text), `${what}: the span covers ${JSON.stringify(written)} but the parser read ${JSON.stringify(located.text)}`);
}

export function assertProblemsInside(lines: readonly string[], problems: readonly ParseProblem[], what: string): void {
  for (const problem of problems) assertSpanInside(lines, problem.span, `${what} '${problem.message.slice(0, 80)}'`);
}

/**
 * Every position `parseHttpFile` returns lies inside `text`, and every located piece of
 * text (method, URL parts, header names and values, variables, file references) is
 * exactly what the document holds at that position, so a diagnostic underlines the
 * right characters.
 */
export function assertParsedFileInside(text: string, parsed: ParsedHttpFile): void {
  const lines = documentLines(text);
  assert.equal(parsed.lineCount, lines.length, 'lineCount differs from the number of lines in the document');

  for (const variable of parsed.fileVariables) {
    assertLocated(lines, variable.name, 'file variable name');
    assertLocated(lines, variable.value, 'file variable value');
  }

  let previousEnd = -1;
  for (const request of parsed.requests) {
    const label = `request ${request.index}`;
    assertLineInside(lines, request.startLine, `${label} startLine`);
    assertLineInside(lines, request.endLine, `${label} endLine`);
    assert.ok(request.startLine <= request.endLine, `${label}: starts at ${request.startLine} after it ends at ${request.endLine}`);
    assert.ok(request.startLine > previousEnd, `${label}: overlaps the request before it`);
    previousEnd = request.endLine;
    const insideBlock = (line: number, what: string): void => {
      assert.ok(line >= request.startLine && line <= request.endLine, `${label} ${what}: line ${line} is outside the request's block`);
    };

    for (const meta of request.metadata) {
      assertLineInside(lines, meta.line, `${label} metadata @${meta.key}`);
      insideBlock(meta.line, 'metadata');
    }

    const { requestLine } = request;
    assertSpanInside(lines, requestLine.span, `${label} request line`);
    insideBlock(requestLine.span.line, 'request line');
    if (requestLine.implicitMethod) {
      assertSpanInside(lines, requestLine.method.span, `${label} implicit method`);
      assert.equal(requestLine.method.span.length, 0, `${label}: an implicit method has no text in the document`);
    } else {
      // Known methods are upper-cased ('put' is sent as PUT); the span still covers what was written.
      assertLocated(lines, requestLine.method, `${label} method`, (a, b) => a.toUpperCase() === b.toUpperCase());
    }
    for (const part of requestLine.urlParts) {
      assertLocated(lines, part, `${label} URL part`);
      insideBlock(part.span.line, 'URL part');
    }
    if (requestLine.httpVersion) assertLocated(lines, requestLine.httpVersion, `${label} HTTP version`);

    for (const header of request.headers) {
      assertLocated(lines, header.name, `${label} header name`);
      assertLocated(lines, header.value, `${label} header value`);
      assert.equal(header.name.span.line, header.line, `${label}: header name is not on the header's line`);
      assert.equal(header.value.span.line, header.line, `${label}: header value is not on the header's line`);
      insideBlock(header.line, 'header');
    }

    if (request.body) {
      const { body } = request;
      assertLineInside(lines, body.startLine, `${label} body start`);
      assertLineInside(lines, body.endLine, `${label} body end`);
      assert.ok(body.startLine <= body.endLine, `${label}: body starts after it ends`);
      insideBlock(body.startLine, 'body start');
      insideBlock(body.endLine, 'body end');
      if (body.fileReference) assertLocated(lines, body.fileReference.path, `${label} body file path`);
    }

    for (const reference of request.variableReferences) {
      assertSpanInside(lines, reference.span, `${label} variable reference`);
      const { line, character, length } = reference.span;
      const written = lines[line].slice(character, character + length);
      assert.ok(written.startsWith('{{') && written.endsWith('}}') && written.length >= 4, `${label}: variable reference covers ${JSON.stringify(written)}`);
      assert.equal(reference.expression, written.slice(2, -2).trim(), `${label}: variable expression differs from the text between the braces`);
    }

    assertProblemsInside(lines, request.errors, `${label} error`);
  }
}

/** Every finding underlines a range of the document and belongs to a request line inside it. */
export function assertFindingsInside(text: string, findings: readonly Finding[]): void {
  const lines = documentLines(text);
  for (const finding of findings) {
    assertSpanInside(lines, finding.span, `finding ${finding.code}`);
    assertLineInside(lines, finding.requestLine, `finding ${finding.code} request line`);
    const source = finding.data?.valueSource;
    if (source?.kind === 'file-variable') assertSpanInside(lines, source.definitionSpan, `finding ${finding.code} definition`);
  }
}
