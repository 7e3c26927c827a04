import type { ParsedRequest, Span } from '../parser/types';
import type { ValueSource } from '../lint/findings';

export interface TextPosition {
  line: number;
  character: number;
}

/** A replacement of the text from `start` to `end` (an insertion when they are equal). */
export interface TextEdit {
  start: TextPosition;
  end: TextPosition;
  newText: string;
}

export function replaceSpan(span: Span, newText: string): TextEdit {
  return {
    start: { line: span.line, character: span.character },
    end: { line: span.line, character: span.character + span.length },
    newText,
  };
}

/**
 * Writes a new value where the header's value really comes from: the value itself, or
 * the `@name = …` definition it refers to. Undefined when the value comes from
 * somewhere a text edit must not touch (a response reference, `{{$etag}}`, the
 * environment): a fix never replaces a `{{…}}` with a literal silently.
 */
export function editValueAtSource(valueSpan: Span, source: ValueSource | undefined, newText: string): TextEdit | undefined {
  if (!source || source.kind === 'literal') return replaceSpan(valueSpan, newText);
  if (source.kind === 'file-variable') return replaceSpan(source.definitionSpan, newText);
  return undefined;
}

/** Deletes a whole line, its line break included. */
export function deleteLine(line: number, lineCount: number, lengthOf: (line: number) => number): TextEdit {
  if (line + 1 < lineCount) return { start: { line, character: 0 }, end: { line: line + 1, character: 0 }, newText: '' };
  // The last line has no line break of its own: take the one before it instead.
  if (line > 0) return { start: { line: line - 1, character: lengthOf(line - 1) }, end: { line, character: lengthOf(line) }, newText: '' };
  return { start: { line, character: 0 }, end: { line, character: lengthOf(line) }, newText: '' };
}

/**
 * Adds a header after the request's last header (or its request line), keeping the
 * blank line before the body where it is.
 */
export function insertHeader(request: ParsedRequest, name: string, value: string, lineCount: number, lastLineLength: number): TextEdit {
  const lastHeader = request.headers[request.headers.length - 1];
  const urlParts = request.requestLine.urlParts;
  const after = lastHeader ? lastHeader.line : urlParts[urlParts.length - 1].span.line;
  const text = `${name}: ${value}`;
  if (after + 1 < lineCount) return { start: { line: after + 1, character: 0 }, end: { line: after + 1, character: 0 }, newText: `${text}\n` };
  const end = { line: after, character: lastLineLength };
  return { start: end, end, newText: `\n${text}` };
}
