import type { ParseProblem, VariableReference } from './types';

/**
 * Finds every `{{…}}` on one line. Linear: one left-to-right scan, so a line of a million
 * `{` cannot make it slow.
 */
export function findVariableReferences(
  text: string,
  line: number,
  from: number,
  into: VariableReference[],
  unterminated?: ParseProblem[],
): void {
  findVariableReferencesIn(text, 0, from, text.length, line, into, unterminated);
}

/**
 * `findVariableReferences` on the line text[lineStart, end) of a whole document, characters
 * counted from `lineStart`, searching from `from`: the parser reads lines in place rather than
 * copying each one out (bench/: parse.10k).
 */
export function findVariableReferencesIn(
  text: string,
  lineStart: number,
  from: number,
  end: number,
  line: number,
  into: VariableReference[],
  unterminated?: ParseProblem[],
): void {
  let position = from;
  for (;;) {
    const open = indexOfPair(text, 123 /* { */, position, end);
    if (open < 0) return;
    const close = indexOfPair(text, 125 /* } */, open + 2, end);
    if (close < 0) {
      unterminated?.push({
        message: `line ${line + 1}: '{{' is never closed with '}}'`,
        span: { line, character: open - lineStart, length: end - open },
      });
      return;
    }
    const expression = text.slice(open + 2, close).trim();
    into.push({ expression, span: { line, character: open - lineStart, length: close + 2 - open } });
    position = close + 2;
  }
}

/**
 * The first offset in [from, end - 1) where `code` appears twice in a row, or -1. A loop, not
 * `indexOf`: indexOf cannot stop at the end of the line, so it searched on through the rest of
 * the document, which was slower on the bench file (bench/: parse.10k) and quadratic in a file
 * of unclosed `{{`. It reads every second character: any pair has one of its two there.
 */
function indexOfPair(text: string, code: number, from: number, end: number): number {
  for (let at = from + 1; at < end; at += 2) {
    if (text.charCodeAt(at) !== code) continue;
    if (text.charCodeAt(at - 1) === code) return at - 1;
    if (at + 1 < end && text.charCodeAt(at + 1) === code) return at;
  }
  return -1;
}
