import { lineText, type LineIndex } from './lineIndex';

/** Where the parser is inside one `###` block: `line` advances, `end` is the block's last line. */
export interface BlockState {
  lines: LineIndex;
  line: number;
  end: number;
}

/** Leaves state.line on the script's closing line (or the block's end if it never closes). */
export function skipScript(state: BlockState, terminator: string): void {
  if (lineText(state.lines, state.line).includes(terminator, 3)) return;
  while (state.line < state.end && !lineText(state.lines, state.line).trimStart().startsWith(terminator)) state.line++;
}

/** The first character of the line, or -1 when it is empty. */
export function firstCharacter(lines: LineIndex, line: number): number {
  const start = lines.starts[line];
  return start < lines.ends[line] ? lines.text.charCodeAt(start) : -1;
}
