import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseHttpFile } from '../../../src/core/parser/parseHttpFile';
import { splitLines } from '../support/splitLines';

/**
 * Real .http files from public projects (../shared/corpus beside the project). The
 * parser must never throw on them and must find one request in every block that has a
 * request line. Skipped, with a note, where the corpus is not beside the checkout.
 */
const corpusRoot = path.resolve(__dirname, '../../../../../shared/corpus/http');

function corpusFiles(): string[] {
  if (!fs.existsSync(corpusRoot)) return [];
  return fs
    .readdirSync(corpusRoot)
    .flatMap((folder) => fs.readdirSync(path.join(corpusRoot, folder)).map((name) => path.join(corpusRoot, folder, name)))
    .filter((file) => /\.(http|rest)$/.test(file));
}

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
  before(function () {
    if (files.length === 0) this.skip();
  });

  it('has files to read', () => assert.ok(files.length > 50, `found ${files.length}`));

  for (const file of corpusFiles()) {
    const label = path.relative(corpusRoot, file);
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
