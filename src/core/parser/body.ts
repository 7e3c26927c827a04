import { firstCharacter, skipScript, type BlockState } from './blockState';
import { isBlankLine, lineText, type LineIndex } from './lineIndex';
import type { ParsedBody } from './types';

/** Everything from state.line to the block's end, less response handlers and redirects. */
export function readBody(state: BlockState): ParsedBody | undefined {
  const { lines } = state;
  let bodyLines: number[] = [];
  while (state.line <= state.end) {
    if (firstCharacter(lines, state.line) !== 62 /* > */) {
      bodyLines.push(state.line);
    } else {
      const text = lineText(lines, state.line);
      if (/^>\s*\{%/.test(text)) {
        skipScript(state, '%}');
      } else if (/^>>!?\s/.test(text) || /^>\s+\S+\.(js|ts|mjs|cjs)\s*$/.test(text)) {
        // response redirect (`>> file`) or handler file (`> ./handler.js`): not part of the body
      } else {
        bodyLines.push(state.line);
      }
    }
    state.line++;
  }
  while (bodyLines.length > 0 && isBlankLine(lines, bodyLines[bodyLines.length - 1])) bodyLines.pop();
  // An index, not shift(): shifting a million blank lines off one by one is quadratic (found by test/unit/fuzz).
  let firstLine = 0;
  while (firstLine < bodyLines.length && isBlankLine(lines, bodyLines[firstLine])) firstLine++;
  if (firstLine > 0) bodyLines = bodyLines.slice(firstLine);
  if (bodyLines.length === 0) return undefined;
  const startLine = bodyLines[0];
  const endLine = bodyLines[bodyLines.length - 1];
  const contiguous = endLine - startLine + 1 === bodyLines.length;
  const body: ParsedBody = { text: bodyText(lines, bodyLines, contiguous), startLine, endLine };
  // A handler or `>>` line inside the body is left out of it; then line i of the text is not startLine + i.
  if (!contiguous) body.lineNumbers = bodyLines;
  if (bodyLines.length === 1) {
    // `(\S[^]*)$` on the trimmed line, not `(\S.*?)\s*$`: the lazy form is quadratic in a run of spaces inside the path.
    const fileRef = /^(\s*<(@)?(\w[\w-]*)?\s+)(\S[^]*)$/.exec(lineText(lines, startLine).trimEnd());
    if (fileRef) {
      body.fileReference = {
        path: { text: fileRef[4], span: { line: startLine, character: fileRef[1].length, length: fileRef[4].length } },
        processVariables: fileRef[2] === '@',
        encoding: fileRef[3],
      };
    }
  }
  return body;
}

/**
 * The body lines joined with '\n'. Consecutive lines of a file whose line breaks are all '\n'
 * already are that text, so it is one slice of the document, not a copy (bench/: parse.10k).
 */
function bodyText(lines: LineIndex, bodyLines: number[], contiguous: boolean): string {
  if (contiguous && lines.onlyLineFeeds) return lines.text.slice(lines.starts[bodyLines[0]], lines.ends[bodyLines[bodyLines.length - 1]]);
  return bodyLines.map((line) => lineText(lines, line)).join('\n');
}
