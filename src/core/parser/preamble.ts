import { firstCharacter, skipScript, type BlockState } from './blockState';
import { commentMarkerEnd, isBlankLine, isCommentLine, lineText, skipSpaces, type LineIndex } from './lineIndex';
import type { FileVariable, MetadataLine } from './types';

// METADATA and FILE_VARIABLE are matched against the line without its trailing whitespace, and
// end in `([^]*)$` where they ended in `(.*?)\s*$`: the lazy form retried `\s*$` from every
// position of a run of spaces inside the value, so a 100k-character line took minutes (found by
// test/unit/fuzz). `[^]` also reads U+2028/U+2029 as the ordinary characters an editor shows.
const METADATA = /^\s*(?:#|\/\/)\s*@([A-Za-z_][\w-]*)(?:\s*[=\s]\s*([^]*))?$/;
const FILE_VARIABLE = /^\s*@([A-Za-z_][\w.-]*)\s*=\s?([^]*)$/d;

/** Comments, metadata, file variables, blank lines and pre-request scripts before the request line. */
export function skipPreamble(state: BlockState, metadata: MetadataLine[], fileVariables: FileVariable[]): void {
  const { lines } = state;
  while (state.line <= state.end) {
    // A line starting with a letter (but `import`/`run`) is none of the preamble kinds below: the request line.
    const first = firstCharacter(lines, state.line);
    if (((first >= 65 && first <= 90) || (first >= 97 && first <= 122)) && first !== 105 /* i */ && first !== 114 /* r */) return;
    if (isBlankLine(lines, state.line) || isPlainComment(lines, state.line)) {
      state.line++;
      continue;
    }
    const text = lineText(lines, state.line);
    const meta = METADATA.exec(text.trimEnd());
    if (meta) {
      metadata.push({ key: meta[1], value: meta[2] ?? '', line: state.line });
    } else if (isCommentLine(lines, state.line)) {
      // nothing to keep
    } else if (FILE_VARIABLE.test(text.trimEnd())) {
      fileVariables.push(toFileVariable(text, state.line));
    } else if (/^[<>]\s*\{%/.test(text)) {
      skipScript(state, '%}');
    } else if (/^[<>]\s/.test(text) || /^(import|run)\s+\S/.test(text)) {
      // a pre-request script file (`< ./pre.js`), a resterm script line, or a kulala directive
    } else if (/^\{\{\s*(?:@\w+)?$/.test(text.trimEnd())) {
      // httpyac script block `{{ … }}` on lines of its own
      skipScript(state, '}}');
    } else {
      return;
    }
    state.line++;
  }
}

/**
 * A comment that METADATA cannot match, because no `@` follows its `#` or `//`: skipped without
 * copying the line out for the regexes (half the requests of the bench file have one; bench/: parse.10k).
 */
function isPlainComment(lines: LineIndex, line: number): boolean {
  const markerEnd = commentMarkerEnd(lines, line);
  return markerEnd >= 0 && lines.text.charCodeAt(skipSpaces(lines.text, markerEnd, lines.ends[line])) !== 64 /* @ */;
}

function toFileVariable(text: string, line: number): FileVariable {
  const match = FILE_VARIABLE.exec(text.trimEnd())!;
  const nameStart = text.indexOf('@') + 1;
  const value = match[2];
  // Where the regex found it: searching for the value's text found an earlier copy in '@a= =' (found by test/unit/fuzz).
  const valueStart = value ? match.indices![2][0] : text.length;
  return {
    name: { text: match[1], span: { line, character: nameStart, length: match[1].length } },
    value: { text: value, span: { line, character: valueStart, length: value.length } },
  };
}
