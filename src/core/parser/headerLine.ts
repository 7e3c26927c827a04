import { isRegexSpace, isTokenChar } from './characters';
import type { LineIndex } from './lineIndex';
import type { ParsedHeader } from './types';

/**
 * `Name: value` on line `line`, exactly as `/^([token]+)[ \t]*:[ \t]*(.*?)\s*$/` reads it, without
 * the regex's per-character attempts at `\s*$` (the header line is the commonest line there is),
 * and read in place in the document (bench/: parse.10k).
 */
export function matchHeader(lines: LineIndex, line: number): ParsedHeader | undefined {
  const { text } = lines;
  const start = lines.starts[line];
  const end = lines.ends[line];
  let nameEnd = start;
  while (nameEnd < end && isTokenChar(text.charCodeAt(nameEnd))) nameEnd++;
  if (nameEnd === start) return undefined;
  let colon = nameEnd;
  while (colon < end && isSpaceOrTab(text.charCodeAt(colon))) colon++;
  if (colon === end || text.charCodeAt(colon) !== 58 /* : */) return undefined;
  let at = colon + 1;
  while (at < end && isSpaceOrTab(text.charCodeAt(at))) at++;
  let valueEnd = end;
  while (valueEnd > at && isRegexSpace(text.charCodeAt(valueEnd - 1))) valueEnd--;
  // `.` matches neither U+2028 nor U+2029: a value with one inside is not a header line.
  for (let inside = at; inside < valueEnd; inside++) {
    const code = text.charCodeAt(inside);
    if (code === 0x2028 || code === 0x2029) return undefined;
  }
  const value = text.slice(at, valueEnd);
  // An empty value is placed just after the colon. A value starting with ':' is where it is
  // written: searching for its text after the name found the separating colon instead
  // ('A : :' underlined column 2, not 4; found by test/unit/fuzz).
  const valueStart = value === '' ? colon + 1 : at;
  return {
    name: { text: text.slice(start, nameEnd), span: { line, character: 0, length: nameEnd - start } },
    value: { text: value, span: { line, character: valueStart - start, length: value.length } },
    line,
  };
}

function isSpaceOrTab(code: number): boolean {
  return code === 32 || code === 9;
}
