import type { ParseProblem, VariableReference } from './types';

/**
 * Finds every `{{…}}` on one line. Linear: one left-to-right scan with indexOf, so a
 * line of a million `{` cannot make it slow.
 */
export function findVariableReferences(
  text: string,
  line: number,
  from: number,
  into: VariableReference[],
  unterminated?: ParseProblem[],
): void {
  let position = from;
  for (;;) {
    const open = text.indexOf('{{', position);
    if (open < 0) return;
    const close = text.indexOf('}}', open + 2);
    if (close < 0) {
      unterminated?.push({
        message: `line ${line + 1}: '{{' is never closed with '}}'`,
        span: { line, character: open, length: text.length - open },
      });
      return;
    }
    const expression = text.slice(open + 2, close).trim();
    into.push({ expression, span: { line, character: open, length: close + 2 - open } });
    position = close + 2;
  }
}
