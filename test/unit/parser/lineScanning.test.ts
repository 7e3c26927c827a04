import { strict as assert } from 'node:assert';
import { indexLines, lineText } from '../../../src/core/parser/lineIndex';
import { splitLines } from '../support/splitLines';
import { splitHttpVersion } from '../../../src/core/parser/requestLine';
import { findVariableReferences } from '../../../src/core/parser/variableReferences';
import type { VariableReference } from '../../../src/core/parser/types';

/** Every line of the document as the line index reads it in place. */
function indexedLines(text: string): string[] {
  const lines = indexLines(text);
  return Array.from({ length: lines.count }, (_, line) => lineText(lines, line));
}

describe('indexLines: lines read in place', () => {
  const documents = {
    'LF': 'GET http://a/\nAccept: */*\n',
    'CRLF': 'GET http://a/\r\nAccept: */*\r\n',
    'lone CR': 'GET http://a/\rAccept: */*',
    'mixed, with a CR before a CRLF': 'a\r\r\nb\n\rc\r\n',
    'empty': '',
    'only breaks': '\n\r\n\r',
    'byte order mark': '\ufeffGET http://a/\n',
    'byte order mark alone': '\ufeff',
    'U+2028 inside a line': 'a\u2028b\nc',
  };
  for (const [name, text] of Object.entries(documents)) {
    it(`agrees with splitLines: ${name}`, () => assert.deepEqual(indexedLines(text), splitLines(text)));
  }

  it('says whether every line ends in a bare LF', () => {
    assert.equal(indexLines('a\nb\n').onlyLineFeeds, true);
    assert.equal(indexLines('a\r\nb').onlyLineFeeds, false);
  });
});

describe('splitHttpVersion: the trailing HTTP version', () => {
  it('splits off HTTP/1.1 and HTTP/2 with the whitespace before them', () => {
    assert.deepEqual(splitHttpVersion('http://a/ \tHTTP/1.1'), { before: 'http://a/', gap: ' \t', version: 'HTTP/1.1' });
    assert.deepEqual(splitHttpVersion('/b http/2'), { before: '/b', gap: ' ', version: 'http/2' });
  });

  it('needs whitespace before the version and nothing after it', () => {
    assert.equal(splitHttpVersion('http://a/HTTP/1.1'), undefined);
    assert.equal(splitHttpVersion('HTTP/1.1'), undefined);
    assert.equal(splitHttpVersion('http://a/ HTTP/1.12'), undefined);
    assert.equal(splitHttpVersion('http://a/ HTTP/1.'), undefined);
    assert.equal(splitHttpVersion('http://a/ HTTPS/1'), undefined);
  });

  it('reads a whole line as the version when it is only whitespace and the version', () => {
    assert.deepEqual(splitHttpVersion(' HTTP/2'), { before: '', gap: ' ', version: 'HTTP/2' });
  });
});

describe('findVariableReferences: braces at every offset', () => {
  function find(text: string): { references: VariableReference[]; unterminated: number } {
    const references: VariableReference[] = [];
    const unterminated: { message: string }[] = [];
    findVariableReferences(text, 0, 0, references, unterminated as never);
    return { references, unterminated: unterminated.length };
  }

  it('finds {{…}} whether it starts at an even or an odd offset', () => {
    for (const prefix of ['', 'a', 'ab', 'abc', '}', '{a']) {
      const { references } = find(`${prefix}{{id}}`);
      assert.deepEqual(references.map((r) => [r.expression, r.span.character, r.span.length]), [['id', prefix.length, 6]], prefix);
    }
  });

  it('reads `{{{` as braces opening at its first two', () => {
    assert.deepEqual(find('{{{x}}').references.map((r) => [r.expression, r.span.character]), [['{x', 0]]);
  });

  it('finds the closing braces at the very end of the line', () => {
    assert.deepEqual(find('a{{b}}c{{d}}').references.map((r) => [r.expression, r.span.character, r.span.length]), [['b', 1, 5], ['d', 7, 5]]);
  });

  it('reports `{{` with no `}}` after it, and a single brace at the end as neither', () => {
    assert.deepEqual(find('{{a}'), { references: [], unterminated: 1 });
    assert.deepEqual(find('a{'), { references: [], unterminated: 0 });
    assert.deepEqual(find('{'), { references: [], unterminated: 0 });
  });
});
