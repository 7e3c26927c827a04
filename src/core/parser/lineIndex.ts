import { isRegexSpace } from './characters';

/**
 * Where each line of a document starts and ends (its line break excluded), as offsets into
 * `text`. The parser reads lines in place through this rather than through `split()`: the
 * 110,000 line strings of the 10k-request bench file were garbage the moment the parse
 * ended, and collecting them was a good part of its time (bench/: parse.10k).
 */
export interface LineIndex {
  /** The document without its byte order mark. */
  text: string;
  starts: Int32Array;
  ends: Int32Array;
  count: number;
  /** No line ends in CR or CRLF, so consecutive lines joined with '\n' are a slice of `text`. */
  onlyLineFeeds: boolean;
}

/** Splits on CRLF, LF and lone CR, as editors do, so line numbers agree with theirs. */
export function indexLines(document: string): LineIndex {
  const text = document.charCodeAt(0) === 0xfeff ? document.slice(1) : document;
  const hasCarriageReturn = text.includes('\r');
  const count = hasCarriageReturn ? countLinesWithCarriageReturns(text) : countLines(text);
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  let line = 0;
  if (hasCarriageReturn) {
    for (let at = 0; at < text.length; at++) {
      const code = text.charCodeAt(at);
      if (code !== 10 && code !== 13) continue;
      ends[line] = at;
      if (code === 13 && text.charCodeAt(at + 1) === 10) at++;
      starts[++line] = at + 1;
    }
  } else {
    // indexOf is native and far faster than a loop over every character.
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
      ends[line] = at;
      starts[++line] = at + 1;
    }
  }
  ends[line] = text.length;
  return { text, starts, ends, count, onlyLineFeeds: !hasCarriageReturn };
}

function countLines(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

function countLinesWithCarriageReturns(text: string): number {
  let count = 1;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 10) count++;
    else if (code === 13) {
      count++;
      if (text.charCodeAt(at + 1) === 10) at++;
    }
  }
  return count;
}

/** The text of one line, for the paths that are rare enough to afford a copy and a regex. */
export function lineText(lines: LineIndex, line: number): string {
  return lines.text.slice(lines.starts[line], lines.ends[line]);
}

/** The first offset in [from, end) that is not whitespace, or `end`. */
export function skipSpaces(text: string, from: number, end: number): number {
  let at = from;
  while (at < end && isRegexSpace(text.charCodeAt(at))) at++;
  return at;
}

/** The offset just after the last non-whitespace character in [start, end), or `start`. */
export function trimmedEnd(text: string, start: number, end: number): number {
  let at = end;
  while (at > start && isRegexSpace(text.charCodeAt(at - 1))) at--;
  return at;
}

/** Whether the line is empty or only whitespace: what `line.trim() === ''` said. */
export function isBlankLine(lines: LineIndex, line: number): boolean {
  const end = lines.ends[line];
  return skipSpaces(lines.text, lines.starts[line], end) === end;
}

/** `^\s*(#|\/\/)`: a comment line. */
export function isCommentLine(lines: LineIndex, line: number): boolean {
  return commentMarkerEnd(lines, line) >= 0;
}

/** Where the `#` or `//` that makes the line a comment ends, or -1 when it is not a comment. */
export function commentMarkerEnd(lines: LineIndex, line: number): number {
  const { text } = lines;
  const end = lines.ends[line];
  const at = skipSpaces(text, lines.starts[line], end);
  if (at === end) return -1;
  const code = text.charCodeAt(at);
  if (code === 35 /* # */) return at + 1;
  return code === 47 /* / */ && at + 1 < end && text.charCodeAt(at + 1) === 47 ? at + 2 : -1;
}
