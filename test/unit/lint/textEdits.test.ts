import { strict as assert } from 'node:assert';
import { deleteLine, editValueAtSource, insertHeader, replaceSpan, type TextEdit } from '../../../src/core/edits/textEdits';
import { strongEtagFor } from '../../../src/core/edits/strongEtag';
import { parseHttpFile } from '../../../src/core/parser/parseHttpFile';
import { splitLines } from '../support/splitLines';
import { ValidatorStore } from '../../../src/core/validators/validatorStore';

/** Applies an edit to text the way an editor does, so tests compare documents. */
function applyEdit(text: string, edit: TextEdit): string {
  const lines = splitLines(text);
  const offset = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((sum, l) => sum + l.length + 1, 0) + Math.min(p.character, lines[p.line]?.length ?? 0);
  return text.slice(0, offset(edit.start)) + edit.newText + text.slice(offset(edit.end));
}

describe('text edits for quick fixes', () => {
  it('replaces a span', () => {
    assert.equal(applyEdit('If-Match: "a"\n', replaceSpan({ line: 0, character: 10, length: 3 }, '"b"')), 'If-Match: "b"\n');
  });

  it('edits the @variable definition when the value comes from one', () => {
    const source = '@etag = "old"\nPUT http://a/\nIf-Match: {{etag}}\n';
    const edit = editValueAtSource({ line: 2, character: 10, length: 8 }, { kind: 'file-variable', name: 'etag', definitionSpan: { line: 0, character: 8, length: 5 } }, '"new"');
    assert.equal(applyEdit(source, edit!), '@etag = "new"\nPUT http://a/\nIf-Match: {{etag}}\n');
  });

  it('refuses to replace a response reference or {{$etag}} with a literal', () => {
    const span = { line: 0, character: 0, length: 1 };
    assert.equal(editValueAtSource(span, { kind: 'response-reference', requestName: 'get', expression: 'get.response.headers.ETag' }, '"x"'), undefined);
    assert.equal(editValueAtSource(span, { kind: 'validator-variable' }, '"x"'), undefined);
  });

  it('deletes a header line with its line break, also when it is the last line', () => {
    assert.equal(applyEdit('PUT http://a/\nIf-Match: "a"\nX: 1\n', deleteLine(1, 4, (n) => ['PUT http://a/', 'If-Match: "a"', 'X: 1', ''][n].length)), 'PUT http://a/\nX: 1\n');
    const lines = ['PUT http://a/', 'If-Match: "a"'];
    assert.equal(applyEdit(lines.join('\n'), deleteLine(1, 2, (n) => lines[n].length)), 'PUT http://a/');
  });

  it('inserts If-Match after the last header, keeping the blank line before the body', () => {
    const source = 'PUT http://a/\nContent-Type: application/json\n\n{}\n';
    const file = parseHttpFile(source);
    const lines = splitLines(source);
    const edit = insertHeader(file.requests[0], 'If-Match', '"v1"', lines.length, lines[lines.length - 1].length);
    assert.equal(applyEdit(source, edit), 'PUT http://a/\nContent-Type: application/json\nIf-Match: "v1"\n\n{}\n');
  });

  it('inserts If-Match after the request line of a request at the very end of a file', () => {
    const source = 'DELETE http://a/1';
    const edit = insertHeader(parseHttpFile(source).requests[0], 'If-Match', '"v1"', 1, source.length);
    assert.equal(applyEdit(source, edit), 'DELETE http://a/1\nIf-Match: "v1"');
  });

  it('finds the strong tag of the same version as a weak one', () => {
    const store = new ValidatorStore();
    const base = { method: 'GET', url: 'http://a/1', status: 200 };
    store.recordResponse({ ...base, responseHeaders: { etag: '"abc"' } }, new Date('2026-01-01T00:00:00Z'));
    store.recordResponse({ ...base, responseHeaders: { etag: 'W/"abc"', 'content-encoding': 'gzip' } }, new Date('2026-01-01T00:00:01Z'));
    assert.equal(strongEtagFor(store.get('http://a/1'), 'W/"abc"'), '"abc"');
    assert.equal(strongEtagFor(store.get('http://a/1'), 'W/"zzz"'), undefined);
  });
});
