import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseHttpFile } from '../../../src/core/parser/parseHttpFile';
import { CORPUS_MISSING, CORPUS_ROOT, corpusFiles } from '../support/corpus';
import { splitLines } from '../support/splitLines';

/**
 * Real .http files from public projects (support/corpus.ts). The parser must never throw
 * on them and must find one request in every block that has a request line. Without the
 * corpus the first test fails and says where to put it.
 */

/** An independent count: blocks between ### lines that hold a line other than blank, comment, @variable or script. */
function blocksWithARequestLine(text: string): number {
  let count = 0;
  let found = false;
  let inScript = false;
  for (const line of [...splitLines(text), '###']) {
    if (line.startsWith('###')) {
      if (found) count++;
      found = false;
      inScript = false;
      continue;
    }
    if (found) continue;
    if (inScript) {
      if (/^\s*(%\}|\}\})/.test(line)) inScript = false;
      continue;
    }
    const trimmed = line.trim();
    if (/^[<>]\s*\{%/.test(line) && !line.includes('%}', 3)) inScript = true;
    else if (/^\{\{\s*(@\w+)?\s*$/.test(line)) inScript = true;
    else if (trimmed === '' || /^(#|\/\/)/.test(trimmed) || /^@[\w.-]+\s*=/.test(trimmed) || /^[<>]/.test(line) || /^(import|run)\s/.test(line)) continue;
    else found = true;
  }
  return count;
}

describe('corpus of real .http files', function () {
  const files = corpusFiles();

  it('is in place, with files to read', () => {
    assert.ok(fs.existsSync(CORPUS_ROOT), CORPUS_MISSING);
    assert.ok(files.length > 50, `found ${files.length} .http files in ${CORPUS_ROOT}, expected more than 50`);
  });

  for (const file of files) {
    const label = path.relative(CORPUS_ROOT, file);
    it(`parses ${label} without throwing and finds every request`, () => {
      const text = fs.readFileSync(file, 'utf8');
      const parsed = parseHttpFile(text);
      assert.equal(parsed.requests.length, blocksWithARequestLine(text));
      const lineCount = splitLines(text).length;
      for (const request of parsed.requests) {
        assert.ok(request.startLine <= request.requestLine.span.line && request.requestLine.span.line <= request.endLine);
        for (const header of request.headers) assert.ok(header.line < lineCount);
      }
    });
  }
});
